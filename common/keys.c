/* guestferry common code: reading a key from the user, on /dev/tty
 * (echo off unless --echo-keys) or, with --keys-from-stdin, from stdin.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "keys.h"

int keys_from_stdin;
int echo_keys;

/* Prompts on OUT and turns echo off on IN; returns 1 when echo must be
 * restored from *OLD afterwards.
 */
static int
prompt (FILE *in, FILE *out, const char *what, struct termios *old)
{
  struct termios noecho;

  fprintf (out, "Enter key or passphrase (\"%s\"): ", what);
  fflush (out);
  if (echo_keys || tcgetattr (fileno (in), old) == -1)
    return 0;
  noecho = *old;
  noecho.c_lflag &= ~ECHO;
  return tcsetattr (fileno (in), TCSAFLUSH, &noecho) == 0;
}

char *
read_key (const char *what)
{
  FILE *in = stdin, *tty = NULL, *out;
  struct termios old;
  int restore = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  if (!keys_from_stdin && (tty = fopen ("/dev/tty", "w+")) != NULL)
    in = tty;
  out = tty ? tty : stdout;
  /* Piped keys are read silently: no prompt in the output. */
  if (tty || isatty (fileno (in)))
    restore = prompt (in, out, what, &old);
  len = getline (&line, &cap, in);
  if (restore) {
    tcsetattr (fileno (in), TCSAFLUSH, &old);
    fprintf (out, "\n");
  }
  if (tty)
    fclose (tty);
  if (len == -1) {
    fprintf (stderr, "%s: could not read the key for \"%s\"\n",
             program_invocation_short_name, what);
    free (line);
    return NULL;
  }
  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  return line;
}

void
free_key (char *key)
{
  if (key) {
    memset (key, 0, strlen (key));
    free (key);
  }
}
