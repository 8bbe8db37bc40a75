/* A minimal QMP client over the unix socket qemu connects to.  Each QMP
 * message is one JSON object on one line; asynchronous events (lines
 * with "event") may come between a command and its reply and are
 * skipped.  While waiting, the appliance console is drained so that qemu
 * never blocks writing to it. */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "qmp.h"

static int64_t
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (int64_t) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Read more bytes into q->buf.  0 ok, -1 error set. */
static int
fill (guestfs_h *g, struct qmp *q, int64_t deadline)
{
  for (;;) {
    if (q->len == sizeof q->buf) {
      error (g, "qmp: reply too long");
      return -1;
    }
    ssize_t n = recv (q->fd, q->buf + q->len, sizeof q->buf - q->len, MSG_DONTWAIT);
    if (n > 0) { q->len += n; return 0; }
    if (n == 0) {
      error (g, "qmp: qemu closed the monitor connection");
      return -1;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
      perrorf (g, "qmp: recv");
      return -1;
    }
    int64_t left = deadline - now_ms ();
    if (left <= 0) {
      error (g, "qmp: timed out waiting for qemu");
      return -1;
    }
    struct pollfd p[2] = { { q->fd, POLLIN, 0 }, { g->console_fd, POLLIN, 0 } };
    if (poll (p, g->console_fd >= 0 ? 2 : 1, (int) (left > 1000 ? 1000 : left)) == -1 &&
        errno != EINTR) {
      perrorf (g, "qmp: poll");
      return -1;
    }
    if (g->console_fd >= 0 && p[1].revents)
      guestfs_int_drain_console (g, 0);
  }
}

/* The next line that is not an event (malloc'd), or NULL with the error set. */
static char *
read_message (guestfs_h *g, struct qmp *q, int64_t deadline)
{
  for (;;) {
    char *nl = memchr (q->buf, '\n', q->len);
    if (!nl) {
      if (fill (g, q, deadline) == -1) return NULL;
      continue;
    }
    size_t n = nl - q->buf + 1;
    char *line = guestfs_int_safe_malloc (g, n + 1);
    memcpy (line, q->buf, n);
    line[n] = '\0';
    memmove (q->buf, q->buf + n, q->len - n);
    q->len -= n;
    char *event = guestfs_int_json_get (line, "event");
    if (event) {
      free (event);
      free (line);
      continue;
    }
    return line;
  }
}

static int
send_all (guestfs_h *g, struct qmp *q, const char *s, int pass_fd)
{
  size_t len = strlen (s), sent = 0;
  while (sent < len) {
    struct iovec iov = { (char *) s + sent, len - sent };
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
    union { struct cmsghdr h; char b[CMSG_SPACE (sizeof (int))]; } cm;
    if (pass_fd >= 0 && sent == 0) {
      memset (&cm, 0, sizeof cm);
      msg.msg_control = cm.b;
      msg.msg_controllen = sizeof cm.b;
      struct cmsghdr *c = CMSG_FIRSTHDR (&msg);
      c->cmsg_level = SOL_SOCKET;
      c->cmsg_type = SCM_RIGHTS;
      c->cmsg_len = CMSG_LEN (sizeof (int));
      memcpy (CMSG_DATA (c), &pass_fd, sizeof (int));
    }
    ssize_t n = sendmsg (q->fd, &msg, MSG_NOSIGNAL);
    if (n > 0) { sent += n; continue; }
    if (n == -1 && errno == EINTR) continue;
    if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      struct pollfd p = { q->fd, POLLOUT, 0 };
      poll (&p, 1, 1000);
      continue;
    }
    perrorf (g, "qmp: send");
    return -1;
  }
  return 0;
}

char *
guestfs_int_qmp_command (guestfs_h *g, struct qmp *q, const char *json, int pass_fd,
                         int timeout_ms)
{
  int64_t deadline = now_ms () + timeout_ms;
  if (send_all (g, q, json, pass_fd) == -1 || send_all (g, q, "\n", -1) == -1)
    return NULL;
  char *reply = read_message (g, q, deadline);
  CLEANUP_FREE char *err = reply ? guestfs_int_json_get (reply, "error") : NULL;
  if (err) {
    CLEANUP_FREE char *desc = guestfs_int_json_get (err, "desc");
    error (g, "qmp: %s: %s", json, desc ? desc : reply);
    free (reply);
    return NULL;
  }
  return reply;
}

int
guestfs_int_qmp_open (guestfs_h *g, struct qmp *q, int fd, int timeout_ms)
{
  q->fd = fd;
  q->len = 0;
  CLEANUP_FREE char *greeting = read_message (g, q, now_ms () + timeout_ms);
  if (!greeting) return -1;
  if (!strstr (greeting, "\"QMP\"")) {
    error (g, "qmp: unexpected greeting: %s", greeting);
    return -1;
  }
  CLEANUP_FREE char *r = guestfs_int_qmp_command (g, q, "{\"execute\": \"qmp_capabilities\"}",
                                                 -1, timeout_ms);
  return r ? 0 : -1;
}

/* JSON string escaping for the few characters a command line may hold. */
static char *
json_string (guestfs_h *g, const char *s)
{
  char *r = guestfs_int_safe_malloc (g, strlen (s) * 6 + 3), *o = r;
  *o++ = '"';
  for (; *s; s++) {
    unsigned char c = *s;
    if (c == '"' || c == '\\') { *o++ = '\\'; *o++ = c; }
    else if (c < 0x20) o += sprintf (o, "\\u%04x", c);
    else *o++ = c;
  }
  *o++ = '"';
  *o = '\0';
  return r;
}

int
guestfs_int_qmp_hmp (guestfs_h *g, struct qmp *q, const char *cmdline, char **output_r,
                     int timeout_ms)
{
  CLEANUP_FREE char *arg = json_string (g, cmdline);
  CLEANUP_FREE char *json = safe_asprintf (g, "{\"execute\": \"human-monitor-command\", "
                                           "\"arguments\": {\"command-line\": %s}}", arg);
  CLEANUP_FREE char *reply = guestfs_int_qmp_command (g, q, json, -1, timeout_ms);
  if (!reply) return -1;
  char *out = guestfs_int_json_get (reply, "return");
  *output_r = out ? out : safe_strdup (g, "");
  return 0;
}

char *
guestfs_int_qmp_status (const char *reply)
{
  CLEANUP_FREE char *ret = guestfs_int_json_get (reply, "return");
  return ret ? guestfs_int_json_get (ret, "status") : NULL;
}

void
guestfs_int_qmp_close (struct qmp *q)
{
  if (q->fd >= 0) close (q->fd);
  q->fd = -1;
  q->len = 0;
}
