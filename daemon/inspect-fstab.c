/* A root's mountpoints and filesystems from its /etc/fstab, with the
 * guest's names for devices turned into the appliance's mountables. */

#include <config.h>

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-parse.h"

static int
starts (const char *s, const char *prefix)
{
  return strncmp (s, prefix, strlen (prefix)) == 0;
}

/* Floppies and CD-ROMs are not the guest's filesystems. */
static int
removable_spec (const char *spec)
{
  return (starts (spec, "/dev/fd") && isdigit ((unsigned char) spec[7]))
    || (starts (spec, "/dev/cd") && isdigit ((unsigned char) spec[7]))
    || strcmp (spec, "/dev/floppy") == 0 || strcmp (spec, "/dev/cdrom") == 0
    || starts (spec, "/dev/iso9660/");
}

/* Pseudo-filesystems and removable media mountpoints. */
static int
ignored_mountpoint (const char *mp)
{
  static const char *const dirs[] = { "/dev", "/proc", "/selinux", "/sys" };
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    size_t n = strlen (dirs[i]);
    if (strncmp (mp, dirs[i], n) == 0 && (mp[n] == '\0' || mp[n] == '/'))
      return 1;
  }
  return starts (mp, "/media/");
}

static int
listed (char *const *l, const char *s)
{
  for (size_t i = 0; l && l[i]; i++)
    if (strcmp (l[i], s) == 0)
      return 1;
  return 0;
}

/* Partition PART (1-based) of the guest's DISK-th drive, if the
 * appliance has it. */
static char *
drive_partition (const struct inspect_devices *d, long disk, long part)
{
  size_t n = 0;
  while (d->whole && d->whole[n])
    n++;
  if (disk < 0 || (size_t) disk >= n || part < 1)
    return NULL;
  char *dev;
  if (asprintf (&dev, "%s%ld", d->whole[disk], part) == -1)
    return NULL;
  if (listed (d->parts, dev))
    return dev;
  free (dev);
  return NULL;
}

/* SPEC after one of PREFIXES, as "NUMBER" then the rest in *REST. */
static int
bsd_drive (const char *spec, const char *const *prefixes, long *disk,
           const char **rest)
{
  for (size_t i = 0; prefixes[i]; i++) {
    size_t n = strlen (prefixes[i]);
    if (strncmp (spec, prefixes[i], n) == 0
        && isdigit ((unsigned char) spec[n])) {
      char *end;
      *disk = strtol (spec + n, &end, 10);
      *rest = end;
      return 1;
    }
  }
  return 0;
}

/* BSD names for partitions: FreeBSD's GPT /dev/ada0p2 (vtbd, ad too) is
 * GPT partition 2; a disklabel letter inside an MBR slice (/dev/ada0s1a,
 * NetBSD's /dev/wd0a, OpenBSD's /dev/sd0a) is one of the partitions
 * Linux numbers from 5 in label order, the raw ones skipped: 'c' on
 * every BSD, 'd' too on NetBSD. */
static char *
bsd_spec (const struct inspect_devices *d, const char *os_type,
          const char *spec)
{
  static const char *const freebsd[] = { "/dev/ada", "/dev/ad", "/dev/vtbd", NULL };
  static const char *const netbsd[] = { "/dev/wd", "/dev/sd", "/dev/ld", NULL };
  long disk, part;
  const char *r, *letter;
  int skip_d;

  if (os_type == NULL)
    return NULL;
  if (strcmp (os_type, "freebsd") == 0 && bsd_drive (spec, freebsd, &disk, &r)) {
    if (r[0] == 'p' && isdigit ((unsigned char) r[1])) {
      char *end;
      part = strtol (r + 1, &end, 10);
      return *end == '\0' ? drive_partition (d, disk, part) : NULL;
    }
    if (strncmp (r, "s1", 2) != 0)
      return NULL;
    letter = r + 2;
    skip_d = 0;
  }
  else if ((strcmp (os_type, "netbsd") == 0 || strcmp (os_type, "openbsd") == 0)
           && bsd_drive (spec, netbsd, &disk, &r)) {
    letter = r;
    skip_d = strcmp (os_type, "netbsd") == 0;
  }
  else
    return NULL;
  if (letter[0] < 'a' || letter[0] > 'p' || letter[1] != '\0'
      || letter[0] == 'c' || (skip_d && letter[0] == 'd'))
    return NULL;
  part = letter[0] - 'a';
  if (part > 2)
    part -= skip_d && part > 3 ? 2 : 1;
  return drive_partition (d, disk, part + 5);
}

