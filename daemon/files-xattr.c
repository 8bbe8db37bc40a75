/* Extended attributes: getxattrs, lgetxattrs, getxattr, lgetxattr,
 * setxattr, lsetxattr, removexattr, lremovexattr.  The xattr syscalls
 * take a path, so the file is opened inside the sysroot first and named
 * through /proc/self/fd: for the l* calls the parent directory is opened
 * and the last component appended, so that it is not followed. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/xattr.h>
#include <linux/limits.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

struct xpath {
  int fd;
  int follow;
  char *p;
};

static void
xpath_close (struct xpath *x)
{
  if (x->fd >= 0)
    close (x->fd);
  free (x->p);
}

/* 0, or -1 after replying. */
static int
xpath_open (struct xpath *x, const char *path, int follow)
{
  CLEANUP_FREE char *base = NULL;
  x->p = NULL;
  x->follow = follow;
  if (!follow) {
    x->fd = sysroot_open_parent (path, &base);
    /* "/" has no parent: it is a directory, nothing to not-follow. */
    if (x->fd >= 0 && strcmp (base, ".") == 0)
      x->follow = 1;
  }
  else
    x->fd = sysroot_open (path, O_PATH, 0);
  if (x->fd == -1)
    return reply_with_perror ("%s", path);
  x->p = files_fd_path (x->fd, base);
  if (x->p == NULL)
    return reply_with_perror ("malloc");
  return 0;
}

#define CLEANUP_XPATH __attribute__((cleanup (xpath_close)))

/* The value of NAME (malloc'd, *LEN bytes), or NULL with errno. */
static char *
get_value (const struct xpath *x, const char *name, size_t *len)
{
  for (int tries = 0; tries < 8; tries++) {
    ssize_t n = x->follow ? getxattr (x->p, name, NULL, 0)
                          : lgetxattr (x->p, name, NULL, 0);
    if (n == -1)
      return NULL;
    char *v = malloc (n + 1);
    if (v == NULL)
      return NULL;
    ssize_t m = x->follow ? getxattr (x->p, name, v, n)
                          : lgetxattr (x->p, name, v, n);
    if (m >= 0) {
      *len = m;
      return v;
    }
    free (v);
    if (errno != ERANGE)    /* ERANGE: it grew in between */
      return NULL;
  }
  return NULL;
}

/* The NUL-separated names (malloc'd, *LEN bytes), or NULL with errno. */
static char *
list_names (const struct xpath *x, size_t *len)
{
  for (int tries = 0; tries < 8; tries++) {
    ssize_t n = x->follow ? listxattr (x->p, NULL, 0)
                          : llistxattr (x->p, NULL, 0);
    if (n == -1)
      return NULL;
    char *v = malloc (n + 1);
    if (v == NULL)
      return NULL;
    ssize_t m = x->follow ? listxattr (x->p, v, n) : llistxattr (x->p, v, n);
    if (m >= 0) {
      *len = m;
      return v;
    }
    free (v);
    if (errno != ERANGE)
      return NULL;
  }
  return NULL;
}

static void
free_xattr_list (guestfs_int_xattr_list *r)
{
  for (size_t i = 0; i < r->guestfs_int_xattr_list_len; i++) {
    free (r->guestfs_int_xattr_list_val[i].attrname);
    free (r->guestfs_int_xattr_list_val[i].attrval.attrval_val);
  }
  free (r->guestfs_int_xattr_list_val);
  free (r);
}

