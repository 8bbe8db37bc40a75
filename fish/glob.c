/* guestfish: `glob CMD ARGS...`: expand guest path wildcards in ARGS and
 * run CMD once for every combination (Cartesian product).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fish-internal.h"
#include "optcalls.h"


static int
has_wildcard (const char *s)
{
  return s[0] == '/' && strpbrk (s, "*?[") != NULL;
}

/* Expansion of one argument: the matches, or the argument itself. */
static char **
expand_one (const char *arg)
{
  char **v;

  if (has_wildcard (arg)) {
    v = opt_glob_expand (g, arg);
    if (!v) {
      fprintf (stderr, "glob: guestfs_glob_expand call failed: %s\n", arg);
      return NULL;
    }
    if (v[0])
      return v;
    free (v);
  }
  v = calloc (2, sizeof *v);
  if (v)
    v[0] = strdup (arg);
  return v;
}

static int
product (char ***lists, size_t n, size_t i, char **cur, const char *cmd)
{
  size_t j;
  int r = 0;

  if (i == n)
    return issue_command (cmd, cur, NULL, 1);
  for (j = 0; lists[i][j]; ++j) {
    cur[i] = lists[i][j];
    if (product (lists, n, i + 1, cur, cmd) == -1)
      r = -1;
  }
  return r;
}

int
run_glob (const char *cmd, size_t argc, char *argv[])
{
  char ***lists;
  char **cur;
  size_t n, i;
  int r = -1;

  if (argc < 1) {
    fprintf (stderr, "use 'glob command [args...]'\n");
    return -1;
  }
  n = argc - 1;
  lists = calloc (n + 1, sizeof *lists);
  cur = calloc (n + 1, sizeof *cur);
  if (!lists || !cur)
    goto out;
  for (i = 0; i < n; ++i) {
    lists[i] = expand_one (argv[i + 1]);
    if (!lists[i])
      goto out;
  }
  r = product (lists, n, 0, cur, argv[0]);
 out:
  for (i = 0; lists && i < n; ++i)
    fish_free_strings (lists[i]);
  free (lists);
  free (cur);
  return r;
}
