/* Warm start of the direct backend: restore a booted, idle appliance
 * saved by qemu instead of booting one.
 *
 * The saved state ("template") is an appliance booted with everything
 * fixed (root image, channel, an empty virtio-scsi controller) but no
 * user drive, stopped once its daemon is ready and migrated to a file.
 * A launch restores it (qemu -incoming fd:3), hot-adds the user's drives
 * with exactly the -drive/-device values of a cold boot, resumes it and
 * sends the daemon the resume message (number of disks, host time,
 * fresh random bytes, verbose flag); the daemon scans the disks in order
 * and sends a second launch flag.
 *
 * The state file is keyed by everything in it (qemu binary, kernel,
 * initrd, root image, machine, accelerator, memory, CPUs, extra kernel
 * arguments) and lives next to the appliance in the cache.  It is built
 * under an flock, into a temporary file renamed into place, so parallel
 * launchers never see a partial one; a launcher that finds the lock taken
 * boots cold rather than wait.  Every failure ends in a cold boot, never
 * in an error; a state that cannot be loaded is deleted (rebuilt next
 * time).  Backend setting warm=0 turns this off. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <dirent.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "launch-direct.h"
#include "qmp.h"

#define WARM_FORMAT "guestferry-warm-2"   /* bump when the qemu command line changes */
#define QMP_TIMEOUT_MS (60 * 1000)
#define SAVE_TIMEOUT_MS (300 * 1000)
#define RESUME_TIMEOUT_MS (120 * 1000)
#define STALE_SECONDS 3600             /* unused states older than this are removed */

/* The resume message, as daemon/main.c reads it (big-endian):
 * magic, disks, flags, 0, tv_sec (8), tv_nsec (8), seed. */
#define RESUME_MAGIC 0x57524d31
#define RESUME_SEED_LEN 64
#define RESUME_MSG_LEN (32 + RESUME_SEED_LEN)
#define RESUME_VERBOSE 1

/* ---- is it on, and where is the state ---- */

static const char *
warm_disabled_reason (guestfs_h *g)
{
  const char *v = guestfs_int_get_backend_setting (g, "warm");
  if (v && (strcmp (v, "0") == 0 || strcmp (v, "off") == 0 || strcmp (v, "no") == 0 ||
            strcmp (v, "false") == 0))
    return "backend setting warm=0";
  if (!guestfs_int_hv_can_restore (g))
    return "the hypervisor's -help lists no -incoming or -mon";
  return NULL;
}

static uint64_t
fnv (uint64_t h, const void *p, size_t n)
{
  const unsigned char *c = p;
  for (size_t i = 0; i < n; i++) {
    h ^= c[i];
    h *= 0x100000001b3ULL;
  }
  return h;
}

static uint64_t
fnv_str (uint64_t h, const char *s)
{
  return fnv (h, s ? s : "", s ? strlen (s) + 1 : 1);
}

/* A file's identity: path, size, mtime, inode (0s if it is missing). */
static uint64_t
fnv_file (uint64_t h, const char *path)
{
  struct stat st;
  memset (&st, 0, sizeof st);
  h = fnv_str (h, path);
  if (path && stat (path, &st) == 0) {
    int64_t v[4] = { st.st_size, st.st_mtim.tv_sec, st.st_mtim.tv_nsec, (int64_t) st.st_ino };
    h = fnv (h, v, sizeof v);
  }
  return h;
}

/* The hypervisor binary as exec would find it. */
static char *
find_hv (guestfs_h *g)
{
  if (strchr (g->hv, '/')) return safe_strdup (g, g->hv);
  const char *path = getenv ("PATH");
  CLEANUP_FREE char *copy = safe_strdup (g, path ? path : "/usr/bin:/bin");
  char *save = NULL;
  for (char *dir = strtok_r (copy, ":", &save); dir; dir = strtok_r (NULL, ":", &save)) {
    char *p = safe_asprintf (g, "%s/%s", dir, g->hv);
    if (access (p, X_OK) == 0) return p;
    free (p);
  }
  return safe_strdup (g, g->hv);
}

