/* NTFS: ntfs-3g.probe, ntfsresize, ntfsfix, ntfsclone_out/in. */

#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

int
do_ntfs_3g_probe (int rw, const char *device)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "ntfs-3g.probe", rw ? "--readwrite" : "--readonly",
                         device, NULL };
  int r = commandrvf (&out, &err, 0, argv);

  if (r == -1) {
    trim_newlines (err);
    return reply_with_error ("%s: %s", device, err && *err ? err : "ntfs-3g.probe failed");
  }
  return r;
}

int
do_ntfsresize (const char *device, int64_t size, int force)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  fs_arg (&a, "ntfsresize");
  fs_arg (&a, "-P");   /* no progress bar */
  if (HAS (0)) {
    if (size <= 0)
      return reply_with_error ("size must be > 0");
    fs_argf (&a, "--size=%" PRIi64, size);
  }
  if (HAS (1) && force)
    fs_arg (&a, "--force");
  fs_arg (&a, device);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (device, a.argv);
}

int
do_ntfsfix (const char *device, int clearbadsectors)
{
  const char *argv[] = { "ntfsfix", HAS (0) && clearbadsectors ? "-b" : device,
                         HAS (0) && clearbadsectors ? device : NULL, NULL };
  return fs_run (device, argv);
}

int
do_ntfsclone_out (const char *device, int metadataonly, int rescue,
                  int ignorefscheck, int preservetimestamps, int force)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };
  struct xproc p;

  fs_arg (&a, "ntfsclone");
  fs_arg (&a, "--save-image");
  fs_arg (&a, "--output");
  fs_arg (&a, "-");
  if (HAS (0) && metadataonly)
    fs_arg (&a, "--metadata");
  if (HAS (1) && rescue)
    fs_arg (&a, "--rescue");
  if (HAS (2) && ignorefscheck)
    fs_arg (&a, "--ignore-fs-check");
  if (HAS (3) && preservetimestamps)
    fs_arg (&a, "--preserve-timestamps");
  if (HAS (4) && force)
    fs_arg (&a, "--force");
  fs_arg (&a, device);
  if (xproc_start (&p, a.argv, -1, XPROC_PIPE, NULL) == -1)
    return reply_with_perror ("ntfsclone");
  return stream_out_of_proc (&p, "ntfsclone");
}

int
do_ntfsclone_in (const char *device)
{
  struct xproc p;
  int in_w;
  const char *argv[] = { "ntfsclone", "--restore-image", "--overwrite",
                         device, "-", NULL };

  if (xproc_start_stdin_pipe (&p, argv, &in_w, -1, NULL) == -1)
    return reply_with_perror ("ntfsclone");
  return stream_into_proc (&p, in_w, "ntfsclone");
}
