/* Low-level I/O on the daemon socket.  The socket is non-blocking; every
 * wait also drains the appliance console so that qemu never blocks on a
 * full console pipe and its output reaches the APPLIANCE event. */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "guestfs-internal.h"
#include "guestfs_protocol.h"

static int64_t
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
read_console (guestfs_h *g)
{
  char buf[4096];
  ssize_t n = read (g->console_fd, buf, sizeof buf);
  if (n > 0)
    guestfs_int_appliance_output (g, buf, n);
  else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
    close (g->console_fd);   /* qemu exited (or closed its stdout) */
    g->console_fd = -1;
  }
}

void
guestfs_int_drain_console (guestfs_h *g, int timeout_ms)
{
  while (g->console_fd >= 0) {
    struct pollfd p = { g->console_fd, POLLIN, 0 };
    if (poll (&p, 1, timeout_ms) <= 0) return;
    read_console (g);
  }
}

/* Wait for `events` on the socket, forwarding console output.  Returns
 * the socket's revents, 0 on timeout, -1 on poll error. */
static int
wait_sock (guestfs_h *g, short events, int64_t deadline)
{
  for (;;) {
    struct pollfd p[2] = { { g->sock, events, 0 }, { g->console_fd, POLLIN, 0 } };
    int timeout = -1;
    if (deadline >= 0) {
      int64_t left = deadline - now_ms ();
      timeout = left > 0 ? (int) (left > 60000 ? 60000 : left) : 0;
    }
    int r = poll (p, g->console_fd >= 0 ? 2 : 1, timeout);
    if (r == -1) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (g->console_fd >= 0 && p[1].revents)
      read_console (g);
    if (p[0].revents)
      return p[0].revents;
    if (r == 0 && deadline >= 0 && now_ms () >= deadline)
      return 0;
  }
}

int
guestfs_int_conn_read (guestfs_h *g, void *buf, size_t n, int timeout_ms)
{
  int64_t deadline = timeout_ms >= 0 ? now_ms () + timeout_ms : -1;
  size_t got = 0;
  if (g->sock < 0) return CONN_EOF;
  while (got < n) {
    ssize_t r = recv (g->sock, (char *) buf + got, n - got, 0);
    if (r > 0) { got += r; continue; }
    if (r == 0) return CONN_EOF;
    if (errno == EINTR) continue;
    if (errno == ECONNRESET) return CONN_EOF;
    if (errno != EAGAIN && errno != EWOULDBLOCK) return CONN_ERR;
    int ev = wait_sock (g, POLLIN, deadline);
    if (ev == 0) return CONN_TIMEOUT;
    if (ev < 0) return CONN_ERR;
  }
  return CONN_OK;
}

int
guestfs_int_handle_progress (guestfs_h *g)
{
  char buf[64];
  XDR xdr;
  guestfs_progress msg;
  /* XDR size of guestfs_progress: 4 + 4 + 8 + 8 */
  int r = guestfs_int_conn_read (g, buf, 24, -1);
  if (r != CONN_OK) return r;
  memset (&msg, 0, sizeof msg);
  xdrmem_create (&xdr, buf, 24, XDR_DECODE);
  bool ok = xdr_guestfs_progress (&xdr, &msg);
  xdr_destroy (&xdr);
  if (!ok) return CONN_ERR;
  uint64_t array[4] = { (uint64_t) msg.proc, msg.serial, msg.position, msg.total };
  guestfs_int_call_callbacks (g, GUESTFS_EVENT_PROGRESS, NULL, 0, array, 4);
  return CONN_OK;
}

int
guestfs_int_conn_write (guestfs_h *g, const void *buf, size_t n, bool *cancel_seen)
{
  bool watch_cancel = cancel_seen != NULL;
  size_t sent = 0;
  if (g->sock < 0) return CONN_EOF;
  while (sent < n) {
    int ev = wait_sock (g, POLLOUT | (watch_cancel ? POLLIN : 0), -1);
    if (ev < 0) return CONN_ERR;
    if (watch_cancel && (ev & POLLIN)) {
      unsigned char w[4];
      int r = guestfs_int_conn_read (g, w, 4, -1);
      if (r != CONN_OK) return r;
      uint32_t word = (uint32_t) w[0] << 24 | w[1] << 16 | w[2] << 8 | w[3];
      if (word == GUESTFS_CANCEL_FLAG) {
        /* finish this message to keep the framing; the caller stops after it */
        *cancel_seen = true;
        continue;
      }
      if (word == GUESTFS_PROGRESS_FLAG) {
        if ((r = guestfs_int_handle_progress (g)) != CONN_OK) return r;
        continue;
      }
      return CONN_ERR;   /* nothing else may arrive while we send */
    }
    if (ev & (POLLERR | POLLHUP)) return CONN_EOF;
    if (!(ev & POLLOUT)) continue;
    ssize_t r = send (g->sock, (const char *) buf + sent, n - sent, MSG_NOSIGNAL);
    if (r >= 0) { sent += r; continue; }
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
    if (errno == EPIPE || errno == ECONNRESET) return CONN_EOF;
    return CONN_ERR;
  }
  return CONN_OK;
}

void
guestfs_int_close_conn (guestfs_h *g)
{
  if (g->sock >= 0) { close (g->sock); g->sock = -1; }
  if (g->console_fd >= 0) { close (g->console_fd); g->console_fd = -1; }
}