static uint64_t
state_key (guestfs_h *g, const struct appliance_paths *ap, enum machine m, bool kvm)
{
  CLEANUP_FREE char *hv = find_hv (g);
  uint64_t h = fnv_str (0xcbf29ce484222325ULL, WARM_FORMAT);
  h = fnv_file (h, hv);
  h = fnv_file (h, ap->kernel);
  h = fnv_file (h, ap->initrd);
  h = fnv_file (h, ap->root);
  int v[4] = { (int) m, kvm, g->memsize, g->smp };
  h = fnv (h, v, sizeof v);
  return fnv_str (h, g->append);
}

/* A built appliance's own directory (removed with it); else, for a fixed
 * appliance, the cache root. */
static char *
state_dir (guestfs_h *g, const struct appliance_paths *ap)
{
  char base[PATH_MAX];
  if (!realpath (guestfs_int_cachedir (g), base)) return NULL;
  char *root = safe_asprintf (g, "%s/.guestferry-%d", strcmp (base, "/") ? base : "",
                              (int) geteuid ());
  size_t n = strlen (root);
  if (ap->dir && strncmp (ap->dir, root, n) == 0 && ap->dir[n] == '/') {
    free (root);
    return safe_strdup (g, ap->dir);
  }
  if (mkdir (root, 0700) == -1 && errno != EEXIST) {
    free (root);
    return NULL;
  }
  return root;
}

