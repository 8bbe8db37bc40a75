/* Calls answered by running a program on one file: hexdump, strings,
 * strings_e, checksum, checksum_device, file, zfile, du, llz. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

char *
do_hexdump (const char *path)
{
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return NULL;
  const char *argv[] = { "hexdump", "-C", real, NULL };
  return files_run ("hexdump", -1, argv);
}

char **
do_strings_e (const char *encoding, const char *path)
{
  if (strlen (encoding) != 1 || strchr ("sSblBL", encoding[0]) == NULL) {
    reply_with_error_errno (EINVAL, "%s: invalid encoding, expecting one "
                            "of s, S, b, l, B, L", encoding);
    return NULL;
  }
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return NULL;
  const char *argv[] = { "strings", "-e", encoding, "--", real, NULL };
  CLEANUP_FREE char *out = files_run ("strings", -1, argv);
  if (out == NULL)
    return NULL;
  return split_lines (out);
}

char **
do_strings (const char *path)
{
  return do_strings_e ("s", path);
}

/* The first word of the program's output is the checksum. */
static char *
checksum_of (const char *csumtype, const char *file)
{
  const char *prog = checksum_program (csumtype);
  if (prog == NULL) {
    reply_with_error_errno (EINVAL, "unknown checksum type, expecting "
                            "crc|md5|sha1|sha224|sha256|sha384|sha512");
    return NULL;
  }
  const char *argv[] = { prog, "--", file, NULL };
  char *out = files_run (prog, -1, argv);
  if (out == NULL)
    return NULL;
  out[strcspn (out, " \t\n")] = '\0';
  return out;
}

char *
do_checksum (const char *csumtype, const char *path)
{
  if (checksum_program (csumtype) == NULL)
    return checksum_of (csumtype, path);
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return NULL;
  struct stat st;
  if (stat (real, &st) == 0 && S_ISDIR (st.st_mode)) {
    reply_with_error_errno (EISDIR, "%s: Is a directory", path);
    return NULL;
  }
  return checksum_of (csumtype, real);
}

char *
do_checksum_device (const char *csumtype, const char *device)
{
  return checksum_of (csumtype, device);
}

/* Non-regular files are named without asking file(1). */
static const char *
special_type (mode_t m)
{
  if (S_ISDIR (m)) return "directory";
  if (S_ISCHR (m)) return "character device";
  if (S_ISBLK (m)) return "block device";
  if (S_ISFIFO (m)) return "FIFO";
  if (S_ISLNK (m)) return "symbolic link";
  if (S_ISSOCK (m)) return "socket";
  return NULL;
}

static char *
file_of (const char *real, int device)
{
  const char *argv[] = { "file", device ? "-zbsL" : "-zb", "--", real,
                         NULL };
  char *out = files_run ("file", -1, argv);
  if (out)
    trim_newlines (out);
  return out;
}

char *
do_file (const char *path)
{
  if (is_device_arg (path))
    return file_of (path, 1);

  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  struct stat st;
  if (dfd == -1 || fstatat (dfd, base, &st, AT_SYMLINK_NOFOLLOW) == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  const char *t = special_type (st.st_mode);
  if (t) {
    char *r = strdup (t);
    if (r == NULL)
      reply_with_perror ("strdup");
    return r;
  }
  CLEANUP_FREE char *real = files_real (path);
  return real ? file_of (real, 0) : NULL;
}

char *
do_zfile (const char *meth, const char *path)
{
  (void) meth;
  return do_file (path);
}

int64_t
do_du (const char *path)
{
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return -1;
  const char *argv[] = { "du", "-s", "--", real, NULL };
  CLEANUP_FREE char *out = NULL, *err = NULL;
  struct xproc p;
  /* A big tree takes long: pulse progress while du runs. */
  if (xproc_start (&p, argv, -1, XPROC_PIPE, NULL) == -1)
    return reply_with_perror ("du");
  int r = xproc_read_pulse (&p, &out);
  int e = errno;
  if (xproc_wait (&p, &err) != 0 || r == -1) {
    trim_newlines (err);
    if (err && *err)
      return reply_with_error ("%s", err);
    errno = e;
    return reply_with_perror ("du: %s", path);
  }
  int64_t kb;
  if (sscanf (out, "%" SCNd64, &kb) != 1)
    return reply_with_error ("du: could not parse output: %s", out);
  return kb;
}

char *
do_llz (const char *directory)
{
  CLEANUP_FREE char *real = files_real_nofollow (directory);
  if (real == NULL)
    return NULL;
  const char *argv[] = { "ls", "-lanZ", "--", real, NULL };
  return files_run ("ls", -1, argv);
}
