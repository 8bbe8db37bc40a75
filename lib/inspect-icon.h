/* inspect_get_icon's parts (lib/inspect-icon*.c). */
#ifndef GUESTFERRY_LIB_INSPECT_ICON_H
#define GUESTFERRY_LIB_INSPECT_ICON_H

#include <stdint.h>

#include "guestfs-internal.h"

/* "No icon here" from the finders; NULL means an error was set. */
extern char icon_not_found[1];
#define NOT_FOUND icon_not_found

/* Icon dimensions the reference accepts. */
#define ICON_MIN_SIDE 16
#define ICON_MAX_SIDE 1024

/* PATH if it is a PNG of acceptable dimensions, at most MAX_SIZE bytes
 * (0: four bytes per pixel). */
char *icon_get_png (guestfs_h *g, const char *path, int64_t max_size,
                    size_t *size_r);
/* The guest file PATH if it has at most MAX_SIZE bytes. */
char *icon_read_file (guestfs_h *g, const char *path, int64_t max_size,
                      size_t *size_r);

/* inspect-icon-windows.c */
char *icon_windows (guestfs_h *g, const char *root, size_t *size_r);

#endif