/* Remove other states (and leftovers of crashed builds) unused for an hour. */
static void
remove_stale_states (const char *dir, const char *keep)
{
  DIR *d = opendir (dir);
  if (!d) return;
  struct dirent *e;
  time_t now = time (NULL);
  while ((e = readdir (d)) != NULL) {
    struct stat st;
    if (strncmp (e->d_name, "warm-", 5) != 0 || strcmp (e->d_name, keep) == 0 ||
        fstatat (dirfd (d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == -1 ||
        !S_ISREG (st.st_mode) || now - st.st_mtime < STALE_SECONDS)
      continue;
    unlinkat (dirfd (d), e->d_name, 0);
  }
  closedir (d);
}

/* ---- qemu with a monitor ---- */

struct vm {
  struct direct *d;
  struct qmp qmp;
  char *sockpath, *qmppath;
};

static void
vm_kill (guestfs_h *g, struct vm *vm)
{
  guestfs_int_qmp_close (&vm->qmp);
  guestfs_int_stop_qemu (g, vm->d, false);
  guestfs_int_close_conn (g);
}

/* Start qemu and take both its connections (channel into g->sock). */
static int
vm_start (guestfs_h *g, struct vm *vm, const struct appliance_paths *ap,
          struct qemu_config *cfg, int keep_fd)
{
  vm->qmp.fd = -1;
  vm->sockpath = guestfs_int_make_sockpath (g, "guestfsd.sock");
  vm->qmppath = guestfs_int_make_sockpath (g, "qmp.sock");
  if (!vm->sockpath || !vm->qmppath) return -1;
  cfg->sockpath = vm->sockpath;
  cfg->qmppath = vm->qmppath;
  int lch = guestfs_int_make_listen_socket (g, vm->sockpath);
  int lqmp = lch >= 0 ? guestfs_int_make_listen_socket (g, vm->qmppath) : -1;
  CLEANUP_FREE_STRV char **argv = guestfs_int_direct_argv (g, ap, cfg);
  int r = -1, qfd = -1;
  if (lqmp >= 0 && guestfs_int_direct_start (g, vm->d, argv, keep_fd) == 0) {
    int64_t deadline = guestfs_int_elapsed_ms (g) + QMP_TIMEOUT_MS;
    if (guestfs_int_accept_qemu (g, lch, deadline, &g->sock) == 0 &&
        guestfs_int_accept_qemu (g, lqmp, deadline, &qfd) == 0)
      r = guestfs_int_qmp_open (g, &vm->qmp, qfd, QMP_TIMEOUT_MS);
    else
      error (g, "qemu did not connect to its sockets");
  }
  if (lch >= 0) { close (lch); unlink (vm->sockpath); }
  if (lqmp >= 0) { close (lqmp); unlink (vm->qmppath); }
  return r;
}

static void
vm_free (struct vm *vm)
{
  free (vm->sockpath);
  free (vm->qmppath);
}

static int
qmp_simple (guestfs_h *g, struct vm *vm, const char *json, int pass_fd)
{
  char *r = guestfs_int_qmp_command (g, &vm->qmp, json, pass_fd, QMP_TIMEOUT_MS);
  free (r);
  return r ? 0 : -1;
}

/* Poll a query command's "status" until it leaves the `busy` states. */
static char *
wait_status (guestfs_h *g, struct vm *vm, const char *query, const char *const *busy,
             int timeout_ms)
{
  int64_t deadline = guestfs_int_elapsed_ms (g) + timeout_ms;
  for (;;) {
    CLEANUP_FREE char *reply = guestfs_int_qmp_command (g, &vm->qmp, query, -1, QMP_TIMEOUT_MS);
    if (!reply) return NULL;
    char *st = guestfs_int_qmp_status (reply);
    bool waiting = false;
    for (size_t i = 0; st && busy[i]; i++)
      if (strcmp (st, busy[i]) == 0) waiting = true;
    if (!waiting) return st ? st : safe_strdup (g, "");
    free (st);
    if (guestfs_int_elapsed_ms (g) > deadline) {
      error (g, "%s: timed out", query);
      return NULL;
    }
    guestfs_int_drain_console (g, 2);
  }
}

/* ---- building the state ---- */

/* Boot the template, wait for its daemon, migrate it into tmp_fd. */
static int
save_template (guestfs_h *g, const struct appliance_paths *ap, enum machine m, bool kvm,
               int tmp_fd)
{
  struct direct tmpl = { .recovery_fd = -1 };
  struct vm vm = { .d = &tmpl };
  struct qemu_config cfg = { .mode = QEMU_TEMPLATE, .machine = m, .kvm = kvm };
  static const char *const migrating[] = { "setup", "active", "pre-switchover", "device", NULL };
  CLEANUP_FREE char *st = NULL;
  int r = -1;

  if (vm_start (g, &vm, ap, &cfg, -1) == -1) goto out;
  int w = guestfs_int_wait_for_launch_flag (g, LAUNCH_TIMEOUT_MS);
  if (w != CONN_OK) {
    CLEANUP_FREE char *hint = guestfs_int_console_hint (g);
    error (g, "the template appliance did not start%s", hint);
    goto out;
  }
  debug (g, "launch: warm template booted at %" PRIi64 " ms", guestfs_int_elapsed_ms (g));
  /* a stopped guest is saved in one pass; the default bandwidth cap (32
   * MiB/s) is meant for networks, not files */
  if (qmp_simple (g, &vm, "{\"execute\": \"stop\"}", -1) == -1 ||
      qmp_simple (g, &vm, "{\"execute\": \"migrate-set-parameters\", "
                  "\"arguments\": {\"max-bandwidth\": 1099511627776}}", -1) == -1 ||
      qmp_simple (g, &vm, "{\"execute\": \"getfd\", \"arguments\": {\"fdname\": \"warm\"}}",
                  tmp_fd) == -1 ||
      qmp_simple (g, &vm, "{\"execute\": \"migrate\", \"arguments\": {\"uri\": \"fd:warm\"}}",
                  -1) == -1)
    goto out;
  st = wait_status (g, &vm, "{\"execute\": \"query-migrate\"}", migrating, SAVE_TIMEOUT_MS);
  if (!st) goto out;
  if (strcmp (st, "completed") != 0) {
    error (g, "saving the template: migration %s", st);
    goto out;
  }
  r = 0;
 out:
  vm_kill (g, &vm);
  vm_free (&vm);
  return r;
}

/* 0 built, 1 someone else is building it, -1 failed (error set). */
static int
build_state (guestfs_h *g, const struct appliance_paths *ap, enum machine m, bool kvm,
             const char *dir, const char *name)
{
  CLEANUP_FREE char *lock = safe_asprintf (g, "%s/%s.lock", dir, name);
  CLEANUP_FREE char *state = safe_asprintf (g, "%s/%s", dir, name);
  CLEANUP_FREE char *tmp = safe_asprintf (g, "%s/%s.tmp.%d", dir, name, (int) getpid ());
  int lfd = open (lock, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lfd == -1) {
    perrorf (g, "open %s", lock);
    return -1;
  }
  if (flock (lfd, LOCK_EX | LOCK_NB) == -1) {
    close (lfd);
    return 1;
  }
  int r = 0;
  if (access (state, F_OK) == 0)    /* built while we were getting the lock */
    goto out;
  int tfd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (tfd == -1) {
    perrorf (g, "open %s", tmp);
    r = -1;
    goto out;
  }
  int64_t t0 = guestfs_int_elapsed_ms (g);
  r = save_template (g, ap, m, kvm, tfd);
  struct stat st;
  if (r == 0 && (fstat (tfd, &st) == -1 || st.st_size == 0)) {
    error (g, "saving the template: empty state file");
    r = -1;
  }
  close (tfd);
  if (r == 0 && rename (tmp, state) == -1) {
    perrorf (g, "rename %s", tmp);
    r = -1;
  }
  if (r == -1) unlink (tmp);
  else {
    debug (g, "launch: warm state %s saved (%jd MB) in %" PRIi64 " ms", state,
           (intmax_t) st.st_size >> 20, guestfs_int_elapsed_ms (g) - t0);
    remove_stale_states (dir, name);
  }
 out:
  close (lfd);                     /* releases the lock */
  return r;
}

/* ---- restoring it ---- */

static void
put_be32 (unsigned char *p, uint32_t v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static void
put_be64 (unsigned char *p, uint64_t v)
{
  put_be32 (p, v >> 32);
  put_be32 (p + 4, (uint32_t) v);
}

static int
send_resume (guestfs_h *g)
{
  unsigned char m[RESUME_MSG_LEN] = { 0 };
  put_be32 (m, RESUME_MAGIC);
  put_be32 (m + 4, (uint32_t) g->nr_drives);
  put_be32 (m + 8, g->verbose ? RESUME_VERBOSE : 0);
  if (getrandom (m + 32, RESUME_SEED_LEN, 0) != RESUME_SEED_LEN) {
    perrorf (g, "getrandom");
    return -1;
  }
  struct timespec now;
  clock_gettime (CLOCK_REALTIME, &now);
  put_be64 (m + 16, (uint64_t) now.tv_sec);
  put_be64 (m + 24, (uint64_t) now.tv_nsec);
  int r = guestfs_int_conn_write (g, m, sizeof m, NULL);
  memset (m, 0, sizeof m);
  if (r != CONN_OK) {
    error (g, "sending the resume message: the appliance closed the channel");
    return -1;
  }
  return 0;
}

/* Hot-add drive i exactly as a cold boot would attach it. */
static int
add_drive (guestfs_h *g, struct vm *vm, size_t i)
{
  CLEANUP_FREE char *value = guestfs_int_drive_value (g, i);
  CLEANUP_FREE char *device = guestfs_int_drive_device (g, i);
  CLEANUP_FREE char *cmd1 = safe_asprintf (g, "drive_add 0 %s", value);
  CLEANUP_FREE char *cmd2 = safe_asprintf (g, "device_add %s", device);
  CLEANUP_FREE char *out1 = NULL, *out2 = NULL;
  if (guestfs_int_qmp_hmp (g, &vm->qmp, cmd1, &out1, QMP_TIMEOUT_MS) == -1) return -1;
  out1[strcspn (out1, "\r\n")] = '\0';
  if (strcmp (out1, "OK") != 0) {
    error (g, "drive_add hd%zu: %s", i, out1);
    return -1;
  }
  if (guestfs_int_qmp_hmp (g, &vm->qmp, cmd2, &out2, QMP_TIMEOUT_MS) == -1) return -1;
  out2[strcspn (out2, "\r\n")] = '\0';
  if (*out2) {
    error (g, "device_add hd%zu: %s", i, out2);
    return -1;
  }
  return 0;
}

/* 0 ok; -1 failed (error set; *bad_state if the state itself did not load). */
static int
restore (guestfs_h *g, struct direct *d, const struct appliance_paths *ap, enum machine m,
         bool kvm, const char *state, bool *bad_state)
{
  struct vm vm = { .d = d };
  struct qemu_config cfg = { .mode = QEMU_RESTORE, .machine = m, .kvm = kvm };
  static const char *const loading[] = { "inmigrate", "prelaunch", NULL };
  CLEANUP_FREE char *st = NULL;
  int r = -1;
  int sfd = open (state, O_RDONLY | O_CLOEXEC);
  if (sfd == -1) {
    perrorf (g, "open %s", state);
    return -1;
  }
  *bad_state = true;
  int s = vm_start (g, &vm, ap, &cfg, sfd);
  close (sfd);
  if (s == -1) goto out;
  st = wait_status (g, &vm, "{\"execute\": \"query-status\"}", loading, LAUNCH_TIMEOUT_MS);
  if (!st) goto out;
  if (strcmp (st, "paused") != 0 && strcmp (st, "running") != 0) {
    error (g, "restored appliance is in state %s", st);
    goto out;
  }
  *bad_state = false;
  debug (g, "launch: warm state loaded at %" PRIi64 " ms", guestfs_int_elapsed_ms (g));
  for (size_t i = 0; i < g->nr_drives; i++)
    if (add_drive (g, &vm, i) == -1) goto out;
  if (strcmp (st, "paused") == 0 && qmp_simple (g, &vm, "{\"execute\": \"cont\"}", -1) == -1)
    goto out;
  if (send_resume (g) == -1) goto out;
  /* A resumed guest answers in well under a second; one that has not
   * answered in RESUME_TIMEOUT_MS is stuck, and a cold boot is the better
   * bet than waiting out the whole launch timeout. */
  int64_t left = LAUNCH_TIMEOUT_MS - guestfs_int_elapsed_ms (g);
  if (left > RESUME_TIMEOUT_MS) left = RESUME_TIMEOUT_MS;
  int w = guestfs_int_wait_for_launch_flag (g, left > 0 ? (int) left : 0);
  if (w != CONN_OK) {
    CLEANUP_FREE char *hint = guestfs_int_console_hint (g);
    error (g, "the restored appliance did not answer%s", hint);
    goto out;
  }
  guestfs_int_drain_console (g, 0);
  r = 0;
 out:
  if (r == 0) guestfs_int_qmp_close (&vm.qmp);   /* qemu runs on without it */
  else vm_kill (g, &vm);
  vm_free (&vm);
  return r;
}

/* ---- the warm launch ---- */

static enum warm_result
try_warm (guestfs_h *g, struct direct *d, const struct appliance_paths *ap, enum machine m,
          bool kvm, const char **why)
{
  CLEANUP_FREE char *dir = state_dir (g, ap);
  if (!dir) {
    *why = "no cache directory for the saved state";
    return WARM_COLD;
  }
  CLEANUP_FREE char *name = safe_asprintf (g, "warm-%016" PRIx64 ".state",
                                           state_key (g, ap, m, kvm));
  CLEANUP_FREE char *state = safe_asprintf (g, "%s/%s", dir, name);
  struct stat st0;
  if (stat (state, &st0) == -1) {
    debug (g, "launch: no warm state %s: saving one", state);
    int b = build_state (g, ap, m, kvm, dir, name);
    if (b == 1) {
      *why = "another launch is saving the warm state";
      return WARM_COLD;
    }
    if (b == -1 || stat (state, &st0) == -1) {
      *why = "could not save the warm state";
      return WARM_COLD;
    }
  }
  bool bad_state = false;
  if (restore (g, d, ap, m, kvm, state, &bad_state) == 0) {
    utimensat (AT_FDCWD, state, NULL, 0);   /* in use: not stale */
    debug (g, "launch: warm start: restored %s", state);
    return WARM_OK;
  }
  struct stat st1;
  if (bad_state && stat (state, &st1) == 0 && st1.st_ino == st0.st_ino) {
    debug (g, "launch: removing warm state %s: it did not load", state);
    unlink (state);
  }
  *why = "the restore failed";
  return WARM_COLD;
}

enum warm_result
guestfs_int_warm_launch (guestfs_h *g, struct direct *d, const struct appliance_paths *ap,
                         enum machine m, bool kvm)
{
  const char *why = warm_disabled_reason (g);
  if (why) {
    debug (g, "launch: cold boot: %s", why);
    return WARM_COLD;
  }
  /* failures here only mean a cold boot: keep them from the caller's
   * error handler, but say what they were in the debug log */
  guestfs_push_error_handler (g, NULL, NULL);
  free (g->last_error);
  g->last_error = NULL;
  enum warm_result r = try_warm (g, d, ap, m, kvm, &why);
  guestfs_pop_error_handler (g);
  if (r == WARM_COLD) {
    debug (g, "launch: cold boot: %s%s%s", why, g->last_error ? ": " : "",
           g->last_error ? g->last_error : "");
    g->console_tail_len = 0;
  }
  return r;
}
