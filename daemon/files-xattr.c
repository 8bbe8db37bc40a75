/* Extended attributes: getxattrs, lgetxattrs, lxattrlist, getxattr,
 * lgetxattr, setxattr, lsetxattr, removexattr, lremovexattr.  The xattr syscalls
 * take a path, so the file is opened inside the sysroot first and named
 * through /proc/self/fd: for the l* calls the parent directory is opened
 * and the last component appended, so that it is not followed. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
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

/* 0, or -1 with errno (no reply). */
static int
xpath_open_quiet (struct xpath *x, const char *path, int follow)
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
    return -1;
  x->p = files_fd_path (x->fd, base);
  if (x->p == NULL) {
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

/* 0, or -1 after replying. */
static int
xpath_open (struct xpath *x, const char *path, int follow)
{
  if (xpath_open_quiet (x, path, follow) == -1)
    return reply_with_perror ("%s", path);
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

/* Room for N more entries in R; -1 with errno. */
static int
xattr_list_reserve (guestfs_int_xattr_list *r, size_t n)
{
  size_t len = r->guestfs_int_xattr_list_len;
  guestfs_int_xattr *v = realloc (r->guestfs_int_xattr_list_val,
                                  (len + n + 1) * sizeof *v);
  if (v == NULL)
    return -1;
  memset (v + len, 0, (n + 1) * sizeof *v);
  r->guestfs_int_xattr_list_val = v;
  return 0;
}

/* Append an entry (NAME, VAL of VLEN bytes; VAL is taken over). */
static int
xattr_list_add (guestfs_int_xattr_list *r, const char *name, char *val,
                size_t vlen)
{
  guestfs_int_xattr *e =
    &r->guestfs_int_xattr_list_val[r->guestfs_int_xattr_list_len];
  e->attrname = strdup (name);
  if (e->attrname == NULL) {
    free (val);
    return -1;
  }
  e->attrval.attrval_val = val;
  e->attrval.attrval_len = vlen;
  r->guestfs_int_xattr_list_len++;
  return 0;
}

/* Append every attribute of the opened X to R; the number appended, or
 * -1 with errno (*FAILED_NAME: the attribute that failed, if any). */
static ssize_t
append_all (guestfs_int_xattr_list *r, const struct xpath *x,
            const char **failed_name)
{
  size_t len = 0, count = 0, added = 0;
  *failed_name = NULL;
  CLEANUP_FREE char *names = list_names (x, &len);
  if (names == NULL)
    return -1;
  for (size_t i = 0; i < len; i += strlen (names + i) + 1)
    count++;
  if (xattr_list_reserve (r, count) == -1)
    return -1;
  for (size_t i = 0; i < len; i += strlen (names + i) + 1) {
    size_t vlen = 0;
    char *v = get_value (x, names + i, &vlen);
    if (v == NULL && errno == ENODATA)
      continue;                 /* removed meanwhile */
    if (v == NULL || xattr_list_add (r, names + i, v, vlen) == -1) {
      static __thread char failed[XATTR_NAME_MAX + 1];
      snprintf (failed, sizeof failed, "%s", names + i);
      *failed_name = failed;
      return -1;
    }
    added++;
  }
  return added;
}

static guestfs_int_xattr_list *
get_all (const char *path, int follow)
{
  CLEANUP_XPATH struct xpath x = { -1, 0, NULL };
  const char *failed_name;

  if (xpath_open (&x, path, follow) == -1)
    return NULL;
  guestfs_int_xattr_list *r = calloc (1, sizeof *r);
  if (r == NULL || xattr_list_reserve (r, 0) == -1) {
    free (r);
    reply_with_perror ("malloc");
    return NULL;
  }
  if (append_all (r, &x, &failed_name) == -1) {
    if (failed_name)
      reply_with_perror ("getxattr: %s: %s", path, failed_name);
    else
      reply_with_perror ("listxattr: %s", path);
    free_xattr_list (r);
    return NULL;
  }
  return r;
}

/* One file of lxattrlist: the count entry, then its attributes; an
 * unreadable file gets an empty count and nothing else.  -1: ENOMEM. */
static int
append_file (guestfs_int_xattr_list *r, const char *dir, const char *name)
{
  CLEANUP_XPATH struct xpath x = { -1, 0, NULL };
  CLEANUP_FREE char *full = NULL;
  const char *failed_name;
  char num[32];

  if (asprintf (&full, "%s/%s", dir, name) == -1 ||
      xattr_list_reserve (r, 1) == -1)
    return -1;
  size_t head = r->guestfs_int_xattr_list_len;
  if (xattr_list_add (r, "", NULL, 0) == -1)
    return -1;
  if (xpath_open_quiet (&x, full, 0) == -1)
    return errno == ENOMEM ? -1 : 0;
  ssize_t n = append_all (r, &x, &failed_name);
  if (n == -1) {
    /* Drop what was added after the count entry. */
    while (r->guestfs_int_xattr_list_len > head + 1) {
      guestfs_int_xattr *e =
        &r->guestfs_int_xattr_list_val[--r->guestfs_int_xattr_list_len];
      free (e->attrname);
      free (e->attrval.attrval_val);
      memset (e, 0, sizeof *e);
    }
    return errno == ENOMEM ? -1 : 0;
  }
  /* The count is a C string: its NUL is part of the value. */
  snprintf (num, sizeof num, "%zd", n);
  guestfs_int_xattr *e = &r->guestfs_int_xattr_list_val[head];
  e->attrval.attrval_val = strdup (num);
  if (e->attrval.attrval_val == NULL)
    return -1;
  e->attrval.attrval_len = strlen (num) + 1;
  return 0;
}

guestfs_int_xattr_list *
do_lxattrlist (const char *path, char *const *names)
{
  /* Like libguestfs, a missing PATH only marks every file unreadable. */
  guestfs_int_xattr_list *r = calloc (1, sizeof *r);
  if (r == NULL || xattr_list_reserve (r, 0) == -1) {
    free (r);
    reply_with_perror ("malloc");
    return NULL;
  }
  for (size_t i = 0; names[i]; i++)
    if (append_file (r, path, names[i]) == -1) {
      reply_with_perror ("lxattrlist: %s", path);
      free_xattr_list (r);
      return NULL;
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
