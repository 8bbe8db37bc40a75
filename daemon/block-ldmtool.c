/* Windows dynamic disks (LDM) through ldmtool: ldmtool_scan,
 * ldmtool_scan_devices, ldmtool_create_all, ldmtool_remove_all, and the
 * ldmtool_diskgroup_* and ldmtool_volume_* queries, which read one member
 * of the JSON object "ldmtool show ..." prints.
 *
 * The JSON reader below knows just enough for that output (objects,
 * arrays, strings, numbers, literals); anything it does not understand
 * is an error, never a crash. */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* ---- running ldmtool ---------------------------------------------------- */

/* Run "ldmtool ARGS..." and return its stdout; NULL after replying with
 * ldmtool's message ("No such disk group: ..."). */
static char *
ldmtool (const char *const *argv)
{
  char *out = NULL;
  CLEANUP_FREE char *err = NULL;

  /* ldmtool would read a name starting with '-' as an option. */
  for (size_t i = 2; argv[i]; i++)
    if (argv[i][0] == '-') {
      reply_with_error_errno (EINVAL, "%s: invalid argument", argv[i]);
      return NULL;
    }
  if (commandvf (&out, &err, 0, argv) == 0)
    return out;
  /* ldmtool prints some of its complaints on stdout. */
  const char *msg = err && *err ? err : out;
  if (msg)
    trim_newlines ((char *) msg);
  reply_with_error ("%s", msg && *msg ? msg : "ldmtool failed");
  free (out);
  return NULL;
}

/* ---- a small JSON reader ------------------------------------------------ */

struct json {
  const char *p;
};

static void
json_ws (struct json *j)
{
  while (isspace ((unsigned char) *j->p))
    j->p++;
}

/* A string at j->p, unescaped and malloc'd; NULL if malformed. */
static char *
json_string (struct json *j)
{
  json_ws (j);
  if (*j->p != '"')
    return NULL;
  j->p++;
  /* Unescaping never makes the text longer. */
  char *r = malloc (strlen (j->p) + 1), *q = r;
  if (r == NULL)
    return NULL;
  while (*j->p && *j->p != '"') {
    char c = *j->p++;
    if (c == '\\') {
      if (*j->p == '\0')
        break;
      c = *j->p++;
      switch (c) {
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'r': c = '\r'; break;
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case '"': case '\\': case '/': break;
      case 'u':        /* keep \uXXXX as it is: names are ASCII */
        *q++ = '\\';
        break;
      default:
        free (r);
        return NULL;
      }
    }
    *q++ = c;
  }
  if (*j->p != '"') {
    free (r);
    return NULL;
  }
  j->p++;
  *q = '\0';
  return r;
}

/* Step over any value; -1 if malformed.  DEPTH bounds the recursion. */
static int
json_skip (struct json *j, int depth)
{
  json_ws (j);
  if (depth > 32)
    return -1;
  if (*j->p == '"') {
    char *s = json_string (j);
    int ok = s != NULL;
    free (s);
    return ok ? 0 : -1;
  }
  if (*j->p == '{' || *j->p == '[') {
    char close = *j->p == '{' ? '}' : ']';
    j->p++;
    json_ws (j);
    if (*j->p == close) {
      j->p++;
      return 0;
    }
    for (;;) {
      if (close == '}') {
        CLEANUP_FREE char *key = json_string (j);
        json_ws (j);
        if (key == NULL || *j->p++ != ':')
          return -1;
      }
      if (json_skip (j, depth + 1) == -1)
        return -1;
      json_ws (j);
      if (*j->p == ',') {
        j->p++;
        continue;
      }
      if (*j->p != close)
        return -1;
      j->p++;
      return 0;
    }
  }
  /* number, true, false, null */
  const char *start = j->p;
  while (*j->p && (isalnum ((unsigned char) *j->p) || strchr ("+-.", *j->p)))
    j->p++;
  return j->p > start ? 0 : -1;
}

/* Position J at the value of member KEY of the top-level object: 1 found,
 * 0 absent, -1 malformed. */
static int
json_find_member (struct json *j, const char *key)
{
  json_ws (j);
  if (*j->p++ != '{')
    return -1;
  json_ws (j);
  if (*j->p == '}')
    return 0;
  for (;;) {
    CLEANUP_FREE char *k = json_string (j);
    json_ws (j);
    if (k == NULL || *j->p++ != ':')
      return -1;
    if (strcmp (k, key) == 0)
      return 1;
    if (json_skip (j, 0) == -1)
      return -1;
    json_ws (j);
    if (*j->p == '}')
      return 0;
    if (*j->p++ != ',')
      return -1;
  }
}

