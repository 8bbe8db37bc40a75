/* Helpers shared by the fs group's calls (fs-*.c): running a tool and
 * turning its stderr into the error reply, resolving guest paths for
 * programs, probing a filesystem's type. */

#include <config.h>

#include <errno.h>
#include <libgen.h>
#include <stdarg.h>
#include <string.h>

#include "daemon.h"

int
fs_run (const char *what, const char *const *argv)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;

  if (commandvf (&out, &err, CMD_STDERR_TO_OUT, argv) == -1) {
    trim_newlines (out);
    return reply_with_error ("%s: %s", what,
                             out && *out ? out : "command failed");
  }
  return 0;
}

char *
fs_run_out (const char *what, const char *const *argv)
{
  char *out = NULL;
  CLEANUP_FREE char *err = NULL;

  if (commandvf (&out, &err, 0, argv) == -1) {
    trim_newlines (err);
    reply_with_error ("%s: %s", what, err && *err ? err : "command failed");
    free (out);
    return NULL;
  }
  return out;
}

char *
fs_guest_path (const char *path)
{
  char *r = sysroot_realpath (path);
  if (r == NULL)
    reply_with_perror ("%s", path);
  return r;
}

/* For a path that does not exist yet: the parent must, and is resolved
 * inside the sysroot; the last component is appended as it is. */
char *
fs_guest_new_path (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int fd = sysroot_open_parent (path, &base);
  char *r = NULL;

  if (fd == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  if (strcmp (base, ".") == 0 || strcmp (base, "..") == 0 || strchr (base, '/')) {
    reply_with_error_errno (EINVAL, "%s: invalid path", path);
    return NULL;
  }
  char proc[64];
  snprintf (proc, sizeof proc, "/proc/self/fd/%d", fd);
  char dir[4096];
  ssize_t n = readlink (proc, dir, sizeof dir - 1);
  if (n == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  dir[n] = '\0';
  if (asprintf (&r, "%s/%s", strcmp (dir, "/") == 0 ? "" : dir, base) == -1) {
    reply_with_perror ("asprintf");
    return NULL;
  }
  return r;
}

char *
fs_probe_type (const char *device)
{
  return fs_probe_tag (device, "TYPE");
}

int
fs_is_ext (const char *type)
{
  return strcmp (type, "ext2") == 0 || strcmp (type, "ext3") == 0
    || strcmp (type, "ext4") == 0;
}

char **
fs_parse_colon_pairs (const char *text)
{
  DECLARE_STRINGSBUF (sb);
  const char *p = text;

  while (p && *p) {
    const char *nl = strchrnul (p, '\n');
    const char *colon = memchr (p, ':', nl - p);
    if (colon) {
      const char *k = p, *ke = colon, *v = colon + 1, *ve = nl;
      while (k < ke && (*k == ' ' || *k == '\t')) k++;
      while (ke > k && (ke[-1] == ' ' || ke[-1] == '\t')) ke--;
      while (v < ve && (*v == ' ' || *v == '\t')) v++;
      while (ve > v && ve[-1] == '\r') ve--;  /* trailing blanks are kept */
      if (ke > k) {
        char *ks = strndup (k, ke - k), *vs = strndup (v, ve - v);
        if (ks == NULL || vs == NULL) {
          free (ks);
          free (vs);
          free_stringsbuf (&sb);
          reply_with_perror ("strndup");
          return NULL;
        }
        if (add_string_nodup (&sb, ks) == -1 || add_string_nodup (&sb, vs) == -1)
          return NULL;
      }
    }
    p = *nl ? nl + 1 : nl;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

void
fs_arg (struct fs_argv *a, const char *s)
{
  if (a->n < FS_ARGV_MAX - 1)
    a->argv[a->n++] = s;
  a->argv[a->n] = NULL;
}

void
fs_argf (struct fs_argv *a, const char *fmt, ...)
{
  va_list ap;
  char *s = NULL;

  va_start (ap, fmt);
  if (vasprintf (&s, fmt, ap) == -1)
    s = NULL;
  va_end (ap);
  if (s == NULL || a->nowned >= FS_ARGV_MAX) {
    free (s);
    a->failed = 1;
    return;
  }
  a->owned[a->nowned++] = s;
  fs_arg (a, s);
}

void
fs_argv_free (struct fs_argv *a)
{
  for (size_t i = 0; i < a->nowned; i++)
    free (a->owned[i]);
  a->nowned = 0;
}
