/* File transfers (FileIn / FileOut chunks), cancellation and progress
 * messages.  Chunks are encoded and decoded by hand (they are a fixed
 * layout: cancel word, length word, data, padding) to avoid copying
 * megabytes through xdr_bytes. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>
#include <time.h>

#include "daemon.h"

static void
send_cancel_flag (void)
{
  uint32_t w = htonl (GUESTFS_CANCEL_FLAG);
  proto_write_full (&w, 4);
}

/* Parse a chunk.  Returns 0 (data in *data and *len), 1 end of file, 2 the
 * sender cancelled, -1 malformed. */
static int
parse_chunk (const char *buf, uint32_t buflen, const char **data, uint32_t *len)
{
  uint32_t cancel, n;

  if (buflen < 8)
    return -1;
  memcpy (&cancel, buf, 4);
  memcpy (&n, buf + 4, 4);
  cancel = ntohl (cancel);
  n = ntohl (n);
  if (n > GUESTFS_MAX_CHUNK_SIZE || n > buflen - 8)
    return -1;
  if (cancel)
    return 2;
  if (n == 0)
    return 1;
  *data = buf + 8;
  *len = n;
  return 0;
}

/* Skip chunks until the library's end or cancel chunk. */
static int
drain_chunks (void)
{
  for (;;) {
    char *buf;
    uint32_t len, n;
    const char *data;
    int r = proto_recv_message (&buf, &len);
    if (r == 1)
      continue;
    if (r == -1)
      return -1;
    r = parse_chunk (buf, len, &data, &n);
    if (r != 0)
      return 0;
  }
}

int
cancel_receive (void)
{
  if (!proto_filein_pending ())
    return 0;
  proto_set_filein_done ();
  send_cancel_flag ();
  return drain_chunks ();
}

/* FileIn is pipelined: while a writer thread hands one chunk to the
 * callback (a disk write, a pipe to tar ...), this thread already reads
 * the next one from the channel, so the guest's disk I/O and the channel
 * transfer overlap.  Two message buffers alternate between the two
 * threads.  Files of one small chunk are written inline (no thread). */

#define PIPELINE_MIN (256 * 1024)   /* smaller first chunks: no thread */
#define PAGE 4096

/* A message buffer whose chunk data (8 bytes into the body) starts on a
 * page boundary, so that callbacks can write it with O_DIRECT. */
static char *
message_buffer (int i)
{
  static char *bufs[2];
  void *m;

  if (bufs[i] == NULL) {
    int e = posix_memalign (&m, PAGE, GUESTFS_MESSAGE_MAX + PAGE);
    if (e != 0) {
      errno = e;
      return NULL;
    }
    bufs[i] = (char *) m + PAGE - 8;
  }
  return bufs[i];
}

struct writer {
  receive_cb cb;
  void *opaque;
  pthread_t thread;
  bool running;                 /* the thread exists */
  pthread_mutex_t lock;
  pthread_cond_t cond;
  const char *data;             /* the job, if has_job */
  size_t len;
  bool has_job;
  bool stop;
  bool failed;                  /* a callback returned -1 ... */
  int err;                      /* ... with this errno */
};

static void *
writer_main (void *arg)
{
  struct writer *w = arg;

  pthread_mutex_lock (&w->lock);
  for (;;) {
    while (!w->has_job && !w->stop)
      pthread_cond_wait (&w->cond, &w->lock);
    if (!w->has_job)
      break;
    pthread_mutex_unlock (&w->lock);
    int r = w->cb (w->opaque, w->data, w->len);
    int e = errno;
    pthread_mutex_lock (&w->lock);
    if (r == -1 && !w->failed) {
      w->failed = true;
      w->err = e;
    }
    w->has_job = false;
    pthread_cond_broadcast (&w->cond);
  }
  pthread_mutex_unlock (&w->lock);
  return NULL;
}

static void
writer_wait_idle (struct writer *w)
{
  while (w->has_job)
    pthread_cond_wait (&w->cond, &w->lock);
}

/* Give one chunk to the callback: to the thread if it runs (after it has
 * finished the previous chunk), else inline.  Returns 0, or -1 with errno
 * if the callback failed (now or on an earlier chunk). */
static int
writer_submit (struct writer *w, const char *data, size_t len)
{
  if (!w->running)
    return w->cb (w->opaque, data, len);
  pthread_mutex_lock (&w->lock);
  writer_wait_idle (w);
  if (!w->failed) {
    w->data = data;
    w->len = len;
    w->has_job = true;
    pthread_cond_broadcast (&w->cond);
  }
  bool failed = w->failed;
  pthread_mutex_unlock (&w->lock);
  if (failed)
    errno = w->err;
  return failed ? -1 : 0;
}

static void
writer_start (struct writer *w)
{
  if (w->running)
    return;
  /* without a thread the chunks are simply written inline */
  w->running = pthread_create (&w->thread, NULL, writer_main, w) == 0;
}

/* Wait for the last chunk, stop the thread.  Returns 0, or -1 with errno
 * if a callback failed. */
static int
writer_finish (struct writer *w)
{
  if (w->running) {
    pthread_mutex_lock (&w->lock);
    writer_wait_idle (w);
    w->stop = true;
    pthread_cond_broadcast (&w->cond);
    pthread_mutex_unlock (&w->lock);
    pthread_join (w->thread, NULL);
    w->running = false;
  }
  if (w->failed)
    errno = w->err;
  return w->failed ? -1 : 0;
}

