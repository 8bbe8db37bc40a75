/* Mounting one candidate filesystem read-only on the private inspection
 * directory (never under the sysroot), and btrfs subvolume listing. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-mount.h"

#define INSPECT_DIR "/run/guestferry-inspect"

const char *
inspect_mount_dir (void)
{
  if (mkdir (INSPECT_DIR, 0700) == -1 && errno != EEXIST)
    return NULL;
  return INSPECT_DIR;
}

static int
is_block (const char *dev)
{
  struct stat st;
  return stat (dev, &st) == 0 && S_ISBLK (st.st_mode);
}

/* "btrfsvol:/dev/VG/LV/sub/vol" -> device "/dev/VG/LV", subvolume
 * "sub/vol": the device is the shortest prefix that is a block device. */
static int
split_btrfsvol (const char *m, char **dev, const char **subvol)
{
  const char *s = m + 9;
  for (const char *p = strchr (s + 5, '/'); p; p = strchr (p + 1, '/')) {
    char *d = strndup (s, (size_t) (p - s));
    if (d == NULL)
      return -1;
    if (is_block (d)) {
      *dev = d;
      *subvol = p + 1;
      return 0;
    }
    free (d);
  }
  return -1;
}

/* mount -o OPTS [-t TYPE] DEV DIR, quietly: a failure is only logged
 * when verbose. */
static int
run_mount (const char *opts, const char *type, const char *dev,
           const char *dir)
{
  CLEANUP_FREE char *err = NULL;
  const char *argv[] = { "mount", "-o", opts, dev, dir, NULL, NULL, NULL };
  if (type) {
    argv[5] = "-t";
    argv[6] = type;
  }
  if (commandvf (NULL, &err, 0, argv) == -1) {
    if (verbose)
      debug ("inspect: mount %s: %s", dev, err ? err : "failed");
    return -1;
  }
  return 0;
}

/* Linux's ufs needs the variant named: FreeBSD's UFS2 first, then the
 * 4.4BSD UFS1 of NetBSD, OpenBSD and older FreeBSD. */
static int
mount_ufs (const char *base, const char *dev, const char *dir)
{
  static const char *const variants[] = { "ufs2", "44bsd" };
  for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
    CLEANUP_FREE char *opts = NULL;
    if (asprintf (&opts, "%s,ufstype=%s", base, variants[i]) == -1)
      return -1;
    if (run_mount (opts, "ufs", dev, dir) == 0)
      return 0;
  }
  return -1;
}

int
inspect_mount (const char *mountable, const char *vfs_type, const char *dir)
{
  CLEANUP_FREE char *dev = NULL, *opts = NULL;
  const char *subvol = NULL;
  const char *base = "ro,nodev,nosuid,noexec";

  if (strcmp (vfs_type, "ufs") == 0)
    return mount_ufs (base, mountable, dir);
  if (strncmp (mountable, "btrfsvol:", 9) == 0) {
    if (split_btrfsvol (mountable, &dev, &subvol) == -1)
      return -1;
    if (asprintf (&opts, "%s,subvol=%s", base, subvol) == -1)
      return -1;
  }
  else
    opts = strdup (base);
  if (opts == NULL)
    return -1;
  /* mount probes the type itself, as do_mount does. */
  return run_mount (opts, NULL, dev ? dev : mountable, dir);
}

void
inspect_umount (const char *dir)
{
  if (umount2 (dir, 0) == -1 && umount2 (dir, MNT_DETACH) == -1)
    log_error ("inspect: umount %s: %m", dir);
}
