/* guestfish: argument conversion and output helpers used by the generated
 * command functions.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fish-internal.h"
#include "xstrtol.h"

void
fish_cleanup_strings (void *p)
{
  fish_free_strings (*(char ***) p);
}

int
fish_parse_bool (const char *cmd, const char *argname, const char *s)
{
  static const char *const yes[] = { "1", "true", "t", "yes", "y", "on", NULL };
  static const char *const no[] = { "0", "false", "f", "no", "n", "off", NULL };
  size_t i;

  for (i = 0; yes[i]; ++i)
    if (strcasecmp (s, yes[i]) == 0)
      return 1;
  for (i = 0; no[i]; ++i)
    if (strcasecmp (s, no[i]) == 0)
      return 0;
  fprintf (stderr, "%s: '%s': invalid boolean value, use 'true' or 'false'\n",
           program_name, s);
  return -1;
}

int
fish_parse_int64 (const char *cmd, const char *argname, const char *s,
                  int64_t min, int64_t max, int64_t *ret)
{
  long long r;
  int err = fish_xstrtoll (s, &r);

  if (err != 0) {
    fprintf (stderr, "%s: %s: invalid integer parameter (xstrtoll returned %d)\n",
             cmd, argname, err);
    return -1;
  }
  if (r < min || r > max) {
    fprintf (stderr, "%s: %s: integer out of range\n", cmd, argname);
    return -1;
  }
  *ret = r;
  return 0;
}

int
fish_parse_size (const char *s, int64_t *ret)
{
  unsigned long long r;
  int err = fish_xstrtoull (s, &r);

  if (err != 0) {
    fprintf (stderr, "parse_size: invalid integer parameter (xstrtoull returned %d)\n",
             err);
    return -1;
  }
  if (r > INT64_MAX) {
    fprintf (stderr, "parse_size: size out of range\n");
    return -1;
  }
  *ret = (int64_t) r;
  return 0;
}

/* Growable string vector. */
struct strvec { char **v; size_t n, cap; };

static int
strvec_push (struct strvec *sv, char *s)
{
  if (sv->n + 2 > sv->cap) {
    size_t ncap = sv->cap ? sv->cap * 2 : 8;
    char **nv = realloc (sv->v, ncap * sizeof *nv);
    if (!nv)
      return -1;
    sv->v = nv;
    sv->cap = ncap;
  }
  sv->v[sv->n++] = s;
  sv->v[sv->n] = NULL;
  return 0;
}

/* Split a StringList argument on whitespace.  Single quotes protect
 * whitespace; backslash escapes the next character (so \' is a quote). */
char **
fish_parse_string_list (const char *s)
{
  struct strvec sv = { NULL, 0, 0 };
  size_t len = strlen (s);
  char *tok = malloc (len + 1);

  if (!tok)
    return NULL;
  if (strvec_push (&sv, NULL) == -1)   /* make sure we return a vector */
    goto fail;
  sv.n = 0;

  while (*s) {
    size_t n = 0;
    int inq = 0;

    while (*s == ' ' || *s == '\t' || *s == '\n')
      s++;
    if (!*s)
      break;
    while (*s && (inq || !(*s == ' ' || *s == '\t' || *s == '\n'))) {
      if (*s == '\\' && s[1]) {
        tok[n++] = s[1];
        s += 2;
      }
      else if (*s == '\'') {
        inq = !inq;
        s++;
      }
      else
        tok[n++] = *s++;
    }
    if (inq) {
      fprintf (stderr, "%s: unterminated single quote in list\n", program_name);
      goto fail;
    }
    tok[n] = '\0';
    char *copy = strdup (tok);
    if (!copy || strvec_push (&sv, copy) == -1) {
      free (copy);
      goto fail;
    }
  }
  free (tok);
  return sv.v;

 fail:
  free (tok);
  fish_free_strings (sv.v);
  return NULL;
}

void
fish_free_strings (char **v)
{
  size_t i;

  if (!v)
    return;
  for (i = 0; v[i]; ++i)
    free (v[i]);
  free (v);
}

void
fish_print_strings (char *const *v)
{
  size_t i;

  for (i = 0; v && v[i]; ++i)
    printf ("%s\n", v[i]);
}

void
fish_print_table (char *const *v)
{
  size_t i;

  for (i = 0; v && v[i] && v[i + 1]; i += 2)
    printf ("%s: %s\n", v[i], v[i + 1]);
}

void
fish_print_buffer (const char *buf, size_t len)
{
  if (len > 0 && fwrite (buf, 1, len, stdout) != len)
    perror ("write");
}

int
fish_usage_error (const char *cmd)
{
  const struct fish_command *c = find_command (cmd);

  fprintf (stderr, "error: incorrect number of arguments\n");
  if (c && c->synopsis)
    fprintf (stderr, "usage: %s\n", c->synopsis);
  fprintf (stderr, "type 'help %s' for more help on %s\n", cmd, cmd);
  return -1;
}

int
fish_unknown_optarg (const char *cmd, const char *arg)
{
  fprintf (stderr, "%s: unknown optional argument \"%s\"\n", cmd, arg);
  return -1;
}

int
fish_duplicate_optarg (const char *cmd, const char *name)
{
  fprintf (stderr, "%s: optional argument \"%s\" given more than once\n",
           cmd, name);
  return -1;
}

char *
fish_file_out (const char *arg)
{
  if (strcmp (arg, "-") == 0)
    return strdup ("/dev/stdout");
  return strdup (arg);
}
