/* Error/debug reporting and small helpers for the appliance builder. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/sendfile.h>

#include "appliance-internal.h"

void
cleanup_close_fn (int *fd)
{
  if (*fd >= 0)
    close (*fd);
}

void
ctx_debug (struct ctx *c, const char *fmt, ...)
{
  if (!c->req || !c->req->debug)
    return;
  va_list ap;
  char *msg = NULL;
  va_start (ap, fmt);
  int r = vasprintf (&msg, fmt, ap);
  va_end (ap);
  if (r >= 0) {
    c->req->debug (c->req->opaque, msg);
    free (msg);
  }
}

static int ctx_set (struct ctx *c, const char *fmt, va_list ap, int errnum)
  __attribute__((format (printf, 2, 0)));

static int
ctx_set (struct ctx *c, const char *fmt, va_list ap, int errnum)
{
  char *msg = NULL;
  if (vasprintf (&msg, fmt, ap) < 0)
    msg = NULL;
  if (msg && errnum) {
    char *m2 = xasprintf ("%s: %s", msg, strerror (errnum));
    free (msg);
    msg = m2;
  }
  if (!c->error)
    c->error = msg ? msg : strdup ("out of memory");
  else
    free (msg);
  ctx_debug (c, "error: %s", msg ? msg : "out of memory");
  return -1;
}

int
ctx_error (struct ctx *c, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  ctx_set (c, fmt, ap, 0);
  va_end (ap);
  return -1;
}

int
ctx_perror (struct ctx *c, const char *fmt, ...)
{
  int errnum = errno;
  va_list ap;
  va_start (ap, fmt);
  ctx_set (c, fmt, ap, errnum ? errnum : EIO);
  va_end (ap);
  return -1;
}

int
ctx_oom (struct ctx *c)
{
  return ctx_error (c, "appliance: out of memory");
}

char *
xasprintf (const char *fmt, ...)
{
  va_list ap;
  char *s;
  va_start (ap, fmt);
  if (vasprintf (&s, fmt, ap) < 0)
    s = NULL;
  va_end (ap);
  return s;
}

char *
path_join (const char *dir, const char *name)
{
  size_t l = strlen (dir);
  if (l > 0 && dir[l-1] == '/')
    return xasprintf ("%s%s", dir, name);
  return xasprintf ("%s/%s", dir, name);
}

/* Lexical normalisation of an absolute path (no filesystem access). */
char *
path_normalize (const char *path)
{
  size_t len = strlen (path);
  char *out = malloc (len + 2);
  if (!out)
    return NULL;
  size_t o = 0;
  const char *p = path;
  while (*p) {
    while (*p == '/')
      p++;
    if (!*p)
      break;
    const char *q = strchrnul (p, '/');
    size_t n = q - p;
    if (n == 1 && p[0] == '.')
      ;
    else if (n == 2 && p[0] == '.' && p[1] == '.') {
      while (o > 0 && out[o-1] != '/')
        o--;
      if (o > 0)
        o--;                    /* drop the slash too */
    }
    else {
      out[o++] = '/';
      memcpy (out + o, p, n);
      o += n;
    }
    p = q;
  }
  if (o == 0)
    out[o++] = '/';
  out[o] = '\0';
  return out;
}

char *
path_dirname (const char *path)
{
  const char *s = strrchr (path, '/');
  if (!s || s == path)
    return strdup ("/");
  return strndup (path, s - path);
}

int
read_whole_file (const char *path, char **data, size_t *len)
{
  CLEANUP_CLOSE int fd = open (path, O_RDONLY|O_CLOEXEC);
  if (fd < 0)
    return -1;
  struct stat st;
  if (fstat (fd, &st) < 0)
    return -1;
  size_t alloc = st.st_size + 1, n = 0;
  char *buf = malloc (alloc);
  if (!buf)
    return -1;
  for (;;) {
    if (n + 1 >= alloc) {
      char *nb = realloc (buf, alloc * 2);
      if (!nb) { free (buf); return -1; }
      buf = nb; alloc *= 2;
    }
    ssize_t r = read (fd, buf + n, alloc - n - 1);
    if (r < 0) {
      if (errno == EINTR) continue;
      free (buf);
      return -1;
    }
    if (r == 0)
      break;
    n += r;
  }
  buf[n] = '\0';
  *data = buf;
  *len = n;
  return 0;
}

int
write_whole_file (const char *path, const void *data, size_t len, mode_t mode)
{
  int fd = open (path, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, mode);
  if (fd < 0)
    return -1;
  const char *p = data;
  while (len > 0) {
    ssize_t r = write (fd, p, len);
    if (r < 0) {
      if (errno == EINTR) continue;
      int e = errno; close (fd); errno = e;
      return -1;
    }
    p += r; len -= r;
  }
  return close (fd);
}

/* Copies len bytes between explicit offsets, in-kernel where possible. */
int
copy_fd_range (int in, off_t in_off, int out, off_t out_off, size_t len)
{
  int use_cfr = 1;
  while (len > 0) {
    ssize_t r = -1;
    if (use_cfr) {
      loff_t io = in_off, oo = out_off;
      r = copy_file_range (in, &io, out, &oo, len, 0);
      if (r < 0 && (errno == EXDEV || errno == EINVAL || errno == ENOSYS ||
                    errno == EOPNOTSUPP)) {
        use_cfr = 0;
        continue;
      }
    }
    else {
      char buf[65536];
      size_t want = len < sizeof buf ? len : sizeof buf;
      r = pread (in, buf, want, in_off);
      if (r > 0) {
        ssize_t w = pwrite (out, buf, r, out_off);
        if (w != r) {
          if (w >= 0) errno = EIO;
          return -1;
        }
      }
    }
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0) {               /* file shrank under us */
      errno = EIO;
      return -1;
    }
    len -= r; in_off += r; out_off += r;
  }
  return 0;
}

int
copy_file (const char *src, const char *dst, mode_t mode)
{
  CLEANUP_CLOSE int in = open (src, O_RDONLY|O_CLOEXEC);
  if (in < 0)
    return -1;
  struct stat st;
  if (fstat (in, &st) < 0)
    return -1;
  CLEANUP_CLOSE int out = open (dst, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, mode);
  if (out < 0)
    return -1;
  if (copy_fd_range (in, 0, out, 0, st.st_size) < 0)
    return -1;
  int r = close (out);
  out = -1;
  return r;
}

int
strvec_push (struct strvec *sv, char *s)
{
  if (!s)
    return -1;
  if (sv->n + 1 >= sv->alloc) {
    size_t na = sv->alloc ? sv->alloc * 2 : 16;
    char **nv = realloc (sv->v, na * sizeof *nv);
    if (!nv) { free (s); return -1; }
    sv->v = nv; sv->alloc = na;
  }
  sv->v[sv->n++] = s;
  sv->v[sv->n] = NULL;
  return 0;
}

void
strvec_free (struct strvec *sv)
{
  for (size_t i = 0; i < sv->n; i++)
    free (sv->v[i]);
  free (sv->v);
  sv->v = NULL; sv->n = sv->alloc = 0;
}
