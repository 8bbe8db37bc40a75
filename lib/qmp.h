/* A minimal QMP (QEMU Machine Protocol) client: enough to save and
 * restore an appliance and hot-add its drives.  Internal to lib/. */
#ifndef GUESTFS_QMP_H
#define GUESTFS_QMP_H

#include "guestfs-internal.h"

struct qmp {
  int fd;              /* connected to qemu's monitor, -1 if closed */
  char buf[16384];     /* bytes read but not yet consumed */
  size_t len;
};

/* Take the connected socket fd: read the greeting and negotiate
 * capabilities.  -1 with the error set. */
int guestfs_int_qmp_open (guestfs_h *g, struct qmp *q, int fd, int timeout_ms);
/* Run one command (a JSON object, one line), passing pass_fd with it if
 * >= 0 (getfd).  Returns the reply line (malloc'd, events skipped), or
 * NULL with the error set (qemu's error description if it sent one). */
char *guestfs_int_qmp_command (guestfs_h *g, struct qmp *q, const char *json,
                               int pass_fd, int timeout_ms);
/* Run a human monitor command; *output_r gets its output (malloc'd). */
int guestfs_int_qmp_hmp (guestfs_h *g, struct qmp *q, const char *cmdline,
                         char **output_r, int timeout_ms);
/* The string value of "status" in a reply, or NULL (malloc'd). */
char *guestfs_int_qmp_status (const char *reply);
void guestfs_int_qmp_close (struct qmp *q);

#endif /* GUESTFS_QMP_H */
