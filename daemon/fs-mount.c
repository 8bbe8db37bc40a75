/* More ways to mount: with a type, a loop file, remount, and extra mount
 * points made before the first mount. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Appliance path of the guest directory MOUNTPOINT; NULL after replying. */
static char *
mp_dir (const char *mountpoint)
{
  struct stat st;

  if (mountpoint[0] != '/') {
    reply_with_error ("%s: mount point must be an absolute path", mountpoint);
    return NULL;
  }
  char *mp = sysroot_realpath (mountpoint);
  if (mp == NULL || stat (mp, &st) == -1 || !S_ISDIR (st.st_mode)) {
    free (mp);
    reply_with_error_errno (ENOTDIR, "%s: mount point is not a directory",
                            mountpoint);
    return NULL;
  }
  return mp;
}

/* Errors worded like the mount call's. */
static int
run_mount (const char *const *argv)
{
  CLEANUP_FREE char *err = NULL;
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
do_mount_vfs (const char *options, const char *vfstype, const char *mountable,
              const char *mountpoint)
{
  CLEANUP_FREE char *mp = mp_dir (mountpoint);
  CLEANUP_FREE char *dev = NULL, *opts = NULL;

  if (mp == NULL)
    return -1;
  if (mountable_options (mountable, options, &dev, &opts) == -1)
    return -1;
  const char *argv[] = { "mount", "-o", opts, "-t", vfstype, dev, mp,
                         NULL };
  return run_mount (argv);
}

int
do_mount_loop (const char *file, const char *mountpoint)
{
  CLEANUP_FREE char *f = fs_guest_path (file);
  if (f == NULL)
    return -1;
  CLEANUP_FREE char *mp = mp_dir (mountpoint);
  if (mp == NULL)
    return -1;
  const char *argv[] = { "mount", "-o", "loop", f, mp, NULL };
  return run_mount (argv);
}

int
do_remount (const char *mountpoint, int rw)
{
  if (!(optargs_bitmask & 1))
    return reply_with_error ("parameter 'rw' must be specified");
  CLEANUP_FREE char *mp = mp_dir (mountpoint);
  if (mp == NULL)
    return -1;
  const char *argv[] = { "mount", "-o", rw ? "remount,rw" : "remount,ro", mp,
                         NULL };
  return fs_run (mountpoint, argv);
}

/* The exempt path is a plain string: check it like a Pathname. */
static int
mp_parent (const char *path, char **base)
{
  if (path[0] != '/') {
    reply_with_error ("%s: path must start with a / character", path);
    return -1;
  }
  int fd = sysroot_open_parent (path, base);
  if (fd == -1)
    reply_with_perror ("%s", path);
  return fd;
}

int
do_mkmountpoint (const char *exemptpath)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int fd = mp_parent (exemptpath, &base);

  if (fd == -1)
    return -1;
  if (mkdirat (fd, base, 0755) == -1)
    return reply_with_perror ("%s", exemptpath);
  return 0;
}

int
do_rmmountpoint (const char *exemptpath)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int fd = mp_parent (exemptpath, &base);

  if (fd == -1)
    return -1;
  if (unlinkat (fd, base, AT_REMOVEDIR) == -1)
    return reply_with_perror ("%s", exemptpath);
  return 0;
}
