/* Old fs calls kept for existing scripts: mke2journal(_L/_U),
 * mke2fs_J(L/U), mkfs_b, ntfsresize_size, and mklost_and_found.  Most are
 * one fixed command line, or a newer call with some optargs set. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static int
check_blocksize (int blocksize)
{
  if (blocksize <= 0 || (blocksize & (blocksize - 1)) != 0)
    return reply_with_error_errno (EINVAL, "blocksize must be a positive "
                                   "power of 2");
  return 0;
}

/* "mke2fs -F -O journal_dev -b BS [OPT VALUE] DEVICE" */
static int
mke2journal (int blocksize, const char *opt, const char *value,
             const char *device)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  if (check_blocksize (blocksize) == -1)
    return -1;
  fs_arg (&a, "mke2fs");
  fs_arg (&a, "-F");
  fs_arg (&a, "-O");
  fs_arg (&a, "journal_dev");
  fs_argf (&a, "-b%d", blocksize);
  if (opt) {
    fs_arg (&a, opt);
    fs_arg (&a, value);
  }
  fs_arg (&a, device);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (device, a.argv);
}

int
do_mke2journal (int blocksize, const char *device)
{
  return mke2journal (blocksize, NULL, NULL, device);
}

int
do_mke2journal_L (int blocksize, const char *label, const char *device)
{
  return mke2journal (blocksize, "-L", label, device);
}

int
do_mke2journal_U (int blocksize, const char *uuid, const char *device)
{
  return mke2journal (blocksize, "-U", uuid, device);
}

/* "mke2fs -F -t FSTYPE -b BS -J device=JOURNAL DEVICE", JOURNAL being a
 * device, LABEL=... or UUID=... */
static int
mke2fs_journal (const char *fstype, int blocksize, const char *device,
                const char *journal_prefix, const char *journal)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  if (check_blocksize (blocksize) == -1)
    return -1;
  fs_arg (&a, "mke2fs");
  fs_arg (&a, "-F");
  fs_arg (&a, "-t");
  fs_arg (&a, fstype);
  fs_argf (&a, "-b%d", blocksize);
  fs_arg (&a, "-J");
  fs_argf (&a, "device=%s%s", journal_prefix, journal);
  fs_arg (&a, device);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (device, a.argv);
}

int
do_mke2fs_J (const char *fstype, int blocksize, const char *device,
             const char *journal)
{
  return mke2fs_journal (fstype, blocksize, device, "", journal);
}

int
do_mke2fs_JL (const char *fstype, int blocksize, const char *device,
              const char *label)
{
  return mke2fs_journal (fstype, blocksize, device, "LABEL=", label);
}

int
do_mke2fs_JU (const char *fstype, int blocksize, const char *device,
              const char *uuid)
{
  return mke2fs_journal (fstype, blocksize, device, "UUID=", uuid);
}

int
do_mkfs_b (const char *fstype, int blocksize, const char *device)
{
  optargs_bitmask = 1;          /* mkfs's "blocksize" optarg */
  return do_mkfs (fstype, device, blocksize, NULL, 0, 0, NULL);
}

int
do_ntfsresize_size (const char *device, int64_t size)
{
  optargs_bitmask = 1;          /* ntfsresize's "size" optarg */
  return do_ntfsresize (device, size, 0);
}

int
do_mklost_and_found (const char *mountpoint)
{
  CLEANUP_CLOSE int dfd = sysroot_open (mountpoint, O_RDONLY | O_DIRECTORY,
                                        0);
  CLEANUP_FREE char *err = NULL;
  struct xproc p;

  if (dfd == -1)
    return reply_with_perror ("%s", mountpoint);
  /* mklost+found makes lost+found in its current directory. */
  struct xproc_opts o = { .cwd_fd = dfd };
  const char *argv[] = { "mklost+found", NULL };
  if (xproc_start (&p, argv, -1, -1, &o) == -1)
    return reply_with_perror ("mklost+found");
  if (xproc_wait (&p, &err) != 0) {
    trim_newlines (err);
    return reply_with_error ("%s: %s", mountpoint,
                             err && *err ? err : "mklost+found failed");
  }
  return 0;
}
