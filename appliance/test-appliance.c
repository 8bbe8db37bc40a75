/* Unit test of the appliance builder: builds a small appliance into a
 * temporary cache and checks the initrd with a tiny cpio reader. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>

#include "appliance.h"

static int failures;
#define CHECK(cond, ...) do {                                   \
    if (!(cond)) {                                              \
      fprintf (stderr, "FAIL %s:%d: ", __FILE__, __LINE__);     \
      fprintf (stderr, __VA_ARGS__);                            \
      fprintf (stderr, "\n");                                   \
      failures++;                                               \
    }                                                           \
  } while (0)

/* ---- tiny newc reader ---- */
struct cent { char *name; unsigned mode; size_t size; const char *data; };
struct archive { struct cent *e; size_t n; void *map; size_t maplen; };

static unsigned long
hex8 (const char *p)
{
  char b[9];
  memcpy (b, p, 8);
  b[8] = 0;
  return strtoul (b, NULL, 16);
}

static int
cpio_read (const char *path, struct archive *a)
{
  memset (a, 0, sizeof *a);
  int fd = open (path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) < 0)
    return -1;
  a->maplen = st.st_size;
  a->map = mmap (NULL, a->maplen, PROT_READ, MAP_PRIVATE, fd, 0);
  close (fd);
  if (a->map == MAP_FAILED)
    return -1;
  const char *b = a->map;
  size_t off = 0, alloc = 0;
  for (;;) {
    if (off + 110 > a->maplen || memcmp (b + off, "070701", 6) != 0)
      return -1;
    unsigned mode = hex8 (b + off + 14);
    size_t size = hex8 (b + off + 54);
    size_t namesz = hex8 (b + off + 94);
    const char *name = b + off + 110;
    if (off + 110 + namesz > a->maplen || name[namesz - 1])
      return -1;
    size_t data = (off + 110 + namesz + 3) & ~(size_t) 3;
    if (data + size > a->maplen)
      return -1;
    if (strcmp (name, "TRAILER!!!") == 0)
      return 0;
    if (a->n == alloc) {
      alloc = alloc ? alloc * 2 : 256;
      a->e = realloc (a->e, alloc * sizeof *a->e);
    }
    a->e[a->n++] = (struct cent) { strdup (name), mode, size, b + data };
    off = (data + size + 3) & ~(size_t) 3;
  }
}

static void
archive_free (struct archive *a)
{
  for (size_t i = 0; i < a->n; i++)
    free (a->e[i].name);
  free (a->e);
  munmap (a->map, a->maplen);
}

static struct cent *
find (struct archive *a, const char *name)
{
  for (size_t i = 0; i < a->n; i++)
    if (strcmp (a->e[i].name, name) == 0)
      return &a->e[i];
  return NULL;
}

/* Follows symlinks inside the archive (absolute path in, entry out). */
static struct cent *
resolve (struct archive *a, const char *path, int depth)
{
  if (depth > 20)
    return NULL;
  char buf[4096];
  snprintf (buf, sizeof buf, "%s", path[0] == '/' ? path + 1 : path);
  for (char *s = buf; ; ) {
    char *slash = strchr (s, '/');
    if (slash) *slash = 0;
    struct cent *e = find (a, buf);
    if (!e)
      return NULL;
    if (S_ISLNK (e->mode)) {
      char t[4096], np[16384];
      snprintf (t, sizeof t, "%.*s", (int) e->size, e->data);
      char *dir = strrchr (buf, '/');
      if (t[0] == '/')
        snprintf (np, sizeof np, "%s%s%s", t, slash ? "/" : "", slash ? slash + 1 : "");
      else
        snprintf (np, sizeof np, "/%.*s%s%s%s%s", dir ? (int) (dir - buf) : 0, buf,
                  dir ? "/" : "", t, slash ? "/" : "", slash ? slash + 1 : "");
      /* normalise "a/../b" produced by relative links */
      return resolve (a, np, depth + 1);
    }
    if (!slash)
      return e;
    *slash = '/';
    s = slash + 1;
  }
}

