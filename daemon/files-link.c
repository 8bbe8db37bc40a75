/* Links: ln, ln_f, ln_s, ln_sf, readlink, readlinklist, realpath. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Remove LINKNAME (in DFD) if present; directories are refused. */
static int
unlink_existing (int dfd, const char *base, const char *linkname)
{
  if (unlinkat (dfd, base, 0) == -1 && errno != ENOENT) {
    if (errno == EPERM)
      errno = EISDIR;
    return reply_with_perror ("ln: %s", linkname);
  }
  return 0;
}

static int
hard_link (const char *target, const char *linkname, int force)
{
  CLEANUP_FREE char *tb = NULL, *lb = NULL;
  CLEANUP_CLOSE int td = sysroot_open_parent (target, &tb);
  if (td == -1)
    return reply_with_perror ("ln: %s", target);
  CLEANUP_CLOSE int ld = sysroot_open_parent (linkname, &lb);
  if (ld == -1)
    return reply_with_perror ("ln: %s", linkname);
  if (force && unlink_existing (ld, lb, linkname) == -1)
    return -1;
  if (linkat (td, tb, ld, lb, 0) == -1)
    return reply_with_perror ("ln: %s: %s", target, linkname);
  return 0;
}

int
do_ln (const char *target, const char *linkname)
{
  return hard_link (target, linkname, 0);
}

int
do_ln_f (const char *target, const char *linkname)
{
  return hard_link (target, linkname, 1);
}

/* The target of a symbolic link is stored as it is, never resolved. */
static int
sym_link (const char *target, const char *linkname, int force)
{
  CLEANUP_FREE char *lb = NULL;
  CLEANUP_CLOSE int ld = sysroot_open_parent (linkname, &lb);
  if (ld == -1)
    return reply_with_perror ("ln -s: %s", linkname);
  if (force && unlink_existing (ld, lb, linkname) == -1)
    return -1;
  if (symlinkat (target, ld, lb) == -1)
    return reply_with_perror ("ln -s: %s: %s", target, linkname);
  return 0;
}

int
do_ln_s (const char *target, const char *linkname)
{
  return sym_link (target, linkname, 0);
}

int
do_ln_sf (const char *target, const char *linkname)
{
  return sym_link (target, linkname, 1);
}

/* The link's target (malloc'd), or NULL with errno. */
static char *
read_link (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  char buf[PATH_MAX + 1];

  if (dfd == -1)
    return NULL;
  ssize_t n = readlinkat (dfd, base, buf, sizeof buf - 1);
  if (n == -1)
    return NULL;
  buf[n] = '\0';
  return strdup (buf);
}

char *
do_readlink (const char *path)
{
  char *r = read_link (path);
  if (r == NULL)
    reply_with_perror ("readlink: %s", path);
  return r;
}

char **
do_readlinklist (const char *path, char *const *names)
{
  DECLARE_STRINGSBUF (sb);
  CLEANUP_CLOSE int dfd = sysroot_open (path, O_PATH | O_DIRECTORY, 0);

  if (dfd == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  for (size_t i = 0; names[i]; i++) {
    CLEANUP_FREE char *full = NULL;
    if (asprintf (&full, "%s/%s", path, names[i]) == -1) {
      reply_with_perror ("asprintf");
      free_stringsbuf (&sb);
      return NULL;
    }
    char *t = read_link (full);
    if (t == NULL && (t = strdup ("")) == NULL) {
      reply_with_perror ("strdup");
      free_stringsbuf (&sb);
      return NULL;
    }
    if (add_string_nodup (&sb, t) == -1)
      return NULL;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char *
do_realpath (const char *path)
{
  CLEANUP_FREE char *real = sysroot_realpath (path);
  CLEANUP_FREE char *root = sysroot_realpath ("/");
  if (real == NULL || root == NULL) {
    reply_with_perror ("realpath: %s", path);
    return NULL;
  }
  size_t n = strlen (root);
  const char *rel = real;
  if (strcmp (root, "/") != 0) {
    if (strncmp (real, root, n) != 0 || (real[n] && real[n] != '/')) {
      reply_with_error ("realpath: %s: outside the guest tree", path);
      return NULL;
    }
    rel = real[n] ? real + n : "/";
  }
  char *r = strdup (rel);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}
