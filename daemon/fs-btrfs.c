/* btrfs: mkfs.btrfs, subvolumes and snapshots, devices, resize, sync. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <string.h>
#include <sys/mount.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

int
do_mkfs_btrfs (char *const *devices, int64_t allocstart, int64_t bytecount,
               const char *datatype, int leafsize, const char *label,
               const char *metadata, int nodesize, int sectorsize)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  if (devices[0] == NULL)
    return reply_with_error ("list of devices must be non-empty");
  if ((HAS (0) && allocstart < 0) || (HAS (1) && bytecount < 0)
      || (HAS (3) && leafsize <= 0) || (HAS (6) && nodesize <= 0)
      || (HAS (7) && sectorsize <= 0))
    return reply_with_error ("sizes must be > 0");
  fs_arg (&a, "mkfs.btrfs");
  fs_arg (&a, "-f");
  if (HAS (0)) fs_argf (&a, "-A%" PRIi64, allocstart);
  if (HAS (1)) fs_argf (&a, "-b%" PRIi64, bytecount);
  if (HAS (2)) { fs_arg (&a, "-d"); fs_arg (&a, datatype); }
  if (HAS (3)) fs_argf (&a, "-n%d", leafsize);
  if (HAS (4)) { fs_arg (&a, "-L"); fs_arg (&a, label); }
  if (HAS (5)) { fs_arg (&a, "-m"); fs_arg (&a, metadata); }
  if (HAS (6)) fs_argf (&a, "-n%d", nodesize);
  if (HAS (7)) fs_argf (&a, "-s%d", sectorsize);
  for (size_t i = 0; devices[i]; i++)
    fs_arg (&a, devices[i]);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (devices[0], a.argv);
}

/* "btrfs ARGS... PATH" where PATH is the guest path FS resolved. */
static int
btrfs_on (const char *fs, const char *a1, const char *a2, const char *a3)
{
  CLEANUP_FREE char *p = fs_guest_path (fs);

  if (p == NULL)
    return -1;
  const char *argv[] = { "btrfs", a1, a2, a3 ? a3 : p, a3 ? p : NULL, NULL };
  return fs_run (fs, argv);
}

int
do_btrfs_filesystem_resize (const char *mountpoint, int64_t size)
{
  char sz[32] = "max";

  if (HAS (0)) {
    if (size <= 0)
      return reply_with_error ("size must be > 0");
    snprintf (sz, sizeof sz, "%" PRIi64, size);
  }
  return btrfs_on (mountpoint, "filesystem", "resize", sz);
}

int
do_btrfs_filesystem_sync (const char *fs)
{
  return btrfs_on (fs, "filesystem", "sync", NULL);
}

int
do_btrfs_subvolume_delete (const char *subvolume)
{
  return btrfs_on (subvolume, "subvolume", "delete", NULL);
}

int
do_btrfs_subvolume_set_default (int64_t id, const char *fs)
{
  char ids[32];

  if (id < 0)
    return reply_with_error ("id must be >= 0");
  snprintf (ids, sizeof ids, "%" PRIi64, id);
  return btrfs_on (fs, "subvolume", "set-default", ids);
}

int
do_btrfs_subvolume_create (const char *dest, const char *qgroupid)
{
  CLEANUP_FREE char *p = fs_guest_new_path (dest);

  if (p == NULL)
    return -1;
  const char *argv[] = { "btrfs", "subvolume", "create",
                         HAS (0) ? "-i" : p, HAS (0) ? qgroupid : NULL, p, NULL };
  return fs_run (dest, argv);
}

int
do_btrfs_subvolume_snapshot (const char *source, const char *dest, int ro,
                             const char *qgroupid)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };
  CLEANUP_FREE char *src = fs_guest_path (source);
  if (src == NULL)
    return -1;
  CLEANUP_FREE char *dst = fs_guest_new_path (dest);
  if (dst == NULL)
    return -1;
  fs_arg (&a, "btrfs");
  fs_arg (&a, "subvolume");
  fs_arg (&a, "snapshot");
  if (HAS (0) && ro)
    fs_arg (&a, "-r");
  if (HAS (1)) {
    fs_arg (&a, "-i");
    fs_arg (&a, qgroupid);
  }
  fs_arg (&a, src);
  fs_arg (&a, dst);
  return fs_run (dest, a.argv);
}

