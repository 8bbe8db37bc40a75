/* launch / shutdown, independent of the backend.  Backends are a table so
 * that others (libvirt, ...) can be added without touching the rest. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "guestfs-internal.h"
#include "guestfs_protocol.h"

static const struct backend_ops *const backends[] = {
  &guestfs_int_backend_direct,
  &guestfs_int_backend_unix,
};

const struct backend_ops *
guestfs_int_find_backend (const char *backend, const char **arg)
{
  if (strcmp (backend, "appliance") == 0)   /* historical name of direct */
    backend = "direct";
  for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
    const struct backend_ops *b = backends[i];
    size_t n = strlen (b->name);
    if (b->is_prefix ? strncmp (backend, b->name, n) == 0 && backend[n]
                     : strcmp (backend, b->name) == 0) {
      *arg = b->is_prefix ? backend + n : NULL;
      return b;
    }
  }
  return NULL;
}

int64_t
guestfs_int_elapsed_ms (guestfs_h *g)
{
  struct timespec now;
  clock_gettime (CLOCK_MONOTONIC, &now);
  return (int64_t) (now.tv_sec - g->launch_t0.tv_sec) * 1000
    + (now.tv_nsec - g->launch_t0.tv_nsec) / 1000000;
}

/* Read the daemon's first word.  Returns a CONN_* code. */
int
guestfs_int_wait_for_launch_flag (guestfs_h *g, int timeout_ms)
{
  unsigned char w[4];
  int r = guestfs_int_conn_read (g, w, 4, timeout_ms);
  if (r != CONN_OK) return r;
  uint32_t word = (uint32_t) w[0] << 24 | w[1] << 16 | w[2] << 8 | w[3];
  if (word != GUESTFS_LAUNCH_FLAG) {
    errno = EPROTO;
    return CONN_ERR;
  }
  return CONN_OK;
}

int
guestfs_impl_launch (guestfs_h *g)
{
  if (g->state != CONFIG) {
    error (g, "the libguestfs handle has already been launched");
    return -1;
  }
  if (g->nr_drives == 0) {
    error (g, "you must call guestfs_add_drive before guestfs_launch");
    return -1;
  }
  if (g->network) {
    guestfs_int_error_errno (g, ENOTSUP, "launch: the appliance network is not supported "
                             "(call set_network false)");
    return -1;
  }
  const char *arg;
  const struct backend_ops *b = guestfs_int_find_backend (g->backend, &arg);
  if (!b) {
    error (g, "invalid backend: %s", g->backend);
    return -1;
  }
  clock_gettime (CLOCK_MONOTONIC, &g->launch_t0);
  if (guestfs_int_lazy_make_tmpdir (g) == -1)
    return -1;
  debug (g, "launch: program=%s", g->program);
  debug (g, "launch: version=%s", PACKAGE_VERSION);
  debug (g, "launch: backend=%s", g->backend);
  debug (g, "launch: tmpdir=%s", g->tmpdir);
  debug (g, "launch: memsize=%d smp=%d", g->memsize, g->smp);

  g->state = LAUNCHING;
  g->console_tail_len = 0;
  g->backend_ops = b;
  if (b->launch (g, arg) == -1) {
    g->backend_ops = NULL;
    guestfs_int_close_conn (g);
    g->state = CONFIG;
    return -1;
  }
  g->state = READY;
  debug (g, "launch: appliance ready after %" PRIi64 " ms", guestfs_int_elapsed_ms (g));
  guestfs_int_call_callbacks (g, GUESTFS_EVENT_LAUNCH_DONE, NULL, 0, NULL, 0);
  return 0;
}

static int
shutdown_backend (guestfs_h *g, bool check)
{
  int r = 0;
  if (g->backend_ops && g->state != CONFIG)
    r = g->backend_ops->shutdown (g, check);
  g->backend_ops = NULL;
  guestfs_int_close_conn (g);
  if (g->state != NO_HANDLE)
    g->state = CONFIG;
  return r;
}

int
guestfs_impl_shutdown (guestfs_h *g)
{
  return shutdown_backend (g, true);
}

int
guestfs_impl_kill_subprocess (guestfs_h *g)
{
  return shutdown_backend (g, false);
}

void
guestfs_int_kill_appliance (guestfs_h *g)
{
  bool autosync = g->autosync;
  g->autosync = false;   /* nothing to sync with a broken appliance */
  shutdown_backend (g, false);
  g->autosync = autosync;
}

int
guestfs_impl_get_pid (guestfs_h *g)
{
  if (g->state != READY && g->state != BUSY) {
    error (g, "get-pid can only be called after launch");
    return -1;
  }
  if (!g->backend_ops->get_pid) {
    guestfs_int_error_errno (g, ENOTSUP, "the current backend does not support 'get-pid'");
    return -1;
  }
  return g->backend_ops->get_pid (g);
}

int
guestfs_impl_max_disks (guestfs_h *g)
{
  const char *arg;
  const struct backend_ops *b = guestfs_int_find_backend (g->backend, &arg);
  if (!b || !b->max_disks) {
    guestfs_int_error_errno (g, ENOTSUP, "the current backend does not allow max disks to be queried");
    return -1;
  }
  return b->max_disks (g);
}

/* Async-signal-safe: only sets a flag that the transfer loops poll. */
int
guestfs_impl_user_cancel (guestfs_h *g)
{
  g->user_cancel = 1;
  return 0;
}

int
guestfs_impl_wait_ready (guestfs_h *g)
{
  if (g->state != READY) {
    error (g, "wait_ready: the handle is not launched");
    return -1;
  }
  return 0;
}