static guestfs_int_xattr_list *
get_all (const char *path, int follow)
{
  CLEANUP_XPATH struct xpath x = { -1, 0, NULL };
  size_t len = 0, count = 0;

  if (xpath_open (&x, path, follow) == -1)
    return NULL;
  CLEANUP_FREE char *names = list_names (&x, &len);
  if (names == NULL) {
    reply_with_perror ("listxattr: %s", path);
    return NULL;
  }
  for (size_t i = 0; i < len; i += strlen (names + i) + 1)
    count++;
  guestfs_int_xattr_list *r = calloc (1, sizeof *r);
  if (r == NULL || (r->guestfs_int_xattr_list_val =
                    calloc (count + 1, sizeof (guestfs_int_xattr))) == NULL) {
    free (r);
    reply_with_perror ("malloc");
    return NULL;
  }
  for (size_t i = 0; i < len; i += strlen (names + i) + 1) {
    guestfs_int_xattr *e =
      &r->guestfs_int_xattr_list_val[r->guestfs_int_xattr_list_len];
    size_t vlen = 0;
    char *v = get_value (&x, names + i, &vlen);
    if (v == NULL && errno == ENODATA)
      continue;                 /* removed meanwhile */
    e->attrname = strdup (names + i);
    if (v == NULL || e->attrname == NULL) {
      reply_with_perror ("getxattr: %s: %s", path, names + i);
      free (v);
      free (e->attrname);
      free_xattr_list (r);
      return NULL;
    }
    e->attrval.attrval_val = v;
    e->attrval.attrval_len = vlen;
    r->guestfs_int_xattr_list_len++;
  }
  return r;
}

guestfs_int_xattr_list *
do_getxattrs (const char *path)
{
  return get_all (path, 1);
}

guestfs_int_xattr_list *
do_lgetxattrs (const char *path)
{
  return get_all (path, 0);
}

static char *
get_one (const char *path, const char *name, int follow, size_t *size_r)
{
  CLEANUP_XPATH struct xpath x = { -1, 0, NULL };
  if (xpath_open (&x, path, follow) == -1)
    return NULL;
  char *v = get_value (&x, name, size_r);
  if (v == NULL)
    reply_with_perror ("getxattr: %s: %s", path, name);
  return v;
}

char *
do_getxattr (const char *path, const char *name, size_t *size_r)
{
  return get_one (path, name, 1, size_r);
}

char *
do_lgetxattr (const char *path, const char *name, size_t *size_r)
{
  return get_one (path, name, 0, size_r);
}

static int
set_one (const char *xattr, const char *val, int vallen, const char *path,
         int follow)
{
  if (vallen < 0 || vallen > XATTR_SIZE_MAX)
    return reply_with_error_errno (EINVAL, "setxattr: vallen %d is out of "
                                   "range", vallen);
  /* VAL arrives as a string: bytes past its end read as zeroes. */
  CLEANUP_FREE char *buf = calloc (1, vallen + 1);
  if (buf == NULL)
    return reply_with_perror ("calloc");
  size_t sl = strlen (val);
  memcpy (buf, val, sl < (size_t) vallen ? sl : (size_t) vallen);
  CLEANUP_XPATH struct xpath x = { -1, 0, NULL };
  if (xpath_open (&x, path, follow) == -1)
    return -1;
  int r = x.follow ? setxattr (x.p, xattr, buf, vallen, 0)
                   : lsetxattr (x.p, xattr, buf, vallen, 0);
  if (r == -1)
    return reply_with_perror ("setxattr: %s: %s", path, xattr);
  return 0;
}

int
do_setxattr (const char *xattr, const char *val, int vallen,
             const char *path)
{
  return set_one (xattr, val, vallen, path, 1);
}

int
do_lsetxattr (const char *xattr, const char *val, int vallen,
              const char *path)
{
  return set_one (xattr, val, vallen, path, 0);
}

static int
remove_one (const char *xattr, const char *path, int follow)
{
  CLEANUP_XPATH struct xpath x = { -1, 0, NULL };
  if (xpath_open (&x, path, follow) == -1)
    return -1;
  int r = x.follow ? removexattr (x.p, xattr) : lremovexattr (x.p, xattr);
  if (r == -1)
    return reply_with_perror ("removexattr: %s: %s", path, xattr);
  return 0;
}

int
do_removexattr (const char *xattr, const char *path)
{
  return remove_one (xattr, path, 1);
}

int
do_lremovexattr (const char *xattr, const char *path)
{
  return remove_one (xattr, path, 0);
}
