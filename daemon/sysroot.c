/* Resolving guest paths inside the sysroot.  The guest filesystem may be
 * hostile: absolute symlinks and ".." must never lead outside /sysroot.
 * openat2(RESOLVE_IN_ROOT) makes the kernel treat the sysroot as "/" for
 * the whole walk, so we get chroot semantics without forking. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "daemon.h"

const char *sysroot = "/sysroot";
size_t sysroot_len = 8;

char *
sysroot_path (const char *path)
{
  char *r;
  if (asprintf (&r, "%s%s", sysroot, path) == -1)
    return NULL;
  return r;
}

int
sysroot_dirfd (void)
{
  return open (sysroot, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

static int
openat2_in_root (int dirfd, const char *rel, int flags, mode_t mode)
{
  struct open_how how = {
    .flags = (uint64_t) (flags | O_CLOEXEC),
    .mode = (flags & (O_CREAT | O_TMPFILE)) ? mode : 0,
    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
  };
  int fd;
  do
    fd = syscall (SYS_openat2, dirfd, rel, &how, sizeof how);
  while (fd == -1 && errno == EAGAIN);
  return fd;
}

int
sysroot_open (const char *path, int flags, mode_t mode)
{
  int root = sysroot_dirfd ();
  if (root == -1)
    return -1;
  while (*path == '/')
    path++;
  int fd = openat2_in_root (root, *path ? path : ".", flags, mode);
  int e = errno;
  close (root);
  errno = e;
  return fd;
}

int
sysroot_open_parent (const char *path, char **base)
{
  char *copy = strdup (path);
  if (copy == NULL)
    return -1;
  size_t n = strlen (copy);
  while (n > 1 && copy[n - 1] == '/')
    copy[--n] = '\0';
  char *slash = strrchr (copy, '/');
  const char *b;
  if (slash == NULL || (slash == copy && copy[1] == '\0')) {
    b = ".";
    copy[0] = '\0';
  }
  else {
    *slash = '\0';
    b = slash + 1;
  }
  *base = strdup (b);
  if (*base == NULL) {
    free (copy);
    return -1;
  }
  int fd = sysroot_open (copy, O_PATH | O_DIRECTORY, 0);
  int e = errno;
  free (copy);
  if (fd == -1) {
    free (*base);
    *base = NULL;
  }
  errno = e;
  return fd;
}

/* The kernel's name for what an fd refers to. */
static char *
fd_path (int fd)
{
  char link[64], buf[PATH_MAX];
  snprintf (link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink (link, buf, sizeof buf - 1);
  if (n == -1)
    return NULL;
  buf[n] = '\0';
  return strdup (buf);
}

char *
sysroot_realpath (const char *path)
{
  int fd = sysroot_open (path, O_PATH, 0);
  if (fd == -1)
    return NULL;
  char *r = fd_path (fd);
  int e = errno;
  close (fd);
  errno = e;
  return r;
}
