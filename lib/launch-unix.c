/* The "unix:PATH" backend: talk to a guestfsd that is already listening
 * on a unix socket (for example inside a running guest).  The daemon
 * sends the launch flag after accepting the connection. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "guestfs-internal.h"

#define UNIX_LAUNCH_TIMEOUT_MS (60 * 1000)

static int
unix_launch (guestfs_h *g, const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  if (strlen (path) >= sizeof addr.sun_path) {
    error (g, "launch: socket path too long: %s", path);
    return -1;
  }
  strcpy (addr.sun_path, path);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd == -1) {
    perrorf (g, "socket");
    return -1;
  }
  if (connect (fd, (struct sockaddr *) &addr, sizeof addr) == -1) {
    perrorf (g, "launch: connect: %s", path);
    close (fd);
    return -1;
  }
  fcntl (fd, F_SETFL, O_NONBLOCK);
  g->sock = fd;
  int r = guestfs_int_wait_for_launch_flag (g, UNIX_LAUNCH_TIMEOUT_MS);
  if (r != CONN_OK) {
    error (g, "launch: %s: %s", path,
           r == CONN_TIMEOUT ? "timed out waiting for the daemon"
           : r == CONN_EOF ? "the daemon closed the connection"
           : "the daemon did not send the launch flag");
    guestfs_int_close_conn (g);
    return -1;
  }
  return 0;
}

static int
unix_shutdown (guestfs_h *g, bool check)
{
  guestfs_int_close_conn (g);
  return 0;
}

static int unix_max_disks (guestfs_h *g) { return 255; }

const struct backend_ops guestfs_int_backend_unix = {
  .name = "unix:",
  .is_prefix = true,
  .launch = unix_launch,
  .shutdown = unix_shutdown,
  .get_pid = NULL,
  .max_disks = unix_max_disks,
};
