/* initrd-list / initrd-cat: read a (possibly compressed) cpio initramfs
 * from the guest.  The file is opened inside the sysroot and fed to the
 * decompressor and cpio on their stdin; cpio only lists or writes to its
 * stdout, so nothing is extracted anywhere. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* The decompressor for the file's magic, or NULL for a plain cpio. */
static const char *const *
decompressor (int fd)
{
  static const char *const gz[] = { "gzip", "-dc", NULL };
  static const char *const xz[] = { "xz", "-dc", NULL };
  static const char *const zst[] = { "zstd", "-dcq", NULL };
  static const char *const bz[] = { "bzip2", "-dc", NULL };
  static const char *const lzo[] = { "lzop", "-dc", NULL };
  unsigned char m[6] = { 0 };

  if (pread (fd, m, sizeof m, 0) < 4)
    return NULL;
  if (m[0] == 0x1f && (m[1] == 0x8b || m[1] == 0x9e))
    return gz;
  if (memcmp (m, "\xfd" "7zXZ", 5) == 0 || m[0] == 0x5d)
    return xz;
  if (memcmp (m, "\x28\xb5\x2f\xfd", 4) == 0)
    return zst;
  if (memcmp (m, "BZh", 3) == 0)
    return bz;
  if (memcmp (m, "\x89LZO", 4) == 0)
    return lzo;
  return NULL;
}

#define MAX_OUT (GUESTFS_MESSAGE_MAX - 1024)

/* Run [decompressor |] cpio ARGS over the guest file PATH and collect
 * cpio's stdout (at most MAX_OUT bytes).  Replies on error. */
static char *
run_cpio (const char *path, const char *const *cpio_argv, size_t *len_r)
{
  CLEANUP_CLOSE int fd = sysroot_open (path, O_RDONLY | O_NOCTTY, 0);
  CLEANUP_FREE char *derr = NULL, *cerr = NULL;
  struct xproc dec = { .pid = -1, .out_fd = -1, .err_fd = -1 }, cpio;
  struct stat st;
  int in = fd;

  if (fd == -1 || fstat (fd, &st) == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  if (!S_ISREG (st.st_mode)) {
    reply_with_error ("%s: not a regular file", path);
    return NULL;
  }
  const char *const *dargv = decompressor (fd);
  if (dargv) {
    if (xproc_start (&dec, dargv, fd, XPROC_PIPE, NULL) == -1) {
      reply_with_perror ("%s", dargv[0]);
      return NULL;
    }
    in = dec.out_fd;
  }
  if (xproc_start (&cpio, cpio_argv, in, XPROC_PIPE, NULL) == -1) {
    reply_with_perror ("cpio");
    if (dargv)
      xproc_kill (&dec);
    return NULL;
  }
  if (dargv) {
    close (dec.out_fd);
    dec.out_fd = -1;
  }

  size_t len = 0, alloc = 65536;
  char *buf = malloc (alloc);
  int too_big = 0;
  while (buf) {
    if (len + 1 >= alloc) {
      if (alloc >= MAX_OUT) {
        too_big = 1;
        break;
      }
      char *nb = realloc (buf, alloc * 2);
      if (nb == NULL) {
        free (buf);
        buf = NULL;
        break;
      }
      buf = nb;
      alloc *= 2;
    }
    ssize_t n = read (cpio.out_fd, buf + len, alloc - len - 1);
    if (n == -1 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    len += n;
  }
  if (too_big || buf == NULL)
    xproc_kill (&cpio);
  int cst = too_big || buf == NULL ? 0 : xproc_wait (&cpio, &cerr);
  int dst = dargv ? xproc_wait (&dec, &derr) : 0;
  if (buf == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  if (too_big) {
    free (buf);
    reply_with_error ("%s: output is too large for the protocol", path);
    return NULL;
  }
  if (cst != 0 || (dst != 0 && len == 0)) {
    free (buf);
    reply_with_error ("%s: %s", path,
                      cerr && *cerr ? cerr : derr && *derr ? derr
                      : "not a cpio archive");
    return NULL;
  }
  buf[len] = '\0';
  *len_r = len;
  return buf;
}

char **
do_initrd_list (const char *path)
{
  const char *argv[] = { "cpio", "--quiet", "-i", "-t", NULL };
  size_t len;

  CLEANUP_FREE char *out = run_cpio (path, argv, &len);
  if (out == NULL)
    return NULL;
  char **lines = split_lines (out);
  if (lines == NULL)
    return NULL;
  /* Names are listed without a leading "/" or "./" (a top "." stays). */
  size_t j = 0;
  for (size_t i = 0; lines[i]; i++) {
    char *s = lines[i];
    const char *p = s;
    while (p[0] == '.' && p[1] == '/')
      p += 2;
    while (*p == '/')
      p++;
    if (*p == '\0') {
      free (s);
      continue;
    }
    memmove (s, p, strlen (p) + 1);
    lines[j++] = s;
  }
  lines[j] = NULL;
  return lines;
}

/* cpio takes glob patterns: escape the name so it only matches itself. */
static char *
glob_escape (const char *s)
{
  char *r = malloc (strlen (s) * 2 + 1), *w = r;
  if (r == NULL)
    return NULL;
  for (; *s; s++) {
    if (strchr ("*?[]\\", *s))
      *w++ = '\\';
    *w++ = *s;
  }
  *w = '\0';
  return r;
}

char *
do_initrd_cat (const char *initrdpath, const char *filename, size_t *size_r)
{
  CLEANUP_FREE char *pat = NULL;
  CLEANUP_FREE char *pat2 = NULL;
  size_t len;

  while (*filename == '/')
    filename++;
  if (*filename == '\0') {
    reply_with_error ("filename is empty");
    return NULL;
  }
  pat = glob_escape (filename);
  if (pat == NULL || asprintf (&pat2, "./%s", pat) == -1) {
    reply_with_perror ("malloc");
    return NULL;
  }
  /* Archives store names as "a/b" or "./a/b": match either. */
  const char *argv[] = { "cpio", "--quiet", "-i", "--to-stdout", "--",
                         pat, pat2, NULL };
  char *out = run_cpio (initrdpath, argv, &len);
  if (out == NULL)
    return NULL;
  if (len == 0) {
    /* An empty file, a directory or nothing: a long listing tells. */
    const char *largv[] = { "cpio", "--quiet", "-i", "-t", "-v", "--",
                            pat, pat2, NULL };
    size_t llen;
    CLEANUP_FREE char *l = run_cpio (initrdpath, largv, &llen);
    if (l == NULL) {
      free (out);
      return NULL;
    }
    if (llen == 0 || l[0] != '-') {
      free (out);
      if (llen == 0)
        reply_with_error_errno (ENOENT, "open: %s:%s: No such file or "
                                "directory", initrdpath, filename);
      else if (l[0] == 'd')
        reply_with_error_errno (EISDIR, "read: %s:%s: Is a directory",
                                initrdpath, filename);
      else
        reply_with_error ("read: %s:%s: not a regular file",
                          initrdpath, filename);
      return NULL;
    }
  }
  *size_r = len;
  return out;
}