static int
device_cmd (const char *verb, char *const *devices, const char *fs)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  if (devices[0] == NULL)
    return reply_with_error ("list of devices must be non-empty");
  CLEANUP_FREE char *p = fs_guest_path (fs);
  if (p == NULL)
    return -1;
  fs_arg (&a, "btrfs");
  fs_arg (&a, "device");
  fs_arg (&a, verb);
  if (strcmp (verb, "add") == 0)
    fs_arg (&a, "-f");
  for (size_t i = 0; devices[i]; i++)
    fs_arg (&a, devices[i]);
  fs_arg (&a, p);
  return fs_run (fs, a.argv);
}

int
do_btrfs_device_add (char *const *devices, const char *fs)
{
  return device_cmd ("add", devices, fs);
}

int
do_btrfs_device_delete (char *const *devices, const char *fs)
{
  return device_cmd ("delete", devices, fs);
}

/* FS is a guest path, or a btrfs device which is then mounted on a
 * temporary directory for the time of the call.  Returns the appliance
 * path; *tmp is set when something must be undone with release_fs. */
static char *
open_fs (const char *fs, char **tmp)
{
  *tmp = NULL;
  if (!is_device_arg (fs))
    return fs_guest_path (fs);
  char templ[] = "/tmp/btrfs.XXXXXX";
  if (mkdtemp (templ) == NULL) {
    reply_with_perror ("mkdtemp");
    return NULL;
  }
  if (mount (fs, templ, "btrfs", 0, NULL) == -1) {
    reply_with_perror ("mount: %s", fs);
    rmdir (templ);
    return NULL;
  }
  *tmp = strdup (templ);
  return strdup (templ);
}

static void
release_fs (char *tmp)
{
  if (tmp) {
    umount2 (tmp, 0);
    rmdir (tmp);
    free (tmp);
  }
}

/* stdout of "btrfs subvolume VERB PATH" for the Mountable_or_Path FS. */
static char *
subvolume_query (const char *fs, const char *verb)
{
  char *tmp;
  CLEANUP_FREE char *p = open_fs (fs, &tmp);

  if (p == NULL)
    return NULL;
  const char *argv[] = { "btrfs", "subvolume", verb, p, NULL };
  char *out = fs_run_out (fs, argv);
  release_fs (tmp);
  return out;
}

/* "ID 256 gen 7 top level 5 path sv" */
static int
parse_subvolume_line (const char *line, guestfs_int_btrfssubvolume *s)
{
  unsigned long long id, top;
  int off = -1;

  if (sscanf (line, "ID %llu gen %*u top level %llu path %n", &id, &top, &off) < 2
      || off < 0)
    return -1;
  s->btrfssubvolume_id = id;
  s->btrfssubvolume_top_level_id = top;
  s->btrfssubvolume_path = strdup (line + off);
  return s->btrfssubvolume_path ? 0 : -1;
}

guestfs_int_btrfssubvolume_list *
do_btrfs_subvolume_list (const char *fs)
{
  CLEANUP_FREE char *out = subvolume_query (fs, "list");
  if (out == NULL)
    return NULL;
  CLEANUP_FREE_STRING_LIST char **lines = split_lines (out);
  if (lines == NULL)
    return NULL;
  size_t n = count_strings (lines);
  guestfs_int_btrfssubvolume_list *r = calloc (1, sizeof *r);
  if (r == NULL || (n && (r->guestfs_int_btrfssubvolume_list_val =
                          calloc (n, sizeof (guestfs_int_btrfssubvolume))) == NULL)) {
    free (r);
    reply_with_perror ("calloc");
    return NULL;
  }
  for (size_t i = 0; i < n; i++) {
    guestfs_int_btrfssubvolume *s =
      &r->guestfs_int_btrfssubvolume_list_val[r->guestfs_int_btrfssubvolume_list_len];
    if (parse_subvolume_line (lines[i], s) == -1) {
      xdr_free ((xdrproc_t) xdr_guestfs_int_btrfssubvolume_list, (char *) r);
      free (r);
      reply_with_error ("could not parse btrfs output: %s", lines[i]);
      return NULL;
    }
    r->guestfs_int_btrfssubvolume_list_len++;
  }
  return r;
}

/* For list_filesystems (no reply on error): the paths of DEVICE's
 * subvolumes, without the default one, which mounting DEVICE itself
 * gives.  DEVICE is mounted on a temporary directory meanwhile. */
