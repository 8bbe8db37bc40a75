/* Random access and content tests: pread, pwrite (files and devices),
 * is_zero, is_zero_device, equal. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* What one reply can carry, with room for the XDR framing. */
#define MAX_PREAD (GUESTFS_MESSAGE_MAX - 4096)

static char *
pread_fd (int fd, const char *name, int count, int64_t offset,
          size_t *size_r)
{
  if (count < 0) {
    reply_with_error_errno (EINVAL, "count is negative");
    return NULL;
  }
  if (offset < 0) {
    reply_with_error_errno (EINVAL, "offset is negative");
    return NULL;
  }
  if ((size_t) count > MAX_PREAD) {
    reply_with_error_errno (EINVAL, "count is too large for the message buffer");
    return NULL;
  }
  char *buf = malloc (count ? count : 1);
  if (buf == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  ssize_t r;
  do
    r = pread (fd, buf, count, offset);
  while (r == -1 && errno == EINTR);
  if (r == -1) {
    reply_with_perror ("pread: %s", name);
    free (buf);
    return NULL;
  }
  *size_r = r;
  return buf;
}

char *
do_pread (const char *path, int count, int64_t offset, size_t *size_r)
{
  CLEANUP_CLOSE int fd = sysroot_open (path, O_RDONLY | O_NOCTTY, 0);
  if (fd == -1) {
    reply_with_perror ("open: %s", path);
    return NULL;
  }
  return pread_fd (fd, path, count, offset, size_r);
}

char *
do_pread_device (const char *device, int count, int64_t offset,
                 size_t *size_r)
{
  CLEANUP_CLOSE int fd = open (device, O_RDONLY | O_CLOEXEC);
  if (fd == -1) {
    reply_with_perror ("open: %s", device);
    return NULL;
  }
  return pread_fd (fd, device, count, offset, size_r);
}

static int
pwrite_fd (int fd, const char *name, const char *content, size_t size,
           int64_t offset)
{
  ssize_t r;
  do
    r = pwrite (fd, content, size, offset);
  while (r == -1 && errno == EINTR);
  if (r == -1)
    return reply_with_perror ("pwrite: %s", name);
  return r;
}

int
do_pwrite (const char *path, const char *content, size_t content_size,
           int64_t offset)
{
  if (offset < 0)
    return reply_with_error_errno (EINVAL, "offset is negative");
  CLEANUP_CLOSE int fd = sysroot_open (path, O_WRONLY | O_NOCTTY, 0);
  if (fd == -1)
    return reply_with_perror ("open: %s", path);
  return pwrite_fd (fd, path, content, content_size, offset);
}

int
do_pwrite_device (const char *device, const char *content,
                  size_t content_size, int64_t offset)
{
  if (offset < 0)
    return reply_with_error_errno (EINVAL, "offset is negative");
  CLEANUP_CLOSE int fd = open (device, O_WRONLY | O_CLOEXEC);
  if (fd == -1)
    return reply_with_perror ("open: %s", device);
  return pwrite_fd (fd, device, content, content_size, offset);
}

/* 1 if everything read from FD is zero, 0 if not, -1 replied. */
static int
all_zero (int fd, const char *name)
{
  static char buf[1 << 16];

  for (;;) {
    ssize_t r = read (fd, buf, sizeof buf);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      return reply_with_perror ("read: %s", name);
    }
    if (r == 0)
      return 1;
    for (ssize_t i = 0; i < r; i++)
      if (buf[i])
        return 0;
  }
}

int
do_is_zero (const char *path)
{
  CLEANUP_CLOSE int fd = sysroot_open (path, O_RDONLY | O_NOCTTY, 0);
  if (fd == -1)
    return reply_with_perror ("open: %s", path);
  return all_zero (fd, path);
}

int
do_is_zero_device (const char *device)
{
  CLEANUP_CLOSE int fd = open (device, O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return reply_with_perror ("open: %s", device);
  return all_zero (fd, device);
}

/* Read up to LEN bytes (fewer only at end of file). */
static ssize_t
read_full (int fd, char *buf, size_t len)
{
  size_t done = 0;
  while (done < len) {
    ssize_t r = read (fd, buf + done, len - done);
    if (r == -1 && errno == EINTR)
      continue;
    if (r == -1)
      return -1;
    if (r == 0)
      break;
    done += r;
  }
  return done;
}

int
do_equal (const char *file1, const char *file2)
{
  static char b1[1 << 16], b2[1 << 16];
  CLEANUP_CLOSE int f1 = sysroot_open (file1, O_RDONLY | O_NOCTTY, 0);
  if (f1 == -1)
    return reply_with_perror ("%s", file1);
  CLEANUP_CLOSE int f2 = sysroot_open (file2, O_RDONLY | O_NOCTTY, 0);
  if (f2 == -1)
    return reply_with_perror ("%s", file2);
  for (;;) {
    ssize_t r1 = read_full (f1, b1, sizeof b1);
    if (r1 == -1)
      return reply_with_perror ("%s", file1);
    ssize_t r2 = read_full (f2, b2, sizeof b2);
    if (r2 == -1)
      return reply_with_perror ("%s", file2);
    if (r1 != r2 || memcmp (b1, b2, r1) != 0)
      return 0;
    if (r1 == 0)
      return 1;
  }
}
