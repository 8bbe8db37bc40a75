/* Library-side calls of the block group: disk labels, canonical device
 * names, and the deprecated drive calls (add_cdrom, remove_drive).  The
 * image probes (disk_format ...), max_disks and get_sockdir are in
 * info.c, launch.c and properties.c. */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "guestfs-internal.h"
#include "actions-gen.h"

/* The appliance names the disks sda, sdb, ... sdz, sdaa ... in the order
 * they were added. */
static char *
drive_device_name (guestfs_h *g, size_t index)
{
  char letters[16];
  size_t n = 0;
  char tmp[16];

  index++;
  while (index > 0 && n < sizeof tmp) {
    index--;
    tmp[n++] = (char) ('a' + index % 26);
    index /= 26;
  }
  for (size_t i = 0; i < n; i++)
    letters[i] = tmp[n - 1 - i];
  letters[n] = '\0';
  return safe_asprintf (g, "/dev/sd%s", letters);
}

char **
guestfs_impl_list_disk_labels (guestfs_h *g)
{
  if (!guestfs_int_is_ready (g)) {
    error (g, "list_disk_labels: call launch before using this function\n"
           "(in guestfish, don't forget to use the 'run' command)");
    return NULL;
  }
  char **r = guestfs_int_safe_calloc (g, 2 * g->nr_drives + 1, sizeof (char *));
  size_t n = 0;
  for (size_t i = 0; i < g->nr_drives; i++) {
    if (g->drives[i]->label == NULL)
      continue;
    r[n++] = safe_strdup (g, g->drives[i]->label);
    r[n++] = drive_device_name (g, i);
  }
  r[n] = NULL;
  return r;
}

/* "/dev/PFXrest" -> "/dev/sdrest" if rest starts with a disk letter. */
static char *
rename_prefix (guestfs_h *g, const char *device, const char *pfx)
{
  size_t len = strlen (pfx);
  if (strncmp (device, pfx, len) == 0 && device[len] >= 'a' && device[len] <= 'z')
    return safe_asprintf (g, "/dev/sd%s", device + len);
  return NULL;
}

char *
guestfs_impl_canonical_device_name (guestfs_h *g, const char *device)
{
  static const char *const prefixes[] = { "/dev/hd", "/dev/vd", "/dev/xvd", "/dev/sd", NULL };
  for (size_t i = 0; prefixes[i]; i++) {
    char *r = rename_prefix (g, device, prefixes[i]);
    if (r)
      return r;
  }
#ifdef GUESTFS_HAVE_LVM_CANONICAL_LV_NAME
  /* Logical volumes under their device-mapper names -> /dev/VG/LV.  Any
   * failure (not an LV, not launched) leaves the name as it is. */
  if ((strncmp (device, "/dev/mapper/", 12) == 0 || strncmp (device, "/dev/dm-", 8) == 0)
      && guestfs_int_is_ready (g)) {
    guestfs_push_error_handler (g, NULL, NULL);
    char *lv = guestfs_lvm_canonical_lv_name (g, device);
    guestfs_pop_error_handler (g);
    if (lv)
      return lv;
  }
#endif
  return safe_strdup (g, device);
}

int
guestfs_impl_remove_drive (guestfs_h *g, const char *label)
{
  (void) label;
  guestfs_int_error_errno (g, ENOTSUP,
                           "hotplugging support was removed in libguestfs 1.48");
  return -1;
}

int
guestfs_impl_add_cdrom (guestfs_h *g, const char *filename)
{
  return guestfs_impl_add_drive_ro (g, filename);
}

char **
guestfs_impl_list_9p (guestfs_h *g)
{
  guestfs_int_error_errno (g, ENOTSUP, "9p support was removed in libguestfs 1.48");
  return NULL;
}
