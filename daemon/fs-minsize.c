/* vfs_minimum_size: how small a filesystem could be shrunk, asking the
 * resize tool of its type. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mount.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* The number following PREFIX in TEXT, or -1. */
static int64_t
number_after (const char *text, const char *prefix)
{
  const char *p = text ? strstr (text, prefix) : NULL;
  long long v;

  if (p == NULL || sscanf (p + strlen (prefix), " %lld", &v) != 1)
    return -1;
  return v;
}

static int64_t
ext_min (const char *device)
{
  const char *p_argv[] = { "resize2fs", "-P", device, NULL };
  const char *l_argv[] = { "dumpe2fs", "-h", device, NULL };
  CLEANUP_FREE char *p = fs_run_out (device, p_argv);
  if (p == NULL)
    return -1;
  CLEANUP_FREE char *l = fs_run_out (device, l_argv);
  if (l == NULL)
    return -1;
  int64_t blocks = number_after (p, "minimum size of the filesystem:");
  int64_t bsize = number_after (l, "Block size:");
  if (blocks < 0 || bsize <= 0)
    return reply_with_error ("%s: could not read the minimum size", device);
  return blocks * bsize;
}

static int64_t
ntfs_min (const char *device)
{
  const char *argv[] = { "ntfsresize", "--info", "--force", "--no-progress-bar",
                         device, NULL };
  CLEANUP_FREE char *out = NULL, *err = NULL;

  /* ntfsresize --info may exit 1 and still print the size. */
  commandrvf (&out, &err, CMD_STDERR_TO_OUT, argv);
  int64_t v = number_after (out, "You might resize at");
  if (v < 0) {
    trim_newlines (out);
    return reply_with_error ("%s: %s", device, out && *out ? out : "ntfsresize failed");
  }
  return v;
}

static int64_t
btrfs_min (const char *device)
{
  char templ[] = "/tmp/btrfsmin.XXXXXX";
  CLEANUP_FREE char *out = NULL, *err = NULL;

  if (mkdtemp (templ) == NULL)
    return reply_with_perror ("mkdtemp");
  if (mount (device, templ, "btrfs", 0, NULL) == -1) {
    int e = errno;
    rmdir (templ);
    errno = e;
    return reply_with_perror ("mount: %s", device);
  }
  const char *argv[] = { "btrfs", "inspect-internal", "min-dev-size", templ, NULL };
  int r = commandvf (&out, &err, 0, argv);
  umount2 (templ, 0);
  rmdir (templ);
  if (r == -1) {
    trim_newlines (err);
    return reply_with_error ("%s: %s", device, err && *err ? err : "btrfs failed");
  }
  long long v;
  if (out == NULL || sscanf (out, "%lld", &v) != 1)
    return reply_with_error ("%s: could not parse btrfs output", device);
  return v;
}

/* XFS cannot shrink: its minimum is its size. */
static int64_t
xfs_min (const char *device)
{
  guestfs_int_xfsinfo *x = do_xfs_info (device);
  if (x == NULL)
    return -1;
  int64_t v = (int64_t) x->xfs_datablocks * x->xfs_blocksize;
  xdr_free ((xdrproc_t) xdr_guestfs_int_xfsinfo, (char *) x);
  free (x);
  return v;
}

int64_t
do_vfs_minimum_size (const char *mountable)
{
  CLEANUP_FREE char *type = fs_probe_type (mountable);

  if (type == NULL)
    return reply_with_perror ("%s", mountable);
  if (fs_is_ext (type))
    return ext_min (mountable);
  if (strcmp (type, "ntfs") == 0)
    return ntfs_min (mountable);
  if (strcmp (type, "btrfs") == 0)
    return btrfs_min (mountable);
  if (strcmp (type, "xfs") == 0)
    return xfs_min (mountable);
  return reply_with_error_errno (ENOTSUP,
                                 "don't know how to get minimum size of '%s' filesystems",
                                 type);
}
