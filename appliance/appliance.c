/* appliance_find_or_build: search LIBGUESTFS_PATH, build and cache. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "appliance-internal.h"

static const char *const program_dirs[] = {
  "/usr/sbin", "/usr/bin", "/sbin", "/bin", NULL
};

static const struct { const char *path; mode_t mode; } skeleton_dirs[] = {
  { "/proc", 0555 }, { "/sys", 0555 }, { "/dev", 0755 }, { "/run", 0755 },
  { "/tmp", 01777 }, { "/sysroot", 0755 }, { "/etc", 0755 }, { "/root", 0700 },
  { "/var", 0755 }, { "/var/tmp", 01777 }, { "/etc/guestferry", 0755 },
};

static double
now_seconds (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
exists (const char *dir, const char *name)
{
  CLEANUP_FREE char *p = path_join (dir, name);
  return p && access (p, F_OK) == 0;
}

static char *
find_program (const char *name)
{
  if (name[0] == '/')
    return access (name, X_OK) == 0 ? strdup (name) : NULL;
  for (size_t i = 0; program_dirs[i]; i++) {
    char *p = path_join (program_dirs[i], name);
    if (p && access (p, X_OK) == 0)
      return p;
    free (p);
  }
  return NULL;
}

static int
add_programs (struct fileset *fs, const struct strvec *names, int required)
{
  for (size_t i = 0; i < names->n; i++) {
    CLEANUP_FREE char *p = find_program (names->v[i]);
    if (!p) {
      if (required)
        return ctx_error (fs->c, "appliance: required program '%s' was not found "
                          "on this host (looked in /usr/sbin, /usr/bin, /sbin, /bin)",
                          names->v[i]);
      ctx_debug (fs->c, "appliance: program %s not found, skipped", names->v[i]);
      continue;
    }
    if (fileset_add_host_path (fs, p, 0) < 0)
      return -1;
  }
  return 0;
}

static int
add_skeleton (struct fileset *fs)
{
  static const char passwd[] = "root:x:0:0:root:/root:/bin/sh\n";
  static const char group[] = "root:x:0:\n";
  for (size_t i = 0; i < sizeof skeleton_dirs / sizeof skeleton_dirs[0]; i++)
    if (fileset_add_dir (fs, skeleton_dirs[i].path, skeleton_dirs[i].mode) < 0)
      return -1;
  /* The host's top-level layout (usrmerge symlinks /bin -> usr/bin ...). */
  static const char *const top[] = { "/bin", "/sbin", "/lib", "/lib64", NULL };
  for (size_t i = 0; top[i]; i++)
    if (fileset_add_host_path (fs, top[i], 0) < 0)
      return -1;
  if (fileset_add_chr (fs, "/dev/console", 0600, 5, 1) < 0 ||
      fileset_add_chr (fs, "/dev/null", 0666, 1, 3) < 0 ||
      fileset_add_data (fs, "/etc/passwd", 0644, passwd, sizeof passwd - 1) < 0 ||
      fileset_add_data (fs, "/etc/group", 0644, group, sizeof group - 1) < 0 ||
      fileset_add_symlink (fs, "/etc/mtab", "/proc/mounts") < 0)
    return -1;
  return 0;
}

/* With a root image, what must stay in the initrd although it is under
 * /usr: the daemon's libraries and the boot modules (the same calls as
 * plan() makes, on a separate set). */
static int
plan_boot (struct fileset *boot, const struct conf *conf, const char *daemon,
           const char *real_daemon, const struct kernel_info *k)
{
  struct strvec none = { 0 };
  if (add_skeleton (boot) < 0 ||
      fileset_add_file_as (boot, "/init", daemon) < 0 ||
      elf_add_deps (boot, real_daemon ? real_daemon : daemon) < 0 ||
      modules_add (boot, k, &conf->modules, &none) < 0)
    return -1;
  fileset_sort (boot);
  return 0;
}

/* Everything that goes into the initrd (and the root image, if boot is
 * not NULL), from stat and ELF headers only. */
