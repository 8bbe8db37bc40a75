/* What the direct backend's cold boot (launch-direct.c) shares with its
 * warm start (launch-warm.c): the qemu command line, process handling and
 * the channel socket.  Internal to lib/. */
#ifndef GUESTFS_LAUNCH_DIRECT_H
#define GUESTFS_LAUNCH_DIRECT_H

#include "guestfs-internal.h"
#include "appliance.h"

#define LAUNCH_TIMEOUT_MS (600 * 1000)   /* TCG on a slow host can be slow */

enum machine { MACHINE_Q35, MACHINE_MICROVM };

struct direct {
  pid_t qemu;
  pid_t recovery;
  int recovery_fd;     /* write end; its closing tells the recovery process to act */
  bool graceful;       /* appliance must sync before it stops */
};

/* Which qemu command line to build. */
enum qemu_mode {
  QEMU_COLD,           /* boot with the user's drives */
  QEMU_TEMPLATE,       /* boot with no user drives, to be saved (warm start) */
  QEMU_RESTORE,        /* restore a saved template from fd 3 */
};

struct qemu_config {
  enum qemu_mode mode;
  enum machine machine;
  bool kvm;
  const char *sockpath;   /* the daemon channel's socket */
  const char *qmppath;    /* QMP socket (template and restore), else NULL */
};

char **guestfs_int_direct_argv (guestfs_h *g, const struct appliance_paths *ap,
                                const struct qemu_config *cfg);
void guestfs_int_direct_log_argv (guestfs_h *g, char **argv);
const char *guestfs_int_machine_name (enum machine m);
/* Does the hypervisor take -incoming and a QMP -mon (its -help says)? */
bool guestfs_int_hv_can_restore (guestfs_h *g);

/* -drive and -device values for user drive i, as the cold boot uses them. */
char *guestfs_int_drive_value (guestfs_h *g, size_t i);
char *guestfs_int_drive_device (guestfs_h *g, size_t i);

/* Start qemu: stdout/stderr to console_w; keep_fd (if >= 0) becomes fd 3. */
pid_t guestfs_int_spawn_qemu (guestfs_h *g, char **argv, int console_w, int keep_fd);
/* Start qemu with argv, console to g->console_fd, recovery process if
 * wanted.  keep_fd as above.  -1 on error (set). */
int guestfs_int_direct_start (guestfs_h *g, struct direct *d, char **argv, int keep_fd);
int guestfs_int_stop_qemu (guestfs_h *g, struct direct *d, bool graceful);
int guestfs_int_make_listen_socket (guestfs_h *g, const char *path);
/* 0 connected (*fd_r), -1 qemu died or error, -2 timeout. */
int guestfs_int_accept_qemu (guestfs_h *g, int lfd, int64_t deadline_ms, int *fd_r);
char *guestfs_int_console_hint (guestfs_h *g);

/* ---- warm start (launch-warm.c) ---- */
enum warm_result { WARM_OK, WARM_COLD };
/* Restore a saved idle appliance (building the saved state first if it is
 * missing) and attach the user's drives.  WARM_COLD: not possible or
 * failed, nothing left running, no error set: boot cold. */
enum warm_result guestfs_int_warm_launch (guestfs_h *g, struct direct *d,
                                          const struct appliance_paths *ap,
                                          enum machine m, bool kvm);

#endif /* GUESTFS_LAUNCH_DIRECT_H */
