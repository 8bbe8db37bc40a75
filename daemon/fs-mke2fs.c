/* mke2fs with (almost) every option as an optional argument.  Optargs
 * bits follow the declaration order in generator/api_fs.py. */

#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

/* Append NAME or NAME=VALUE to a comma-separated option list. */
static void
list_add (char *buf, size_t size, const char *item)
{
  size_t l = strlen (buf);
  snprintf (buf + l, size - l, "%s%s", l ? "," : "", item);
}

/* NAME=V */
static void
list_addf (char *buf, size_t size, const char *name, int64_t v)
{
  char item[128];
  snprintf (item, sizeof item, "%s=%" PRIi64, name, v);
  list_add (buf, size, item);
}

/* A feature switch: "feat" or "^feat". */
static void
feature (char *buf, size_t size, const char *name, int on)
{
  char item[64];
  snprintf (item, sizeof item, "%s%s", on ? "" : "^", name);
  list_add (buf, size, item);
}

static int
check_pos (const char *what, int64_t v)
{
  if (v < 0)
    return reply_with_error ("%s must be >= 0", what);
  return 0;
}

int
do_mke2fs (const char *device, int64_t blockscount, int64_t blocksize,
           int64_t fragsize, int64_t blockspergroup, int64_t numberofgroups,
           int64_t bytesperinode, int64_t inodesize, int64_t journalsize,
           int64_t numberofinodes, int64_t stridesize, int64_t stripewidth,
           int64_t maxonlineresize, int reservedblockspercentage,
           int mmpupdateinterval, const char *journaldevice,
           const char *label, const char *lastmounteddir,
           const char *creatoros, const char *fstype, const char *usagetype,
           const char *uuid, int forcecreate, int writesbandgrouponly,
           int lazyitableinit, int lazyjournalinit, int testfs, int discard,
           int quotatype, int extent, int filetype, int flexbg,
           int hasjournal, int journaldev, int largefile, int quota,
           int resizeinode, int sparsesuper, int uninitbg)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };
  char ext[1024] = "", feat[1024] = "";
  const int64_t nums[] = { blockscount, blocksize, fragsize, blockspergroup,
                           numberofgroups, bytesperinode, inodesize,
                           journalsize, numberofinodes, stridesize,
                           stripewidth, maxonlineresize };
  const char *numnames[] = { "blockscount", "blocksize", "fragsize",
                             "blockspergroup", "numberofgroups",
                             "bytesperinode", "inodesize", "journalsize",
                             "numberofinodes", "stridesize", "stripewidth",
                             "maxonlineresize" };

  for (int i = 0; i < 12; i++)
    if (HAS (i) && check_pos (numnames[i], nums[i]) == -1)
      return -1;
  if (HAS (1) && (blocksize < 1024 || (blocksize & (blocksize - 1))))
    return reply_with_error ("blocksize must be a power of 2 and at least 1024");
  if (HAS (12) && (reservedblockspercentage < 0 || reservedblockspercentage > 50))
    return reply_with_error ("reservedblockspercentage must be between 0 and 50");
  if (HAS (13) && mmpupdateinterval < 0)
    return reply_with_error ("mmpupdateinterval must be >= 0");
  if (HAS (15) && strlen (label) > 16)
    return reply_with_error ("%s: ext2/3/4 labels are limited to 16 bytes", label);
  if (HAS (18) && strcmp (fstype, "ext2") && strcmp (fstype, "ext3")
      && strcmp (fstype, "ext4"))
    return reply_with_error ("%s: fstype must be ext2, ext3 or ext4", fstype);

  fs_arg (&a, "mke2fs");
  fs_arg (&a, "-q");
  if (HAS (18)) { fs_arg (&a, "-t"); fs_arg (&a, fstype); }
  if (HAS (1)) fs_argf (&a, "-b%" PRIi64, blocksize);
  if (HAS (2)) fs_argf (&a, "-f%" PRIi64, fragsize);
  if (HAS (3)) fs_argf (&a, "-g%" PRIi64, blockspergroup);
  if (HAS (4)) fs_argf (&a, "-G%" PRIi64, numberofgroups);
  if (HAS (5)) fs_argf (&a, "-i%" PRIi64, bytesperinode);
  if (HAS (6)) fs_argf (&a, "-I%" PRIi64, inodesize);
  if (HAS (7)) fs_argf (&a, "-Jsize=%" PRIi64, journalsize);
  if (HAS (8)) fs_argf (&a, "-N%" PRIi64, numberofinodes);
  if (HAS (9)) list_addf (ext, sizeof ext, "stride", stridesize);
  if (HAS (10)) list_addf (ext, sizeof ext, "stripe_width", stripewidth);
  if (HAS (11)) list_addf (ext, sizeof ext, "resize", maxonlineresize);
  if (HAS (12)) fs_argf (&a, "-m%d", reservedblockspercentage);
  if (HAS (13)) list_addf (ext, sizeof ext, "mmp_update_interval",
                           mmpupdateinterval);
  if (HAS (14)) fs_argf (&a, "-Jdevice=%s", journaldevice);
  if (HAS (15)) { fs_arg (&a, "-L"); fs_arg (&a, label); }
  if (HAS (16)) { fs_arg (&a, "-M"); fs_arg (&a, lastmounteddir); }
  if (HAS (17)) { fs_arg (&a, "-o"); fs_arg (&a, creatoros); }
  if (HAS (19)) { fs_arg (&a, "-T"); fs_arg (&a, usagetype); }
  if (HAS (20)) { fs_arg (&a, "-U"); fs_arg (&a, uuid); }
  /* The device is ours to overwrite: never stop at a question. */
  fs_arg (&a, "-F");
  if (HAS (22) && writesbandgrouponly) fs_arg (&a, "-S");
  if (HAS (23)) list_addf (ext, sizeof ext, "lazy_itable_init",
                           lazyitableinit != 0);
  if (HAS (24)) list_addf (ext, sizeof ext, "lazy_journal_init",
                           lazyjournalinit != 0);
  if (HAS (25) && testfs) list_add (ext, sizeof ext, "test_fs");
  if (HAS (26)) list_add (ext, sizeof ext, discard ? "discard" : "nodiscard");
  if (HAS (27) && quotatype) list_add (ext, sizeof ext, "quotatype");
  if (HAS (28)) feature (feat, sizeof feat, "extent", extent);
  if (HAS (29)) feature (feat, sizeof feat, "filetype", filetype);
  if (HAS (30)) feature (feat, sizeof feat, "flex_bg", flexbg);
  if (HAS (31)) feature (feat, sizeof feat, "has_journal", hasjournal);
  if (HAS (32)) feature (feat, sizeof feat, "journal_dev", journaldev);
  if (HAS (33)) feature (feat, sizeof feat, "large_file", largefile);
  if (HAS (34)) feature (feat, sizeof feat, "quota", quota);
  if (HAS (35)) feature (feat, sizeof feat, "resize_inode", resizeinode);
  if (HAS (36)) feature (feat, sizeof feat, "sparse_super", sparsesuper);
  if (HAS (37)) feature (feat, sizeof feat, "uninit_bg", uninitbg);
  if (*ext) { fs_arg (&a, "-E"); fs_arg (&a, ext); }
  if (*feat) { fs_arg (&a, "-O"); fs_arg (&a, feat); }
  fs_arg (&a, device);
  if (HAS (0)) fs_argf (&a, "%" PRIi64, blockscount);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (device, a.argv);
}
