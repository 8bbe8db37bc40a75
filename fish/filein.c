/* guestfish: FileIn arguments.  "-" means all of stdin, "-<<END" a
 * here-document read from the command input up to a line "END"; both are
 * staged in a temporary file whose name is passed to the library.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fish-internal.h"

extern FILE *fish_input;   /* shell.c */

/* The temporary files we made, so that only those are deleted. */
#define NTEMPS 16
static char *temps[NTEMPS];

static void
remember_temp (const char *name)
{
  size_t i;

  for (i = 0; i < NTEMPS; ++i)
    if (!temps[i]) {
      temps[i] = strdup (name);
      return;
    }
}

static char *
make_temp (int *fd)
{
  const char *tmpdir = getenv ("TMPDIR");
  char *name;

  if (asprintf (&name, "%s/guestfishXXXXXX", tmpdir ? tmpdir : "/tmp") == -1)
    return NULL;
  *fd = mkstemp (name);
  if (*fd == -1) {
    perror (name);
    free (name);
    return NULL;
  }
  return name;
}

static int
write_all (int fd, const char *buf, size_t len)
{
  while (len > 0) {
    ssize_t r = write (fd, buf, len);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    buf += r;
    len -= r;
  }
  return 0;
}

static int
copy_stdin (int fd)
{
  char buf[65536];
  size_t r;

  /* through stdio: the script reader may already hold buffered input */
  while ((r = fread (buf, 1, sizeof buf, stdin)) > 0)
    if (write_all (fd, buf, r) == -1)
      return -1;
  return ferror (stdin) ? -1 : 0;
}

static int
copy_heredoc (int fd, const char *marker)
{
  FILE *in = fish_input ? fish_input : stdin;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  while ((len = getline (&line, &cap, in)) != -1) {
    size_t l = len;
    if (l > 0 && line[l - 1] == '\n')
      l--;
    if (l == strlen (marker) && strncmp (line, marker, l) == 0) {
      free (line);
      return 0;
    }
    if (write_all (fd, line, len) == -1) {
      free (line);
      return -1;
    }
  }
  free (line);
  fprintf (stderr, "%s: end of input reached without finding \u2018%s\u2019\n",
           program_name, marker);
  return -1;
}

char *
fish_file_in (const char *arg)
{
  int fd, r;
  char *name;

  if (strcmp (arg, "-") != 0 && strncmp (arg, "-<<", 3) != 0)
    return strdup (arg);
  if (arg[1] == '<' && arg[3] == '\0') {
    fprintf (stderr, "%s: missing end marker after -<<\n", program_name);
    return NULL;
  }
  name = make_temp (&fd);
  if (!name)
    return NULL;
  r = arg[1] == '\0' ? copy_stdin (fd) : copy_heredoc (fd, arg + 3);
  if (close (fd) == -1 || r == -1) {
    if (r != -1 || errno)
      perror (name);
    unlink (name);
    free (name);
    return NULL;
  }
  remember_temp (name);
  return name;
}

void
fish_free_file_in (char *name)
{
  size_t i;

  if (!name)
    return;
  for (i = 0; i < NTEMPS; ++i)
    if (temps[i] && strcmp (temps[i], name) == 0) {
      unlink (name);
      free (temps[i]);
      temps[i] = NULL;
    }
  free (name);
}
