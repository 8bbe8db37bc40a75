/* Filesystem probing with libblkid (in-process: no blkid runs), and
 * list_filesystems. */

#include <config.h>

#include <blkid.h>
#include <dirent.h>
#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

char *
fs_probe_tag (const char *device, const char *tag)
{
  blkid_probe pr = blkid_new_probe_from_filename (device);
  const char *v = NULL;
  char *r;

  if (pr == NULL)
    return NULL;
  blkid_probe_enable_superblocks (pr, 1);
  blkid_probe_set_superblocks_flags (pr, BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID
                                     | BLKID_SUBLKS_TYPE);
  blkid_probe_enable_partitions (pr, 0);
  if (blkid_do_safeprobe (pr) == 0
      && blkid_probe_lookup_value (pr, tag, &v, NULL) == 0)
    r = strdup (v);
  else
    r = strdup ("");
  blkid_free_probe (pr);
  return r;
}

char *
fs_probe_tag_reply (const char *device, const char *tag)
{
  char *r = fs_probe_tag (device, tag);
  if (r == NULL)
    reply_with_perror ("%s", device);
  return r;
}

/* A btrfs subvolume shares its filesystem's type, label and UUID. */
static char *
vfs_tag (const char *mountable, const char *tag)
{
  const char *subvol;
  if (!is_btrfsvol (mountable))
    return fs_probe_tag_reply (mountable, tag);
  CLEANUP_FREE char *dev = btrfsvol_split (mountable, &subvol);
  if (dev == NULL) {
    reply_with_perror ("%s", mountable);
    return NULL;
  }
  return fs_probe_tag_reply (dev, tag);
}

char *
do_vfs_type (const char *mountable)
{
  return vfs_tag (mountable, "TYPE");
}

char *
do_vfs_label (const char *mountable)
{
  return vfs_tag (mountable, "LABEL");
}

char *
do_vfs_uuid (const char *mountable)
{
  return vfs_tag (mountable, "UUID");
}

/* Extended MBR partitions hold other partitions, not a filesystem. */
static int
is_extended_partition (const char *disk, const char *part)
{
  int ret = 0;
  const char *num = part + strlen (disk);
  if (*num == 'p')
    num++;
  int partno = atoi (num);
  blkid_probe pr = blkid_new_probe_from_filename (disk);
  if (pr == NULL)
    return 0;
  blkid_probe_enable_superblocks (pr, 0);
  blkid_probe_enable_partitions (pr, 1);
  if (blkid_do_fullprobe (pr) == 0) {
    blkid_partlist pl = blkid_probe_get_partitions (pr);
    int n = pl ? blkid_partlist_numof_partitions (pl) : 0;
    for (int i = 0; i < n; i++) {
      blkid_partition p = blkid_partlist_get_partition (pl, i);
      if (blkid_partition_get_partno (p) == partno)
        ret = blkid_partition_is_extended (p);
    }
  }
  blkid_free_probe (pr);
  return ret;
}

/* PART is a partition of DISK: "/dev/sda" + "1", or "/dev/nvme0n1" + "p1"
 * (and "/dev/sdaa1" is not one of "/dev/sda"'s). */
static int
part_of (const char *part, const char *disk)
{
  size_t dl = strlen (disk);
  if (strncmp (part, disk, dl) != 0)
    return 0;
  if (part[dl] == 'p')
    dl++;
  return part[dl] >= '0' && part[dl] <= '9';
}

/* A btrfs filesystem is listed as its device (which mounts the default
 * subvolume) followed by each other subvolume as "btrfsvol:DEV/PATH". */
static int
add_btrfs_subvolumes (struct stringsbuf *sb, const char *dev)
{
  CLEANUP_FREE_STRING_LIST char **paths = btrfs_list_subvolume_paths (dev);

  if (paths == NULL)
    return reply_sent () ? -1 : 0;   /* unreadable: the device alone */
  for (size_t i = 0; paths[i]; i++)
    if (add_sprintf (sb, "%s%s/%s", BTRFSVOL_PREFIX, dev, paths[i]) == -1
        || add_string (sb, "btrfs") == -1)
      return -1;
  return 0;
}

/* DEV is used by another block device (a dm-crypt mapping for an
 * opened LUKS device): /sys/class/block/NAME/holders is not empty. */
