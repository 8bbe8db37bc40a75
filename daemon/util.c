/* Logging and cleanup helpers. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "daemon.h"

int verbose;

static void
vlog (const char *fmt, va_list ap)
{
  int saved = errno;
  fputs ("guestfsd: ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  errno = saved;
}

void
debug (const char *fmt, ...)
{
  va_list ap;
  if (!verbose)
    return;
  va_start (ap, fmt);
  vlog (fmt, ap);
  va_end (ap);
}

void
log_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vlog (fmt, ap);
  va_end (ap);
}

int
write_all (int fd, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0) {
    ssize_t r = write (fd, p, len);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += r;
    len -= r;
  }
  return 0;
}

void
cleanup_free (void *ptr)
{
  free (*(void **) ptr);
}

void
cleanup_free_string_list (void *ptr)
{
  free_string_list (*(char ***) ptr);
}

void
cleanup_close (void *ptr)
{
  int fd = *(int *) ptr;
  if (fd >= 0) {
    int saved = errno;
    close (fd);
    errno = saved;
  }
}

void
cleanup_fclose (void *ptr)
{
  FILE *f = *(FILE **) ptr;
  if (f) {
    int saved = errno;
    fclose (f);
    errno = saved;
  }
}

void
cleanup_closedir (void *ptr)
{
  DIR *d = *(DIR **) ptr;
  if (d) {
    int saved = errno;
    closedir (d);
    errno = saved;
  }
}