/* ---- helpers ---- */
static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
debug_cb (void *opaque, const char *msg)
{
  if (getenv ("TEST_APPLIANCE_VERBOSE"))
    fprintf (stderr, "  %s\n", msg);
}

static void
write_file (const char *path, const char *text)
{
  FILE *f = fopen (path, "w");
  if (!f) { perror (path); exit (1); }
  fputs (text, f);
  fclose (f);
}

static int
build (const char *path, const char *cachedir, struct appliance_paths *p)
{
  struct appliance_request req = { path, cachedir, debug_cb, NULL };
  char *err = NULL;
  int r = appliance_find_or_build (&req, p, &err);
  if (r < 0) {
    fprintf (stderr, "build failed: %s\n", err);
    free (err);
  }
  return r;
}

static const char base_conf[] =
  "# test appliance\n"
  "daemon /usr/bin/true\n"
  "require sh\n"
  "program ls\n"
  "program mount\n"
  "program lvcreate\n"
  "program no-such-program-here\n"
  "file /etc/mke2fs.conf\n"
  "file /no/such/file\n"
  "module ext4\n"
  "module virtio_scsi\n"
  "module crc32\n"           /* built into the Debian kernel */
  "module no_such_module\n";

/* Position of the first line of 'list' that ends with "/<mod>.ko". */
static int
mod_pos (const char *list, const char *mod)
{
  char pat[128];
  snprintf (pat, sizeof pat, "/%s.ko\n", mod);
  const char *p = strstr (list, pat);
  if (!p)
    return -1;
  int line = 0;
  for (const char *q = list; q < p; q++)
    line += *q == '\n';
  return line;
}

static void
check_initrd (const struct appliance_paths *p)
{
  struct archive a;
  CHECK (cpio_read (p->initrd, &a) == 0, "initrd %s is not a valid newc cpio", p->initrd);

  struct stat st;
  stat ("/usr/bin/true", &st);
  struct cent *init = find (&a, "init");
  CHECK (init && S_ISREG (init->mode) && init->size == (size_t) st.st_size &&
         (init->mode & 0111), "/init is the daemon");

  /* Parents before children, no duplicates. */
  for (size_t i = 0; i < a.n; i++) {
    char *slash = strrchr (a.e[i].name, '/');
    if (!slash)
      continue;
    char parent[4096];
    snprintf (parent, sizeof parent, "%.*s", (int) (slash - a.e[i].name), a.e[i].name);
    int seen = 0;
    for (size_t j = 0; j < i; j++)
      if (strcmp (a.e[j].name, parent) == 0) seen = 1;
    CHECK (seen, "parent of %s comes first", a.e[i].name);
  }

  struct cent *bin = find (&a, "bin");
  CHECK (bin && S_ISLNK (bin->mode), "/bin is a symlink (usrmerge)");
  static const char *const must[] = {
    "/bin/sh", "/usr/bin/ls", "/bin/mount", "/lib64/ld-linux-x86-64.so.2",
    "/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libselinux.so.1",
    "/lib/x86_64-linux-gnu/libmount.so.1", "/sbin/lvcreate", "/sbin/lvm",
    "/etc/mke2fs.conf", "/etc/passwd", "/etc/group", "/etc/guestferry/modules",
    "/dev/console", "/tmp", "/sysroot", "/proc", "/sys", "/run", "/var/tmp", "/root",
    NULL
  };
  for (size_t i = 0; must[i]; i++)
    CHECK (resolve (&a, must[i], 0) != NULL, "%s in initrd", must[i]);
  struct cent *mtab = find (&a, "etc/mtab");
  CHECK (mtab && S_ISLNK (mtab->mode) && mtab->size == 12 &&
         memcmp (mtab->data, "/proc/mounts", 12) == 0, "/etc/mtab -> /proc/mounts");
  struct cent *lvc = find (&a, "usr/sbin/lvcreate");
  CHECK (lvc && S_ISLNK (lvc->mode), "lvcreate stays a symlink");

  struct cent *ml = resolve (&a, "/etc/guestferry/modules", 0);
  if (ml) {
    char *list = strndup (ml->data, ml->size);
    CHECK (mod_pos (list, "ext4") > 0, "ext4 listed");
    CHECK (mod_pos (list, "jbd2") >= 0 && mod_pos (list, "jbd2") < mod_pos (list, "ext4"),
           "jbd2 before ext4");
    CHECK (mod_pos (list, "mbcache") >= 0 && mod_pos (list, "mbcache") < mod_pos (list, "ext4"),
           "mbcache before ext4");
    CHECK (mod_pos (list, "crc16") >= 0 && mod_pos (list, "crc16") < mod_pos (list, "ext4"),
           "crc16 before ext4");
    CHECK (mod_pos (list, "crc32c_generic") >= 0 &&
           mod_pos (list, "crc32c_generic") < mod_pos (list, "ext4"),
           "softdep crc32c before ext4");
    CHECK (mod_pos (list, "virtio_ring") < mod_pos (list, "virtio") &&
           mod_pos (list, "virtio") < mod_pos (list, "virtio_scsi") &&
           mod_pos (list, "scsi_mod") < mod_pos (list, "virtio_scsi"),
           "virtio_ring, virtio, scsi_mod before virtio_scsi");
    CHECK (mod_pos (list, "crc32") < 0, "builtin crc32 has no file");
    /* Every listed module is in the archive. */
    for (char *save = NULL, *l = strtok_r (list, "\n", &save); l; l = strtok_r (NULL, "\n", &save)) {
      struct cent *m = resolve (&a, l, 0);
      CHECK (m && S_ISREG (m->mode) && m->size > 0, "module %s in initrd", l);
    }
    free (list);
  }
  archive_free (&a);
}

