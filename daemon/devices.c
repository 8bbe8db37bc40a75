/* Block devices: listing disks and partitions (from sysfs), sizes,
 * partition <-> disk names. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static int
cmp_dev (const void *a, const void *b)
{
  return compare_device_names (*(char *const *) a, *(char *const *) b);
}

/* Disk kinds libguestfs reports; CD-ROMs (sr) and loop/ram are not. */
static int
is_disk_name (const char *n)
{
  static const char *const prefixes[] = { "sd", "vd", "hd", "xvd", "ubd", "nvme", NULL };
  for (size_t i = 0; prefixes[i]; i++)
    if (strncmp (n, prefixes[i], strlen (prefixes[i])) == 0)
      return 1;
  return 0;
}

char **
list_whole_devices (void)
{
  DIR *d = opendir ("/sys/block");
  struct dirent *e;
  char **v = NULL;
  size_t n = 0;

  if (d == NULL)
    return calloc (1, sizeof (char *));
  while ((e = readdir (d)) != NULL) {
    if (e->d_name[0] == '.' || !is_disk_name (e->d_name))
      continue;
    char *dev;
    struct stat st;
    if (asprintf (&dev, "/dev/%s", e->d_name) == -1)
      continue;
    if (stat (dev, &st) == -1 || !S_ISBLK (st.st_mode)) {
      free (dev);
      continue;
    }
    char **p = realloc (v, (n + 2) * sizeof (char *));
    if (p == NULL) {
      free (dev);
      break;
    }
    v = p;
    v[n++] = dev;
  }
  closedir (d);
  if (v == NULL)
    return calloc (1, sizeof (char *));
  qsort (v, n, sizeof (char *), cmp_dev);
  v[n] = NULL;
  return v;
}

/* Partitions of one disk, from /sys/block/DISK/DISKn/partition. */
static int
add_partitions_of (struct stringsbuf *sb, const char *disk)
{
  char path[600];
  snprintf (path, sizeof path, "/sys/block/%s", disk);
  DIR *d = opendir (path);
  struct dirent *e;
  size_t first = sb->size;

  if (d == NULL)
    return 0;
  while ((e = readdir (d)) != NULL) {
    if (strncmp (e->d_name, disk, strlen (disk)) != 0)
      continue;
    snprintf (path, sizeof path, "/sys/block/%s/%s/partition", disk, e->d_name);
    if (access (path, F_OK) == -1)
      continue;
    if (add_sprintf (sb, "/dev/%s", e->d_name) == -1) {
      closedir (d);
      return -1;
    }
  }
  closedir (d);
  qsort (sb->argv + first, sb->size - first, sizeof (char *), cmp_dev);
  return 0;
}

