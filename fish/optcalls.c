/* guestfish: run-time lookup of optional API calls (see optcalls.h). */
#include <config.h>

#include <dlfcn.h>
#include <stdio.h>

#include "fish-internal.h"
#include "optcalls.h"

static void *
lookup (const char *sym)
{
  void *p = dlsym (RTLD_DEFAULT, sym);

  if (!p)
    fprintf (stderr, "%s: %s is not available in this build of libguestfs\n",
             program_name, sym + 8 /* skip "guestfs_" */);
  return p;
}

#define OPTCALL(ret, err, name, params, args)                   \
  ret opt_##name params                                         \
  {                                                             \
    ret (*fn) params = (ret (*) params) lookup ("guestfs_" #name); \
    return fn ? fn args : err;                                  \
  }

OPTCALL (char **, NULL, available_all_groups, (guestfs_h *h), (h))
OPTCALL (int, -1, feature_available, (guestfs_h *h, char *const *groups), (h, groups))
OPTCALL (char **, NULL, glob_expand, (guestfs_h *h, const char *pattern), (h, pattern))
OPTCALL (char **, NULL, inspect_os, (guestfs_h *h), (h))
OPTCALL (char **, NULL, inspect_get_mountpoints, (guestfs_h *h, const char *root), (h, root))
OPTCALL (int, -1, lvcreate_free,
         (guestfs_h *h, const char *lv, const char *vg, int percent), (h, lv, vg, percent))
OPTCALL (int, -1, mount_vfs,
         (guestfs_h *h, const char *options, const char *vfstype,
          const char *mountable, const char *mountpoint),
         (h, options, vfstype, mountable, mountpoint))
OPTCALL (int, -1, pvcreate, (guestfs_h *h, const char *device), (h, device))
OPTCALL (int, -1, vgcreate, (guestfs_h *h, const char *vg, char *const *pvs), (h, vg, pvs))
OPTCALL (int, -1, tar_in, (guestfs_h *h, const char *tarfile, const char *dir), (h, tarfile, dir))
OPTCALL (int, -1, tar_out, (guestfs_h *h, const char *dir, const char *tarfile), (h, dir, tarfile))
