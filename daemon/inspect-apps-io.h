/* The daemon side of the application listing (private to
 * daemon/inspect-apps*.c): reading the guest's package databases from
 * /sysroot.  Each apps_list_* returns 0 (also when the database is
 * absent or unreadable: inspection reports what it can), or -1 after an
 * error reply.
 */
#ifndef GUESTFERRY_DAEMON_INSPECT_APPS_IO_H
#define GUESTFERRY_DAEMON_INSPECT_APPS_IO_H

#include <stddef.h>

#include "inspect-apps.h"

int apps_list_dpkg (struct app_sink *sink);
int apps_list_rpm (struct app_sink *sink);
int apps_list_pacman (struct app_sink *sink);
int apps_list_apk (struct app_sink *sink);

/* app_found_fn that adds to the struct app_sink OPAQUE. */
int apps_found (void *opaque, const struct app_info *info);

/* Reads the regular file PATH of the guest (at most MAX bytes, or fails
 * with EFBIG) into a malloc'd buffer.  0, or -1 with errno set. */
int read_guest_file (const char *path, size_t max, char **buf, size_t *len);

#endif
