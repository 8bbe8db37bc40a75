/* upload and download: file contents travel as chunks (fileio.c). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

struct upload {
  int fd;
  uint64_t written;
};

static int
upload_cb (void *opaque, const void *buf, size_t len)
{
  struct upload *u = opaque;
  const char *p = buf;
  while (len > 0) {
    ssize_t r = write (u->fd, p, len);
    if (r == -1) {
      if (errno == EINTR)
        continue;
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

#define DOWNLOAD_BUF (1024 * 1024)

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
  buf = malloc (DOWNLOAD_BUF);
  if (buf == NULL)
    return reply_with_perror ("malloc");

  reply (NULL, NULL);           /* OK header first, then the chunks */
  for (;;) {
    ssize_t n = read (fd, buf, DOWNLOAD_BUF);
    if (n == -1) {
      if (errno == EINTR)
        continue;
      int e = errno;
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