char **
list_all_partitions (void)
{
  CLEANUP_FREE_STRING_LIST char **disks = list_whole_devices ();
  DECLARE_STRINGSBUF (sb);

  for (size_t i = 0; disks && disks[i]; i++)
    if (add_partitions_of (&sb, disks[i] + 5) == -1)
      return NULL;
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char **
do_list_devices (void)
{
  char **r = list_whole_devices ();
  if (r == NULL)
    reply_with_perror ("list_devices");
  return r;
}

char **
do_list_partitions (void)
{
  return list_all_partitions ();
}

int
is_whole_device (const char *dev)
{
  char path[256];
  const char *name = strrchr (dev, '/');
  name = name ? name + 1 : dev;
  snprintf (path, sizeof path, "/sys/block/%s", name);
  return access (path, F_OK) == 0;
}

int64_t
do_blockdev_getsize64 (const char *device)
{
  uint64_t size;
  if (block_ioctl (device, BLKGETSIZE64, &size) == -1)
    return -1;
  return (int64_t) size;
}

int
do_blockdev_getss (const char *device)
{
  int ss;
  if (block_ioctl (device, BLKSSZGET, &ss) == -1)
    return -1;
  return ss;
}

/* The sysfs directory of a block device node (resolves /dev/mapper/... and
 * /dev/VG/LV symlinks through the device number). */
static char *
sysfs_dir (const char *device)
{
  struct stat st;
  char *p;
  if (stat (device, &st) == -1 || !S_ISBLK (st.st_mode))
    return NULL;
  if (asprintf (&p, "/sys/dev/block/%u:%u", major (st.st_rdev), minor (st.st_rdev)) == -1)
    return NULL;
  char *r = realpath (p, NULL);
  free (p);
  return r;
}

static int
read_sysfs_int (const char *dir, const char *file, long *v)
{
  char path[512], buf[64];
  snprintf (path, sizeof path, "%s/%s", dir, file);
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return -1;
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  *v = strtol (buf, NULL, 10);
  return 0;
}

char *
do_part_to_dev (const char *partition)
{
  CLEANUP_FREE char *dir = sysfs_dir (partition);
  long num;
  if (dir == NULL || read_sysfs_int (dir, "partition", &num) == -1) {
    reply_with_error ("device name is not a partition");
    return NULL;
  }
  char *slash = strrchr (dir, '/');
  *slash = '\0';
  const char *disk = strrchr (dir, '/') + 1;
  char *r;
  if (asprintf (&r, "/dev/%s", disk) == -1) {
    reply_with_perror ("asprintf");
    return NULL;
  }
  return r;
}

int
do_part_to_partnum (const char *partition)
{
  CLEANUP_FREE char *dir = sysfs_dir (partition);
  long num;
  if (dir == NULL || read_sysfs_int (dir, "partition", &num) == -1)
    return reply_with_error ("device name is not a partition");
  return (int) num;
}

/* After a partition table change: the kernel updates its view (parted
 * uses BLKPG) and devtmpfs creates the nodes; wait until every partition
 * sysfs lists has its /dev node, for up to 2 s. */
void
reread_partitions (const char *device)
{
  const char *name = strrchr (device, '/') + 1;
  for (int tries = 0; tries < 200; tries++) {
    DECLARE_STRINGSBUF (sb);
    int missing = 0;
    if (add_partitions_of (&sb, name) == 0) {
      for (size_t i = 0; i < sb.size; i++)
        if (access (sb.argv[i], F_OK) == -1)
          missing = 1;
    }
    free_stringsbuf (&sb);
    if (!missing)
      return;
    struct timespec ts = { 0, 10 * 1000 * 1000 };
    nanosleep (&ts, NULL);
  }
}

/* ---- btrfs subvolume mountables ---------------------------------------- */

int
is_btrfsvol (const char *mountable)
{
  return strncmp (mountable, BTRFSVOL_PREFIX, strlen (BTRFSVOL_PREFIX)) == 0;
}

char *
btrfsvol_split (const char *mountable, const char **subvol)
{
  const char *s = mountable + strlen (BTRFSVOL_PREFIX);
  struct stat st;

  if (!is_btrfsvol (mountable) || strncmp (s, "/dev/", 5) != 0) {
    errno = EINVAL;
    return NULL;
  }
  /* The device is the shortest prefix that is a block device: /dev/VG/LV
   * has a directory before it. */
  for (const char *p = strchr (s + 5, '/'); p; p = strchr (p + 1, '/')) {
    char *dev = strndup (s, p - s);
    if (dev == NULL)
      return NULL;
    if (strstr (dev, "/..") == NULL && stat (dev, &st) == 0
        && S_ISBLK (st.st_mode)) {
      p += strspn (p, "/");
      if (*p == '\0')
        break;                  /* no subvolume after the device */
      *subvol = p;
      return dev;
    }
    free (dev);
  }
  errno = EINVAL;
  return NULL;
}

int
mountable_options (const char *mountable, const char *options,
                   char **device, char **all_options)
{
  const char *subvol = NULL;
  int r;

  *device = is_btrfsvol (mountable) ? btrfsvol_split (mountable, &subvol)
                                    : strdup (mountable);
  if (*device == NULL)
    return reply_with_perror ("%s", mountable);
  if (subvol == NULL)
    r = asprintf (all_options, "%s", options);
  else if (*options)
    r = asprintf (all_options, "subvol=%s,%s", subvol, options);
  else
    r = asprintf (all_options, "subvol=%s", subvol);
  if (r == -1) {
    free (*device);
    *device = NULL;
    return reply_with_perror ("asprintf");
  }
  return 0;
}
