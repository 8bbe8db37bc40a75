/* Line-oriented reads: head, head_n, tail, tail_n, wc_c, wc_l, wc_w. */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Run PROG -n COUNT on PATH and split the output into lines. */
static char **
lines_of (const char *prog, const char *count, const char *path)
{
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return NULL;
  if (count == NULL) {          /* zero lines wanted */
    DECLARE_STRINGSBUF (sb);
    if (end_stringsbuf (&sb) == -1)
      return NULL;
    return take_stringsbuf (&sb);
  }
  const char *argv[] = { prog, "-n", count, "--", real, NULL };
  CLEANUP_FREE char *out = files_run (prog, -1, argv);
  if (out == NULL)
    return NULL;
  return split_lines (out);
}

char **
do_head_n (int nrlines, const char *path)
{
  char n[32];
  /* head -n -N prints all but the last N lines. */
  snprintf (n, sizeof n, "%d", nrlines);
  return lines_of ("head", nrlines ? n : NULL, path);
}

char **
do_head (const char *path)
{
  return do_head_n (10, path);
}

char **
do_tail_n (int nrlines, const char *path)
{
  char n[32];
  /* A negative count means "from line -N on": tail -n +N. */
  if (nrlines < 0)
    snprintf (n, sizeof n, "+%lld", -(long long) nrlines);
  else
    snprintf (n, sizeof n, "%d", nrlines);
  return lines_of ("tail", nrlines ? n : NULL, path);
}

char **
do_tail (const char *path)
{
  return do_tail_n (10, path);
}

/* Count bytes, newlines and words of a regular file in one pass. */
enum wc_what { WC_BYTES, WC_LINES, WC_WORDS };

static int
wc (const char *path, enum wc_what what)
{
  CLEANUP_CLOSE int fd = sysroot_open (path, O_RDONLY | O_NOCTTY, 0);
  struct stat st;
  char buf[65536];
  long long bytes = 0, lines = 0, words = 0;
  int inword = 0;

  if (fd == -1)
    return reply_with_perror ("%s", path);
  if (fstat (fd, &st) == 0 && S_ISDIR (st.st_mode))
    return reply_with_error_errno (EISDIR, "%s: Is a directory", path);
  for (;;) {
    ssize_t r = read (fd, buf, sizeof buf);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      return reply_with_perror ("read: %s", path);
    }
    if (r == 0)
      break;
    bytes += r;
    for (ssize_t i = 0; i < r; i++) {
      unsigned char c = buf[i];
      if (c == '\n')
        lines++;
      if (isspace (c))
        inword = 0;
      else if (!inword) {
        inword = 1;
        words++;
      }
    }
  }
  long long v = what == WC_BYTES ? bytes : what == WC_LINES ? lines : words;
  if (v > 0x7fffffff)
    return reply_with_error_errno (EOVERFLOW, "%s: count too large", path);
  return (int) v;
}

int
do_wc_c (const char *path)
{
  return wc (path, WC_BYTES);
}

int
do_wc_l (const char *path)
{
  return wc (path, WC_LINES);
}

int
do_wc_w (const char *path)
{
  return wc (path, WC_WORDS);
}
