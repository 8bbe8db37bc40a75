/* upload-offset / download-offset: partial transfers into or out of a
 * guest file or an appliance device. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* A device (already checked by the dispatcher) or a sysroot path. */
int
open_dev_or_path (const char *name, int flags, mode_t mode)
{
  if (is_device_arg (name))
    return open (name, flags | O_CLOEXEC, mode);
  return sysroot_open (name, flags, mode);
}

struct offset_writer {
  int fd;
  int64_t pos;
  uint64_t done;
};

static int
offset_write_cb (void *opaque, const void *buf, size_t len)
{
  struct offset_writer *w = opaque;
  const char *p = buf;

  while (len > 0) {
    ssize_t r = pwrite (w->fd, p, len, w->pos);
    if (r == -1) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    p += r;
    len -= r;
    w->pos += r;
    w->done += r;
  }
  if (progress_hint > 0)
    notify_progress (w->done, progress_hint);
  return 0;
}

int
do_upload_offset (const char *remotefilename, int64_t offset)
{
  struct offset_writer w = { .pos = offset };

  if (offset < 0)
    return reply_with_error ("%s: offset in file is negative", remotefilename);
  w.fd = open_dev_or_path (remotefilename, O_WRONLY | O_CREAT | O_NOCTTY,
                           0644);
  if (w.fd == -1)
    return reply_with_perror ("%s", remotefilename);
  int r = receive_file (offset_write_cb, &w);
  int e = errno;
  if (r == -2) {
    close (w.fd);
    return reply_with_error_errno (EINTR, "file upload cancelled");
  }
  if (r == -1) {
    close (w.fd);
    errno = e;
    return reply_with_perror ("write: %s", remotefilename);
  }
  if (close (w.fd) == -1)
    return reply_with_perror ("close: %s", remotefilename);
  return 0;
}

#define CHUNK (1024 * 1024)

int
do_download_offset (const char *remotefilename, int64_t offset, int64_t size)
{
  CLEANUP_CLOSE int fd = -1;
  CLEANUP_FREE char *buf = NULL;
  struct stat st;
  uint64_t done = 0;

  if (offset < 0)
    return reply_with_error ("%s: offset in file is negative", remotefilename);
  if (size < 0)
    return reply_with_error ("%s: size is negative", remotefilename);
  fd = open_dev_or_path (remotefilename, O_RDONLY | O_NOCTTY, 0);
  if (fd == -1)
    return reply_with_perror ("%s", remotefilename);
  if (fstat (fd, &st) == -1)
    return reply_with_perror ("fstat: %s", remotefilename);
  if (S_ISDIR (st.st_mode))
    return reply_with_error_errno (EISDIR, "%s: Is a directory",
                                   remotefilename);
  buf = malloc (CHUNK);
  if (buf == NULL)
    return reply_with_perror ("malloc");

  reply (NULL, NULL);
  while (done < (uint64_t) size) {
    size_t want = (uint64_t) size - done > CHUNK ? CHUNK
      : (size_t) ((uint64_t) size - done);
    ssize_t n = pread (fd, buf, want, offset + done);
    if (n == -1 && errno == EINTR)
      continue;
    if (n <= 0) {
      int e = n == 0 ? 0 : errno;
      send_file_end (1);
      if (n == 0)
        return reply_with_error ("%s: unexpected end of file (offset %" PRIi64
                                 " + size %" PRIi64 " is beyond it)",
                                 remotefilename, offset, size);
      errno = e;
      return reply_with_perror ("pread: %s", remotefilename);
    }
    int r = send_file_write (buf, n);
    if (r < 0)
      return -1;
    done += n;
    notify_progress (done, size);
  }
  if (send_file_end (0) == -1)
    return -1;
  return 0;
}