/* module-lazy: the file is there, not in the boot list, plus modprobe. */
static void
check_lazy (const struct appliance_paths *p)
{
  struct archive a;
  if (cpio_read (p->initrd, &a) < 0) {
    CHECK (0, "lazy initrd parses");
    return;
  }
  struct utsname u;
  char path[512];
  int have_xfs = 0;
  for (size_t i = 0; i < a.n; i++)
    if (strstr (a.e[i].name, "/kernel/fs/xfs/xfs.ko"))
      have_xfs = 1;
  CHECK (have_xfs, "lazy module xfs.ko in initrd");
  struct cent *ml = resolve (&a, "/etc/guestferry/modules", 0);
  CHECK (ml && !memmem (ml->data, ml->size, "xfs.ko", 6), "xfs not loaded at boot");
  CHECK (resolve (&a, "/sbin/modprobe", 0) != NULL, "modprobe for lazy modules");
  /* the index of the running kernel, when that is the one used */
  if (uname (&u) == 0) {
    snprintf (path, sizeof path, "/lib/modules/%s/modules.dep.bin", u.release);
    if (access (path, F_OK) == 0)
      CHECK (resolve (&a, path, 0) != NULL, "%s in initrd", path);
  }
  archive_free (&a);
}

static int
file_is_elf_pvh (const char *p)
{
  int fd = open (p, O_RDONLY);
  char m[4] = { 0 };
  if (fd >= 0) { if (read (fd, m, 4) != 4) m[0] = 0; close (fd); }
  return memcmp (m, "\177ELF", 4) == 0;
}

/* With mksquashfs: /usr goes to the root image, the initrd keeps the
 * daemon's closure and the boot modules. */
