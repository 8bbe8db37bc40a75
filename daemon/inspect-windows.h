/* Windows inspection: helpers shared by the inspect-windows*.c files.
 * Everything read here comes from a guest and may be hostile. */
#ifndef GUESTFERRY_DAEMON_INSPECT_WINDOWS_H
#define GUESTFERRY_DAEMON_INSPECT_WINDOWS_H

#include <hivex.h>
#include <stdint.h>

/* ---- inspect-windows-path.c -------------------------------------------- */

/* Opens PATH ("a/b/c", relative) below the directory ROOTFD, matching each
 * component case-insensitively as Windows does.  Symlinks cannot lead out
 * of ROOTFD.  FLAGS as for open(2).  If REAL_R, *REAL_R gets the path as
 * spelled on disk, with a leading '/' (malloc'd).  -1 + errno. */
int win_open_ci (int rootfd, const char *path, int flags, char **real_r);

/* ---- inspect-windows-hive.c -------------------------------------------- */

/* Opens the hive file FD (read-only).  NULL + errno.  FD is not kept. */
hive_h *win_hive_open_fd (int fd);
/* The node at PATH (backslash-separated, case-insensitive) below FROM
 * (0: the root); 0 if absent. */
hive_node_h win_hive_node (hive_h *h, hive_node_h from, const char *path);
/* A string value of NODE as UTF-8 (malloc'd); NULL if absent, not a
 * string, too long or not convertible. */
char *win_hive_string (hive_h *h, hive_node_h node, const char *key);
/* A DWORD value of NODE: 0 and *R, or -1 if absent or not a DWORD. */
int win_hive_dword (hive_h *h, hive_node_h node, const char *key,
                    int32_t *r);
/* Raw data of a value (malloc'd, at most MAX bytes): NULL if larger. */
char *win_hive_data (hive_h *h, hive_value_h v, size_t max, hive_type *t,
                     size_t *len);

/* Caps that keep a hostile hive from costing unbounded time or memory. */
#define WIN_MAX_STRING (64 * 1024)
#define WIN_MAX_ENTRIES 100000

/* ---- inspect-windows-drives.c ------------------------------------------ */

/* Drive letter mappings from the SYSTEM hive's MountedDevices: pairs
 * "C", "/dev/sda2", ... sorted by letter, NULL-terminated (malloc'd);
 * NULL if there are none. */
char **win_drive_mappings (hive_h *system);

/* ---- inspect-windows-pe.c ---------------------------------------------- */

/* Architecture ("i386", "x86_64", ...) of the PE executable FD; NULL if
 * it is not one we know. */
const char *win_pe_arch (int fd);

#endif
