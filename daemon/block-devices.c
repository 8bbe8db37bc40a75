/* blockdev-style ioctls on a device (the blockdev(8) calls). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <string.h>
#include <sys/ioctl.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_blockdev_getbsz (const char *device)
{
  int bsz;
  if (block_ioctl (device, BLKBSZGET, &bsz) == -1)
    return -1;
  return bsz;
}

int64_t
do_blockdev_getsz (const char *device)
{
  uint64_t size;
  if (block_ioctl (device, BLKGETSIZE64, &size) == -1)
    return -1;
  return (int64_t) (size / 512);
}

int
do_blockdev_getro (const char *device)
{
  int ro;
  if (block_ioctl (device, BLKROGET, &ro) == -1)
    return -1;
  return ro != 0;
}

static int
set_ro (const char *device, int ro)
{
  return block_ioctl (device, BLKROSET, &ro);
}

int
do_blockdev_setro (const char *device)
{
  return set_ro (device, 1);
}

int
do_blockdev_setrw (const char *device)
{
  return set_ro (device, 0);
}

int
do_blockdev_flushbufs (const char *device)
{
  sync ();
  return block_ioctl (device, BLKFLSBUF, NULL);
}

int
do_blockdev_rereadpt (const char *device)
{
  if (block_ioctl (device, BLKRRPART, NULL) == -1)
    return -1;
  reread_partitions (device);
  return 0;
}

int
do_blockdev_setra (const char *device, int sectors)
{
  if (sectors < 0)
    return reply_with_error_errno (EINVAL, "readahead sectors must be >= 0");
  /* BLKRASET takes the value itself, not a pointer. */
  return block_ioctl (device, BLKRASET, (void *) (uintptr_t) sectors);
}

/* Deprecated: libguestfs's never changed anything either.  Validate the
 * argument so that nonsense is still reported. */
int
do_blockdev_setbsz (const char *device, int blocksize)
{
  (void) device;
  if (blocksize <= 0 || (blocksize & (blocksize - 1)) != 0)
    return reply_with_error_errno (EINVAL, "blocksize must be a positive power of 2");
  return 0;
}
