/* guestfish: API calls used by hand-written guestfish code that a given
 * build of the library may not provide yet.  They are looked up at run
 * time, so guestfish still builds and runs without them; a missing call
 * makes only the command needing it fail, with a clear message.
 */
#ifndef GUESTFERRY_FISH_OPTCALLS_H
#define GUESTFERRY_FISH_OPTCALLS_H

#include "guestfs.h"

char **opt_available_all_groups (guestfs_h *g);
int opt_feature_available (guestfs_h *g, char *const *groups);
char **opt_glob_expand (guestfs_h *g, const char *pattern);
char **opt_inspect_os (guestfs_h *g);
char **opt_inspect_get_mountpoints (guestfs_h *g, const char *root);
int opt_lvcreate_free (guestfs_h *g, const char *lv, const char *vg, int percent);
int opt_mount_vfs (guestfs_h *g, const char *options, const char *vfstype,
                   const char *mountable, const char *mountpoint);
int opt_pvcreate (guestfs_h *g, const char *device);
int opt_vgcreate (guestfs_h *g, const char *vg, char *const *pvs);
int opt_tar_in (guestfs_h *g, const char *tarfile, const char *directory);
int opt_tar_out (guestfs_h *g, const char *directory, const char *tarfile);

#endif
