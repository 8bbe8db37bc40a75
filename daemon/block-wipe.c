/* Erasing without scrub: signatures (wipefs), the first blocks, a whole
 * device, a filesystem's free space; and discard (TRIM). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define ZBUF (1024 * 1024)
static const char zeroes[ZBUF];

int
do_wipefs (const char *device)
{
  CLEANUP_FREE char *err = NULL;
  const char *argv[] = { "wipefs", "-a", "--force", "--", device, NULL };
  if (commandvf (NULL, &err, 0, argv) == -1) {
    trim_newlines (err);
    return reply_with_error ("wipefs: %s: %s", device, err && err[0] ? err : "failed");
  }
  return 0;
}

static int
is_zero (const char *buf, size_t len)
{
  return len == 0 || (buf[0] == 0 && memcmp (buf, buf + 1, len - 1) == 0);
}

/* Zero LEN bytes of FD from offset 0 (LEN < 0: up to the end), writing
 * only blocks that are not zero already, so sparse images stay sparse. */
static int
zero_range (int fd, const char *device, int64_t len)
{
  CLEANUP_FREE char *buf = malloc (ZBUF);
  uint64_t total = 0, pos = 0;

  if (buf == NULL)
    return reply_with_perror ("malloc");
  if (len < 0) {
    if (ioctl (fd, BLKGETSIZE64, &total) == -1)
      return reply_with_perror ("ioctl: %s: BLKGETSIZE64", device);
  }
  else
    total = (uint64_t) len;
  while (pos < total) {
    size_t n = total - pos < ZBUF ? (size_t) (total - pos) : ZBUF;
    ssize_t r = pread (fd, buf, n, (off_t) pos);
    if (r == -1)
      return reply_with_perror ("read: %s", device);
    if (r == 0)
      break;
    if (!is_zero (buf, (size_t) r) && pwrite (fd, zeroes, (size_t) r, (off_t) pos) != r)
      return reply_with_perror ("write: %s", device);
    pos += (uint64_t) r;
    notify_progress (pos, total);
  }
  if (fsync (fd) == -1)
    return reply_with_perror ("fsync: %s", device);
  return 0;
}

static int
zero_device_bytes (const char *device, int64_t len)
{
  int fd = open (device, O_RDWR | O_CLOEXEC);
  if (fd == -1)
    return reply_with_perror ("open: %s", device);
  int r = zero_range (fd, device, len);
  close (fd);
  return r;
}

/* The first 32 4 KiB blocks: partition tables and the superblocks of
 * common filesystems live there. */
int
do_zero (const char *device)
{
  return zero_device_bytes (device, 32 * 4096);
}

int
do_zero_device (const char *device)
{
  return zero_device_bytes (device, -1);
}

/* A temporary file in DIR filled with zeroes until the filesystem is
 * full, then removed. */
int
do_zero_free_space (const char *directory)
{
  CLEANUP_CLOSE int dfd = sysroot_open (directory, O_RDONLY | O_DIRECTORY, 0);
  char name[32];
  int fd = -1;

  if (dfd == -1)
    return reply_with_perror ("open: %s", directory);
  for (int tries = 0; fd == -1 && tries < 100; tries++) {
    uint32_t rnd = 0;
    if (getrandom (&rnd, sizeof rnd, 0) != (ssize_t) sizeof rnd)
      rnd = (uint32_t) getpid () + (uint32_t) tries;
    snprintf (name, sizeof name, "zero%08x.tmp", rnd);
    fd = openat (dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd == -1 && errno != EEXIST)
      return reply_with_perror ("open: %s/%s", directory, name);
  }
  if (fd == -1)
    return reply_with_perror ("open: %s", directory);

  int ret = 0;
  for (;;) {
    ssize_t r = write (fd, zeroes, ZBUF);
    if (r == -1 && errno == EINTR)
      continue;
    if (r == -1 && (errno == ENOSPC || errno == EDQUOT || errno == EFBIG))
      break;
    if (r == -1) {
      ret = reply_with_perror ("write: %s/%s", directory, name);
      break;
    }
  }
  if (ret == 0 && fsync (fd) == -1 && errno != ENOSPC)
    ret = reply_with_perror ("fsync: %s/%s", directory, name);
  close (fd);
  if (unlinkat (dfd, name, 0) == -1 && ret == 0)
    ret = reply_with_perror ("unlink: %s/%s", directory, name);
  return ret;
}

int
do_blkdiscard (const char *device)
{
  uint64_t range[2] = { 0, 0 };
  int fd = open (device, O_WRONLY | O_CLOEXEC);
  if (fd == -1)
    return reply_with_perror ("open: %s", device);
  int r = ioctl (fd, BLKGETSIZE64, &range[1]);
  if (r == 0)
    r = ioctl (fd, BLKDISCARD, range);
  int e = errno;
  close (fd);
  errno = e;
  if (r == -1)
    return reply_with_perror ("ioctl: %s: BLKDISCARD", device);
  return 0;
}

int
do_blkdiscardzeroes (const char *device)
{
  unsigned int z = 0;
  if (block_ioctl (device, BLKDISCARDZEROES, &z) == -1)
    return -1;
  return z != 0;
}
