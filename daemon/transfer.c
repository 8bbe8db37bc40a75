/* upload and download: file contents travel as chunks (fileio.c). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/magic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Transfers of regular files on disk filesystems bypass the guest's page
 * cache (O_DIRECT): under emulation the kernel's copy of every byte
 * through the cache costs more than the transfer itself, while direct I/O
 * is done by the hypervisor straight from or into our buffer.  Upload
 * chunks arrive page-aligned (fileio.c) and full-sized but the last; the
 * first access that is not aligned, or that the filesystem refuses, turns
 * O_DIRECT off for the rest of the file. */
#define DIRECT_ALIGN 4096

static bool
direct_io_fs (int fd)
{
  struct statfs sfs;
  struct stat st;

  if (fstat (fd, &st) == -1 || !S_ISREG (st.st_mode) || fstatfs (fd, &sfs) == -1)
    return false;
  switch ((unsigned long) sfs.f_type) {
  case EXT4_SUPER_MAGIC:        /* also ext2 and ext3 */
  case XFS_SUPER_MAGIC:
  case BTRFS_SUPER_MAGIC:
    return true;
  default:
    return false;
  }
}

/* Turn O_DIRECT on or off; returns whether it is now on. */
static bool
set_direct (int fd, bool on)
{
  int fl = fcntl (fd, F_GETFL);
  if (fl == -1)
    return false;
  if (on && fcntl (fd, F_SETFL, fl | O_DIRECT) == 0)
    return true;
  if (fl & O_DIRECT)
    fcntl (fd, F_SETFL, fl & ~O_DIRECT);
  return false;
}

struct upload {
  int fd;
  uint64_t written;
  bool direct;
};

static int
upload_cb (void *opaque, const void *buf, size_t len)
{
  struct upload *u = opaque;
  const char *p = buf;
  while (len > 0) {
    if (u->direct && (((uintptr_t) p | len | u->written) & (DIRECT_ALIGN - 1)))
      u->direct = set_direct (u->fd, false);
    ssize_t r = write (u->fd, p, len);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      if (errno == EINVAL && u->direct) {
        /* refused after all: write through the cache */
        u->direct = set_direct (u->fd, false);
        continue;
      }
      return -1;
    }
    p += r;
    len -= r;
    u->written += r;
  }
  if (progress_hint > 0)
    notify_progress (u->written, progress_hint);
  return 0;
}

int
do_upload (const char *remotefilename)
{
  struct upload u = { .written = 0 };

  u.fd = sysroot_open (remotefilename,
                       O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY, 0666);
  if (u.fd == -1) {
    int e = errno;
    cancel_receive ();
    errno = e;
    return reply_with_perror ("%s", remotefilename);
  }
  u.direct = direct_io_fs (u.fd) && set_direct (u.fd, true);
  int r = receive_file (upload_cb, &u);
  if (r == -1) {
    reply_with_perror ("write: %s", remotefilename);
    close (u.fd);
    return -1;
  }
  if (r == -2) {
    reply_with_error_errno (EINTR, "file upload cancelled");
    close (u.fd);
    return -1;
  }
  if (close (u.fd) == -1)
    return reply_with_perror ("close: %s", remotefilename);
  return 0;
}

#define DOWNLOAD_BUF GUESTFS_MAX_CHUNK_SIZE   /* one chunk per read */

int
do_download (const char *remotefilename)
{
  CLEANUP_CLOSE int fd = sysroot_open (remotefilename, O_RDONLY | O_NOCTTY, 0);
  CLEANUP_FREE char *buf = NULL;
  struct stat st;
  uint64_t total, done = 0;

  if (fd == -1)
    return reply_with_perror ("%s", remotefilename);
  if (fstat (fd, &st) == -1)
    return reply_with_perror ("fstat: %s", remotefilename);
  if (S_ISDIR (st.st_mode))
    return reply_with_error_errno (EISDIR, "%s: is a directory", remotefilename);
  total = S_ISREG (st.st_mode) ? (uint64_t) st.st_size : progress_hint;
  void *m;
  int e = posix_memalign (&m, DIRECT_ALIGN, DOWNLOAD_BUF);
  if (e != 0)
    return reply_with_error_errno (e, "malloc");
  buf = m;
  bool direct = direct_io_fs (fd) && set_direct (fd, true);

  reply (NULL, NULL);           /* OK header first, then the chunks */
  for (;;) {
    ssize_t n = read (fd, buf, DOWNLOAD_BUF);
    if (n == -1) {
      if (errno == EINTR)
        continue;
      if (errno == EINVAL && direct) {
        direct = set_direct (fd, false);  /* unaligned (short read) or refused */
        continue;
      }
      e = errno;
      send_file_end (1);
      errno = e;
      return reply_with_perror ("read: %s", remotefilename);
    }
    if (n == 0)
      break;
    int r = send_file_write (buf, n);
    if (r == -2)
      return -1;                /* cancelled: already replied */
    if (r == -1)
      return -1;                /* channel gone */
    done += n;
    if (total > 0)
      notify_progress (done, total);
  }
  if (send_file_end (0) == -1)
    return -1;
  return 0;
}
