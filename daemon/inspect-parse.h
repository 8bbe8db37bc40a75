/* Parsers of guest files for inspection.  They take a buffer and its
 * length, do no I/O and trust nothing in the buffer (which need not be
 * NUL-terminated), so that fuzz targets can call them directly.
 * Returned strings are malloc'd; NULL means absent (or out of memory).
 */
#ifndef GUESTFERRY_DAEMON_INSPECT_PARSE_H
#define GUESTFERRY_DAEMON_INSPECT_PARSE_H

#include <stddef.h>

/* The value of KEY in "KEY=value" lines (os-release, lsb-release,
 * sysconfig/network, rc.conf).  With UNQUOTE, shell quotes and
 * backslash escapes are removed; without, the value is returned as it is
 * written.  The last assignment wins, as in a shell. */
char *inspect_parse_kv (const char *buf, size_t len, const char *key,
                        int unquote);

/* The first line, without trailing blanks; NULL if it is empty. */
char *inspect_parse_first_line (const char *buf, size_t len);

/* "12", "22.04", "3.15.4", "7.9.2009": leading major and optional minor
 * numbers.  0 on success, -1 if S does not start with a number. */
int inspect_parse_version (const char *s, int *major, int *minor);

/* The version after the word "release" in lines such as
 * "CentOS Linux release 7.9.2009 (Core)".  0 or -1. */
int inspect_parse_release_version (const char *line, int *major, int *minor);

/* SuSE-release: "VERSION = 11" and "PATCHLEVEL = 4" lines.  0 or -1 (no
 * VERSION line). */
int inspect_parse_suse_release (const char *buf, size_t len,
                                int *major, int *minor);

/* One /etc/fstab entry.  Octal escapes (\040) are decoded. */
struct fstab_entry {
  char *spec, *file, *vfstype, *mntops;
};

/* All entries of an fstab with at least a spec and a mount point;
 * comments, blank and malformed lines are skipped.  Returns the number of
 * entries (*ENTRIES malloc'd), or -1 (out of memory). */
int inspect_parse_fstab (const char *buf, size_t len,
                         struct fstab_entry **entries);
void inspect_free_fstab (struct fstab_entry *entries, int n);

/* The value of option NAME ("subvol") in a comma-separated option list;
 * NULL if absent. */
char *inspect_mount_option (const char *options, const char *name);

/* "/usr//local/" -> "/usr/local"; malloc'd. */
char *inspect_canonical_mountpoint (const char *mp);

/* The architecture of an ELF header (libguestfs's names: x86_64, i386,
 * aarch64, arm, ppc64le ...); NULL if not ELF or unknown. */
const char *inspect_elf_arch (const unsigned char *buf, size_t len);

#endif
