/* Reading files of a guest filesystem mounted for inspection.  The guest
 * is hostile: every path is resolved by the kernel with the mount
 * directory as "/" (openat2 RESOLVE_IN_ROOT), so absolute symlinks and
 * ".." stay inside it and loops end in ELOOP; only regular files are
 * read (a FIFO or device node would block or reach appliance devices),
 * and never more than the caller's cap. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-parse.h"

static int
open_in (int dirfd, const char *path, int flags)
{
  /* openat2 refuses O_PATH combined with most other flags. */
  if (!(flags & O_PATH))
    flags |= O_NOCTTY;
  struct open_how how = {
    .flags = (uint64_t) (flags | O_CLOEXEC),
    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_XDEV,
  };
  int fd;
  while (*path == '/')
    path++;
  do
    fd = syscall (SYS_openat2, dirfd, *path ? path : ".", &how, sizeof how);
  while (fd == -1 && errno == EAGAIN);
  return fd;
}

static int
stat_in (int dirfd, const char *path, struct stat *st)
{
  int fd = open_in (dirfd, path, O_PATH);
  if (fd == -1)
    return -1;
  int r = fstat (fd, st);
  close (fd);
  return r;
}

int
guest_is_file (int dirfd, const char *path)
{
  struct stat st;
  return stat_in (dirfd, path, &st) == 0 && S_ISREG (st.st_mode);
}

int
guest_is_dir (int dirfd, const char *path)
{
  struct stat st;
  return stat_in (dirfd, path, &st) == 0 && S_ISDIR (st.st_mode);
}

char *
guest_read_file (int dirfd, const char *path, size_t max, size_t *len_r)
{
  struct stat st;
  int fd = open_in (dirfd, path, O_RDONLY | O_NONBLOCK);
  if (fd == -1)
    return NULL;
  if (fstat (fd, &st) == -1 || !S_ISREG (st.st_mode)) {
    close (fd);
    errno = EINVAL;
    return NULL;
  }
  size_t want = (size_t) st.st_size < max ? (size_t) st.st_size : max;
  char *buf = malloc (want + 1);
  size_t got = 0;
  if (buf == NULL) {
    close (fd);
    return NULL;
  }
  while (got < want) {
    ssize_t r = read (fd, buf + got, want - got);
    if (r == -1 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    got += (size_t) r;
  }
  close (fd);
  buf[got] = '\0';
  if (len_r)
    *len_r = got;
  return buf;
}

char *
guest_readlink (int dirfd, const char *path)
{
  char *base = strrchr (path, '/');
  char *dir = strndup (path, base ? (size_t) (base - path) : 0);
  char buf[4096];
  if (dir == NULL)
    return NULL;
  int pfd = open_in (dirfd, dir, O_PATH | O_DIRECTORY);
  free (dir);
  if (pfd == -1)
    return NULL;
  ssize_t n = readlinkat (pfd, base ? base + 1 : path, buf, sizeof buf - 1);
  close (pfd);
  if (n <= 0)
    return NULL;
  return strndup (buf, (size_t) n);
}

const char *
guest_binary_arch (int dirfd, const char *path)
{
  unsigned char hdr[64];
  struct stat st;
  int fd = open_in (dirfd, path, O_RDONLY | O_NONBLOCK);
  if (fd == -1)
    return NULL;
  ssize_t n = -1;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    n = read (fd, hdr, sizeof hdr);
  close (fd);
  return n > 0 ? inspect_elf_arch (hdr, (size_t) n) : NULL;
}