static int
has_holders (const char *dev)
{
  CLEANUP_FREE char *path = NULL;
  const char *name = strrchr (dev, '/');
  DIR *d;
  struct dirent *e;
  int r = 0;

  if (name == NULL
      || asprintf (&path, "/sys/class/block/%s/holders", name + 1) == -1
      || (d = opendir (path)) == NULL)
    return 0;
  while (!r && (e = readdir (d)) != NULL)
    r = e->d_name[0] != '.';
  closedir (d);
  return r;
}

static int
add_fs (struct stringsbuf *sb, const char *dev)
{
  CLEANUP_FREE char *type = fs_probe_tag (dev, "TYPE");
  size_t n = type ? strlen (type) : 0;

  /* LVM PVs, RAID members etc. are containers, listed through what they
   * contain. */
  if (n > 7 && strcmp (type + n - 7, "_member") == 0)
    return 0;
  /* So is an opened encrypted device: the reference lists only its
   * mapping. */
  if (type && (strcmp (type, "crypto_LUKS") == 0
               || strcmp (type, "BitLocker") == 0) && has_holders (dev))
    return 0;
  if (add_string (sb, dev) == -1)
    return -1;
  if (add_string (sb, type && *type ? type : "unknown") == -1)
    return -1;
  if (type && strcmp (type, "btrfs") == 0)
    return add_btrfs_subvolumes (sb, dev);
  return 0;
}

/* add_fs for each of LIST (a do_ function's result: NULL means it has
 * replied with an error). */
static int
add_each (struct stringsbuf *sb, char **list)
{
  if (list == NULL)
    return -1;
  for (size_t i = 0; list[i]; i++)
    if (add_fs (sb, list[i]) == -1) {
      free_string_list (list);
      return -1;
    }
  free_string_list (list);
  return 0;
}

/* Device-mapper devices other than LVs (opened LUKS devices, which can
 * hold a filesystem directly), listed first as the reference does.
 * Windows dynamic disk volumes come later with the other LDM devices. */
static int
add_dm_devices (struct stringsbuf *sb)
{
  CLEANUP_FREE_STRING_LIST char **dms = do_list_dm_devices ();

  if (dms == NULL)
    return -1;
  for (size_t i = 0; dms[i]; i++)
    if (strncmp (dms[i], "/dev/mapper/ldm_", 16) != 0
        && add_fs (sb, dms[i]) == -1)
      return -1;
  return 0;
}

char **
do_list_filesystems (void)
{
  CLEANUP_FREE_STRING_LIST char **disks = list_whole_devices ();
  CLEANUP_FREE_STRING_LIST char **parts = list_all_partitions ();
  DECLARE_STRINGSBUF (sb);

  if (disks == NULL || parts == NULL) {
    reply_with_perror ("list_filesystems");
    return NULL;
  }
  if (add_dm_devices (&sb) == -1)
    return NULL;
  for (size_t i = 0; disks[i]; i++) {
    int has_parts = 0;
    for (size_t j = 0; parts[j]; j++)
      if (part_of (parts[j], disks[i])) {
        has_parts = 1;
        break;
      }
    if (!has_parts && add_fs (&sb, disks[i]) == -1)
      return NULL;
  }
  for (size_t j = 0; parts[j]; j++) {
    const char *disk = NULL;
    for (size_t i = 0; disks[i]; i++)
      if (part_of (parts[j], disks[i]))
        disk = disks[i];
    if (disk && is_extended_partition (disk, parts[j]))
      continue;
    if (add_fs (&sb, parts[j]) == -1)
      return NULL;
  }
  if (add_each (&sb, do_list_md_devices ()) == -1)
    return NULL;
  if (have_lvm_pvs ()) {
    CLEANUP_FREE_STRING_LIST char **lvs = lvm_list_lvs ();
    for (size_t i = 0; lvs && lvs[i]; i++)
      if (add_fs (&sb, lvs[i]) == -1)
        return NULL;
  }
  /* Windows dynamic disk volumes, once ldmtool_create_all mapped them. */
  if (add_each (&sb, do_list_ldm_volumes ()) == -1
      || add_each (&sb, do_list_ldm_partitions ()) == -1)
    return NULL;
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}
