/* base64-in / base64-out: the appliance's base64(1) between the chunks and
 * a guest file opened inside the sysroot (the program never sees a guest
 * path). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_base64_in (const char *filename)
{
  CLEANUP_CLOSE int fd = sysroot_open (filename,
                                       O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY,
                                       0644);
  struct xproc p;
  int in_w;

  if (fd == -1)
    return reply_with_perror ("%s", filename);
  const char *argv[] = { "base64", "-d", "-i", NULL };
  if (xproc_start_stdin_pipe (&p, argv, &in_w, fd, NULL) == -1)
    return reply_with_perror ("base64");
  return stream_into_proc (&p, in_w, "base64");
}

int
do_base64_out (const char *filename)
{
  CLEANUP_CLOSE int fd = sysroot_open (filename, O_RDONLY | O_NOCTTY, 0);
  struct stat st;
  struct xproc p;

  if (fd == -1)
    return reply_with_perror ("%s", filename);
  if (fstat (fd, &st) == -1)
    return reply_with_perror ("%s", filename);
  if (S_ISDIR (st.st_mode))
    return reply_with_error_errno (EISDIR, "%s: Is a directory", filename);
  const char *argv[] = { "base64", NULL };
  if (xproc_start (&p, argv, fd, XPROC_PIPE, NULL) == -1)
    return reply_with_perror ("base64");
  return stream_out_of_proc (&p, "base64");
}
