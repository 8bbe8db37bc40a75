/* The set of entries that make up the initrd, keyed by appliance path.
 * Host paths are copied with every symlink on the way (usrmerge: /bin ->
 * usr/bin, /lib -> usr/lib ...), so the appliance sees the host layout. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "appliance-internal.h"

#define MAX_SYMLINK_DEPTH 40

void
fileset_init (struct fileset *fs, struct ctx *c)
{
  memset (fs, 0, sizeof *fs);
  fs->c = c;
}

void
fileset_free (struct fileset *fs)
{
  for (size_t i = 0; i < fs->n; i++) {
    free (fs->e[i].path);
    free (fs->e[i].src);
    free (fs->e[i].data);
  }
  free (fs->e);
  free (fs->index);
  strvec_free (&fs->libname);
  strvec_free (&fs->libpath);
  memset (fs, 0, sizeof *fs);
}

static size_t
slot_of (const struct fileset *fs, const char *path)
{
  return fnv64_str (FNV64_INIT, path) & (fs->index_size - 1);
}

struct entry *
fileset_lookup (struct fileset *fs, const char *path)
{
  if (fs->index_size == 0)
    return NULL;
  for (size_t s = slot_of (fs, path); fs->index[s]; s = (s + 1) & (fs->index_size - 1)) {
    struct entry *e = &fs->e[fs->index[s] - 1];
    if (strcmp (e->path, path) == 0)
      return e;
  }
  return NULL;
}

static int
rehash (struct fileset *fs, size_t size)
{
  size_t *idx = calloc (size, sizeof *idx);
  if (!idx)
    return -1;
  free (fs->index);
  fs->index = idx;
  fs->index_size = size;
  for (size_t i = 0; i < fs->n; i++) {
    size_t s = slot_of (fs, fs->e[i].path);
    while (idx[s])
      s = (s + 1) & (size - 1);
    idx[s] = i + 1;
  }
  return 0;
}

/* Appends an entry; takes ownership of path (and src/data set later). */
static struct entry *
push_entry (struct fileset *fs, char *path, enum ent_type type, mode_t mode)
{
  if (!path) {
    ctx_oom (fs->c);
    return NULL;
  }
  if (fs->n + 1 >= fs->alloc) {
    size_t na = fs->alloc ? fs->alloc * 2 : 256;
    struct entry *ne = realloc (fs->e, na * sizeof *ne);
    if (!ne) { free (path); ctx_oom (fs->c); return NULL; }
    fs->e = ne; fs->alloc = na;
  }
  if ((fs->n + 1) * 2 > fs->index_size &&
      rehash (fs, fs->index_size ? fs->index_size * 2 : 1024) < 0) {
    free (path); ctx_oom (fs->c); return NULL;
  }
  struct entry *e = &fs->e[fs->n];
  memset (e, 0, sizeof *e);
  e->path = path;
  e->type = type;
  e->mode = mode & 07777;
  size_t s = slot_of (fs, path);
  while (fs->index[s])
    s = (s + 1) & (fs->index_size - 1);
  fs->index[s] = ++fs->n;
  return e;
}

/* Where a symlink at 'link' pointing to 'target' leads, with 'rest'
 * (starting with '/' or empty) appended. */
static char *
symlink_dest (const char *link, const char *target, const char *rest)
{
  CLEANUP_FREE char *joined = NULL;
  if (target[0] == '/')
    joined = xasprintf ("%s%s", target, rest);
  else {
    CLEANUP_FREE char *dir = path_dirname (link);
    joined = dir ? xasprintf ("%s/%s%s", dir, target, rest) : NULL;
  }
  return joined ? path_normalize (joined) : NULL;
}

/* Resolves the parents of 'path' inside the appliance, creating missing
 * directories.  Returns the path with parent symlinks substituted. */