/* The transfer ended on the library's side (end, cancel or broken
 * stream): wait for the writer and return RESULT, or -1 with the
 * callback's errno if it failed first. */
static int
receive_end (struct writer *w, int result, int err)
{
  proto_set_filein_done ();
  if (writer_finish (w) == -1 && result != -2)
    return -1;
  errno = err;
  return result;
}

int
receive_file (receive_cb cb, void *opaque)
{
  struct writer w = {
    .cb = cb, .opaque = opaque,
    .lock = PTHREAD_MUTEX_INITIALIZER, .cond = PTHREAD_COND_INITIALIZER,
  };
  int cur = 0;

  if (!proto_filein_pending ()) {
    errno = EINVAL;
    return -1;
  }
  for (;;) {
    char *buf = message_buffer (cur);
    uint32_t len, n = 0;
    const char *data = NULL;
    int r;

    if (buf == NULL) {
      int e = errno;
      writer_finish (&w);
      cancel_receive ();
      errno = e;
      return -1;
    }
    r = proto_recv_message_into (buf, &len);
    if (r == 1)
      continue;            /* stray cancel flag: no meaning here */
    if (r == -1)
      return receive_end (&w, -1, EIO);
    r = parse_chunk (buf, len, &data, &n);
    if (r == -1) {
      log_error ("malformed file chunk (%u bytes)", len);
      return receive_end (&w, -1, EPROTO);
    }
    if (r == 1)
      return receive_end (&w, 0, 0);
    if (r == 2)
      return receive_end (&w, -2, 0);
    if (n >= PIPELINE_MIN)
      writer_start (&w);
    if (writer_submit (&w, data, n) == -1) {
      int err = errno;
      writer_finish (&w);
      cancel_receive ();
      errno = err;
      return -1;
    }
    if (w.running)
      cur ^= 1;            /* the writer owns this buffer now */
  }
}

static int
send_chunk (int cancel, const void *buf, size_t len)
{
  static const char zeros[4];
  uint32_t hdr[3];
  size_t pad = (4 - (len & 3)) & 3;
  struct iovec iov[3];

  hdr[0] = htonl (8 + len + pad);
  hdr[1] = htonl (cancel);
  hdr[2] = htonl (len);
  iov[0] = (struct iovec) { hdr, sizeof hdr };
  iov[1] = (struct iovec) { (void *) buf, len };
  iov[2] = (struct iovec) { (void *) zeros, pad };

  int fd = proto_channel ();
  int i = 0;
  while (i < 3) {
    ssize_t r = writev (fd, &iov[i], 3 - i);
    if (r == -1) {
      if (errno == EINTR || errno == EAGAIN)
        continue;
      log_error ("write: channel: %m");
      return -1;
    }
    while (i < 3 && (size_t) r >= iov[i].iov_len) {
      r -= iov[i].iov_len;
      i++;
    }
    if (i < 3) {
      iov[i].iov_base = (char *) iov[i].iov_base + r;
      iov[i].iov_len -= r;
    }
  }
  return 0;
}

/* Has the library asked us to stop sending (GUESTFS_CANCEL_FLAG)? */
static int
library_cancelled (void)
{
  struct pollfd p = { .fd = proto_channel (), .events = POLLIN };
  uint32_t w;

  if (poll (&p, 1, 0) <= 0 || !(p.revents & POLLIN))
    return 0;
  if (proto_read_full (&w, 4) == -1)
    return 1;                   /* EOF: stop anyway */
  if (ntohl (w) != GUESTFS_CANCEL_FLAG)
    log_error ("unexpected data from the library during a download");
  return 1;
}

int
send_file_write (const void *buf, size_t len)
{
  const char *p = buf;

  if (library_cancelled ()) {
    send_file_end (1);
    reply_with_error_errno (EINTR, "operation cancelled");
    return -2;
  }
  while (len > 0) {
    size_t n = len > GUESTFS_MAX_CHUNK_SIZE ? GUESTFS_MAX_CHUNK_SIZE : len;
    if (send_chunk (0, p, n) == -1)
      return -1;
    p += n;
    len -= n;
  }
  return 0;
}

int
send_file_end (int cancel)
{
  return send_chunk (cancel ? 1 : 0, "", 0);
}

static uint64_t
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (uint64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Progress: at most one message every 1/3 s per call, none in the first
 * 1/3 s (short calls need none); the final 100% is always sent if any
 * earlier message was. */
void
notify_progress (uint64_t position, uint64_t total)
{
  static uint32_t last_serial = UINT32_MAX;
  static uint64_t last_ms;
  static int sent_any;
  uint64_t t = now_ms ();

  if (last_serial != call_serial) {
    last_serial = call_serial;
    last_ms = t;
    sent_any = 0;
  }
  if (!(position == total && sent_any) && t - last_ms < 333)
    return;
  last_ms = t;
  sent_any = 1;

  struct guestfs_progress msg = {
    .proc = proc_nr, .serial = call_serial,
    .position = position, .total = total,
  };
  char buf[4 + 32];
  uint32_t w = htonl (GUESTFS_PROGRESS_FLAG);
  XDR xdr;
  memcpy (buf, &w, 4);
  xdrmem_create (&xdr, buf + 4, 32, XDR_ENCODE);
  if (xdr_guestfs_progress (&xdr, &msg))
    proto_write_full (buf, 4 + xdr_getpos (&xdr));
  xdr_destroy (&xdr);
}
