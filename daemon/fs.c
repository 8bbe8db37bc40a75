/* Small whole-system calls: ping_daemon, sync, statvfs, df. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_ping_daemon (void)
{
  return 0;
}

int
do_sync (void)
{
  sync ();
  return 0;
}

guestfs_int_statvfs *
do_statvfs (const char *path)
{
  struct statvfs s;
  int fd = sysroot_open (path, O_PATH, 0);

  if (fd == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  int r = fstatvfs (fd, &s);
  int e = errno;
  close (fd);
  errno = e;
  if (r == -1) {
    reply_with_perror ("statvfs: %s", path);
    return NULL;
  }
  guestfs_int_statvfs *ret = malloc (sizeof *ret);
  if (ret == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  ret->bsize = s.f_bsize;
  ret->frsize = s.f_frsize;
  ret->blocks = s.f_blocks;
  ret->bfree = s.f_bfree;
  ret->bavail = s.f_bavail;
  ret->files = s.f_files;
  ret->ffree = s.f_ffree;
  ret->favail = s.f_favail;
  ret->fsid = s.f_fsid;
  ret->flag = s.f_flag;
  ret->namemax = s.f_namemax;
  return ret;
}

char *
do_df (void)
{
  char *out;
  CLEANUP_FREE char *err = NULL;

  if (commandr (&out, &err, "df", NULL) == -1) {
    trim_newlines (err);
    reply_with_error ("%s", err && *err ? err : "df: failed");
    free (out);
    return NULL;
  }
  return out;
}