static char *
appliance_parent (struct fileset *fs, const char *path, int depth)
{
  if (depth > MAX_SYMLINK_DEPTH) {
    ctx_error (fs->c, "appliance: too many symlinks resolving %s", path);
    return NULL;
  }
  CLEANUP_FREE char *p = path_normalize (path);
  if (!p) { ctx_oom (fs->c); return NULL; }
  for (char *slash = strchr (p + 1, '/'); slash; slash = strchr (slash + 1, '/')) {
    *slash = '\0';
    struct entry *e = fileset_lookup (fs, p);
    if (e && e->type == ENT_SYMLINK) {
      CLEANUP_FREE char *link = strdup (p);
      *slash = '/';
      CLEANUP_FREE char *np = link ? symlink_dest (link, e->data, slash) : NULL;
      if (!np) { ctx_oom (fs->c); return NULL; }
      return appliance_parent (fs, np, depth + 1);
    }
    if (e && e->type != ENT_DIR) {
      ctx_error (fs->c, "appliance: %s is not a directory", p);
      return NULL;
    }
    if (!e && !push_entry (fs, strdup (p), ENT_DIR, 0755))
      return NULL;
    *slash = '/';
  }
  char *r = p;
  p = NULL;
  return r;
}

static struct entry *
add_at (struct fileset *fs, const char *path, enum ent_type type, mode_t mode)
{
  char *p = appliance_parent (fs, path, 0);
  if (!p)
    return NULL;
  struct entry *e = fileset_lookup (fs, p);
  if (e) {
    free (p);
    if (e->type != type) {
      ctx_error (fs->c, "appliance: %s added twice with different types", path);
      return NULL;
    }
    return e;
  }
  return push_entry (fs, p, type, mode);
}

int
fileset_add_dir (struct fileset *fs, const char *path, mode_t mode)
{
  struct entry *e = add_at (fs, path, ENT_DIR, mode);
  if (!e)
    return -1;
  e->mode = mode & 07777;
  return 0;
}

int
fileset_add_data (struct fileset *fs, const char *path, mode_t mode,
                  const char *data, size_t len)
{
  struct entry *e = add_at (fs, path, ENT_FILE, mode);
  if (!e)
    return -1;
  free (e->src); e->src = NULL;
  free (e->data);
  e->data = malloc (len + 1);
  if (!e->data)
    return ctx_oom (fs->c);
  memcpy (e->data, data, len);
  e->data[len] = '\0';
  e->data_len = len;
  return 0;
}

int
fileset_add_symlink (struct fileset *fs, const char *path, const char *target)
{
  struct entry *e = add_at (fs, path, ENT_SYMLINK, 0777);
  if (!e)
    return -1;
  free (e->data);
  e->data = strdup (target);
  e->data_len = strlen (target);
  return e->data ? 0 : ctx_oom (fs->c);
}

int
fileset_add_chr (struct fileset *fs, const char *path, mode_t mode,
                 unsigned major, unsigned minor)
{
  struct entry *e = add_at (fs, path, ENT_CHR, mode);
  if (!e)
    return -1;
  e->rmajor = major;
  e->rminor = minor;
  return 0;
}

int
fileset_add_file_as (struct fileset *fs, const char *path, const char *src)
{
  struct stat st;
  if (stat (src, &st) < 0)
    return ctx_perror (fs->c, "appliance: %s", src);
  struct entry *e = add_at (fs, path, ENT_FILE, st.st_mode);
  if (!e)
    return -1;
  free (e->src);
  e->src = strdup (src);
  e->st = st;
  e->mode = st.st_mode & 07777;
  return e->src ? 0 : ctx_oom (fs->c);
}

static int add_host (struct fileset *fs, const char *path, int recurse, int depth);

static int
add_host_dir_children (struct fileset *fs, const char *path, int depth)
{
  DIR *d = opendir (path);
  if (!d)
    return ctx_perror (fs->c, "appliance: opendir %s", path);
  struct dirent *de;
  int r = 0;
  while (r >= 0 && (de = readdir (d)) != NULL) {
    if (strcmp (de->d_name, ".") == 0 || strcmp (de->d_name, "..") == 0)
      continue;
    CLEANUP_FREE char *child = path_join (path, de->d_name);
    r = child ? add_host (fs, child, 1, depth) : ctx_oom (fs->c);
  }
  closedir (d);
  return r < 0 ? -1 : 0;
}

