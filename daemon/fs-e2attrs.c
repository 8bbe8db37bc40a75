/* ext2-style inode flags (lsattr/chattr letters) and generation numbers,
 * through the FS_IOC_* ioctls: no program to run. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/fs.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#ifndef FS_DAX_FL
#define FS_DAX_FL 0x02000000
#endif
#ifndef FS_CASEFOLD_FL
#define FS_CASEFOLD_FL 0x40000000
#endif
#ifndef FS_VERITY_FL
#define FS_VERITY_FL 0x00100000
#endif
#ifndef FS_NOCOMP_FL
#define FS_NOCOMP_FL 0x00000400
#endif

/* In the order lsattr prints them. */
static const struct { char letter; unsigned flag; } attrs[] = {
  { 's', FS_SECRM_FL }, { 'u', FS_UNRM_FL }, { 'S', FS_SYNC_FL },
  { 'D', FS_DIRSYNC_FL }, { 'i', FS_IMMUTABLE_FL }, { 'a', FS_APPEND_FL },
  { 'd', FS_NODUMP_FL }, { 'A', FS_NOATIME_FL }, { 'c', FS_COMPR_FL },
  { 'E', FS_ENCRYPT_FL }, { 'j', FS_JOURNAL_DATA_FL }, { 'I', FS_INDEX_FL },
  { 't', FS_NOTAIL_FL }, { 'T', FS_TOPDIR_FL }, { 'e', FS_EXTENT_FL },
  { 'C', FS_NOCOW_FL }, { 'x', FS_DAX_FL }, { 'F', FS_CASEFOLD_FL },
  { 'N', FS_INLINE_DATA_FL }, { 'P', FS_PROJINHERIT_FL },
  { 'V', FS_VERITY_FL }, { 'm', FS_NOCOMP_FL },
};
#define NATTRS (sizeof attrs / sizeof attrs[0])

/* A real fd (ioctls do not work on O_PATH) for the guest FILE. */
static int
open_file (const char *file)
{
  int fd = sysroot_open (file, O_RDONLY | O_NONBLOCK | O_NOCTTY, 0);
  if (fd == -1)
    reply_with_perror ("%s", file);
  return fd;
}

char *
do_get_e2attrs (const char *file)
{
  CLEANUP_CLOSE int fd = open_file (file);
  int flags;
  char *r;
  size_t n = 0;

  if (fd == -1)
    return NULL;
  if (ioctl (fd, FS_IOC_GETFLAGS, &flags) == -1) {
    reply_with_perror ("%s: FS_IOC_GETFLAGS", file);
    return NULL;
  }
  r = malloc (NATTRS + 1);
  if (r == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  for (size_t i = 0; i < NATTRS; i++)
    if ((unsigned) flags & attrs[i].flag)
      r[n++] = attrs[i].letter;
  r[n] = '\0';
  return r;
}

int
do_set_e2attrs (const char *file, const char *attrstr, int clear)
{
  unsigned mask = 0;
  int flags;

  for (const char *p = attrstr; *p; p++) {
    size_t i;
    for (i = 0; i < NATTRS && attrs[i].letter != *p; i++)
      ;
    if (i == NATTRS)
      return reply_with_error ("unknown attribute '%c' in '%s'", *p, attrstr);
    mask |= attrs[i].flag;
  }
  CLEANUP_CLOSE int fd = open_file (file);
  if (fd == -1)
    return -1;
  if (ioctl (fd, FS_IOC_GETFLAGS, &flags) == -1)
    return reply_with_perror ("%s: FS_IOC_GETFLAGS", file);
  if ((optargs_bitmask & 1) && clear)
    flags = (int) ((unsigned) flags & ~mask);
  else
    flags = (int) ((unsigned) flags | mask);
  if (ioctl (fd, FS_IOC_SETFLAGS, &flags) == -1)
    return reply_with_perror ("%s: FS_IOC_SETFLAGS", file);
  return 0;
}

int64_t
do_get_e2generation (const char *file)
{
  CLEANUP_CLOSE int fd = open_file (file);
  int gen;

  if (fd == -1)
    return -1;
  if (ioctl (fd, FS_IOC_GETVERSION, &gen) == -1)
    return reply_with_perror ("%s: FS_IOC_GETVERSION", file);
  return (int64_t) (unsigned) gen;
}

int
do_set_e2generation (const char *file, int64_t generation)
{
  if (generation < 0 || generation > UINT32_MAX)
    return reply_with_error ("generation number must be between 0 and %u",
                             UINT32_MAX);
  CLEANUP_CLOSE int fd = open_file (file);
  if (fd == -1)
    return -1;
  int gen = (int) (unsigned) generation;
  if (ioctl (fd, FS_IOC_SETVERSION, &gen) == -1)
    return reply_with_perror ("%s: FS_IOC_SETVERSION", file);
  return 0;
}
