/* lvm group: Augeas configuration editing, with libaugeas in the daemon.
 *
 * One handle per session.  Its root is the guest directory given to
 * aug_init, resolved inside the sysroot first (so a symlink in the guest
 * cannot move the root outside it). */

#include <config.h>

#include <augeas.h>
#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static augeas *aug;

/* The handle must exist; else reply and return -1. */
static int
need_aug (void)
{
  if (aug == NULL)
    return reply_with_error ("you must call 'aug-init' first to "
                             "initialize Augeas");
  return 0;
}

/* Reply with Augeas's own explanation of the last error. */
static int
aug_fail (const char *what)
{
  const char *msg = aug ? aug_error_message (aug) : NULL;
  const char *minor = aug ? aug_error_minor_message (aug) : NULL;
  const char *details = aug ? aug_error_details (aug) : NULL;

  if (aug == NULL || aug_error (aug) == AUG_NOERROR)
    return reply_with_error ("%s: failed", what);
  return reply_with_error ("%s: %s%s%s%s%s", what, msg,
                           minor ? ": " : "", minor ? minor : "",
                           details ? ": " : "", details ? details : "");
}

int
do_aug_init (const char *root, int flags)
{
  if (flags < 0 || flags > 63)
    return reply_with_error ("%d: invalid flags", flags);
  CLEANUP_FREE char *real = sysroot_realpath (root);
  if (real == NULL)
    return reply_with_perror ("%s", root);
  if (aug) {
    aug_close (aug);
    aug = NULL;
  }
  aug = aug_init (real, NULL, flags | AUG_NO_ERR_CLOSE);
  if (aug == NULL)
    return reply_with_error ("augeas initialization failed");
  if (aug_error (aug) != AUG_NOERROR) {
    aug_fail ("aug_init");
    aug_close (aug);
    aug = NULL;
    return -1;
  }
  return 0;
}

int
do_aug_close (void)
{
  if (need_aug () == -1)
    return -1;
  aug_close (aug);
  aug = NULL;
  return 0;
}

int
do_aug_defvar (const char *name, const char *expr)
{
  if (need_aug () == -1)
    return -1;
  int r = aug_defvar (aug, name, expr);
  if (r == -1)
    return aug_fail ("aug_defvar");
  return r;
}

guestfs_int_int_bool *
do_aug_defnode (const char *name, const char *expr, const char *val)
{
  int created = 0;
  if (need_aug () == -1)
    return NULL;
  int r = aug_defnode (aug, name, expr, val, &created);
  if (r == -1) {
    aug_fail ("aug_defnode");
    return NULL;
  }
  guestfs_int_int_bool *ib = malloc (sizeof *ib);
  if (ib == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  ib->i = r;
  ib->b = created;
  return ib;
}

/* PATH must match exactly one node. */
static int
one_match (const char *path, int r)
{
  if (r == 0)
    return reply_with_error ("no matching node: %s", path);
  if (r > 1 || r == -1) {
    if (r == -1 && aug_error (aug) != AUG_EMMATCH)
      return aug_fail (path);
    return reply_with_error ("multiple matches: %s", path);
  }
  return 0;
}

char *
do_aug_get (const char *augpath)
{
  const char *value = NULL;
  if (need_aug () == -1)
    return NULL;
  if (one_match (augpath, aug_get (aug, augpath, &value)) == -1)
    return NULL;
  if (value == NULL) {
    reply_with_error ("no value: %s", augpath);
    return NULL;
  }
  char *r = strdup (value);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}

int
do_aug_set (const char *augpath, const char *val)
{
  if (need_aug () == -1)
    return -1;
  if (aug_set (aug, augpath, val) == -1)
    return aug_fail ("aug_set");
  return 0;
}

int
do_aug_clear (const char *augpath)
{
  if (need_aug () == -1)
    return -1;
  if (aug_set (aug, augpath, NULL) == -1)
    return aug_fail ("aug_clear");
  return 0;
}

int
do_aug_setm (const char *base, const char *sub, const char *val)
{
  if (need_aug () == -1)
    return -1;
  int r = aug_setm (aug, base, sub, val);
  if (r == -1)
    return aug_fail ("aug_setm");
  return r;
}

int
do_aug_insert (const char *augpath, const char *label, int before)
{
  if (need_aug () == -1)
    return -1;
  if (aug_insert (aug, augpath, label, before) == -1)
    return aug_fail ("aug_insert");
  return 0;
}

int
do_aug_rm (const char *augpath)
{
  if (need_aug () == -1)
    return -1;
  int r = aug_rm (aug, augpath);
  if (r == -1)
    return aug_fail ("aug_rm");
  return r;
}

int
do_aug_mv (const char *src, const char *dest)
{
  if (need_aug () == -1)
    return -1;
  if (aug_mv (aug, src, dest) == -1)
    return aug_fail ("aug_mv");
  return 0;
}

/* The matches of PATH as a string list (sorted if SORT). */
static char **
matches (const char *path, int sort)
{
  char **m = NULL;
  int n = aug_match (aug, path, &m);
  DECLARE_STRINGSBUF (sb);

  if (n == -1) {
    aug_fail ("aug_match");
    return NULL;
  }
  for (int i = 0; i < n; i++)
    if (add_string_nodup (&sb, m[i]) == -1) {
      for (int j = i + 1; j < n; j++)
        free (m[j]);
      free (m);
      return NULL;
    }
  free (m);
  if (sort)
    sort_strings (sb.argv, sb.size);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char **
do_aug_match (const char *augpath)
{
  if (need_aug () == -1)
    return NULL;
  return matches (augpath, 0);
}

char **
do_aug_ls (const char *augpath)
{
  CLEANUP_FREE char *pattern = NULL;
  size_t len = strlen (augpath);

  if (need_aug () == -1)
    return NULL;
  if (len == 0 || (len > 1 && augpath[len - 1] == '/')) {
    reply_with_error ("don't use aug-ls with a path that ends with /");
    return NULL;
  }
  if (asprintf (&pattern, "%s/*", strcmp (augpath, "/") == 0 ? "" : augpath)
      == -1) {
    reply_with_perror ("asprintf");
    return NULL;
  }
  return matches (pattern, 1);
}

int
do_aug_save (void)
{
  if (need_aug () == -1)
    return -1;
  if (aug_save (aug) == -1)
    return aug_fail ("aug_save");
  return 0;
}

int
do_aug_load (void)
{
  if (need_aug () == -1)
    return -1;
  if (aug_load (aug) == -1)
    return aug_fail ("aug_load");
  return 0;
}

char *
do_aug_label (const char *augpath)
{
  const char *label = NULL;
  if (need_aug () == -1)
    return NULL;
  if (one_match (augpath, aug_label (aug, augpath, &label)) == -1)
    return NULL;
  if (label == NULL) {
    reply_with_error ("no label: %s", augpath);
    return NULL;
  }
  char *r = strdup (label);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}

int
do_aug_transform (const char *lens, const char *file, int remove)
{
  if (need_aug () == -1)
    return -1;
  if (!(optargs_bitmask & 1))
    remove = 0;
  if (aug_transform (aug, lens, file, remove) == -1)
    return aug_fail ("aug_transform");
  return 0;
}
