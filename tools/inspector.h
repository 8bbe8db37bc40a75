/* virt-inspector: what the parts of the tool share.
 *
 * The tool first collects everything about each OS into plain structs
 * (collect.c), then one writer prints them (output-xml.c or
 * output-json.c), so both formats always carry the same data.
 */
#ifndef VIRT_INSPECTOR_H
#define VIRT_INSPECTOR_H

#include <stddef.h>
#include <guestfs.h>

/* One (device, value) pair: a mountpoint or a drive letter. */
struct dev_pair {
  char *dev;
  char *value;
};

struct fs_entry {
  char *dev;
  char *type;                   /* NULL when empty or unreadable */
  char *label;
  char *uuid;
};

/* One operating system.  Strings are NULL where the API answered
 * "unknown" (the XML then leaves the element out).
 */
struct os_entry {
  char *root;
  char *type;
  char *arch;
  char *distro;
  char *product_name;
  char *product_variant;
  int major_version;
  int minor_version;
  char *windows_systemroot;
  char *windows_current_control_set;
  char *package_format;
  char *package_management;
  char *hostname;
  char *osinfo;
  struct dev_pair *mountpoints;         /* shortest mountpoint first */
  size_t nr_mountpoints;
  struct fs_entry *filesystems;         /* sorted by device */
  size_t nr_filesystems;
  struct dev_pair *drives;              /* sorted by letter */
  size_t nr_drives;
  struct guestfs_application2_list *apps; /* NULL: not asked for */
  char *icon;                           /* NULL: none or not asked for */
  size_t icon_size;
};

/* collect.c */
struct os_entry *collect_os (guestfs_h *g, const char *root,
                             int want_apps, int want_icon);
void free_os (struct os_entry *os);

/* output-xml.c, output-json.c: print all OSes to stdout. */
void output_xml (struct os_entry **oses, size_t n);
void output_json (struct os_entry **oses, size_t n);

/* xpath.c: run QUERY over the XML on stdin, print the result; exits. */
void do_xpath (const char *query) __attribute__((noreturn));

#endif