static void
test_root_image (const char *confdir, const char *cachedir)
{
  unsetenv ("GUESTFERRY_NO_ROOT_IMAGE");
  if (access ("/usr/bin/mksquashfs", X_OK) < 0) {
    printf ("root image: skipped, no mksquashfs\n");
    return;
  }
  struct appliance_paths p;
  if (build (confdir, cachedir, &p) < 0) {
    CHECK (0, "build with a root image");
    return;
  }
  char magic[4] = { 0 };
  int fd = p.root ? open (p.root, O_RDONLY) : -1;
  if (fd >= 0) { if (read (fd, magic, 4) != 4) magic[0] = 0; close (fd); }
  CHECK (memcmp (magic, "hsqs", 4) == 0, "root image %s is a squashfs", p.root ? p.root : "(none)");
  struct archive a;
  if (cpio_read (p.initrd, &a) == 0) {
    CHECK (find (&a, "init") != NULL, "init in the small initrd");
    CHECK (find (&a, "etc/guestferry/root") != NULL, "root image marker in initrd");
    CHECK (resolve (&a, "/usr/bin/ls", 0) == NULL, "ls only in the root image");
    CHECK (resolve (&a, "/bin/sh", 0) == NULL, "sh only in the root image");
    CHECK (resolve (&a, "/lib64/ld-linux-x86-64.so.2", 0) != NULL, "daemon's ld.so in initrd");
    archive_free (&a);
  }
  else
    CHECK (0, "small initrd parses");
  setenv ("GUESTFERRY_NO_ROOT_IMAGE", "1", 1);
  appliance_paths_free (&p);
}

static void
test_concurrent (const char *confdir, const char *cachedir)
{
  pid_t pids[3];
  for (int i = 0; i < 3; i++) {
    pids[i] = fork ();
    if (pids[i] == 0) {
      struct appliance_paths p;
      if (build (confdir, cachedir, &p) < 0)
        _exit (1);
      struct archive a;
      int ok = cpio_read (p.initrd, &a) == 0 && find (&a, "init") != NULL;
      _exit (ok ? 0 : 2);
    }
  }
  for (int i = 0; i < 3; i++) {
    int status;
    waitpid (pids[i], &status, 0);
    CHECK (WIFEXITED (status) && WEXITSTATUS (status) == 0,
           "concurrent builder %d succeeded (status %d)", i, status);
  }
}

