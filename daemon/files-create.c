/* Creating files and nodes: mkdir_mode, mkdtemp, mktemp, fallocate64, fill,
 * fill_pattern, fill_dir, mkfifo, mknod, mknod_b, mknod_c, truncate,
 * truncate_size. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_mkdir_mode (const char *path, int mode)
{
  if (mode < 0)
    return reply_with_error_errno (EINVAL, "%s: mode is negative", path);
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1 || mkdirat (dfd, base, mode) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

/* Replace TMPL's trailing XXXXXX with random characters, append SUFFIX
 * and CREATE the result in its parent directory until the name is new.
 * The name, or NULL after replying "WHAT: TMPL: strerror". */
static char *
make_temp (const char *what, const char *tmpl, const char *suffix,
           int (*create) (int dfd, const char *base))
{
  static const char chars[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  size_t len = strlen (tmpl);
  if (len < 6 || strcmp (tmpl + len - 6, "XXXXXX") != 0) {
    reply_with_error_errno (EINVAL, "%s: template must end with XXXXXX",
                            tmpl);
    return NULL;
  }
  if (strchr (suffix, '/')) {
    reply_with_error_errno (EINVAL, "%s: suffix must not contain '/'",
                            suffix);
    return NULL;
  }
  char *name;
  if (asprintf (&name, "%s%s", tmpl, suffix) == -1) {
    reply_with_perror ("asprintf");
    return NULL;
  }
  for (int tries = 0; tries < 1000; tries++) {
    unsigned char rnd[6];
    if (getrandom (rnd, sizeof rnd, 0) != sizeof rnd)
      break;
    for (int i = 0; i < 6; i++)
      name[len - 6 + i] = chars[rnd[i] % (sizeof chars - 1)];
    CLEANUP_FREE char *base = NULL;
    CLEANUP_CLOSE int dfd = sysroot_open_parent (name, &base);
    if (dfd == -1)
      break;
    if (create (dfd, base) == 0)
      return name;
    if (errno != EEXIST)
      break;
  }
  reply_with_perror ("%s: %s", what, tmpl);
  free (name);
  return NULL;
}

static int
create_temp_dir (int dfd, const char *base)
{
  return mkdirat (dfd, base, 0700);
}

static int
create_temp_file (int dfd, const char *base)
{
  int fd = openat (dfd, base, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
                   O_NOCTTY | O_CLOEXEC, 0600);
  if (fd == -1)
    return -1;
  close (fd);
  return 0;
}

char *
do_mkdtemp (const char *tmpl)
{
  return make_temp ("mkdtemp", tmpl, "", create_temp_dir);
}

char *
do_mktemp (const char *tmpl, const char *suffix)
{
  return make_temp ("mktemp", tmpl, optargs_bitmask & 1 ? suffix : "",
                    create_temp_file);
}

/* Create or truncate PATH for writing. */
static int
create_file (const char *path)
{
  int fd = sysroot_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY |
                         O_NONBLOCK, 0666);
  if (fd == -1)
    reply_with_perror ("open: %s", path);
  return fd;
}

int
do_fallocate64 (const char *path, int64_t len)
{
  if (len < 0)
    return reply_with_error_errno (EINVAL, "%s: length is negative", path);
  CLEANUP_CLOSE int fd = create_file (path);
  if (fd == -1)
    return -1;
  int e = len > 0 ? posix_fallocate (fd, 0, len) : 0;
  if (e != 0)
    return reply_with_error_errno (e, "posix_fallocate: %s: %s", path,
                                   strerror (e));
  return 0;
}