static int
plan (struct fileset *fs, struct fileset *boot, const struct conf *conf,
      const char *daemon, const struct kernel_info *k)
{
  /* The daemon is often a symlink (build/appliance/guestfsd): its real
   * place is what $ORIGIN in its RUNPATH means. */
  CLEANUP_FREE char *real_daemon = realpath (daemon, NULL);
  if (add_skeleton (fs) < 0 ||
      fileset_add_file_as (fs, "/init", daemon) < 0 ||
      elf_add_deps (fs, real_daemon ? real_daemon : daemon) < 0 ||
      add_programs (fs, &conf->required, 1) < 0 ||
      add_programs (fs, &conf->programs, 0) < 0)
    return -1;
  for (size_t i = 0; i < conf->files.n; i++) {
    int r = fileset_add_host_path (fs, conf->files.v[i], 1);
    if (r < 0)
      return -1;
    if (r > 0)
      ctx_debug (fs->c, "appliance: file %s not found, skipped", conf->files.v[i]);
  }
  if (modules_add (fs, k, &conf->modules, &conf->lazy_modules) < 0)
    return -1;
  if (boot) {
    static const char marker[] = "squashfs\n";
    if (fileset_add_data (fs, ROOTIMG_MARKER, 0644, marker, sizeof marker - 1) < 0 ||
        plan_boot (boot, conf, daemon, real_daemon, k) < 0)
      return -1;
  }
  fileset_sort (fs);
  return 0;
}

/* cpio_write filter when there is a root image */
static int
keep_in_initrd (const struct entry *e, void *boot)
{
  return !rootimg_in_image (e) || fileset_lookup (boot, e->path) != NULL;
}

static uint64_t
hash_stat (uint64_t h, const struct stat *st)
{
  h = fnv64_u64 (h, st->st_size);
  h = fnv64_u64 (h, st->st_mtim.tv_sec);
  h = fnv64_u64 (h, st->st_mtim.tv_nsec);
  h = fnv64_u64 (h, st->st_ino);
  return h;
}

static uint64_t
kernel_key (const struct kernel_info *k)
{
  uint64_t h = fnv64_str (FNV64_INIT, APPLIANCE_FORMAT_VERSION);
  h = fnv64_str (h, k->path);
  return hash_stat (h, &k->st);
}

static int
appliance_key (struct ctx *c, const struct conf *conf, const char *daemon,
               const struct kernel_info *k, const struct fileset *fs, uint64_t *key)
{
  uint64_t h = fnv64_str (FNV64_INIT, APPLIANCE_FORMAT_VERSION);
  h = fnv64 (h, conf->text, conf->text_len);
  h = fnv64_str (h, daemon);
  if (fnv64_file (daemon, &h) < 0)      /* its content: it changes every build */
    return ctx_perror (c, "appliance: read daemon %s", daemon);
  h = fnv64_u64 (h, kernel_key (k));
  h = fnv64_str (h, k->modules_dir);
  struct stat st;
  CLEANUP_FREE char *dep = path_join (k->modules_dir, "modules.dep");
  if (dep && stat (dep, &st) == 0)
    h = hash_stat (h, &st);
  const char *dump = getenv ("GUESTFERRY_APPLIANCE_KEY_DEBUG");
  for (size_t i = 0; i < fs->n; i++) {
    const struct entry *e = &fs->e[i];
    if (dump && e->src)
      fprintf (stderr, "key: %s <- %s size %jd mtime %jd.%09ld ino %ju\n", e->path,
               e->src, (intmax_t) e->st.st_size, (intmax_t) e->st.st_mtim.tv_sec,
               e->st.st_mtim.tv_nsec, (uintmax_t) e->st.st_ino);
    h = fnv64_str (h, e->path);
    h = fnv64_u64 (h, e->type * 0x10000 + e->mode);
    h = fnv64_str (h, e->src);
    if (e->src)
      h = hash_stat (h, &e->st);
    else if (e->data)
      h = fnv64 (h, e->data, e->data_len);
    h = fnv64_u64 (h, e->rmajor * 0x10000 + e->rminor);
  }
  *key = h;
  return 0;
}

static int
fill_paths (struct ctx *c, const char *dir, struct appliance_paths *out)
{
  out->dir = strdup (dir);
  out->kernel = path_join (dir, "kernel");
  out->initrd = path_join (dir, "initrd");
  if (!out->dir || !out->kernel || !out->initrd) {
    appliance_paths_free (out);
    return ctx_oom (c);
  }
  out->kernel_is_elf = elf_has_pvh_note (out->kernel);
  if (exists (dir, "root") && !(out->root = path_join (dir, "root"))) {
    appliance_paths_free (out);
    return ctx_oom (c);
  }
  return 0;
}

