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

static char *
resolve_spec (const struct inspect_devices *d, const char *root,
              const char *spec)
{
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
entry_mountable (const struct inspect_devices *d, const char *root,
                 const struct fstab_entry *e)
{
  if (removable_spec (e->spec))
    return NULL;
  char *dev = resolve_spec (d, root, e->spec);
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
    CLEANUP_FREE char *m = entry_mountable (d, os->root, &ents[i]);
    if (m)
      r = add_entry (os, m, mp);
  }
  inspect_free_fstab (ents, n);
  return r;
}
