/* guestferry common code: -a, --format and --blocksize as guestfish and
 * the virt tools parse them.  --format and --blocksize apply to the -a
 * options that follow them, and must be followed by at least one.
 */
#ifndef GUESTFERRY_COMMON_DRIVES_H
#define GUESTFERRY_COMMON_DRIVES_H

#include <stddef.h>
#include <guestfs.h>

struct drive {
  char *filename;
  char *format;                 /* NULL: autodetect */
  int blocksize;                /* 0: the default */
};

struct drive_options {
  const char *format;
  int format_pending;           /* --format not yet used by an -a */
  int blocksize;
  int blocksize_pending;
};

/* --format[=FMT]: none, "" and "auto" mean autodetect. */
void drive_options_set_format (struct drive_options *o, const char *arg);
/* --blocksize[=N]; exits when N is not a number. */
void drive_options_set_blocksize (struct drive_options *o, const char *arg);
/* -a FILENAME: exits when it cannot be read (URIs are not checked);
 * otherwise fills D (malloc'd strings) with the current options.
 */
void drive_options_take (struct drive_options *o, const char *filename,
                         struct drive *d);
/* After parsing: exits when a --format or --blocksize came last. */
void drive_options_check_used (const struct drive_options *o);

/* A list of -a drives, added to a handle in command-line order. */
struct drive_list {
  struct drive *drives;
  size_t nr_drives;
};
void drive_list_add (struct drive_list *l, struct drive_options *o,
                     const char *filename);
int drive_list_add_to_handle (guestfs_h *g, const struct drive_list *l,
                              int readonly);
void drive_list_free (struct drive_list *l);

#endif
