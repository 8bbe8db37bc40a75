/* compress-out / compress-device-out: a compressor reading the guest file
 * or device on its stdin, its output sent as FileOut chunks. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* The compressor's argv for CTYPE (and LEVEL if given); replies on error. */
static int
compressor_argv (const char *ctype, int have_level, int level,
                 const char *argv[4], char lvl[16])
{
  static const char *const progs[][2] = {
    { "compress", "compress" }, { "gzip", "gzip" }, { "bzip2", "bzip2" },
    { "xz", "xz" }, { "lzop", "lzop" }, { "zstd", "zstd" },
  };
  size_t n = 0;

  argv[0] = NULL;
  for (size_t i = 0; i < sizeof progs / sizeof progs[0]; i++)
    if (strcmp (ctype, progs[i][0]) == 0)
      argv[n++] = progs[i][1];
  if (n == 0) {
    reply_with_error ("unknown compression type");
    return -1;
  }
  argv[n++] = "-c";
  if (have_level) {
    if (strcmp (ctype, "compress") == 0) {
      /* compress(1) has no level: -b sets the code width (9..16). */
      if (level < 9 || level > 16) {
        reply_with_error ("%s: incorrect value for level parameter", ctype);
        return -1;
      }
      snprintf (lvl, 16, "-b%d", level);
    }
    else {
      int max = strcmp (ctype, "zstd") == 0 ? 19 : 9;
      if (level < 1 || level > max) {
        reply_with_error ("%s: incorrect value for level parameter", ctype);
        return -1;
      }
      snprintf (lvl, 16, "-%d", level);
    }
    argv[n++] = lvl;
  }
  argv[n] = NULL;
  return 0;
}

static int
compress_fd (const char *ctype, int fd, int level)
{
  const char *argv[4];
  char lvl[16];
  struct xproc p;

  if (compressor_argv (ctype, optargs_bitmask & 1, level, argv, lvl) == -1)
    return -1;
  if (xproc_start (&p, argv, fd, XPROC_PIPE, NULL) == -1)
    return reply_with_perror ("%s", argv[0]);
  return stream_out_of_proc (&p, argv[0]);
}

int
do_compress_out (const char *ctype, const char *file, int level)
{
  CLEANUP_CLOSE int fd = -1;
  struct stat st;
  const char *argv[4];
  char lvl[16];

  /* Arguments first, then the file. */
  if (compressor_argv (ctype, optargs_bitmask & 1, level, argv, lvl) == -1)
    return -1;
  fd = sysroot_open (file, O_RDONLY | O_NOCTTY, 0);
  if (fd == -1)
    return reply_with_perror ("%s", file);
  if (fstat (fd, &st) == -1)
    return reply_with_perror ("%s", file);
  if (!S_ISREG (st.st_mode))
    return reply_with_error ("%s: not a regular file", file);
  return compress_fd (ctype, fd, level);
}

int
do_compress_device_out (const char *ctype, const char *device, int level)
{
  CLEANUP_CLOSE int fd = -1;
  const char *argv[4];
  char lvl[16];

  if (compressor_argv (ctype, optargs_bitmask & 1, level, argv, lvl) == -1)
    return -1;
  fd = open (device, O_RDONLY | O_NOCTTY | O_CLOEXEC);
  if (fd == -1)
    return reply_with_perror ("%s", device);
  return compress_fd (ctype, fd, level);
}
