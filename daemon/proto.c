/* The protocol loop: framed messages in, replies out (docs/internals.md,
 * "Protocol").  The library may be hostile-ish (or just buggy): every length
 * is bounded before anything is allocated or decoded. */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

uint64_t optargs_bitmask;
uint64_t progress_hint;
uint32_t proc_nr;
uint32_t call_serial;

static int chan = -1;
static int replied;          /* a reply was sent for the current call */
static int filein_pending;   /* the library is (maybe) still sending chunks */
static char *out_buf;        /* 4-byte length + message */

void proto_set_channel (int fd) { chan = fd; }
int proto_channel (void) { return chan; }
int reply_sent (void) { return replied; }
int proto_filein_pending (void) { return filein_pending; }
void proto_set_filein_done (void) { filein_pending = 0; }

int
proto_read_full (void *buf, size_t len)
{
  char *p = buf;
  while (len > 0) {
    ssize_t r = read (chan, p, len);
    if (r == -1) {
      if (errno == EINTR || errno == EAGAIN)
        continue;
      log_error ("read: channel: %m");
      return -1;
    }
    if (r == 0)
      return -1;                /* EOF */
    p += r;
    len -= r;
  }
  return 0;
}

int
proto_write_full (const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0) {
    ssize_t r = write (chan, p, len);
    if (r == -1) {
      if (errno == EINTR || errno == EAGAIN)
        continue;
      log_error ("write: channel: %m");
      return -1;
    }
    p += r;
    len -= r;
  }
  return 0;
}

/* Read one framed message into BUF (room for GUESTFS_MESSAGE_MAX bytes).
 * Returns 0, 1 if the word was GUESTFS_CANCEL_FLAG, or -1 on EOF / error /
 * oversized length. */
int
proto_recv_message_into (char *buf, uint32_t *len)
{
  uint32_t w;

  if (proto_read_full (&w, 4) == -1)
    return -1;
  w = ntohl (w);
  if (w == GUESTFS_CANCEL_FLAG)
    return 1;
  if (w > GUESTFS_MESSAGE_MAX) {
    log_error ("incoming message is too long (%u bytes)", w);
    return -1;
  }
  if (proto_read_full (buf, w) == -1)
    return -1;
  *len = w;
  return 0;
}

/* The same into a buffer owned by this file (valid until the next call). */
int
proto_recv_message (char **buf, uint32_t *len)
{
  static char *in_buf;

  if (in_buf == NULL && (in_buf = malloc (GUESTFS_MESSAGE_MAX)) == NULL) {
    log_error ("malloc: %m");
    return -1;
  }
  *buf = in_buf;
  return proto_recv_message_into (in_buf, len);
}

/* Encode header + body behind a length word and send it. */
static void
send_reply (enum guestfs_message_status status, xdrproc_t xdrp, char *data)
{
  struct guestfs_message_header hdr = {
    .prog = GUESTFS_PROGRAM, .vers = GUESTFS_PROTOCOL_VERSION,
    .proc = proc_nr, .direction = GUESTFS_DIRECTION_REPLY,
    .serial = call_serial, .status = status,
  };
  XDR xdr;

  if (out_buf == NULL && (out_buf = malloc (GUESTFS_MESSAGE_MAX + 4)) == NULL) {
    log_error ("malloc: %m");
    return;
  }
  xdrmem_create (&xdr, out_buf + 4, GUESTFS_MESSAGE_MAX, XDR_ENCODE);
  if (!xdr_guestfs_message_header (&xdr, &hdr)) {
    log_error ("failed to encode reply header");
    xdr_destroy (&xdr);
    return;
  }
  if (xdrp && !xdrp (&xdr, data, 0)) {
    xdr_destroy (&xdr);
    /* The body did not fit: tell the library instead of going silent. */
    reply_with_error ("reply message is too large for the protocol");
    return;
  }
  uint32_t len = xdr_getpos (&xdr);
  xdr_destroy (&xdr);
  uint32_t w = htonl (len);
  memcpy (out_buf, &w, 4);
  replied = 1;
  proto_write_full (out_buf, len + 4);
}

