/* guestfish: readline tab completion of command names (first word) and
 * local file names (other words).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <readline/readline.h>

#include "fish-internal.h"

/* Iterate over every command name and alias of both tables. */
static char *
next_name (const char *text, int state)
{
  static size_t table, idx, alias_off;
  static const struct fish_command *const tables[] = { fish_builtins, fish_commands };
  size_t len = strlen (text);

  if (state == 0) {
    table = idx = alias_off = 0;
  }
  while (table < 2) {
    const struct fish_command *c = &tables[table][idx];
    const char *cand = NULL;
    size_t clen = 0;

    if (!c->name) {
      table++;
      idx = alias_off = 0;
      continue;
    }
    if (alias_off == 0) {
      cand = c->name;
      clen = strlen (cand);
      alias_off = 1;
    }
    else if (c->alias && alias_off - 1 < strlen (c->alias)) {
      const char *a = c->alias + alias_off - 1;
      const char *sp = strchr (a, ' ');
      clen = sp ? (size_t) (sp - a) : strlen (a);
      cand = a;
      alias_off += clen + 1;
    }
    else {
      idx++;
      alias_off = 0;
      continue;
    }
    if (clen >= len && strncmp (cand, text, len) == 0)
      return strndup (cand, clen);
  }
  return NULL;
}

static char **
complete (const char *text, int start, int end)
{
  int i = 0;

  /* only the first word is a command */
  while (i < start && (rl_line_buffer[i] == ' ' || rl_line_buffer[i] == '\t'))
    i++;
  if (i == start)
    return rl_completion_matches (text, next_name);
  return NULL;   /* let readline complete local file names */
}

void
fish_init_completion (void)
{
  rl_attempted_completion_function = complete;
}
