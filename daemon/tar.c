/* tar-in / tar-out (and the old tgz/txz forms), cpio-out.
 *
 * Packing (tar-out, cpio-out) runs the appliance's tar/cpio with the guest
 * directory resolved inside the sysroot (no symlinks left in the path);
 * tar does not follow symlinks while archiving, so nothing outside the
 * directory is read.
 *
 * Unpacking (tar-in) must never write outside the target directory, even
 * when the guest has planted symlinks in it (e.g. "x -> /etc", which tar
 * would follow when extracting "x/passwd").  tar runs in a private mount
 * namespace where every mount except the target directory (bound onto
 * itself, with its submounts) is read-only: a write leading anywhere else
 * fails with EROFS.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Optarg bit numbers (same order as the declarations). */
#define TAR_IN_COMPRESS 0
#define TAR_IN_XATTRS 1
#define TAR_IN_SELINUX 2
#define TAR_IN_ACLS 3
#define TAR_OUT_COMPRESS 0
#define TAR_OUT_NUMERICOWNER 1
#define TAR_OUT_EXCLUDES 2
#define TAR_OUT_XATTRS 3
#define TAR_OUT_SELINUX 4
#define TAR_OUT_ACLS 5

#define HAVE_OPT(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

/* Resolve DIR (inside the sysroot) to a real appliance path that is a
 * directory.  Replies on error. */
static char *
resolve_dir (const char *dir)
{
  CLEANUP_CLOSE int fd = sysroot_open (dir, O_PATH, 0);
  struct stat st;

  if (fd == -1 || fstat (fd, &st) == -1) {
    reply_with_perror ("%s", dir);
    return NULL;
  }
  if (!S_ISDIR (st.st_mode)) {
    reply_with_error_errno (ENOTDIR, "%s: not a directory", dir);
    return NULL;
  }
  char *r = sysroot_realpath (dir);
  if (r == NULL)
    reply_with_perror ("%s", dir);
  return r;
}

/* ---- tar-in: the confined extraction ------------------------------------ */

/* Mount points from /proc/self/mountinfo (field 5), unescaped. */
static char **
mount_points (void)
{
  CLEANUP_FCLOSE FILE *f = fopen ("/proc/self/mountinfo", "re");
  char *line = NULL;
  size_t n = 0;
  char **v = NULL;
  size_t cnt = 0;

  if (f == NULL)
    return NULL;
  while (getline (&line, &n, f) != -1) {
    char mp[4096];
    if (sscanf (line, "%*s %*s %*s %*s %4095s", mp) != 1)
      continue;
    /* Undo the octal escapes (\040 etc.). */
    char *w = mp;
    for (const char *r = mp; *r; ) {
      if (r[0] == '\\' && r[1] >= '0' && r[1] <= '3' && r[2] && r[3]) {
        *w++ = (char) ((r[1] - '0') * 64 + (r[2] - '0') * 8 + (r[3] - '0'));
        r += 4;
      }
      else
        *w++ = *r++;
    }
    *w = '\0';
    char **nv = realloc (v, (cnt + 2) * sizeof *v);
    if (nv == NULL)
      break;
    v = nv;
    v[cnt++] = strdup (mp);
    v[cnt] = NULL;
  }
  free (line);
  return v;
}

