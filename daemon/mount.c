/* mount, umount and the mount table under the sysroot. */

#include <config.h>

#include <errno.h>
#include <mntent.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* The appliance path of MOUNTPOINT (a guest path), which must be a
 * directory; resolved inside the sysroot. */
static char *
mountpoint_path (const char *mountpoint)
{
  struct stat st;
  char *mp;

  if (mountpoint[0] != '/') {
    reply_with_error ("mount: %s: mount point must be an absolute path", mountpoint);
    return NULL;
  }
  mp = sysroot_realpath (mountpoint);
  if (mp == NULL || stat (mp, &st) == -1 || !S_ISDIR (st.st_mode)) {
    free (mp);
    reply_with_error_errno (ENOTDIR, "mount: %s: mount point is not a directory",
                            mountpoint);
    return NULL;
  }
  return mp;
}

static int
mount_with (const char *options, const char *mountable, const char *mountpoint)
{
  CLEANUP_FREE char *mp = mountpoint_path (mountpoint);
  CLEANUP_FREE char *err = NULL, *dev = NULL, *opts = NULL;

  if (mp == NULL)
    return -1;
  if (mountable_options (mountable, options, &dev, &opts) == -1)
    return -1;
  const char *argv[] = { "mount", "-o", opts, dev, mp, NULL };
  int r = commandrvf (NULL, &err, 0, argv);
  if (r != 0) {
    trim_newlines (err);
    if (r > 0)
      return reply_with_error ("mount exited with status %d: %s", r, err ? err : "");
    return reply_with_error ("mount: %s", err ? err : "failed");
  }
  return 0;
}

int
do_mount (const char *mountable, const char *mountpoint)
{
  return mount_with ("", mountable, mountpoint);
}

int
do_mount_ro (const char *mountable, const char *mountpoint)
{
  return mount_with ("ro", mountable, mountpoint);
}

int
do_mount_options (const char *options, const char *mountable,
                  const char *mountpoint)
{
  return mount_with (options, mountable, mountpoint);
}

int
do_umount (const char *pathordevice, int force, int lazyunmount)
{
  CLEANUP_FREE char *path = NULL, *err = NULL;
  const char *argv[6];
  size_t i = 0;

  /* A guest path is resolved inside the sysroot (a guest symlink must not
   * make us unmount the appliance's own /dev); if it does not resolve,
   * umount gets the plain path and says what is wrong. */
  if (is_device_arg (pathordevice))
    path = strdup (pathordevice);
  else if ((path = sysroot_realpath (pathordevice)) == NULL)
    path = sysroot_path (pathordevice);
  if (path == NULL)
    return reply_with_perror ("malloc");
  argv[i++] = "umount";
  if (force)
    argv[i++] = "-f";
  if (lazyunmount)
    argv[i++] = "-l";
  argv[i++] = path;
  argv[i] = NULL;
  if (commandvf (NULL, &err, 0, argv) == -1) {
    trim_newlines (err);
    return reply_with_error ("%s: %s", pathordevice, err ? err : "failed");
  }
  return 0;
}

/* Mounts whose target is the sysroot or under it, in mount order.
 * Returns (device, guest mountpoint) pairs; NULL + errno on error. */
static char **
sysroot_mounts (void)
{
  FILE *f = setmntent ("/proc/self/mounts", "r");
  struct mntent *m;
  char **v = NULL;
  size_t n = 0;

  if (f == NULL)
    return NULL;
  while ((m = getmntent (f)) != NULL) {
    const char *d = m->mnt_dir;
    if (strncmp (d, sysroot, sysroot_len) != 0
        || (d[sysroot_len] != '\0' && d[sysroot_len] != '/'))
      continue;
    char **p = realloc (v, (n + 3) * sizeof (char *));
    if (p == NULL)
      break;
    v = p;
    char *lv = lvm_canonical_name (m->mnt_fsname);
    v[n++] = lv ? lv : strdup (m->mnt_fsname);
    v[n++] = strdup (d[sysroot_len] ? d + sysroot_len : "/");
  }
  endmntent (f);
  if (v == NULL)
    v = calloc (1, sizeof (char *));
  else
    v[n] = NULL;
  return v;
}

char **
do_mounts (void)
{
  CLEANUP_FREE_STRING_LIST char **m = sysroot_mounts ();
  DECLARE_STRINGSBUF (sb);

  if (m == NULL) {
    reply_with_perror ("/proc/self/mounts");
    return NULL;
  }
  for (size_t i = 0; m[i]; i += 2)
    if (is_device_arg (m[i]) && add_string (&sb, m[i]) == -1)
      return NULL;
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char **
do_mountpoints (void)
{
  CLEANUP_FREE_STRING_LIST char **m = sysroot_mounts ();
  DECLARE_STRINGSBUF (sb);

  if (m == NULL) {
    reply_with_perror ("/proc/self/mounts");
    return NULL;
  }
  for (size_t i = 0; m[i]; i += 2)
    if (is_device_arg (m[i])
        && (add_string (&sb, m[i]) == -1 || add_string (&sb, m[i + 1]) == -1))
      return NULL;
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* Unmount everything under the sysroot, last mounted first.  Returns 0, or
 * -1 with errno (and the failing path logged). */
int
umount_all_sysroot (void)
{
  CLEANUP_FREE_STRING_LIST char **m = sysroot_mounts ();
  size_t n = count_strings (m);
  int r = 0;

  if (m == NULL)
    return -1;
  for (size_t i = n; i >= 2; i -= 2) {
    CLEANUP_FREE char *p = sysroot_path (strcmp (m[i - 1], "/") == 0 ? "" : m[i - 1]);
    if (p && umount2 (p, 0) == -1 && umount2 (p, MNT_DETACH) == -1) {
      log_error ("umount: %s: %m", p);
      r = -1;
    }
  }
  return r;
}

int
do_umount_all (void)
{
  sync ();
  if (umount_all_sysroot () == -1)
    return reply_with_perror ("umount");
  return 0;
}