int
main (void)
{
  if (access ("/boot", R_OK) < 0) {
    printf ("SKIP: no /boot\n");
    return 77;
  }
  /* the single-initrd layout first; test_root_image() checks the other */
  setenv ("GUESTFERRY_NO_ROOT_IMAGE", "1", 1);
  char tmp[] = "/tmp/test-appliance-XXXXXX";
  if (!mkdtemp (tmp)) { perror ("mkdtemp"); return 1; }
  char confdir[4200], conf[4300], cache[4200], cache2[4200], fixed[4200];
  snprintf (confdir, sizeof confdir, "%s/conf", tmp);
  snprintf (conf, sizeof conf, "%s/appliance.conf", confdir);
  snprintf (cache, sizeof cache, "%s/cache", tmp);
  snprintf (cache2, sizeof cache2, "%s/cache2", tmp);
  snprintf (fixed, sizeof fixed, "%s/fixed", tmp);
  mkdir (confdir, 0755); mkdir (cache, 0755); mkdir (cache2, 0755); mkdir (fixed, 0755);
  write_file (conf, base_conf);

  /* Cold build. */
  struct appliance_paths p1, p2, p3;
  double t0 = now ();
  if (build (confdir, cache, &p1) < 0)
    return 1;
  double cold = now () - t0;
  printf ("cold build: %.3f s -> %s (kernel %s)\n", cold, p1.dir,
          p1.kernel_is_elf ? "vmlinux/PVH" : "bzImage");
  CHECK (strstr (p1.dir, "/.guestferry-") && strstr (p1.dir, "/appliance-"),
         "cache layout: %s", p1.dir);
  CHECK (p1.kernel_is_elf == file_is_elf_pvh (p1.kernel), "kernel_is_elf matches");
  check_initrd (&p1);
  struct stat st;
  char root[4300];
  snprintf (root, sizeof root, "%s/.guestferry-%u", cache, (unsigned) geteuid ());
  CHECK (stat (root, &st) == 0 && (st.st_mode & 0777) == 0700, "cache dir is 0700");

  /* Warm: same directory. */
  t0 = now ();
  CHECK (build (confdir, cache, &p2) == 0, "warm build");
  printf ("cached lookup: %.3f s\n", now () - t0);
  CHECK (p2.dir && strcmp (p1.dir, p2.dir) == 0, "cache hit gives the same dir");

  /* A changed conf changes the key. */
  char more[sizeof base_conf + 64];
  snprintf (more, sizeof more, "%sprogram cat\nmodule-lazy xfs\n", base_conf);
  write_file (conf, more);
  t0 = now ();
  CHECK (build (confdir, cache, &p3) == 0, "rebuild after conf change");
  printf ("rebuild with cached kernel: %.3f s\n", now () - t0);
  CHECK (p3.dir && strcmp (p1.dir, p3.dir) != 0, "changed conf gives a new key");
  CHECK (access (p1.initrd, F_OK) == 0, "recently used appliance is kept");
  check_lazy (&p3);
  appliance_paths_free (&p2);
  appliance_paths_free (&p3);

  test_root_image (confdir, cache);

  /* Concurrent cold builds into an empty cache. */
  t0 = now ();
  test_concurrent (confdir, cache2);
  printf ("3 concurrent cold builds: %.3f s\n", now () - t0);

  /* A fixed appliance is returned as it is. */
  char k[4300], i[4300];
  snprintf (k, sizeof k, "%s/kernel", fixed);
  snprintf (i, sizeof i, "%s/initrd", fixed);
  write_file (k, "k"); write_file (i, "i");
  char path[9000];
  snprintf (path, sizeof path, "%s/nothing:%s:%s", tmp, fixed, confdir);
  CHECK (build (path, cache, &p2) == 0 && strcmp (p2.kernel, k) == 0 &&
         strcmp (p2.initrd, i) == 0, "fixed appliance first on the path");
  appliance_paths_free (&p2);

  /* Errors. */
  struct appliance_request req = { tmp, cache, NULL, NULL };
  char *err = NULL;
  CHECK (appliance_find_or_build (&req, &p2, &err) == -1 && err &&
         strstr (err, "cannot find an appliance"), "no appliance: %s", err ? err : "");
  free (err);
  if (geteuid () == 0) {        /* a cache dir owned by someone else is refused */
    char evil[4300], eroot[4400];
    snprintf (evil, sizeof evil, "%s/evil", tmp);
    snprintf (eroot, sizeof eroot, "%s/.guestferry-0", evil);
    mkdir (evil, 0777); mkdir (eroot, 0777);
    if (chown (eroot, 1, 1) == 0) {
      req.path = confdir; req.cachedir = evil; err = NULL;
      CHECK (appliance_find_or_build (&req, &p2, &err) == -1 && err &&
             strstr (err, "refusing"), "foreign cache dir refused: %s", err ? err : "");
      free (err);
    }
  }
  write_file (conf, "program ls\nbogus line\n");
  req.path = confdir; req.cachedir = cache; err = NULL;
  CHECK (appliance_find_or_build (&req, &p2, &err) == -1 && err &&
         strstr (err, "unknown directive"), "bad conf: %s", err ? err : "");
  free (err);
  appliance_paths_free (&p1);

  char cmd[5000];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", tmp);
  if (!getenv ("TEST_APPLIANCE_KEEP") && system (cmd) != 0)
    fprintf (stderr, "cannot remove %s\n", tmp);
  printf ("%s\n", failures ? "FAILED" : "all appliance checks passed");
  return failures ? 1 : 0;
}