static int
path_is_under (const char *p, const char *dir)
{
  size_t n = strlen (dir);
  if (n == 1 && dir[0] == '/')
    return 1;
  return strncmp (p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* In the child, before exec: everything read-only except TARGET. */
static int
confine_to_dir (void *opaque)
{
  const char *target = opaque;

  if (unshare (CLONE_NEWNS) == -1) {
    perror ("tar-in: unshare");
    return -1;
  }
  if (mount (NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) == -1) {
    perror ("tar-in: make mounts private");
    return -1;
  }
  /* A fresh bind mount on top: the only writable place left. */
  if (mount (target, target, NULL, MS_BIND | MS_REC, NULL) == -1) {
    perror ("tar-in: bind mount");
    return -1;
  }
  char **mps = mount_points ();
  if (mps == NULL) {
    perror ("tar-in: mountinfo");
    return -1;
  }
  for (size_t i = 0; mps[i]; i++) {
    if (path_is_under (mps[i], target))
      continue;
    if (mount (NULL, mps[i], NULL, MS_REMOUNT | MS_BIND | MS_RDONLY, NULL) == -1
        && errno != ENOENT) {
      fprintf (stderr, "tar-in: remount %s read-only: %s\n",
               mps[i], strerror (errno));
      return -1;
    }
  }
  return 0;
}

static int
tar_in_common (const char *dir, const char *compress_flag,
               int xattrs, int selinux, int acls)
{
  CLEANUP_FREE char *real = resolve_dir (dir);
  CLEANUP_FREE char *msg = NULL;
  const char *argv[16];
  size_t n = 0;
  struct xproc p;
  int in_w;

  if (real == NULL)
    return -1;
  argv[n++] = "tar";
  argv[n++] = "-C";
  argv[n++] = real;
  argv[n++] = "-xf";
  argv[n++] = "-";
  if (compress_flag)
    argv[n++] = compress_flag;
  if (xattrs) {
    argv[n++] = "--xattrs";
    argv[n++] = "--xattrs-include=*";
  }
  if (selinux)
    argv[n++] = "--selinux";
  if (acls)
    argv[n++] = "--acls";
  argv[n] = NULL;

  struct xproc_opts o = { .cwd_fd = -1, .setup = confine_to_dir,
                          .opaque = real };
  if (asprintf (&msg, "tar subcommand failed on directory: %s", dir) == -1)
    return reply_with_perror ("asprintf");
  if (xproc_start_stdin_pipe (&p, argv, &in_w, -1, &o) == -1)
    return reply_with_perror ("tar");
  return stream_into_proc (&p, in_w, msg);
}

int
do_tar_in (const char *dir, const char *compress, int xattrs, int selinux,
           int acls)
{
  const char *flag = NULL;

  if (HAVE_OPT (TAR_IN_COMPRESS) && compress) {
    flag = tar_compress_flag (compress);
    if (flag == NULL)
      return reply_with_error ("unknown compression type: %s", compress);
  }
  return tar_in_common (dir, flag,
                        HAVE_OPT (TAR_IN_XATTRS) && xattrs,
                        HAVE_OPT (TAR_IN_SELINUX) && selinux,
                        HAVE_OPT (TAR_IN_ACLS) && acls);
}

int
do_tgz_in (const char *dir)
{
  return tar_in_common (dir, "--gzip", 0, 0, 0);
}

int
do_txz_in (const char *dir)
{
  return tar_in_common (dir, "--xz", 0, 0, 0);
}

/* ---- tar-out ------------------------------------------------------------ */

static int
tar_out_common (const char *dir, const char *compress_flag, int numericowner,
                char *const *excludes, int xattrs, int selinux, int acls)
{
  CLEANUP_FREE char *real = resolve_dir (dir);
  CLEANUP_FREE char *msg = NULL;
  DECLARE_STRINGSBUF (argv);
  struct xproc p;

  if (real == NULL)
    return -1;
  if (add_string (&argv, "tar") == -1 || add_string (&argv, "-C") == -1 ||
      add_string (&argv, real) == -1 || add_string (&argv, "-cf") == -1 ||
      add_string (&argv, "-") == -1)
    return -1;
  if (compress_flag && add_string (&argv, compress_flag) == -1)
    return -1;
  if (numericowner && add_string (&argv, "--numeric-owner") == -1)
    return -1;
  for (size_t i = 0; excludes && excludes[i]; i++)
    if (add_sprintf (&argv, "--exclude=%s", excludes[i]) == -1)
      return -1;
  if (xattrs && (add_string (&argv, "--xattrs") == -1 ||
                 add_string (&argv, "--xattrs-include=*") == -1))
    return -1;
  if (selinux && add_string (&argv, "--selinux") == -1)
    return -1;
  if (acls && add_string (&argv, "--acls") == -1)
    return -1;
  if (add_string (&argv, ".") == -1 || end_stringsbuf (&argv) == -1)
    return -1;

  if (asprintf (&msg, "tar subcommand failed on directory: %s", dir) == -1) {
    free_stringsbuf (&argv);
    return reply_with_perror ("asprintf");
  }
  int r = xproc_start (&p, (const char *const *) argv.argv, -1, XPROC_PIPE,
                       NULL);
  free_stringsbuf (&argv);
  if (r == -1)
    return reply_with_perror ("tar");
  return stream_out_of_proc (&p, msg);
}

int
do_tar_out (const char *dir, const char *compress, int numericowner,
            char *const *excludes, int xattrs, int selinux, int acls)
{
  const char *flag = NULL;

  if (HAVE_OPT (TAR_OUT_COMPRESS) && compress) {
    flag = tar_compress_flag (compress);
    if (flag == NULL)
      return reply_with_error ("unknown compression type: %s", compress);
  }
  return tar_out_common (dir, flag,
                         HAVE_OPT (TAR_OUT_NUMERICOWNER) && numericowner,
                         HAVE_OPT (TAR_OUT_EXCLUDES) ? excludes : NULL,
                         HAVE_OPT (TAR_OUT_XATTRS) && xattrs,
                         HAVE_OPT (TAR_OUT_SELINUX) && selinux,
                         HAVE_OPT (TAR_OUT_ACLS) && acls);
}

int
do_tgz_out (const char *dir)
{
  return tar_out_common (dir, "--gzip", 0, NULL, 0, 0, 0);
}

int
do_txz_out (const char *dir)
{
  return tar_out_common (dir, "--xz", 0, NULL, 0, 0, 0);
}

/* ---- cpio-out: find | cpio -o ------------------------------------------- */

int
do_cpio_out (const char *dir, const char *format)
{
  CLEANUP_FREE char *real = NULL;
  CLEANUP_FREE char *ferr = NULL;
  CLEANUP_CLOSE int dfd = -1;
  const char *fmt = "newc";
  struct xproc find, cpio;

  if (optargs_bitmask & 1) {
    if (strcmp (format, "newc") != 0 && strcmp (format, "crc") != 0)
      return reply_with_error ("%s: format must be 'newc' or 'crc'", format);
    fmt = format;
  }
  real = resolve_dir (dir);
  if (real == NULL)
    return -1;
  dfd = open (real, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd == -1)
    return reply_with_perror ("%s", dir);

  struct xproc_opts o = { .cwd_fd = dfd };
  const char *fargv[] = { "find", ".", "-print0", NULL };
  if (xproc_start (&find, fargv, -1, XPROC_PIPE, &o) == -1)
    return reply_with_perror ("find");
  CLEANUP_FREE char *fmtopt = NULL;
  if (asprintf (&fmtopt, "--format=%s", fmt) == -1) {
    xproc_kill (&find);
    return reply_with_perror ("asprintf");
  }
  const char *cargv[] = { "cpio", "--quiet", "-o", "-0", fmtopt, NULL };
  if (xproc_start (&cpio, cargv, find.out_fd, XPROC_PIPE, &o) == -1) {
    xproc_kill (&find);
    return reply_with_perror ("cpio");
  }
  close (find.out_fd);
  find.out_fd = -1;
  int r = stream_out_of_proc (&cpio, "cpio");
  if (xproc_wait (&find, &ferr) != 0 && r == 0)
    log_error ("cpio_out: find: %s", ferr ? ferr : "");
  return r;
}
