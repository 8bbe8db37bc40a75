/* mkfs: util-linux's "mkfs -t TYPE" front end with per-type options, the
 * way libguestfs builds the command line. */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define OPT_BLOCKSIZE  (1 << 0)
#define OPT_FEATURES   (1 << 1)
#define OPT_INODE      (1 << 2)
#define OPT_SECTORSIZE (1 << 3)
#define OPT_LABEL      (1 << 4)

static int
is_ext (const char *t)
{
  return strcmp (t, "ext2") == 0 || strcmp (t, "ext3") == 0
    || strcmp (t, "ext4") == 0;
}

static int
is_fat (const char *t)
{
  return strcmp (t, "vfat") == 0 || strcmp (t, "msdos") == 0
    || strcmp (t, "fat") == 0;
}

int
do_mkfs (const char *fstype, const char *device, int blocksize,
         const char *features, int inode, int sectorsize, const char *label)
{
  const char *argv[32];
  char bs[32], ino[32], ss[32];
  size_t i = 0;
  CLEANUP_FREE char *err = NULL;

  /* "fat" is not a mkfs type; mkfs.vfat makes what people mean. */
  const char *type = strcmp (fstype, "fat") == 0 ? "vfat" : fstype;

  argv[i++] = "mkfs";
  argv[i++] = "-t";
  argv[i++] = type;

  /* Never ask: the device is ours to overwrite. */
  if (is_ext (type))
    argv[i++] = "-F";
  else if (is_fat (type))
    argv[i++] = "-I";
  else if (strcmp (type, "xfs") == 0 || strcmp (type, "btrfs") == 0
           || strcmp (type, "reiserfs") == 0 || strcmp (type, "nilfs2") == 0)
    argv[i++] = "-f";
  else if (strcmp (type, "jfs") == 0)
    argv[i++] = "-q";
  else if (strcmp (type, "ntfs") == 0)
    argv[i++] = "-Q";
  else if (strncmp (type, "gfs", 3) == 0)
    argv[i++] = "-O";

  if (optargs_bitmask & OPT_BLOCKSIZE) {
    if (blocksize <= 0 || (blocksize & (blocksize - 1)) != 0)
      return reply_with_error ("block size must be > 0 and a power of 2");
    if (strcmp (type, "xfs") == 0) {
      snprintf (bs, sizeof bs, "size=%d", blocksize);
      argv[i++] = "-b";
    }
    else if (is_fat (type)) {
      /* mkfs.vfat takes sectors per cluster */
      snprintf (bs, sizeof bs, "%d", blocksize >= 512 ? blocksize / 512 : 1);
      argv[i++] = "-s";
    }
    else if (strcmp (type, "ntfs") == 0) {
      snprintf (bs, sizeof bs, "%d", blocksize);
      argv[i++] = "-c";
    }
    else if (strcmp (type, "btrfs") == 0) {
      snprintf (bs, sizeof bs, "%d", blocksize);
      argv[i++] = "--sectorsize";
    }
    else {
      snprintf (bs, sizeof bs, "%d", blocksize);
      argv[i++] = "-b";
    }
    argv[i++] = bs;
  }
  if (optargs_bitmask & OPT_FEATURES) {
    argv[i++] = "-O";
    argv[i++] = features;
  }
  if (optargs_bitmask & OPT_INODE) {
    if (!is_ext (type))
      return reply_with_error ("inode size (-I) can only be set on ext2/3/4 filesystems");
    if (inode <= 0)
      return reply_with_error ("inode size must be larger than zero");
    snprintf (ino, sizeof ino, "%d", inode);
    argv[i++] = "-I";
    argv[i++] = ino;
  }
  if (optargs_bitmask & OPT_SECTORSIZE) {
    if (strcmp (type, "ufs") != 0)
      return reply_with_error ("sector size (-S) can only be set on ufs filesystems");
    if (sectorsize <= 0)
      return reply_with_error ("sector size must be larger than zero");
    snprintf (ss, sizeof ss, "%d", sectorsize);
    argv[i++] = "-S";
    argv[i++] = ss;
  }
  if (optargs_bitmask & OPT_LABEL) {
    if (is_ext (type) && strlen (label) > 16)
      return reply_with_error ("%s: ext2 labels are limited to 16 bytes", label);
    if (strcmp (type, "xfs") == 0 && strlen (label) > 12)
      return reply_with_error ("%s: xfs labels are limited to 12 bytes", label);
    if (is_fat (type) && strlen (label) > 11)
      return reply_with_error ("%s: vfat labels are limited to 11 bytes", label);
    argv[i++] = is_fat (type) ? "-n" : strncmp (type, "hfs", 3) == 0 ? "-v" : "-L";
    argv[i++] = label;
  }
  argv[i++] = device;
  argv[i] = NULL;

  if (commandvf (NULL, &err, 0, argv) == -1) {
    trim_newlines (err);
    return reply_with_error ("%s: %s: %s", fstype, device, err ? err : "failed");
  }
  return 0;
}
