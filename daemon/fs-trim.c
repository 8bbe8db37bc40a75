/* fstrim: discard the free space of a mounted filesystem. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

int
do_fstrim (const char *mountpoint, int64_t offset, int64_t length,
           int64_t minimumfreeextent)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };
  CLEANUP_FREE char *out = NULL, *err = NULL;

  if (HAS (0) && offset < 0)
    return reply_with_error ("offset < 0");
  if (HAS (1) && length <= 0)
    return reply_with_error ("length <= 0");
  if (HAS (2) && minimumfreeextent <= 0)
    return reply_with_error ("minimumfreeextent <= 0");
  CLEANUP_FREE char *mp = fs_guest_path (mountpoint);
  if (mp == NULL)
    return -1;
  fs_arg (&a, "fstrim");
  if (HAS (0)) fs_argf (&a, "-o%" PRIi64, offset);
  if (HAS (1)) fs_argf (&a, "-l%" PRIi64, length);
  if (HAS (2)) fs_argf (&a, "-m%" PRIi64, minimumfreeextent);
  fs_arg (&a, mp);
  if (a.failed)
    return reply_with_perror ("malloc");
  /* Trim what is really free: flush pending writes first. */
  sync ();
  if (commandvf (&out, &err, 0, a.argv) == -1) {
    trim_newlines (err);
    if (err && strstr (err, "not supported"))
      return reply_with_error_errno (ENOTSUP, "%s: %s", mountpoint, err);
    return reply_with_error ("%s: %s", mountpoint, err && *err ? err : "fstrim failed");
  }
  return 0;
}
