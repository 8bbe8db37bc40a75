/* Secure erasure with the scrub program: a device, a file (then removed),
 * the free space of a filesystem (through a new directory). */

#include <config.h>

#include <errno.h>
#include <libgen.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static int
run_scrub (const char *what, const char *const *argv)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  if (commandvf (&out, &err, 0, argv) == -1) {
    trim_newlines (err);
    return reply_with_error ("%s: %s", what, err && err[0] ? err : "scrub failed");
  }
  return 0;
}

int
do_scrub_device (const char *device)
{
  const char *argv[] = { "scrub", "--", device, NULL };
  return run_scrub (device, argv);
}

int
do_scrub_file (const char *file)
{
  /* A real path with no symlinks left, so scrub cannot be sent outside
   * the guest's tree. */
  CLEANUP_FREE char *real = sysroot_realpath (file);
  struct stat st;

  if (real == NULL)
    return reply_with_perror ("%s", file);
  if (lstat (real, &st) == -1)
    return reply_with_perror ("%s", file);
  if (!S_ISREG (st.st_mode))
    return reply_with_error_errno (EINVAL, "%s: not a regular file", file);
  const char *argv[] = { "scrub", "-r", "--", real, NULL };
  return run_scrub (file, argv);
}

int
do_scrub_freespace (const char *dir)
{
  CLEANUP_FREE char *copy = strdup (dir), *copy2 = strdup (dir);
  if (copy == NULL || copy2 == NULL)
    return reply_with_perror ("strdup");
  const char *base = basename (copy);
  if (strcmp (base, "/") == 0 || strcmp (base, ".") == 0 || strcmp (base, "..") == 0)
    return reply_with_error_errno (EINVAL, "%s: not a new directory name", dir);
  CLEANUP_FREE char *parent = sysroot_realpath (dirname (copy2));
  if (parent == NULL)
    return reply_with_perror ("%s", dir);
  CLEANUP_FREE char *target = NULL;
  if (asprintf (&target, "%s/%s", parent, base) == -1)
    return reply_with_perror ("asprintf");
  struct stat st;
  if (lstat (target, &st) == 0)
    return reply_with_error_errno (EEXIST, "%s: already exists", dir);

  const char *argv[] = { "scrub", "-X", "--", target, NULL };
  int r = run_scrub (dir, argv);
  /* scrub leaves the (emptied) directory behind. */
  rmdir (target);
  return r;
}
