/* Mounting candidates for inspection (inspect-mount.c). */
#ifndef GUESTFERRY_DAEMON_INSPECT_MOUNT_H
#define GUESTFERRY_DAEMON_INSPECT_MOUNT_H

/* The private directory candidates are mounted on; NULL + errno. */
const char *inspect_mount_dir (void);
/* Mount MOUNTABLE (a device or btrfsvol:DEV/SUBVOL) of type VFS_TYPE
 * read-only on DIR.  0 or -1 (details in the debug log). */
int inspect_mount (const char *mountable, const char *vfs_type, const char *dir);
void inspect_umount (const char *dir);

#endif
