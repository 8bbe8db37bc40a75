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

/* ---- the parts of OS detection (owned by the inspection core) ---- */

#include <stddef.h>

/* Largest guest file inspection reads (release files, fstab, ...). */
#define INSPECT_FILE_MAX (1024 * 1024)

/* inspect-guestfile.c: files of a guest filesystem mounted on the
 * directory DIRFD (an O_PATH fd).  Paths are resolved with DIRFD as "/"
 * (symlinks and ".." cannot leave it), special files are refused. */
char *guest_read_file (int dirfd, const char *path, size_t max,
                       size_t *len_r);   /* NUL-terminated; NULL + errno */
int guest_is_file (int dirfd, const char *path);
int guest_is_dir (int dirfd, const char *path);
char *guest_readlink (int dirfd, const char *path); /* NULL if no symlink */
/* ELF header of PATH -> architecture name (static string) or NULL. */
const char *guest_binary_arch (int dirfd, const char *path);

/* inspect-linux.c: DIRFD holds a Linux root (/etc, /bin and /etc/fstab
 * or /etc/hosts): fill distro, product name, version.  Returns 1 if it
 * is one, 0 if not. */
int inspect_check_linux_root (int dirfd, struct inspect_os *os);
/* A separate /usr (etc, bin, share, local, no etc/fstab): its
 * lib/os-release fills DISTRO-level fields of OS.  1 if it is one. */
int inspect_check_linux_usr (int dirfd, struct inspect_os *os);
/* Fill distro fields from an os-release file's contents; 1 if it named
 * a distro the reference accepts as final. */
int inspect_os_release (const char *buf, size_t len, struct inspect_os *os);

/* inspect-bsd.c: FreeBSD, NetBSD, OpenBSD roots.  1 if one was found. */
int inspect_check_bsd_root (int dirfd, struct inspect_os *os);

/* inspect-facts.c: what follows from the distro and its files. */
void inspect_guess_arch (int dirfd, struct inspect_os *os);
void inspect_guess_hostname (int dirfd, struct inspect_os *os);
void inspect_guess_packages (int dirfd, struct inspect_os *os);
/* osinfo short id (libosinfo), malloc'd; NULL for unknown. */
char *inspect_osinfo (const struct inspect_os *os);

/* inspect-devices.c: the appliance's view of the guest's devices, for
 * resolving fstab names. */
struct inspect_devices {
  char **whole;                 /* /dev/sda ... sorted */
  char **parts;                 /* every partition, sorted */
  char **lvs;                   /* /dev/VG/LV */
  size_t ntags;
  struct inspect_tag { char *device, *kind, *value; } *tags;
};
int inspect_devices_init (struct inspect_devices *d, char *const *fses);
void inspect_devices_free (struct inspect_devices *d);
/* Device holding TAG (UUID, LABEL, PARTUUID, PARTLABEL) = VALUE. */
const char *inspect_devices_find (const struct inspect_devices *d,
                                  const char *kind, const char *value);
/* A guest's device name (/dev/vda1, /dev/mapper/vg-lv, /dev/disk/by-..)
 * as an appliance mountable; malloc'd; NULL if it cannot be resolved. */
char *inspect_resolve_device (const struct inspect_devices *d,
                              const char *spec);

/* inspect-fstab.c: mountpoints and filesystems of OS from /etc/fstab
 * (DIRFD: the root filesystem).  -1 on out of memory. */
int inspect_fstab (int dirfd, const struct inspect_devices *d,
                   struct inspect_os *os);

/* inspect-os.c: struct inspect_os lifetime and list helpers. */
void inspect_os_free (struct inspect_os *os);
/* Append to a NULL-terminated malloc'd list; -1 on out of memory. */
int inspect_list_add (char ***list, const char *s);
/* Replace *FIELD by a copy of VALUE (NULL clears). */
void inspect_set (char **field, const char *value);

#endif
