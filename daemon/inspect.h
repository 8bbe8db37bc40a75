/* Inspection inside the appliance: the parts' shared declarations.
 * See docs/inspection.md for the contract with the library.
 */
#ifndef GUESTFERRY_DAEMON_INSPECT_H
#define GUESTFERRY_DAEMON_INSPECT_H

/* One OS root found by inspection.  Strings are malloc'd; NULL means the
 * reference's "unknown" value.  Lists are NULL-terminated malloc'd arrays.
 */
struct inspect_os {
  char *root;                   /* mountable of the root filesystem */
  char *type;                   /* linux, windows, freebsd, ... */
  char *distro;
  char *product_name;
  char *product_variant;
  int major_version, minor_version;
  char *arch;
  char *hostname;
  char *osinfo;
  char *format;                 /* installed, installer */
  char *package_format;
  char *package_management;
  char *windows_systemroot;
  char *windows_current_control_set;
  char *windows_software_hive;
  char *windows_system_hive;
  int is_live, is_netinst, is_multipart;
  char **mountpoints;           /* pairs: mountpoint, mountable */
  char **filesystems;
  char **drive_mappings;        /* pairs: letter, mountable */
};

/* inspect-windows.c: DIR is where MOUNTABLE is mounted (read-only).
 * Returns 1 and fills OS if it holds a Windows systemroot, 0 if not.
 */
int inspect_windows_check (const char *mountable, const char *dir,
                           struct inspect_os *os);

#endif
