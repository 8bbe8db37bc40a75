/* copy_attributes: mode, ownership and extended attributes of one file
 * onto another. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Copy every xattr of the file named SRC (a /proc/self/fd path) to DST.
 * 0, or -1 with errno. */
static int
copy_xattrs (const char *src, const char *dst)
{
  ssize_t n = listxattr (src, NULL, 0);
  if (n <= 0)
    return n == 0 || errno == ENOTSUP ? 0 : -1;
  CLEANUP_FREE char *names = malloc (n);
  if (names == NULL || (n = listxattr (src, names, n)) == -1)
    return -1;
  for (ssize_t i = 0; i < n; i += strlen (names + i) + 1) {
    ssize_t vl = getxattr (src, names + i, NULL, 0);
    if (vl == -1)
      return -1;
    CLEANUP_FREE char *v = malloc (vl + 1);
    if (v == NULL || (vl = getxattr (src, names + i, v, vl)) == -1)
      return -1;
    if (setxattr (dst, names + i, v, vl, 0) == -1)
      return -1;
  }
  return 0;
}

int
do_copy_attributes (const char *src, const char *dest, int all, int mode,
                    int xattributes, int ownership)
{
  int want_all = (optargs_bitmask & 1) && all;
  int want_mode = want_all || ((optargs_bitmask & 2) && mode);
  int want_x = want_all || ((optargs_bitmask & 4) && xattributes);
  int want_own = want_all || ((optargs_bitmask & 8) && ownership);
  struct stat st;

  CLEANUP_CLOSE int sfd = sysroot_open (src, O_PATH, 0);
  if (sfd == -1 || fstat (sfd, &st) == -1)
    return reply_with_perror ("%s", src);
  CLEANUP_CLOSE int dfd = sysroot_open (dest, O_PATH, 0);
  if (dfd == -1)
    return reply_with_perror ("%s", dest);
  CLEANUP_FREE char *sp = files_fd_path (sfd, NULL);
  CLEANUP_FREE char *dp = files_fd_path (dfd, NULL);
  if (sp == NULL || dp == NULL)
    return reply_with_perror ("malloc");

  if (want_own && fchownat (dfd, "", st.st_uid, st.st_gid,
                            AT_EMPTY_PATH) == -1)
    return reply_with_perror ("chown: %s", dest);
  /* After chown, which may clear the set-id bits. */
  if (want_mode && chmod (dp, st.st_mode & 07777) == -1)
    return reply_with_perror ("chmod: %s", dest);
  if (want_x && copy_xattrs (sp, dp) == -1)
    return reply_with_perror ("xattrs: %s: %s", src, dest);
  return 0;
}