/* A finished cache entry: README is written last, before the rename. */
static int
cache_hit (const char *appdir)
{
  if (!exists (appdir, "README") || !exists (appdir, "kernel") || !exists (appdir, "initrd"))
    return 0;
  utimensat (AT_FDCWD, appdir, NULL, 0);       /* mark as recently used */
  return 1;
}

static int
write_readme (struct ctx *c, const char *dir, uint64_t key,
              const struct kernel_info *k, const char *daemon, const char *confdir,
              int is_elf, size_t nentries)
{
  CLEANUP_FREE char *p = path_join (dir, "README");
  CLEANUP_FREE char *text = xasprintf (
    "guestferry appliance, built by guestferry-appliance.\n"
    "format: %s\nkey: %016" PRIx64 "\nconf: %s/appliance.conf\ndaemon: %s\n"
    "kernel source: %s (%s)\nkernel: %s\nmodules: %s\ninitrd entries: %zu\n",
    APPLIANCE_FORMAT_VERSION, key, confdir, daemon, k->path, k->version,
    is_elf ? "uncompressed vmlinux, PVH entry" : "bzImage", k->modules_dir, nentries);
  if (!p || !text)
    return ctx_oom (c);
  if (write_whole_file (p, text, strlen (text), 0644) < 0)
    return ctx_perror (c, "appliance: write %s", p);
  return 0;
}

/* The kernel is shared between appliance builds through a hard link. */
static int
make_kernel (struct ctx *c, const char *root, const struct kernel_info *k,
             const char *tmpdir, char **kname)
{
  CLEANUP_FREE char *dst = path_join (tmpdir, "kernel");
  *kname = xasprintf ("kernel-%016" PRIx64, kernel_key (k));
  CLEANUP_FREE char *shared = *kname ? path_join (root, *kname) : NULL;
  if (!dst || !shared)
    return ctx_oom (c);
  if (link (shared, dst) == 0) {
    ctx_debug (c, "appliance: reusing extracted kernel %s", shared);
    return 0;
  }
  double t0 = now_seconds ();
  int is_elf;
  if (kernel_prepare (c, k, dst, &is_elf) < 0)
    return -1;
  ctx_debug (c, "appliance: kernel prepared (%s) in %.3f s",
             is_elf ? "vmlinux, PVH" : "bzImage", now_seconds () - t0);
  if (link (dst, shared) < 0 && errno != EEXIST)
    ctx_debug (c, "appliance: cannot share kernel as %s: %m", shared);
  return 0;
}

static int
build_locked (struct ctx *c, const char *root, const char *appdir, uint64_t key,
              const struct kernel_info *k, struct fileset *fs, struct fileset *boot,
              const char *daemon, const char *confdir)
{
  double t0 = now_seconds ();
  CLEANUP_FREE char *tmpl = path_join (root, "tmp-XXXXXX");
  if (!tmpl)
    return ctx_oom (c);
  if (!mkdtemp (tmpl))
    return ctx_perror (c, "appliance: mkdtemp %s", tmpl);
  CLEANUP_FREE char *kname = NULL;
  CLEANUP_FREE char *initrd = path_join (tmpl, "initrd");
  CLEANUP_FREE char *kpath = path_join (tmpl, "kernel");
  CLEANUP_FREE char *rootimg = path_join (tmpl, "root");
  int r = -1;
  if (!initrd || !kpath || !rootimg) {
    ctx_oom (c);
    goto fail;
  }
  if (make_kernel (c, root, k, tmpl, &kname) < 0 ||
      cpio_write (c, fs, initrd, boot ? keep_in_initrd : NULL, boot) < 0 ||
      (boot && rootimg_write (c, fs, tmpl, rootimg) < 0) ||
      write_readme (c, tmpl, key, k, daemon, confdir, elf_has_pvh_note (kpath), fs->n) < 0)
    goto fail;
  if (rename (tmpl, appdir) < 0) {
    if (errno != EEXIST && errno != ENOTEMPTY) {
      ctx_perror (c, "appliance: rename %s to %s", tmpl, appdir);
      goto fail;
    }
    r = 0;                      /* someone else's build won: use it */
    goto fail;
  }
  ctx_debug (c, "appliance: built %s in %.3f s", appdir, now_seconds () - t0);
  const char *base = strrchr (appdir, '/') + 1;
  cache_cleanup (c, root, base, kname ? kname : "");
  return 0;
 fail:
  {
    CLEANUP_FREE char *readme = path_join (tmpl, "README");
    if (readme) unlink (readme);
    unlink (initrd);
    unlink (kpath);
    unlink (rootimg);
    rmdir (tmpl);
  }
  return r;
}

