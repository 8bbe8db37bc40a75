/* copy-{file,device}-to-{file,device} and the old dd: a byte copy between
 * guest files (opened inside the sysroot) and appliance devices, with
 * optional offsets, size, sparse output and append. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define OPT_SRCOFFSET 0
#define OPT_DESTOFFSET 1
#define OPT_SIZE 2
#define OPT_SPARSE 3
#define OPT_APPEND 4
#define HAVE_OPT(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

#define BUFSZ (1024 * 1024)

struct copy_req {
  const char *src, *dest;
  int src_is_dev, dest_is_dev;
  int64_t srcoffset, destoffset, size;   /* size -1: to the end */
  int sparse, append;
  int must_fill;                 /* dd: a short destination is an error */
  const char *what;
};

static int
all_zero (const char *p, size_t n)
{
  return n == 0 || (p[0] == 0 && memcmp (p, p + 1, n - 1) == 0);
}

static int
copy_loop (const struct copy_req *r, int sfd, int dfd)
{
  CLEANUP_FREE char *buf = malloc (BUFSZ);
  uint64_t done = 0;
  int64_t spos = r->srcoffset, dpos = r->destoffset;
  uint64_t total = r->size >= 0 ? (uint64_t) r->size : 0;
  struct stat st;

  if (buf == NULL)
    return reply_with_perror ("malloc");
  if (total == 0 && r->size < 0 && fstat (sfd, &st) == 0 && S_ISREG (st.st_mode)
      && st.st_size > r->srcoffset)
    total = st.st_size - r->srcoffset;
  for (;;) {
    size_t want = BUFSZ;
    if (r->size >= 0) {
      if (done >= (uint64_t) r->size)
        break;
      if ((uint64_t) r->size - done < want)
        want = (uint64_t) r->size - done;
    }
    ssize_t n = pread (sfd, buf, want, spos);
    if (n == -1) {
      if (errno == EINTR)
        continue;
      return reply_with_perror ("read: %s", r->src);
    }
    if (n == 0) {
      if (r->size >= 0)
        return reply_with_error ("%s: input too short", r->src);
      break;
    }
    if (!(r->sparse && all_zero (buf, n))) {
      for (ssize_t off = 0; off < n; ) {
        ssize_t w = r->append ? write (dfd, buf + off, n - off)
          : pwrite (dfd, buf + off, n - off, dpos + off);
        if (w == -1 && errno == EINTR)
          continue;
        if (w <= 0) {
          if (w == 0)
            errno = ENOSPC;
          return reply_with_perror ("write: %s", r->dest);
        }
        off += w;
      }
    }
    else if (r->append && lseek (dfd, n, SEEK_END) == -1)
      return reply_with_perror ("seek: %s", r->dest);
    spos += n;
    dpos += n;
    done += n;
    if (total > 0)
      notify_progress (done, total);
  }
  /* Sparse: a file whose tail was skipped must still reach its length. */
  if (r->sparse && !r->dest_is_dev && fstat (dfd, &st) == 0) {
    off_t end = r->append ? lseek (dfd, 0, SEEK_CUR) : dpos;
    if (end > st.st_size && ftruncate (dfd, end) == -1)
      return reply_with_perror ("truncate: %s", r->dest);
  }
  return 0;
}

static int
do_copy (struct copy_req *r)
{
  CLEANUP_CLOSE int sfd = -1;
  CLEANUP_CLOSE int dfd = -1;
  struct stat st;

  if (r->srcoffset < 0)
    return reply_with_error ("srcoffset is negative");
  if (r->destoffset < 0)
    return reply_with_error ("destoffset is negative");
  if (HAVE_OPT (OPT_SIZE) && r->size < 0)
    return reply_with_error ("size is negative");
  if (r->append && r->dest_is_dev)
    return reply_with_error ("the append flag cannot be set for this call");
  if (r->append && r->destoffset > 0)
    return reply_with_error ("the append flag cannot be used with destoffset");

  sfd = r->src_is_dev ? open (r->src, O_RDONLY | O_CLOEXEC | O_NOCTTY)
    : sysroot_open (r->src, O_RDONLY | O_NOCTTY, 0);
  if (sfd == -1)
    return reply_with_perror ("%s", r->src);
  if (fstat (sfd, &st) == -1)
    return reply_with_perror ("%s", r->src);
  if (S_ISDIR (st.st_mode))
    return reply_with_error_errno (EISDIR, "%s: Is a directory", r->src);

  if (r->dest_is_dev)
    dfd = open (r->dest, O_WRONLY | O_CLOEXEC | O_NOCTTY);
  else
    dfd = sysroot_open (r->dest, O_WRONLY | O_CREAT | O_NOCTTY |
                        (r->append ? O_APPEND : O_TRUNC), 0644);
  if (dfd == -1)
    return reply_with_perror ("%s", r->dest);
  if (copy_loop (r, sfd, dfd) == -1)
    return -1;
  if (r->dest_is_dev && fdatasync (dfd) == -1)
    return reply_with_perror ("fsync: %s", r->dest);
  int fd = dfd;
  dfd = -1;
  if (close (fd) == -1)
    return reply_with_perror ("close: %s", r->dest);
  return 0;
}

static int
copy_call (const char *what, const char *src, int src_is_dev,
           const char *dest, int dest_is_dev, int64_t srcoffset,
           int64_t destoffset, int64_t size, int sparse, int append)
{
  struct copy_req r = {
    .src = src, .dest = dest, .src_is_dev = src_is_dev,
    .dest_is_dev = dest_is_dev,
    .srcoffset = HAVE_OPT (OPT_SRCOFFSET) ? srcoffset : 0,
    .destoffset = HAVE_OPT (OPT_DESTOFFSET) ? destoffset : 0,
    .size = HAVE_OPT (OPT_SIZE) ? size : -1,
    .sparse = HAVE_OPT (OPT_SPARSE) && sparse,
    .append = HAVE_OPT (OPT_APPEND) && append,
    .what = what,
  };
  if (HAVE_OPT (OPT_SIZE) && size < 0)
    return reply_with_error ("size is negative");
  return do_copy (&r);
}

int
do_copy_device_to_device (const char *src, const char *dest,
                          int64_t srcoffset, int64_t destoffset, int64_t size,
                          int sparse, int append)
{
  return copy_call ("copy_device_to_device", src, 1, dest, 1, srcoffset,
                    destoffset, size, sparse, append);
}

int
do_copy_device_to_file (const char *src, const char *dest,
                        int64_t srcoffset, int64_t destoffset, int64_t size,
                        int sparse, int append)
{
  return copy_call ("copy_device_to_file", src, 1, dest, 0, srcoffset,
                    destoffset, size, sparse, append);
}

int
do_copy_file_to_device (const char *src, const char *dest,
                        int64_t srcoffset, int64_t destoffset, int64_t size,
                        int sparse, int append)
{
  return copy_call ("copy_file_to_device", src, 0, dest, 1, srcoffset,
                    destoffset, size, sparse, append);
}

int
do_copy_file_to_file (const char *src, const char *dest,
                      int64_t srcoffset, int64_t destoffset, int64_t size,
                      int sparse, int append)
{
  return copy_call ("copy_file_to_file", src, 0, dest, 0, srcoffset,
                    destoffset, size, sparse, append);
}

int
do_dd (const char *src, const char *dest)
{
  struct copy_req r = {
    .src = src, .dest = dest, .src_is_dev = is_device_arg (src),
    .dest_is_dev = is_device_arg (dest), .size = -1, .what = "dd",
  };
  optargs_bitmask = 0;
  return do_copy (&r);
}
