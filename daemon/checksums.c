/* checksums-out: the checksum of every regular file under a directory,
 * as coreutils prints them ("SUM  ./path"), sent as a FileOut. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Like libguestfs, the type is matched without regard to case. */
const char *
checksum_program (const char *csumtype)
{
  static const char *const map[][2] = {
    { "crc", "cksum" }, { "md5", "md5sum" }, { "sha1", "sha1sum" },
    { "sha224", "sha224sum" }, { "sha256", "sha256sum" },
    { "sha384", "sha384sum" }, { "sha512", "sha512sum" },
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcasecmp (csumtype, map[i][0]) == 0)
      return map[i][1];
  return NULL;
}

int
do_checksums_out (const char *csumtype, const char *dir)
{
  const char *prog = checksum_program (csumtype);
  CLEANUP_CLOSE int dfd = -1;
  CLEANUP_FREE char *ferr = NULL;
  struct xproc find, sum;
  struct stat st;

  if (prog == NULL)
    return reply_with_error ("unknown checksum type, expecting "
                             "crc|md5|sha1|sha224|sha256|sha384|sha512");
  /* The directory itself is resolved inside the sysroot; find does not
   * follow the symlinks below it. */
  dfd = sysroot_open (dir, O_RDONLY | O_DIRECTORY, 0);
  if (dfd == -1) {
    if (errno == ENOTDIR)
      return reply_with_error ("%s: not a directory", dir);
    return reply_with_perror ("%s", dir);
  }
  if (fstat (dfd, &st) == -1)
    return reply_with_perror ("%s", dir);

  struct xproc_opts o = { .cwd_fd = dfd };
  const char *fargv[] = { "find", ".", "-type", "f", "-print0", NULL };
  if (xproc_start (&find, fargv, -1, XPROC_PIPE, &o) == -1)
    return reply_with_perror ("find");
  const char *xargv[] = { "xargs", "-0", "-r", prog, "--", NULL };
  if (xproc_start (&sum, xargv, find.out_fd, XPROC_PIPE, &o) == -1) {
    xproc_kill (&find);
    return reply_with_perror ("xargs");
  }
  close (find.out_fd);
  find.out_fd = -1;
  int r = stream_out_of_proc (&sum, prog);
  if (xproc_wait (&find, &ferr) != 0 && r == 0)
    log_error ("checksums_out: find: %s", ferr ? ferr : "");
  return r;
}
