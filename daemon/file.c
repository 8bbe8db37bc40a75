/* Calls on single files inside the guest tree. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static int
write_file (const char *path, const char *content, size_t size, int flags)
{
  int fd = sysroot_open (path, O_WRONLY | O_CREAT | O_NOCTTY | flags, 0666);
  if (fd == -1)
    return reply_with_perror ("open: %s", path);
  if (write_all (fd, content, size) == -1) {
    reply_with_perror ("write: %s", path);
    close (fd);
    return -1;
  }
  if (close (fd) == -1)
    return reply_with_perror ("close: %s", path);
  return 0;
}

int
do_write (const char *path, const char *content, size_t content_size)
{
  return write_file (path, content, content_size, O_TRUNC);
}

int
do_write_append (const char *path, const char *content, size_t content_size)
{
  return write_file (path, content, content_size, O_APPEND);
}

/* Read a whole regular file, bounded by what one reply can carry. */
static char *
slurp (const char *path, size_t *size_r)
{
  CLEANUP_CLOSE int fd = sysroot_open (path, O_RDONLY | O_NOCTTY, 0);
  struct stat st;

  if (fd == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  if (fstat (fd, &st) == -1) {
    reply_with_perror ("fstat: %s", path);
    return NULL;
  }
  if (S_ISDIR (st.st_mode)) {
    reply_with_error_errno (EISDIR, "%s: is a directory", path);
    return NULL;
  }
  size_t max = GUESTFS_MESSAGE_MAX - 1024;
  size_t alloc = S_ISREG (st.st_mode) && (size_t) st.st_size < max ? st.st_size + 1 : 65536;
  size_t len = 0;
  char *buf = malloc (alloc);
  if (buf == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  for (;;) {
    if (len + 1 >= alloc) {
      if (alloc >= max) {
        free (buf);
        reply_with_error ("%s: file is too large for the protocol, use guestfs_download instead", path);
        return NULL;
      }
      alloc *= 2;
      char *p = realloc (buf, alloc);
      if (p == NULL) {
        free (buf);
        reply_with_perror ("realloc");
        return NULL;
      }
      buf = p;
    }
    ssize_t r = read (fd, buf + len, alloc - len - 1);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      reply_with_perror ("read: %s", path);
      free (buf);
      return NULL;
    }
    if (r == 0)
      break;
    len += r;
  }
  if (len > max) {
    free (buf);
    reply_with_error ("%s: file is too large for the protocol, use guestfs_download instead", path);
    return NULL;
  }
  buf[len] = '\0';
  *size_r = len;
  return buf;
}

char *
do_cat (const char *path)
{
  size_t size;
  return slurp (path, &size);
}

char *
do_read_file (const char *path, size_t *size_r)
{
  return slurp (path, size_r);
}

char **
do_read_lines (const char *path)
{
  size_t size;
  CLEANUP_FREE char *text = slurp (path, &size);
  if (text == NULL)
    return NULL;
  return split_lines (text);
}

int
do_touch (const char *path)
{
  struct stat st;
  int pfd = sysroot_open (path, O_PATH | O_NOFOLLOW, 0);

  /* Only regular files: never open a device or FIFO, nor follow a link. */
  if (pfd >= 0) {
    int r = fstat (pfd, &st);
    close (pfd);
    if (r == 0 && !S_ISREG (st.st_mode))
      return reply_with_error ("%s: touch can only be used on a regular files", path);
  }
  int fd = sysroot_open (path, O_WRONLY | O_CREAT | O_NOCTTY | O_NONBLOCK, 0666);
  if (fd == -1)
    return reply_with_perror ("open: %s", path);
  if (futimens (fd, NULL) == -1) {
    reply_with_perror ("futimens: %s", path);
    close (fd);
    return -1;
  }
  close (fd);
  return 0;
}

int
do_rm (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1 || unlinkat (dfd, base, 0) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

int
do_exists (const char *path)
{
  int fd = sysroot_open (path, O_PATH, 0);
  if (fd == -1)
    return 0;
  close (fd);
  return 1;
}

/* stat PATH (lstat unless follow); 0 = missing, 1 = found, -1 replied. */
static int
stat_path (const char *path, int follow, struct stat *st)
{
  int fd = sysroot_open (path, O_PATH | (follow ? 0 : O_NOFOLLOW), 0);
  if (fd == -1) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
      return 0;
    return reply_with_perror ("stat: %s", path);
  }
  int r = fstat (fd, st);
  int e = errno;
  close (fd);
  errno = e;
  if (r == -1)
    return reply_with_perror ("stat: %s", path);
  return 1;
}

int
do_is_file (const char *path, int followsymlinks)
{
  struct stat st;
  int r = stat_path (path, followsymlinks, &st);
  return r <= 0 ? r : S_ISREG (st.st_mode);
}

int
do_is_dir (const char *path, int followsymlinks)
{
  struct stat st;
  int r = stat_path (path, followsymlinks, &st);
  return r <= 0 ? r : S_ISDIR (st.st_mode);
}

/* Deprecated form of write: SIZE 0 means up to the end of CONTENT. */
int
do_write_file (const char *path, const char *content, int size)
{
  size_t len = strlen (content);

  if (size < 0)
    return reply_with_error_errno (EINVAL, "size must be >= 0");
  if ((size_t) size > len)
    return reply_with_error_errno (EINVAL, "size %d is larger than the "
                                   "content (%zu bytes)", size, len);
  return write_file (path, content, size ? (size_t) size : len, O_TRUNC);
}