/* An array of strings at J; NULL after replying. */
static char **
json_string_array (struct json *j)
{
  DECLARE_STRINGSBUF (sb);
  json_ws (j);
  if (*j->p++ != '[')
    goto bad;
  json_ws (j);
  if (*j->p == ']')
    j->p++;
  else
    for (;;) {
      char *s = json_string (j);
      if (s == NULL)
        goto bad;
      if (add_string_nodup (&sb, s) == -1)
        return NULL;
      json_ws (j);
      if (*j->p == ']') {
        j->p++;
        break;
      }
      if (*j->p++ != ',')
        goto bad;
    }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
 bad:
  free_stringsbuf (&sb);
  reply_with_error ("could not parse the output of ldmtool");
  return NULL;
}

/* ---- the calls ---------------------------------------------------------- */

/* Run "ldmtool show WHAT ARG1 [ARG2]" and position J (reading *OUT, to
 * be freed) at member KEY of the object it prints: 1 found, 0 absent,
 * -1 after replying. */
static int
show_member (const char *what, const char *arg1, const char *arg2,
             const char *key, char **out, struct json *j)
{
  const char *argv[] = { "ldmtool", "show", what, arg1, arg2, NULL };
  *out = ldmtool (argv);
  if (*out == NULL)
    return -1;
  j->p = *out;
  int found = json_find_member (j, key);
  if (found == -1)
    reply_with_error ("could not parse the output of ldmtool");
  return found;
}

/* Member KEY as a string; DFLT (if non-NULL) when it is absent. */
static char *
show_string (const char *what, const char *arg1, const char *arg2,
             const char *key, const char *dflt)
{
  CLEANUP_FREE char *out = NULL;
  struct json j;
  int found = show_member (what, arg1, arg2, key, &out, &j);
  char *r = NULL;

  if (found == 1 && (r = json_string (&j)) == NULL)
    reply_with_error ("could not parse the output of ldmtool");
  else if (found == 0 && dflt == NULL)
    reply_with_error ("ldmtool show %s: no \"%s\" in the output", what, key);
  else if (found == 0 && (r = strdup (dflt)) == NULL)
    reply_with_perror ("strdup");
  return r;
}

/* Member KEY as an array of strings (absent: an empty list). */
static char **
show_array (const char *what, const char *arg1, const char *arg2,
            const char *key)
{
  CLEANUP_FREE char *out = NULL;
  struct json j;
  int found = show_member (what, arg1, arg2, key, &out, &j);

  if (found == 1)
    return json_string_array (&j);
  if (found == -1)
    return NULL;
  char **r = calloc (1, sizeof (char *));
  if (r == NULL)
    reply_with_perror ("calloc");
  return r;
}

char **
do_ldmtool_scan_devices (char *const *devices)
{
  size_t n = count_strings (devices);
  const char **argv = calloc (n + 3, sizeof *argv);
  if (argv == NULL) {
    reply_with_perror ("calloc");
    return NULL;
  }
  argv[0] = "ldmtool";
  argv[1] = "scan";
  for (size_t i = 0; i < n; i++)
    argv[i + 2] = devices[i];
  CLEANUP_FREE char *out = ldmtool (argv);
  free (argv);
  if (out == NULL)
    return NULL;
  struct json j = { out };
  return json_string_array (&j);
}

char **
do_ldmtool_scan (void)
{
  char *const none[] = { NULL };
  return do_ldmtool_scan_devices (none);
}

static int
ldmtool_all (const char *verb)
{
  const char *argv[] = { "ldmtool", verb, "all", NULL };
  CLEANUP_FREE char *out = ldmtool (argv);
  return out ? 0 : -1;
}

int
do_ldmtool_create_all (void)
{
  return ldmtool_all ("create");
}

int
do_ldmtool_remove_all (void)
{
  return ldmtool_all ("remove");
}

char *
do_ldmtool_diskgroup_name (const char *diskgroup)
{
  return show_string ("diskgroup", diskgroup, NULL, "name", NULL);
}

char **
do_ldmtool_diskgroup_volumes (const char *diskgroup)
{
  return show_array ("diskgroup", diskgroup, NULL, "volumes");
}

char **
do_ldmtool_diskgroup_disks (const char *diskgroup)
{
  return show_array ("diskgroup", diskgroup, NULL, "disks");
}

char *
do_ldmtool_volume_type (const char *diskgroup, const char *volume)
{
  return show_string ("volume", diskgroup, volume, "type", NULL);
}

char *
do_ldmtool_volume_hint (const char *diskgroup, const char *volume)
{
  /* Volumes without a drive-letter hint have no "hint" member. */
  return show_string ("volume", diskgroup, volume, "hint", "");
}

char **
do_ldmtool_volume_partitions (const char *diskgroup, const char *volume)
{
  return show_array ("volume", diskgroup, volume, "partitions");
}
