/* The protocol client: one remote call (guestfs_int_rpc), with FileIn and
 * FileOut transfers.  Everything received is untrusted: every length is
 * bounded, every header checked, and any violation stops the appliance. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "guestfs-internal.h"
#include "guestfs_protocol.h"

/* Data per FileIn chunk: the protocol's largest (measured: fewer, bigger
 * chunks keep the daemon's reader and writer threads busier).  A multiple
 * of the page size: the daemon writes full chunks with O_DIRECT. */
#define CHUNK_SIZE GUESTFS_MAX_CHUNK_SIZE

/* through void (*)(void): xdr_void has no parameters */
#define XDR_VOID ((xdrproc_t) (void (*) (void)) xdr_void)

static uint32_t
get_be32 (const unsigned char *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 | (uint32_t) p[2] << 8 | p[3];
}

static void
put_be32 (char *p, uint32_t v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

int
guestfs_int_errno_from_string (const char *name)
{
  if (!name || !*name) return 0;
  for (int e = 1; e < 256; e++) {
    const char *n = strerrorname_np (e);
    if (n && strcmp (n, name) == 0)
      return e;
  }
  return EINVAL;   /* unknown name from the daemon: still an error */
}

/* A broken connection or a protocol violation: report it and stop the
 * appliance (it can no longer be trusted to be in step with us). */
static void
fatal (guestfs_h *g, const char *fn, int code, const char *what)
{
  int errnum = errno;
  if (code == CONN_EOF)
    error (g, "%s: the appliance closed the connection unexpectedly (it crashed or was killed); "
           "LIBGUESTFS_DEBUG=1 shows its console output", fn);
  else if (code == CONN_ERR && what == NULL)
    guestfs_int_error_errno (g, errnum, "%s: connection to the appliance failed: %s", fn, strerror (errnum));
  else
    guestfs_int_error_errno (g, EPROTO, "%s: protocol error: %s", fn, what ? what : "unexpected data");
  guestfs_int_kill_appliance (g);
}

/* Encode (header?) + body into one framed message and send it. */
static int
send_message (guestfs_h *g, const char *fn, guestfs_message_header *hdr,
              xdrproc_t xdr_body, void *body, bool *cancel_seen)
{
  CLEANUP_FREE char *buf = malloc (GUESTFS_MESSAGE_MAX + 4);
  if (!buf) {
    guestfs_int_error_errno (g, ENOMEM, "%s: cannot allocate message buffer", fn);
    return -1;
  }
  XDR xdr;
  xdrmem_create (&xdr, buf + 4, GUESTFS_MESSAGE_MAX, XDR_ENCODE);
  bool ok = (!hdr || xdr_guestfs_message_header (&xdr, hdr))
    && (!xdr_body || xdr_body (&xdr, body));
  uint32_t len = xdr_getpos (&xdr);
  xdr_destroy (&xdr);
  if (!ok) {
    guestfs_int_error_errno (g, E2BIG, "%s: cannot encode the request (arguments too large?)", fn);
    return -1;
  }
  put_be32 (buf, len);
  int r = guestfs_int_conn_write (g, buf, len + 4, cancel_seen);
  if (r != CONN_OK) {
    fatal (g, fn, r, NULL);
    return -1;
  }
  return 0;
}

/* Receive one message body, handling progress and stray flag words, into
 * *buf_r, grown as needed (its size in *cap_r; NULL and 0 at first), so
 * that a transfer reuses one buffer for all its chunks. */
static int
recv_message_into (guestfs_h *g, const char *fn, char **buf_r, size_t *cap_r,
                   uint32_t *len_r)
{
  for (;;) {
    unsigned char w[4];
    int r = guestfs_int_conn_read (g, w, 4, -1);
    if (r != CONN_OK) { fatal (g, fn, r, NULL); return -1; }
    uint32_t len = get_be32 (w);
    if (len == GUESTFS_PROGRESS_FLAG) {
      if ((r = guestfs_int_handle_progress (g)) != CONN_OK) {
        fatal (g, fn, r, r == CONN_ERR ? "malformed progress message" : NULL);
        return -1;
      }
      continue;
    }
    if (len == GUESTFS_LAUNCH_FLAG || len == GUESTFS_CANCEL_FLAG)
      continue;   /* late or stray flags carry no data */
    if (len > GUESTFS_MESSAGE_MAX) {
      char what[100];
      snprintf (what, sizeof what, "message length %u exceeds the maximum %u",
                len, (unsigned) GUESTFS_MESSAGE_MAX);
      fatal (g, fn, CONN_ERR, what);
      return -1;
    }
    if (*buf_r == NULL || *cap_r < len) {
      char *buf = realloc (*buf_r, len ? len : 1);
      if (!buf) {
        fatal (g, fn, CONN_ERR, "cannot allocate a buffer for the reply");
        return -1;
      }
      *buf_r = buf;
      *cap_r = len;
    }
    if ((r = guestfs_int_conn_read (g, *buf_r, len, -1)) != CONN_OK) {
      fatal (g, fn, r, NULL);
      return -1;
    }
    *len_r = len;
    return 0;
  }
}

static int
recv_message (guestfs_h *g, const char *fn, char **buf_r, uint32_t *len_r)
{
  size_t cap = 0;
  *buf_r = NULL;
  int r = recv_message_into (g, fn, buf_r, &cap, len_r);
  if (r == -1) {
    free (*buf_r);
    *buf_r = NULL;
  }
  return r;
}

/* Read one reply.  Returns 0 (OK, *ret decoded), 1 (the daemon reported
 * an error, now set), or -1 (fatal, error set, appliance stopped). */
static int
recv_reply (guestfs_h *g, const char *fn, int proc, uint32_t serial,
            xdrproc_t xdr_ret, void *ret)
{
  CLEANUP_FREE char *buf = NULL;
  uint32_t len;
  if (recv_message (g, fn, &buf, &len) == -1)
    return -1;

  XDR xdr;
  guestfs_message_header hdr;
  memset (&hdr, 0, sizeof hdr);
  xdrmem_create (&xdr, buf, len, XDR_DECODE);
  int result = -1;
  char what[160];
  if (!xdr_guestfs_message_header (&xdr, &hdr)) {
    snprintf (what, sizeof what, "cannot decode the reply header");
    goto bad;
  }
  if (hdr.prog != GUESTFS_PROGRAM || hdr.vers != GUESTFS_PROTOCOL_VERSION
      || hdr.direction != GUESTFS_DIRECTION_REPLY) {
    snprintf (what, sizeof what, "bad reply header (program %#x, version %u, direction %d)",
              hdr.prog, hdr.vers, (int) hdr.direction);
    goto bad;
  }
  if ((int) hdr.proc != proc || hdr.serial != serial) {
    snprintf (what, sizeof what, "reply to procedure %d serial %#x, expected procedure %d serial %#x",
              (int) hdr.proc, hdr.serial, proc, serial);
    goto bad;
  }
  if (hdr.status == GUESTFS_STATUS_ERROR) {
    guestfs_message_error err;
    memset (&err, 0, sizeof err);
    if (!xdr_guestfs_message_error (&xdr, &err)) {
      snprintf (what, sizeof what, "cannot decode the error reply");
      goto bad;
    }
    guestfs_int_error_errno (g, guestfs_int_errno_from_string (err.errno_string),
                             "%s: %s", fn, err.error_message);
    xdr_free ((xdrproc_t) xdr_guestfs_message_error, (char *) &err);
    result = 1;
  } else if (hdr.status != GUESTFS_STATUS_OK) {
    snprintf (what, sizeof what, "bad reply status %d", (int) hdr.status);
    goto bad;
  } else if (xdr_ret && xdr_ret != XDR_VOID && ret && !xdr_ret (&xdr, ret)) {
    xdr_free (xdr_ret, ret);
    snprintf (what, sizeof what, "cannot decode the reply");
    goto bad;
  } else
    result = 0;
  xdr_destroy (&xdr);
  return result;

 bad:
  xdr_destroy (&xdr);
  fatal (g, fn, CONN_ERR, what);
  return -1;
}

static int
send_chunk (guestfs_h *g, const char *fn, int cancel, const char *data, size_t len,
            bool *cancel_seen)
{
  guestfs_chunk chunk = { .cancel = cancel, .data = { len, (char *) data } };
  return send_message (g, fn, NULL, (xdrproc_t) xdr_guestfs_chunk, &chunk, cancel_seen);
}

/* Read up to LEN bytes, short only at end of file: full chunks keep the
 * daemon's writes aligned even when the source is a pipe. */
static ssize_t
read_chunk (int fd, char *buf, size_t len)
{
  size_t got = 0;
  while (got < len) {
    ssize_t n = read (fd, buf + got, len - got);
    if (n == 0)
      break;
    if (n == -1) {
      if (errno == EINTR) continue;
      return -1;
    }
    got += n;
  }
  return got;
}

/* Frame a data chunk in place: MSG holds the length word and the chunk
 * header (12 bytes) before the N bytes of data, and room for padding. */
static size_t
frame_data_chunk (char *msg, size_t n)
{
  size_t pad = (4 - (n & 3)) & 3;
  memset (msg + 12 + n, 0, pad);
  put_be32 (msg, 8 + n + pad);
  put_be32 (msg + 4, 0);        /* not cancelled */
  put_be32 (msg + 8, n);
  return 12 + n + pad;
}

/* FileIn: stream the host file, read straight into the message being
 * sent.  Returns 0, -1 fatal, 1 if a local error (already set) stopped
 * it, 2 if cancelled (the daemon's reply says so). */
static int
send_file (guestfs_h *g, const char *fn, int fd, const char *filename)
{
  CLEANUP_FREE char *msg = malloc (12 + CHUNK_SIZE + 4);
  bool cancel_seen = false;
  if (!msg) {
    guestfs_int_error_errno (g, ENOMEM, "%s: malloc", fn);
    return send_chunk (g, fn, 1, NULL, 0, NULL) == -1 ? -1 : 1;
  }
  for (;;) {
    if (g->user_cancel || cancel_seen)
      return send_chunk (g, fn, 1, NULL, 0, NULL) == -1 ? -1 : 2;
    ssize_t n = read_chunk (fd, msg + 12, CHUNK_SIZE);
    if (n == -1) {
      perrorf (g, "%s: read: %s", fn, filename);
      return send_chunk (g, fn, 1, NULL, 0, NULL) == -1 ? -1 : 1;
    }
    size_t len = frame_data_chunk (msg, n);
    int r = guestfs_int_conn_write (g, msg, len, &cancel_seen);
    if (r != CONN_OK) {
      fatal (g, fn, r, NULL);
      return -1;
    }
    if (n == 0)
      return 0;
  }
}

static void
send_cancel_flag (guestfs_h *g)
{
  char w[4];
  put_be32 (w, GUESTFS_CANCEL_FLAG);
  guestfs_int_conn_write (g, w, 4, NULL);
}

static int
write_all (int fd, const char *buf, size_t len)
{
  while (len > 0) {
    ssize_t n = write (fd, buf, len);
    if (n == -1) {
      if (errno == EINTR) continue;
      return -1;
    }
    buf += n;
    len -= n;
  }
  return 0;
}

/* Consume the reply to a transfer that we stopped (a local error, or
 * guestfs_user_cancel): it only says that the transfer was stopped, so it
 * is kept from the error handler and the current error.  Returns -1 if
 * the connection failed (that error then reported), else 0. */
static int
discard_reply (guestfs_h *g, const char *fn, int proc, uint32_t serial,
               xdrproc_t xdr_ret, void *ret)
{
  CLEANUP_FREE char *saved = g->last_error ? safe_strdup (g, g->last_error) : NULL;
  int saved_errno = g->last_errnum;
  guestfs_push_error_handler (g, NULL, NULL);
  int r = recv_reply (g, fn, proc, serial, xdr_ret, ret);
  guestfs_pop_error_handler (g);
  if (r == -1) {
    CLEANUP_FREE char *msg = safe_strdup (g, g->last_error);
    guestfs_int_error_errno (g, g->last_errnum, "%s", msg);
    return -1;
  }
  if (r == 0 && ret && xdr_ret && xdr_ret != XDR_VOID)
    xdr_free (xdr_ret, ret);
  free (g->last_error);
  g->last_error = saved;
  g->last_errnum = saved_errno;
  saved = NULL;
  return 0;
}

static void
user_cancelled (guestfs_h *g)
{
  guestfs_int_error_errno (g, EINTR, "operation cancelled by user");
}

/* FileOut: receive chunks into fd until the end or a cancel chunk.
 * Returns 0, -1 fatal, 1 error set (local or from the daemon). */
/* Decode a chunk in place (XDR: cancel word, length word, data, padding).
 * Returns false if malformed. */
static bool
parse_chunk (const char *buf, uint32_t len, int *cancel, const char **data,
             uint32_t *dlen)
{
  if (len < 8)
    return false;
  *cancel = get_be32 ((const unsigned char *) buf) != 0;
  *dlen = get_be32 ((const unsigned char *) buf + 4);
  *data = buf + 8;
  return *dlen <= GUESTFS_MAX_CHUNK_SIZE && *dlen <= len - 8;
}

static int
receive_file (guestfs_h *g, const char *fn, int proc, uint32_t serial,
              int fd, const char *filename)
{
  int write_errno = 0;
  bool cancel_sent = false;
  CLEANUP_FREE char *buf = NULL;   /* reused for every chunk */
  size_t cap = 0;
  for (;;) {
    uint32_t len, dlen;
    int cancel;
    const char *data;
    if (recv_message_into (g, fn, &buf, &cap, &len) == -1)
      return -1;
    if (!parse_chunk (buf, len, &cancel, &data, &dlen)) {
      fatal (g, fn, CONN_ERR, "cannot decode a file chunk");
      return -1;
    }
    if (!cancel && dlen > 0 && !write_errno
        && write_all (fd, data, dlen) == -1)
      write_errno = errno;

    if (cancel && cancel_sent && !write_errno && g->user_cancel) {
      if (discard_reply (g, fn, proc, serial, NULL, NULL) == -1) return -1;
      user_cancelled (g);
      return 1;
    }
    if (cancel) {
      /* the daemon stopped: an error reply follows */
      int r = recv_reply (g, fn, proc, serial, NULL, NULL);
      if (r == -1) return -1;
      if (write_errno) {
        errno = write_errno;
        perrorf (g, "%s: write: %s", fn, filename);
      } else if (r == 0)
        error (g, "%s: the transfer was cancelled", fn);
      return 1;
    }
    if (dlen == 0) {   /* end of file */
      if (write_errno) {
        errno = write_errno;
        perrorf (g, "%s: write: %s", fn, filename);
        return 1;
      }
      return 0;
    }
    if ((write_errno || g->user_cancel) && !cancel_sent) {
      send_cancel_flag (g);
      cancel_sent = true;
    }
  }
}

static int
open_file_out (guestfs_h *g, const char *fn, const char *file_out)
{
  int fd = open (file_out, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0666);
  if (fd == -1)
    perrorf (g, "%s: open: %s", fn, file_out);
  return fd;
}

int
guestfs_int_rpc (guestfs_h *g, const char *fn, int proc_nr,
                 uint64_t progress_hint, uint64_t optargs_bitmask,
                 xdrproc_t xdr_args, void *args,
                 xdrproc_t xdr_ret, void *ret,
                 const char *file_in, const char *file_out)
{
  if (g->state != READY || g->sock < 0) {
    error (g, "%s: call launch before using this function\n"
           "(in guestfish, don't forget to use the 'run' command)", fn);
    return -1;
  }
  CLEANUP_CLOSE int fd_in = -1;
  CLEANUP_CLOSE int fd_out = -1;
  if (file_in && (fd_in = open (file_in, O_RDONLY | O_NOCTTY | O_CLOEXEC)) == -1) {
    perrorf (g, "%s: open: %s", fn, file_in);
    return -1;
  }
  if (file_out && (fd_out = open_file_out (g, fn, file_out)) == -1)
    return -1;
  /* The daemon reports upload progress against the size of the file. */
  struct stat st;
  if (fd_in >= 0 && progress_hint == 0 && fstat (fd_in, &st) == 0 && S_ISREG (st.st_mode))
    progress_hint = st.st_size;
  if (file_in || file_out)
    g->user_cancel = 0;

  uint32_t serial = g->next_serial++;
  guestfs_message_header hdr = {
    .prog = GUESTFS_PROGRAM, .vers = GUESTFS_PROTOCOL_VERSION,
    .proc = proc_nr, .direction = GUESTFS_DIRECTION_CALL, .serial = serial,
    .progress_hint = progress_hint, .optargs_bitmask = optargs_bitmask,
    .status = GUESTFS_STATUS_OK,
  };
  if (xdr_args == XDR_VOID) xdr_args = NULL;
  if (send_message (g, fn, &hdr, xdr_args, args, NULL) == -1)
    return -1;

  int local = 0;
  if (file_in) {
    local = send_file (g, fn, fd_in, file_in);
    if (local == -1) return -1;
  }
  /* A local failure or the user's cancel stopped the upload: the reply
   * (an error for the cancel) only has to be consumed. */
  if (local == 1 || (local == 2 && g->user_cancel)) {
    if (discard_reply (g, fn, proc_nr, serial, xdr_ret, ret) == -1) return -1;
    if (local == 2) user_cancelled (g);
    return -1;
  }
  int r = recv_reply (g, fn, proc_nr, serial, xdr_ret, ret);
  if (r == -1 || r == 1) return -1;
  if (local == 2) {   /* the daemon asked us to stop, yet says OK */
    if (ret && xdr_ret && xdr_ret != XDR_VOID) xdr_free (xdr_ret, ret);
    guestfs_int_error_errno (g, EINTR, "%s: operation cancelled", fn);
    return -1;
  }
  if (file_out && receive_file (g, fn, proc_nr, serial, fd_out, file_out) != 0)
    return -1;
  return 0;
}
