/* Naming and counting devices: nr_devices, device_index, is_whole_device,
 * list_dm_devices, and the parts of a mountable. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_nr_devices (void)
{
  CLEANUP_FREE_STRING_LIST char **devs = list_whole_devices ();
  if (devs == NULL)
    return reply_with_perror ("list_devices");
  return (int) count_strings (devs);
}

int
do_device_index (const char *device)
{
  CLEANUP_FREE_STRING_LIST char **devs = list_whole_devices ();
  if (devs == NULL)
    return reply_with_perror ("list_devices");
  for (size_t i = 0; devs[i]; i++)
    if (strcmp (devs[i], device) == 0)
      return (int) i;
  return reply_with_error_errno (ENOENT, "%s: device not found", device);
}

/* A whole disk has a "device" link in sysfs and no "partition" file;
 * partitions, device-mapper and md devices do not qualify. */
int
do_is_whole_device (const char *device)
{
  struct stat st;
  char path[128];

  if (stat (device, &st) == -1)
    return reply_with_perror ("stat: %s", device);
  if (!S_ISBLK (st.st_mode))
    return 0;
  snprintf (path, sizeof path, "/sys/dev/block/%u:%u/partition",
            major (st.st_rdev), minor (st.st_rdev));
  if (access (path, F_OK) == 0)
    return 0;
  snprintf (path, sizeof path, "/sys/dev/block/%u:%u/device",
            major (st.st_rdev), minor (st.st_rdev));
  return access (path, F_OK) == 0;
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

char **
do_list_dm_devices (void)
{
  DECLARE_STRINGSBUF (sb);
  DIR *d = opendir ("/dev/mapper");
  struct dirent *e;

  while (d && (e = readdir (d)) != NULL) {
    if (e->d_name[0] == '.' || strcmp (e->d_name, "control") == 0)
      continue;
    CLEANUP_FREE char *dev = NULL;
    if (asprintf (&dev, "/dev/mapper/%s", e->d_name) == -1) {
      closedir (d);
      free_stringsbuf (&sb);
      reply_with_perror ("asprintf");
      return NULL;
    }
    /* Logical volumes have their own calls (lvs). */
    CLEANUP_FREE char *lv = lvm_canonical_name (dev);
    if (lv != NULL)
      continue;
    if (add_string (&sb, dev) == -1) {
      closedir (d);
      free_stringsbuf (&sb);
      return NULL;
    }
  }
  if (d)
    closedir (d);
  if (sb.size > 1)
    qsort (sb.argv, sb.size, sizeof (char *), cmp_str);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* A btrfs subvolume ("btrfsvol:DEVICE/SUBVOL") is split; the Mountable
 * check has already made sure it names a real device. */
char *
do_mountable_device (const char *mountable)
{
  const char *subvol;
  char *r = is_btrfsvol (mountable) ? btrfsvol_split (mountable, &subvol)
                                    : strdup (mountable);
  if (r == NULL)
    reply_with_perror ("%s", mountable);
  return r;
}

char *
do_mountable_subvolume (const char *mountable)
{
  const char *subvol;
  if (!is_btrfsvol (mountable)) {
    reply_with_error_errno (EINVAL, "not a btrfs subvolume identifier");
    return NULL;
  }
  CLEANUP_FREE char *dev = btrfsvol_split (mountable, &subvol);
  char *r = dev ? strdup (subvol) : NULL;
  if (r == NULL)
    reply_with_perror ("%s", mountable);
  return r;
}