void
reply (xdrproc_t xdr_ret, char *ret)
{
  /* An OK reply for a FileIn call means the file was consumed; if the
   * do_ function did not read it all, drain it so the stream stays framed. */
  if (filein_pending)
    cancel_receive ();
  send_reply (GUESTFS_STATUS_OK, xdr_ret, ret);
}

static void
send_error (int err, const char *msg)
{
  struct guestfs_message_error e;

  /* The library is still sending chunks: stop it first (it expects the
   * cancel flag before any reply). */
  if (filein_pending)
    cancel_receive ();
  e.errno_string = (char *) (err ? errno_to_name (err) : "");
  e.error_message = (char *) msg;
  debug ("error reply: %s", msg);
  send_reply (GUESTFS_STATUS_ERROR, (xdrproc_t) xdr_guestfs_message_error,
              (char *) &e);
}

static int
vreply_error (int err, const char *suffix, const char *fmt, va_list ap)
{
  char *msg = NULL;
  char *full = NULL;

  if (vasprintf (&msg, fmt, ap) == -1)
    msg = NULL;
  if (msg && strlen (msg) > GUESTFS_ERROR_LEN - 256)
    msg[GUESTFS_ERROR_LEN - 256] = '\0';
  if (msg && suffix) {
    if (asprintf (&full, "%s: %s", msg, suffix) == -1)
      full = NULL;
  }
  send_error (err, full ? full : msg ? msg : "out of memory");
  free (full);
  free (msg);
  return -1;
}

int
reply_with_error (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vreply_error (0, NULL, fmt, ap);
  va_end (ap);
  return -1;
}

int
reply_with_error_errno (int err, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vreply_error (err, NULL, fmt, ap);
  va_end (ap);
  return -1;
}

int
reply_with_perror (const char *fmt, ...)
{
  int err = errno;
  va_list ap;
  va_start (ap, fmt);
  vreply_error (err, strerror (err), fmt, ap);
  va_end (ap);
  errno = err;
  return -1;
}

void
proto_send_launch_flag (void)
{
  uint32_t w = htonl (GUESTFS_LAUNCH_FLAG);
  proto_write_full (&w, 4);
}

/* Orphans (a guest command's daemons) are re-parented to us as PID 1:
 * reap them between calls, when none of our own children is running. */
static void
reap_orphans (void)
{
  while (waitpid (-1, NULL, WNOHANG) > 0)
    ;
}

static void
serve_one (char *buf, uint32_t len)
{
  struct guestfs_message_header hdr;
  XDR xdr;

  memset (&hdr, 0, sizeof hdr);
  xdrmem_create (&xdr, buf, len, XDR_DECODE);
  if (!xdr_guestfs_message_header (&xdr, &hdr)) {
    /* No serial to answer to: drop it, the framing is still intact. */
    log_error ("could not decode message header (%u bytes), ignored", len);
    xdr_destroy (&xdr);
    return;
  }
  proc_nr = hdr.proc;
  call_serial = hdr.serial;
  progress_hint = hdr.progress_hint;
  optargs_bitmask = hdr.optargs_bitmask;
  replied = 0;
  filein_pending = proto_is_filein_proc (proc_nr);
  debug ("call proc %u serial %u", proc_nr, call_serial);

  if (hdr.prog != GUESTFS_PROGRAM || hdr.vers != GUESTFS_PROTOCOL_VERSION)
    reply_with_error ("wrong program (%#x) or protocol version (%u)",
                      hdr.prog, hdr.vers);
  else if (hdr.direction != GUESTFS_DIRECTION_CALL
           || hdr.status != GUESTFS_STATUS_OK)
    reply_with_error ("unexpected message direction or status");
  else
    dispatch_call (proc_nr, &xdr);

  if (!replied)
    reply_with_error ("internal error: the daemon sent no reply");
  if (filein_pending)
    cancel_receive ();
  xdr_destroy (&xdr);
}

void
proto_serve (void)
{
  for (;;) {
    char *buf;
    uint32_t len;
    int r;

    if (am_pid1)
      reap_orphans ();
    r = proto_recv_message (&buf, &len);
    if (r == -1)
      return;
    if (r == 1)
      continue;        /* a late cancel for a transfer already finished */
    serve_one (buf, len);
  }
}
