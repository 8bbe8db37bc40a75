/* Helpers of the files group (files-*.c): turning guest paths into
 * appliance paths for the programs we run, and running them. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"

char *
files_fd_path (int fd, const char *base)
{
  char *r;
  int n = base && strcmp (base, ".") != 0
    ? asprintf (&r, "/proc/self/fd/%d/%s", fd, base)
    : asprintf (&r, "/proc/self/fd/%d", fd);
  return n == -1 ? NULL : r;
}

char *
files_real (const char *path)
{
  char *r = sysroot_realpath (path);
  if (r == NULL)
    reply_with_perror ("%s", path);
  return r;
}

/* Resolved parent directory + "/" + BASE, or the parent itself. */
static char *
join_parent (const char *path, int dfd, const char *base)
{
  CLEANUP_FREE char *link = files_fd_path (dfd, NULL);
  char dir[4096];
  ssize_t n = link ? readlink (link, dir, sizeof dir - 1) : -1;
  char *r;

  if (n == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  dir[n] = '\0';
  if (strcmp (base, ".") == 0)
    r = strdup (dir);
  else if (asprintf (&r, "%s/%s", strcmp (dir, "/") == 0 ? "" : dir,
                     base) == -1)
    r = NULL;
  if (r == NULL)
    reply_with_perror ("malloc");
  return r;
}

char *
files_real_nofollow (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);

  if (dfd == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  if (strcmp (base, "..") == 0) {
    reply_with_error_errno (EINVAL, "%s: invalid path", path);
    return NULL;
  }
  return join_parent (path, dfd, base);
}

char *
files_real_dest (const char *path)
{
  char *r = sysroot_realpath (path);
  if (r != NULL)
    return r;
  if (errno != ENOENT) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  return files_real_nofollow (path);
}

char *
files_run (const char *what, int okstatus, const char *const *argv)
{
  char *out = NULL;
  CLEANUP_FREE char *err = NULL;
  int r = commandrvf (&out, &err, 0, argv);

  if (r == 0 || (okstatus >= 0 && r == okstatus))
    return out;
  trim_newlines (err);
  /* Tools name themselves in their messages ("head: ..."). */
  if (err && *err)
    reply_with_error ("%s", err);
  else
    reply_with_error ("%s: %s failed", what, argv[0]);
  free (out);
  return NULL;
}
