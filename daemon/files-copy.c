/* Copying, moving and removing: cp, cp_a, cp_r, mv, rename, rm_f. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* PROG FLAGS SRC DEST.  SRC is resolved fully when the program follows
 * it, else only its parent; DEST is resolved if it exists (so a guest
 * symlink cannot redirect the write outside the sysroot). */
static int
copy_like (const char *prog, const char *flags, int follow_src,
           const char *src, const char *dest)
{
  CLEANUP_FREE char *rsrc = follow_src ? files_real (src)
                                       : files_real_nofollow (src);
  if (rsrc == NULL)
    return -1;
  CLEANUP_FREE char *rdest = files_real_dest (dest);
  if (rdest == NULL)
    return -1;
  const char *argv[6];
  size_t n = 0;
  argv[n++] = prog;
  if (flags)
    argv[n++] = flags;
  argv[n++] = "--";
  argv[n++] = rsrc;
  argv[n++] = rdest;
  argv[n] = NULL;
  CLEANUP_FREE char *out = files_run (prog, -1, argv);
  return out ? 0 : -1;
}

int
do_cp (const char *src, const char *dest)
{
  return copy_like ("cp", NULL, 1, src, dest);
}

int
do_cp_a (const char *src, const char *dest)
{
  return copy_like ("cp", "-a", 0, src, dest);
}

int
do_cp_r (const char *src, const char *dest)
{
  return copy_like ("cp", "-rP", 0, src, dest);
}

int
do_mv (const char *src, const char *dest)
{
  return copy_like ("mv", NULL, 0, src, dest);
}

int
do_rename (const char *oldpath, const char *newpath)
{
  CLEANUP_FREE char *ob = NULL, *nb = NULL;
  CLEANUP_CLOSE int od = sysroot_open_parent (oldpath, &ob);
  if (od == -1)
    return reply_with_perror ("rename: %s", oldpath);
  CLEANUP_CLOSE int nd = sysroot_open_parent (newpath, &nb);
  if (nd == -1)
    return reply_with_perror ("rename: %s", newpath);
  if (renameat (od, ob, nd, nb) == -1)
    return reply_with_perror ("rename: %s: %s", oldpath, newpath);
  return 0;
}

int
do_rm_f (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1) {
    if (errno == ENOENT || errno == ENOTDIR)
      return 0;
    return reply_with_perror ("rm: %s", path);
  }
  if (unlinkat (dfd, base, 0) == -1 && errno != ENOENT) {
    if (errno == EISDIR || errno == EPERM) {
      struct stat st;
      if (fstatat (dfd, base, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
          S_ISDIR (st.st_mode))
        errno = EISDIR;
    }
    return reply_with_perror ("%s", path);
  }
  return 0;
}
