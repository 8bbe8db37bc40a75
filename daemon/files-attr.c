/* Ownership, modes and times: chmod, chown, lchown, umask, utimens. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_chmod (int mode, const char *path)
{
  if (mode < 0)
    return reply_with_error_errno (EINVAL, "%s: mode is negative", path);
  CLEANUP_CLOSE int fd = sysroot_open (path, O_PATH, 0);
  if (fd == -1)
    return reply_with_perror ("%s", path);
  /* An O_PATH fd cannot be fchmod'ed; its /proc link can be chmod'ed. */
  CLEANUP_FREE char *p = files_fd_path (fd, NULL);
  if (p == NULL || chmod (p, mode) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

static int
chown_path (int owner, int group, const char *path, int follow)
{
  CLEANUP_CLOSE int fd = sysroot_open (path, O_PATH | (follow ? 0 : O_NOFOLLOW),
                                       0);
  if (fd == -1 || fchownat (fd, "", owner, group, AT_EMPTY_PATH) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

int
do_chown (int owner, int group, const char *path)
{
  return chown_path (owner, group, path, 1);
}

int
do_lchown (int owner, int group, const char *path)
{
  return chown_path (owner, group, path, 0);
}

int
do_umask (int mask)
{
  if (mask < 0 || mask > 0777)
    return reply_with_error_errno (EINVAL, "%d: mask out of range", mask);
  return umask (mask);
}

static void
set_time (struct timespec *ts, int64_t secs, int64_t nsecs)
{
  if (nsecs == -1)
    ts->tv_nsec = UTIME_NOW;
  else if (nsecs == -2)
    ts->tv_nsec = UTIME_OMIT;
  else {
    ts->tv_sec = secs;
    ts->tv_nsec = nsecs;
  }
}

int
do_utimens (const char *path, int64_t atsecs, int64_t atnsecs,
            int64_t mtsecs, int64_t mtnsecs)
{
  struct timespec ts[2] = { { 0, 0 }, { 0, 0 } };
  set_time (&ts[0], atsecs, atnsecs);
  set_time (&ts[1], mtsecs, mtnsecs);
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1 ||
      utimensat (dfd, base, ts, AT_SYMLINK_NOFOLLOW) == -1)
    return reply_with_perror ("utimensat: %s", path);
  return 0;
}

int
do_get_umask (void)
{
  /* umask(2) can only be read by setting it: put it straight back. */
  mode_t m = umask (022);
  umask (m);
  return m;
}
