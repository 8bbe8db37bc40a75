/* guestfish: find and run one command, with an optional pipe to a host
 * command; the `help` listing.
 */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "fish-internal.h"

void
fish_normalise_name (char *name)
{
  for (; *name; ++name)
    if (*name == '_')
      *name = '-';
}

/* Is NAME one of the space-separated names in LIST? */
static int
in_alias_list (const char *list, const char *name)
{
  size_t len = strlen (name);

  while (list && *list) {
    const char *end = strchr (list, ' ');
    size_t l = end ? (size_t) (end - list) : strlen (list);
    if (l == len && strncasecmp (list, name, len) == 0)
      return 1;
    list = end ? end + 1 : NULL;
  }
  return 0;
}

static const struct fish_command *
find_in (const struct fish_command *tab, const char *name)
{
  size_t i;

  for (i = 0; tab[i].name; ++i)
    if (strcasecmp (tab[i].name, name) == 0 || in_alias_list (tab[i].alias, name))
      return &tab[i];
  return NULL;
}

const struct fish_command *
find_command (const char *name)
{
  char *n = strdup (name);
  const struct fish_command *c;

  if (!n)
    return NULL;
  fish_normalise_name (n);
  c = find_in (fish_builtins, n);
  if (!c)
    c = find_in (fish_commands, n);
  free (n);
  return c;
}

static void
unknown_command (const char *cmd)
{
  fprintf (stderr, "%s: unknown command\n", cmd);
  if (command_num == 0)
    fprintf (stderr,
             "Did you mean to open a disk image?  guestfish -a disk.img\n"
             "For a list of commands:             guestfish -h\n"
             "For complete documentation:         man guestfish\n");
}

static int
run_command (const char *cmd, char *argv[])
{
  const struct fish_command *c = find_command (cmd);
  size_t argc = 0;
  int r;

  while (argv && argv[argc])
    argc++;
  if (!c) {
    unknown_command (cmd);
    command_num++;
    return -1;
  }
  /* counted before running, so that "time foo" is not the first command */
  command_num++;
  r = c->run (cmd, argc, argv);
  return r == 0 ? 0 : -1;
}

/* Run CMD with stdout sent to the host command PIPE_CMD. */
static int
run_piped (const char *cmd, char *argv[], const char *pipe_cmd)
{
  FILE *pp;
  int saved, r, st;

  fflush (stdout);
  pp = popen (pipe_cmd, "w");
  if (!pp) {
    perror ("popen");
    return -1;
  }
  saved = dup (STDOUT_FILENO);
  if (saved == -1 || dup2 (fileno (pp), STDOUT_FILENO) == -1) {
    perror ("dup");
    pclose (pp);
    return -1;
  }
  r = run_command (cmd, argv);
  if (fflush (stdout) == EOF && pipe_error)
    r = -1;
  clearerr (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  st = pclose (pp);
  if (pipe_error && st != 0)
    r = -1;
  return r;
}

int
issue_command (const char *cmd, char *argv[], const char *pipe_cmd,
               int rc_exits_on_error)
{
  int r;

  if (pipe_cmd)
    return run_piped (cmd, argv, pipe_cmd);
  r = run_command (cmd, argv);
  /* keep stdout and stderr in order when both go to one file */
  fflush (stdout);
  return r;
}

/* ---- the `help` listing ---- */

struct listing { const char *name; const char *desc; const char *target; };

/* Sort as the reference does: '-' sorts like '_' (after digits and
 * capitals). */
static int
cmp_names (const void *a, const void *b)
{
  const char *x = ((const struct listing *) a)->name;
  const char *y = ((const struct listing *) b)->name;

  for (;; ++x, ++y) {
    int cx = *x == '-' ? '_' : (unsigned char) *x;
    int cy = *y == '-' ? '_' : (unsigned char) *y;
    if (cx != cy || cx == 0)
      return cx - cy;
  }
}

static size_t
count_entries (const struct fish_command *tab)
{
  size_t i, n = 0;

  for (i = 0; tab[i].name; ++i) {
    const char *a = tab[i].alias;
    n++;
    while (a && *a) {
      n++;
      a = strchr (a, ' ');
      if (a)
        a++;
    }
  }
  return n;
}

/* Historical "-opts" names are accepted but not listed. */
static int
is_opts_alias (const char *name)
{
  size_t len = strlen (name);

  return len > 5 && strcmp (name + len - 5, "-opts") == 0;
}

static const struct fish_command *
first_with_run (const struct fish_command *tab, size_t i)
{
  size_t j;

  for (j = 0; j < i; ++j)
    if (tab[j].run == tab[i].run)
      return &tab[j];
  return NULL;
}

static size_t
add_entries (const struct fish_command *tab, struct listing *l, size_t n)
{
  size_t i;

  for (i = 0; tab[i].name; ++i) {
    const char *a = tab[i].alias;
    const struct fish_command *first = first_with_run (tab, i);
    if (strcmp (tab[i].name, "help") == 0 || strcmp (tab[i].name, "quit") == 0)
      continue;
    if (first) {
      /* a table row that repeats a command under another name is an alias */
      if (!is_opts_alias (tab[i].name)) {
        l[n].name = strdup (tab[i].name);
        l[n].desc = NULL;
        l[n++].target = first->name;
      }
      continue;
    }
    l[n].name = tab[i].name;
    l[n].desc = tab[i].shortdesc;
    l[n++].target = NULL;
    while (a && *a) {
      const char *end = strchr (a, ' ');
      size_t len = end ? (size_t) (end - a) : strlen (a);
      char *name = strndup (a, len);
      if (name && !is_opts_alias (name)) {
        l[n].name = name;
        l[n].desc = NULL;
        l[n++].target = tab[i].name;
      }
      else
        free (name);
      a = end ? end + 1 : NULL;
    }
  }
  return n;
}

void
list_commands (void)
{
  size_t total = count_entries (fish_builtins) + count_entries (fish_commands);
  struct listing *l = calloc (total + 1, sizeof *l);
  size_t n = 0, i;

  if (!l) {
    perror ("calloc");
    return;
  }
  printf ("    %-20s %s\n", "Command", "Description");
  printf ("%-20s %s\n", "help", "display a list of commands or help on a command");
  printf ("%-20s %s\n", "quit", "quit guestfish");
  n = add_entries (fish_builtins, l, n);
  n = add_entries (fish_commands, l, n);
  qsort (l, n, sizeof *l, cmp_names);
  for (i = 0; i < n; ++i) {
    if (l[i].target) {
      char buf[256];
      snprintf (buf, sizeof buf, "alias for '%s'", l[i].target);
      printf ("%-20s %s\n", l[i].name, buf);
      free ((char *) l[i].name);
    }
    else
      printf ("%-20s %s\n", l[i].name, l[i].desc ? l[i].desc : "");
  }
  printf ("    Use -h <cmd> / help <cmd> to show detailed help for a command.\n");
  free (l);
}

int
display_command (const char *cmd)
{
  const struct fish_command *c = find_command (cmd);

  if (!c) {
    fprintf (stderr, "%s: command not known: use -h to list all commands\n", cmd);
    return -1;
  }
  if (c->help)
    fputs (c->help, stdout);
  return 0;
}