/* Adds a host symlink at 'link' and continues at its destination. */
static int
add_host_symlink (struct fileset *fs, const char *link, const char *rest,
                  int recurse, int depth)
{
  char target[PATH_MAX];
  ssize_t n = readlink (link, target, sizeof target - 1);
  if (n < 0)
    return ctx_perror (fs->c, "appliance: readlink %s", link);
  target[n] = '\0';
  struct entry *e = fileset_lookup (fs, link);
  if (!e) {
    e = push_entry (fs, strdup (link), ENT_SYMLINK, 0777);
    if (!e || !(e->data = strdup (target)))
      return ctx_oom (fs->c);
    e->data_len = n;
  }
  CLEANUP_FREE char *dest = symlink_dest (link, target, rest);
  if (!dest)
    return ctx_oom (fs->c);
  int r = add_host (fs, dest, recurse, depth + 1);
  return r < 0 ? -1 : 0;      /* a dangling link is still copied */
}

static int
add_host (struct fileset *fs, const char *path, int recurse, int depth)
{
  if (depth > MAX_SYMLINK_DEPTH)
    return ctx_error (fs->c, "appliance: too many levels of symlinks: %s", path);
  CLEANUP_FREE char *p = strdup (path);
  if (!p)
    return ctx_oom (fs->c);
  struct stat st;

  /* Parents first, each as the host has it. */
  for (char *slash = strchr (p + 1, '/'); slash; slash = strchr (slash + 1, '/')) {
    *slash = '\0';
    struct entry *e = fileset_lookup (fs, p);
    if (e && e->type == ENT_DIR) {
      *slash = '/';
      continue;
    }
    if (e && e->type == ENT_SYMLINK) {
      CLEANUP_FREE char *link = strdup (p);
      *slash = '/';
      CLEANUP_FREE char *dest = link ? symlink_dest (link, e->data, slash) : NULL;
      if (!dest)
        return ctx_oom (fs->c);
      return add_host (fs, dest, recurse, depth + 1);
    }
    if (e || lstat (p, &st) < 0)
      return 1;
    if (S_ISLNK (st.st_mode)) {
      CLEANUP_FREE char *link = strdup (p);
      *slash = '/';
      return link ? add_host_symlink (fs, link, slash, recurse, depth)
                  : ctx_oom (fs->c);
    }
    if (!S_ISDIR (st.st_mode))
      return 1;
    e = push_entry (fs, strdup (p), ENT_DIR, st.st_mode);
    if (!e)
      return -1;
    e->st = st;
    *slash = '/';
  }

  /* The final component. */
  struct entry *e = fileset_lookup (fs, p);
  if (e && e->type == ENT_DIR && recurse)
    return add_host_dir_children (fs, p, depth);
  if (e)
    return 0;
  if (strcmp (p, "/") == 0)
    return recurse ? add_host_dir_children (fs, p, depth) : 0;
  if (lstat (p, &st) < 0)
    return 1;
  if (S_ISLNK (st.st_mode))
    return add_host_symlink (fs, p, "", recurse, depth);
  if (S_ISDIR (st.st_mode)) {
    e = push_entry (fs, strdup (p), ENT_DIR, st.st_mode);
    if (!e)
      return -1;
    e->st = st;
    return recurse ? add_host_dir_children (fs, p, depth) : 0;
  }
  if (!S_ISREG (st.st_mode))
    return 1;                   /* devices, fifos, sockets: not copied */
  e = push_entry (fs, strdup (p), ENT_FILE, st.st_mode);
  if (!e || !(e->src = strdup (p)))
    return ctx_oom (fs->c);
  e->st = st;
  return elf_add_deps (fs, p);
}

int
fileset_add_host_path (struct fileset *fs, const char *path, int recurse)
{
  CLEANUP_FREE char *p = path_normalize (path);
  if (!p)
    return ctx_oom (fs->c);
  return add_host (fs, p, recurse, 0);
}

static int
cmp_entry (const void *a, const void *b)
{
  return strcmp (((const struct entry *) a)->path, ((const struct entry *) b)->path);
}

/* Sorting puts every directory before its contents ("/a" < "/a/..."). */
void
fileset_sort (struct fileset *fs)
{
  qsort (fs->e, fs->n, sizeof *fs->e, cmp_entry);
  rehash (fs, fs->index_size);
}