static char *
resolve_spec (const struct inspect_devices *d, const struct inspect_os *os,
              const char *spec)
{
  const char *root = os->root;
  char *bsd = bsd_spec (d, os->type, spec);
  if (bsd)
    return bsd;
  static const char *const tags[] = { "UUID", "LABEL", "PARTUUID", "PARTLABEL" };

  if (starts (spec, "/dev/root"))
    return strdup (root);
  for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
    size_t n = strlen (tags[i]);
    if (strncmp (spec, tags[i], n) == 0 && spec[n] == '=') {
      const char *dev = inspect_devices_find (d, tags[i], spec + n + 1);
      return dev ? strdup (dev) : NULL;
    }
  }
  return inspect_resolve_device (d, spec);
}

/* btrfs with subvol=X is the mountable btrfsvol:DEV/X. */
static char *
with_subvolume (char *dev, const struct fstab_entry *e)
{
  if (e->vfstype == NULL || strcmp (e->vfstype, "btrfs") != 0 || e->mntops == NULL
      || starts (dev, "btrfsvol:"))
    return dev;
  CLEANUP_FREE char *subvol = inspect_mount_option (e->mntops, "subvol");
  if (subvol == NULL)
    return dev;
  /* Kept as written: the reference turns subvol=/root into
   * btrfsvol:DEV//root. */
  const char *s = subvol;
  if (*s == '\0')
    return dev;
  char *r;
  if (asprintf (&r, "btrfsvol:%s/%s", dev, s) == -1)
    return dev;
  free (dev);
  return r;
}

/* The mountable of entry E, or NULL if it is not one of the guest's
 * filesystems. */
static char *
entry_mountable (const struct inspect_devices *d, const struct inspect_os *os,
                 const struct fstab_entry *e)
{
  if (removable_spec (e->spec))
    return NULL;
  char *dev = resolve_spec (d, os, e->spec);
  return dev ? with_subvolume (dev, e) : NULL;
}

static int
add_entry (struct inspect_os *os, const char *mountable, const char *mp)
{
  if (mp[0] == '/') {
    if (inspect_list_add (&os->mountpoints, mp) == -1
        || inspect_list_add (&os->mountpoints, mountable) == -1)
      return -1;
  }
  return inspect_list_add (&os->filesystems, mountable);
}

int
inspect_fstab (int dirfd, const struct inspect_devices *d, struct inspect_os *os)
{
  size_t len;
  CLEANUP_FREE char *buf = guest_read_file (dirfd, "/etc/fstab",
                                            INSPECT_FILE_MAX, &len);
  struct fstab_entry *ents = NULL;
  int n = buf ? inspect_parse_fstab (buf, len, &ents) : 0, r = 0;

  if (n == -1)
    return -1;
  /* The reference lists the entries last first. */
  for (int i = n - 1; i >= 0 && r == 0; i--) {
    CLEANUP_FREE char *mp = inspect_canonical_mountpoint (ents[i].file);
    if (mp == NULL || ignored_mountpoint (mp))
      continue;
    CLEANUP_FREE char *m = entry_mountable (d, os, &ents[i]);
    if (m)
      r = add_entry (os, m, mp);
  }
  inspect_free_fstab (ents, n);
  return r;
}
