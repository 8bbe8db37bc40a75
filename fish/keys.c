/* guestfish: reading Key arguments (passphrases) from the terminal or,
 * with --keys-from-stdin, from stdin.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "fish-internal.h"

char *
fish_read_key (const char *param)
{
  FILE *in = stdin, *tty = NULL;
  struct termios old, noecho;
  int restore = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  if (!keys_from_stdin) {
    tty = fopen ("/dev/tty", "w+");
    if (tty)
      in = tty;
  }
  if (tty || isatty (fileno (in))) {
    fprintf (tty ? tty : stdout, "Enter key or passphrase (\"%s\"): ", param);
    fflush (tty ? tty : stdout);
    if (!echo_keys && tcgetattr (fileno (in), &old) == 0) {
      noecho = old;
      noecho.c_lflag &= ~ECHO;
      restore = tcsetattr (fileno (in), TCSAFLUSH, &noecho) == 0;
    }
  }
  len = getline (&line, &cap, in);
  if (restore) {
    tcsetattr (fileno (in), TCSAFLUSH, &old);
    fprintf (tty ? tty : stdout, "\n");
  }
  if (tty)
    fclose (tty);
  if (len == -1) {
    fprintf (stderr, "%s: could not read the key for \"%s\"\n", program_name, param);
    free (line);
    return NULL;
  }
  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  return line;
}

void
fish_free_key (char *key)
{
  if (key) {
    memset (key, 0, strlen (key));
    free (key);
  }
}