/* Write LEN bytes of PATTERN repeated into a new PATH, with progress. */
static int
fill_file (const char *pattern, size_t plen, int len, const char *path)
{
  char buf[65536];
  if (len < 0)
    return reply_with_error_errno (EINVAL, "%s: length is negative", path);
  for (size_t i = 0; i < sizeof buf; i++)
    buf[i] = pattern[i % plen];
  CLEANUP_CLOSE int fd = create_file (path);
  if (fd == -1)
    return -1;
  size_t done = 0, total = len;
  /* Each chunk is a multiple of the pattern length, so it stays in phase. */
  size_t chunk = sizeof buf - sizeof buf % plen;
  while (done < total) {
    size_t n = total - done < chunk ? total - done : chunk;
    if (write_all (fd, buf, n) == -1)
      return reply_with_perror ("write: %s", path);
    done += n;
    notify_progress (done, total);
  }
  return 0;
}

int
do_fill (int c, int len, const char *path)
{
  if (c < 0 || c > 255)
    return reply_with_error_errno (EINVAL, "%d: argument is not a byte", c);
  char ch = c;
  return fill_file (&ch, 1, len, path);
}

int
do_fill_pattern (const char *pattern, int len, const char *path)
{
  size_t plen = strlen (pattern);
  if (plen == 0)
    return reply_with_error_errno (EINVAL, "pattern must not be empty");
  if (plen > 4096)
    return reply_with_error_errno (EINVAL, "pattern is too long");
  return fill_file (pattern, plen, len, path);
}

int
do_fill_dir (const char *dir, int nr)
{
  if (nr < 0)
    return reply_with_error_errno (EINVAL, "nr is negative");
  CLEANUP_CLOSE int dfd = sysroot_open (dir, O_PATH | O_DIRECTORY, 0);
  if (dfd == -1)
    return reply_with_perror ("%s", dir);
  for (int i = 0; i < nr; i++) {
    char name[16];
    snprintf (name, sizeof name, "%08d", i);
    int fd = openat (dfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY |
                     O_NOFOLLOW | O_CLOEXEC, 0666);
    if (fd == -1)
      return reply_with_perror ("%s/%s", dir, name);
    close (fd);
  }
  return 0;
}

/* mknodat on the parent directory of PATH. */
static int
make_node (const char *what, const char *path, mode_t mode, dev_t dev)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1 || mknodat (dfd, base, mode, dev) == -1)
    return reply_with_perror ("%s: %s", what, path);
  return 0;
}

static int
check_perm_bits (const char *what, int mode)
{
  if (mode < 0 || (mode & ~07777))
    return reply_with_error_errno (EINVAL, "%s: mode must specify only "
                                   "file permission bits", what);
  return 0;
}

int
do_mkfifo (int mode, const char *path)
{
  if (check_perm_bits ("mkfifo", mode) == -1)
    return -1;
  return make_node ("mkfifo", path, S_IFIFO | mode, 0);
}

int
do_mknod (int mode, int devmajor, int devminor, const char *path)
{
  if (mode < 0)
    return reply_with_error_errno (EINVAL, "mknod: mode is negative");
  return make_node ("mknod", path, mode, makedev (devmajor, devminor));
}

int
do_mknod_b (int mode, int devmajor, int devminor, const char *path)
{
  if (check_perm_bits ("mknod_b", mode) == -1)
    return -1;
  return make_node ("mknod_b", path, S_IFBLK | mode,
                    makedev (devmajor, devminor));
}

int
do_mknod_c (int mode, int devmajor, int devminor, const char *path)
{
  if (check_perm_bits ("mknod_c", mode) == -1)
    return -1;
  return make_node ("mknod_c", path, S_IFCHR | mode,
                    makedev (devmajor, devminor));
}

int
do_truncate_size (const char *path, int64_t size)
{
  if (size < 0)
    return reply_with_error_errno (EINVAL, "%s: size is negative", path);
  CLEANUP_CLOSE int fd = sysroot_open (path, O_WRONLY | O_NOCTTY |
                                       O_NONBLOCK, 0);
  if (fd == -1)
    return reply_with_perror ("open: %s", path);
  if (ftruncate (fd, size) == -1)
    return reply_with_perror ("truncate: %s", path);
  return 0;
}

int
do_truncate (const char *path)
{
  return do_truncate_size (path, 0);
}

int
do_fallocate (const char *path, int len)
{
  return do_fallocate64 (path, len);
}