static int
build_from_conf (struct ctx *c, const char *dir, struct appliance_paths *out)
{
  double t0 = now_seconds ();
  struct conf conf;
  struct kernel_info k = { 0 };
  struct fileset fs, boot;
  fileset_init (&fs, c);
  fileset_init (&boot, c);
  int use_root = 0;
  CLEANUP_FREE char *root = NULL, *appdir = NULL;
  CLEANUP_FREE char *daemon = path_join (dir, "guestfsd");
  int lockfd = -1, r = -1;
  uint64_t key = 0;

  if (conf_load (c, dir, &conf) < 0)
    goto out;
  if (!daemon || access (daemon, R_OK) < 0) {
    free (daemon);
    daemon = conf.daemon ? strdup (conf.daemon) : NULL;
    if (!daemon || access (daemon, R_OK) < 0) {
      ctx_error (c, "appliance: daemon not found: no %s/guestfsd%s%s "
                 "(build guestfsd, or add 'daemon PATH' to appliance.conf)",
                 dir, conf.daemon ? " and no " : "", conf.daemon ? conf.daemon : "");
      goto out;
    }
  }
  if (kernel_find (c, &k) < 0)
    goto out;
  use_root = rootimg_tool () != NULL && rootimg_kernel_ok (&k);
  if (plan (&fs, use_root ? &boot : NULL, &conf, daemon, &k) < 0 ||
      appliance_key (c, &conf, daemon, &k, &fs, &key) < 0 ||
      cache_open_root (c, c->req->cachedir, &root) < 0)
    goto out;
  appdir = xasprintf ("%s/appliance-%016" PRIx64, root, key);
  if (!appdir) {
    ctx_oom (c);
    goto out;
  }
  ctx_debug (c, "appliance: %zu entries, key %016" PRIx64 " (%.3f s)",
             fs.n, key, now_seconds () - t0);
  if (!cache_hit (appdir)) {
    if ((lockfd = cache_lock (c, root)) < 0)
      goto out;
    if (!cache_hit (appdir) &&
        build_locked (c, root, appdir, key, &k, &fs, use_root ? &boot : NULL, daemon, dir) < 0)
      goto out;
  }
  else
    ctx_debug (c, "appliance: cached %s", appdir);
  r = fill_paths (c, appdir, out);
 out:
  if (lockfd >= 0)
    close (lockfd);
  fileset_free (&fs);
  fileset_free (&boot);
  kernel_info_free (&k);
  conf_free (&conf);
  return r;
}

/* Returns 0 when an appliance was found or built, 1 if none is on the path. */
static int
search_path (struct ctx *c, const char *path, struct appliance_paths *out)
{
  CLEANUP_FREE char *copy = strdup (path);
  if (!copy)
    return ctx_oom (c);
  char *save = NULL;
  for (char *dir = strtok_r (copy, ":", &save); dir; dir = strtok_r (NULL, ":", &save)) {
    if (exists (dir, "kernel") && exists (dir, "initrd")) {
      ctx_debug (c, "appliance: fixed appliance in %s", dir);
      CLEANUP_FREE char *abs = realpath (dir, NULL);
      return fill_paths (c, abs ? abs : dir, out);
    }
    if (exists (dir, "appliance.conf"))
      return build_from_conf (c, dir, out);
  }
  return 1;
}

int
appliance_find_or_build (const struct appliance_request *req,
                         struct appliance_paths *out, char **error)
{
  struct ctx c = { .req = req };
  memset (out, 0, sizeof *out);
  if (error)
    *error = NULL;
  int r;
  if (!req->path || !*req->path)
    r = ctx_error (&c, "appliance: no appliance search path (set LIBGUESTFS_PATH)");
  else if ((r = search_path (&c, req->path, out)) == 1)
    r = ctx_error (&c, "appliance: cannot find an appliance on the path %s: no "
                   "directory holds 'kernel' and 'initrd' or 'appliance.conf' "
                   "(set LIBGUESTFS_PATH)", req->path);
  if (r == 0) {
    free (c.error);             /* debug-only leftovers */
    return 0;
  }
  if (error)
    *error = c.error;
  else
    free (c.error);
  return -1;
}

void
appliance_paths_free (struct appliance_paths *p)
{
  free (p->kernel);
  free (p->initrd);
  free (p->dir);
  free (p->root);
  memset (p, 0, sizeof *p);
}