char **
btrfs_list_subvolume_paths (const char *device)
{
  char templ[] = "/tmp/btrfs.XXXXXX";
  CLEANUP_FREE char *list = NULL, *dflt = NULL;
  DECLARE_STRINGSBUF (sb);
  unsigned long long dflt_id = 5;   /* the top level */

  if (mkdtemp (templ) == NULL)
    return NULL;
  if (mount (device, templ, "btrfs", 0, NULL) == -1) {
    rmdir (templ);
    return NULL;
  }
  const char *largv[] = { "btrfs", "subvolume", "list", templ, NULL };
  const char *dargv[] = { "btrfs", "subvolume", "get-default", templ, NULL };
  int r = commandvf (&list, NULL, 0, largv);
  if (r == 0 && commandvf (&dflt, NULL, 0, dargv) == 0)
    sscanf (dflt, "ID %llu", &dflt_id);
  umount2 (templ, 0);
  rmdir (templ);
  if (r == -1)
    return NULL;

  CLEANUP_FREE_STRING_LIST char **lines = split_lines (list);
  for (size_t i = 0; lines && lines[i]; i++) {
    guestfs_int_btrfssubvolume s;
    if (parse_subvolume_line (lines[i], &s) == -1)
      continue;
    if (s.btrfssubvolume_id != dflt_id &&
        add_string (&sb, s.btrfssubvolume_path) == -1) {
      free (s.btrfssubvolume_path);
      return NULL;
    }
    free (s.btrfssubvolume_path);
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

int64_t
do_btrfs_subvolume_get_default (const char *fs)
{
  CLEANUP_FREE char *out = subvolume_query (fs, "get-default");
  long long id;

  if (out == NULL)
    return -1;
  if (sscanf (out, "ID %lld", &id) != 1)
    return reply_with_error ("could not parse btrfs output: %s", out);
  return id;
}

char **
do_btrfs_subvolume_show (const char *subvolume)
{
  CLEANUP_FREE char *p = fs_guest_path (subvolume);
  if (p == NULL)
    return NULL;
  const char *argv[] = { "btrfs", "subvolume", "show", p, NULL };
  CLEANUP_FREE char *out = fs_run_out (subvolume, argv);
  if (out == NULL)
    return NULL;
  /* Line 1 is the path: it becomes "path: ...".  The snapshot list after
   * "Snapshot(s):" is one name per line: joined with commas. */
  char *body = strchr (out, '\n');
  if (body)
    *body++ = '\0';
  else
    body = out + strlen (out);
  CLEANUP_FREE char *first = strdup (out);
  if (first == NULL) {
    reply_with_perror ("strdup");
    return NULL;
  }
  char *snaps = strstr (body, "Snapshot(s):");
  CLEANUP_FREE char *joined = NULL;
  if (snaps) {
    char *list = snaps + strlen ("Snapshot(s):");
    *snaps = '\0';
    size_t len = 0;
    joined = calloc (1, strlen (list) + 1);
    if (joined == NULL) {
      reply_with_perror ("calloc");
      return NULL;
    }
    for (char *l = strtok (list, "\n"); l; l = strtok (NULL, "\n")) {
      l += strspn (l, " \t");
      if (*l == '\0' || strchr (l, ':'))
        continue;   /* a following "key: value" section, not a snapshot */
      len += sprintf (joined + len, "%s%s", len ? "," : "", l);
    }
  }
  char **h = fs_parse_colon_pairs (body);
  if (h == NULL)
    return NULL;
  for (size_t i = 1; h[i - 1] && h[i]; i += 2)
    if (strcmp (h[i], "-") == 0)
      h[i][0] = '\0';   /* btrfs's "none" */
  {
    DECLARE_STRINGSBUF (sb);
    if (add_string (&sb, "path") == -1
        || add_string (&sb, first + strspn (first, " \t")) == -1) {
      free_string_list (h);
      return NULL;
    }
    for (size_t i = 0; h[i]; i++)
      if (add_string (&sb, h[i]) == -1) {
        free_string_list (h);
        return NULL;
      }
    free_string_list (h);
    if (snaps && (add_string (&sb, "Snapshot(s)") == -1
                  || add_string (&sb, joined) == -1))
      return NULL;
    if (end_stringsbuf (&sb) == -1)
      return NULL;
    h = take_stringsbuf (&sb);
  }
  return h;
}
