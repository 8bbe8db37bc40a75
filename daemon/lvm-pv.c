/* lvm group: physical volumes. */

#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_pvcreate (const char *device)
{
  return lvm_cmd (NULL, "pvcreate", "--force", "--yes", device, NULL);
}

int
do_pvremove (const char *device)
{
  /* -ff: remove the label even if a VG still refers to it */
  return lvm_cmd (NULL, "pvremove", "-ff", "--yes", device, NULL);
}

int
do_pvresize (const char *device)
{
  return lvm_cmd (NULL, "pvresize", "--yes", device, NULL);
}

int
do_pvresize_size (const char *device, int64_t size)
{
  char arg[64];
  if (size <= 0)
    return reply_with_error ("size must be positive");
  snprintf (arg, sizeof arg, "%" PRIi64 "b", size);
  return lvm_cmd (NULL, "pvresize", "--yes", "--setphysicalvolumesize", arg,
                  device, NULL);
}

char **
do_pvs (void)
{
  return lvm_column ("pvs", "pv_name", NULL);
}

/* One value of one object, e.g. the UUID of a PV. */
static char *
single_field (const char *sub, const char *field, const char *obj)
{
  CLEANUP_FREE_STRING_LIST char **l = lvm_column (sub, field, obj);
  if (l == NULL)
    return NULL;
  if (l[0] == NULL) {
    reply_with_error ("%s: no %s found", obj, field);
    return NULL;
  }
  char *r = strdup (l[0]);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}

char *
do_pvuuid (const char *device)
{
  return single_field ("pvs", "pv_uuid", device);
}

char *
do_vguuid (const char *vgname)
{
  return single_field ("vgs", "vg_uuid", vgname);
}

char *
do_lvuuid (const char *device)
{
  return single_field ("lvs", "lv_uuid", device);
}

int
do_pvchange_uuid (const char *device)
{
  return lvm_cmd (NULL, "pvchange", "-u", device, NULL);
}

int
do_pvchange_uuid_all (void)
{
  return lvm_cmd (NULL, "pvchange", "-u", "-a", NULL);
}
