/* The "direct" backend: run qemu ourselves, with the appliance kernel and
 * initrd, the drives on virtio-scsi and the daemon channel on
 * virtio-serial connected to a unix socket in the handle's tmpdir.
 *
 * Machine type: backend setting "machine=microvm" or "machine=q35"
 * (LIBGUESTFS_BACKEND_SETTINGS=machine=q35).  The default is microvm, and
 * q35 is the fallback when qemu exits during a default microvm launch
 * (a qemu without microvm, say).  microvm has no PCI bus and no firmware
 * to run, so it reaches the kernel sooner (~0.2-0.3 s under TCG, and
 * ~15% less qemu CPU time per launch); its devices are virtio-mmio
 * ("virtio-*-device").  It has
 * no HPET or ACPI PM timer either, and the guest kernel's TSC calibration
 * against the emulated PIT then fails now and then under TCG on a busy
 * host (the boot hangs), so the host TSC rate is passed as tsc_early_khz.
 *
 * Root image: if the appliance has one (appliance_paths.root: the bulk of
 * the programs and libraries, a read-only squashfs), it is attached as a
 * read-only virtio-blk disk, so the guest sees it as /dev/vda and the
 * user's disks stay /dev/sda... on virtio-scsi; the daemon mounts it on
 * /usr and removes the /dev/vda node so that it is not listed. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>

#include "launch-direct.h"

#define SHUTDOWN_TIMEOUT_MS (60 * 1000)
#define MACHINE_DEFAULT MACHINE_MICROVM

/* ---- small argv builder ---- */

struct strv { char **v; size_t n; };

static void
strv_add (guestfs_h *g, struct strv *s, char *str)   /* takes ownership */
{
  s->v = guestfs_int_safe_realloc (g, s->v, (s->n + 2) * sizeof (char *));
  s->v[s->n++] = str;
  s->v[s->n] = NULL;
}

#define ADD(s) strv_add (g, &argv, safe_strdup (g, (s)))
#define ADDF(...) strv_add (g, &argv, safe_asprintf (g, __VA_ARGS__))

/* qemu option values separate parameters with commas: double them. */
static char *
qemu_escape (guestfs_h *g, const char *s)
{
  char *r = guestfs_int_safe_malloc (g, strlen (s) * 2 + 1), *o = r;
  for (; *s; s++) {
    if (*s == ',') *o++ = ',';
    *o++ = *s;
  }
  *o = '\0';
  return r;
}

/* ---- KVM verdict, cached for the process and across processes ---- */

static int kvm_broken_global;   /* set once qemu died at start with KVM */

static char *
kvm_cache_file (guestfs_h *g)
{
  return safe_asprintf (g, "%s/.guestferry-%d/kvm-broken", guestfs_int_cachedir (g), (int) geteuid ());
}

/* The cache is valid for one boot of the host and one hv binary. */
static char *
kvm_cache_key (guestfs_h *g)
{
  char boot_id[64] = "";
  int fd = open ("/proc/sys/kernel/random/boot_id", O_RDONLY | O_CLOEXEC);
  if (fd >= 0) {
    ssize_t n = read (fd, boot_id, sizeof boot_id - 1);
    close (fd);
    boot_id[n > 0 ? n : 0] = '\0';
    char *nl = strchr (boot_id, '\n');
    if (nl) *nl = '\0';
  }
  return safe_asprintf (g, "%s %s\n", boot_id, g->hv);
}

static bool
kvm_known_broken (guestfs_h *g)
{
  if (__atomic_load_n (&kvm_broken_global, __ATOMIC_RELAXED)) return true;
  CLEANUP_FREE char *file = kvm_cache_file (g);
  CLEANUP_FREE char *key = kvm_cache_key (g);
  char buf[512];
  int fd = open (file, O_RDONLY | O_CLOEXEC);
  if (fd == -1) return false;
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0) return false;
  buf[n] = '\0';
  return strcmp (buf, key) == 0;
}

static void
record_kvm_broken (guestfs_h *g)
{
  __atomic_store_n (&kvm_broken_global, 1, __ATOMIC_RELAXED);
  CLEANUP_FREE char *file = kvm_cache_file (g);
  CLEANUP_FREE char *key = kvm_cache_key (g);
  CLEANUP_FREE char *dir = safe_strdup (g, file);
  *strrchr (dir, '/') = '\0';
  mkdir (dir, 0755);
  CLEANUP_FREE char *tmp = safe_asprintf (g, "%s.%d", file, (int) getpid ());
  int fd = open (tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd == -1) return;
  ssize_t r = write (fd, key, strlen (key));
  close (fd);
  if (r == (ssize_t) strlen (key)) rename (tmp, file);
  else unlink (tmp);
}

static bool
want_kvm (guestfs_h *g)
{
  if (guestfs_int_get_backend_setting (g, "force_tcg")) return false;
  if (guestfs_int_get_backend_setting (g, "force_kvm")) return true;
  if (kvm_known_broken (g)) return false;
  int fd = open ("/dev/kvm", O_RDWR | O_CLOEXEC);
  if (fd == -1) {
    debug (g, "/dev/kvm is not usable (%s): using TCG", strerror (errno));
    return false;
  }
  close (fd);
  return true;
}

/* ---- what this qemu supports, from its -help: asked once per hv per process ---- */

enum { HV_SANDBOX = 1, HV_INCOMING = 2, HV_MONITOR = 4 };

static pthread_mutex_t hv_help_lock = PTHREAD_MUTEX_INITIALIZER;
static char *hv_help_hv;
static int hv_help_flags;

static int
hv_features (guestfs_h *g)
{
  pthread_mutex_lock (&hv_help_lock);
  if (hv_help_hv && strcmp (hv_help_hv, g->hv) == 0) {
    int r = hv_help_flags;
    pthread_mutex_unlock (&hv_help_lock);
    return r;
  }
  pthread_mutex_unlock (&hv_help_lock);

  char *argv[] = { g->hv, (char *) "-help", NULL };
  CLEANUP_FREE char *out = NULL, *err = NULL;
  int status = guestfs_int_run_command (g, argv, &out, &err);
  int flags = 0;
  if (status == 0 && out) {
    if (strstr (out, "\n-sandbox ")) flags |= HV_SANDBOX;
    if (strstr (out, "\n-incoming ")) flags |= HV_INCOMING;
    if (strstr (out, "\n-mon ")) flags |= HV_MONITOR;
  }

  pthread_mutex_lock (&hv_help_lock);
  free (hv_help_hv);
  hv_help_hv = strdup (g->hv);
  hv_help_flags = flags;
  pthread_mutex_unlock (&hv_help_lock);
  return flags;
}

static bool
qemu_has_sandbox (guestfs_h *g)
{
  return hv_features (g) & HV_SANDBOX;
}

bool
guestfs_int_hv_can_restore (guestfs_h *g)
{
  int f = hv_features (g);
  return (f & HV_INCOMING) && (f & HV_MONITOR);
}

/* ---- machine type ---- */

/* -1 if the setting names no machine we know (an error is set). */
static int
choose_machine (guestfs_h *g, enum machine *m)
{
  const char *s = guestfs_int_get_backend_setting (g, "machine");
  if (s == NULL || *s == '\0') { *m = MACHINE_DEFAULT; return 0; }
  if (strcmp (s, "q35") == 0) { *m = MACHINE_Q35; return 0; }
  if (strcmp (s, "microvm") == 0) { *m = MACHINE_MICROVM; return 0; }
  error (g, "launch: backend setting machine=%s: unknown machine (use q35 or microvm)", s);
  return -1;
}

const char *
guestfs_int_machine_name (enum machine m)
{
  return m == MACHINE_MICROVM ? "microvm" : "q35";
}

/* "virtio-scsi" -> "virtio-scsi-pci" (q35) or "virtio-scsi-device" (microvm) */
static char *
virtio_dev (guestfs_h *g, enum machine m, const char *base, const char *opts)
{
  return safe_asprintf (g, "%s-%s%s%s", base, m == MACHINE_MICROVM ? "device" : "pci",
                        opts ? "," : "", opts ? opts : "");
}

/* Measured once per process: it costs ~30 ms. */
static pthread_once_t tsc_once = PTHREAD_ONCE_INIT;
static unsigned long tsc_khz;

static void
measure_tsc (void)
{
  tsc_khz = appliance_host_tsc_khz ();
}

static unsigned long
host_tsc_khz (void)
{
  pthread_once (&tsc_once, measure_tsc);
  return tsc_khz;
}

/* ---- the qemu command line ---- */

/* qemu's "file" driver takes only regular files: a block device needs
 * "host_device", and a character device (guestfish -a /dev/null) is an
 * 4096-byte disk of zeroes, as in libguestfs. */
static char *
drive_source (guestfs_h *g, const char *file, const char *esc)
{
  struct stat st;
  if (stat (file, &st) == 0 && S_ISCHR (st.st_mode))
    return safe_strdup (g, "file.driver=null-co,file.size=4096,file.read-zeroes=on");
  return safe_asprintf (g, "file.driver=%s,file.filename=%s",
                        stat (file, &st) == 0 && S_ISBLK (st.st_mode) ? "host_device" : "file",
                        esc);
}

char *
guestfs_int_drive_value (guestfs_h *g, size_t i)
{
  struct drive *d = g->drives[i];
  const char *file = d->overlay ? d->overlay : d->filename;
  const char *fmt = d->overlay ? "qcow2" : d->format;
  CLEANUP_FREE char *esc = qemu_escape (g, file);
  CLEANUP_FREE char *source = drive_source (g, file, esc);
  return safe_asprintf (g, "%s%s%s,if=none,id=hd%zu,cache=%s,aio=threads%s%s",
                        source, fmt ? ",format=" : "", fmt ? fmt : "", i,
                        d->cache_unsafe ? "unsafe" : "writeback",
                        d->discard ? ",discard=unmap" : "",
                        d->copyonread ? ",copy-on-read=on" : "");
}

/* Disk i is SCSI target i: the daemon scans targets in order, so that
 * disk i is always the (i+1)th sd name. */
char *
guestfs_int_drive_device (guestfs_h *g, size_t i)
{
  struct drive *d = g->drives[i];
  if (d->blocksize)
    return safe_asprintf (g, "scsi-hd,drive=hd%zu,bus=scsi.0,channel=0,scsi-id=%zu,lun=0,"
                          "physical_block_size=%d,logical_block_size=%d",
                          i, i, d->blocksize, d->blocksize);
  return safe_asprintf (g, "scsi-hd,drive=hd%zu,bus=scsi.0,channel=0,scsi-id=%zu,lun=0", i, i);
}

/* A warm template has no user drives: they are hot-added after each
 * restore, and its SCSI controller announces no hotplug events (the
 * daemon scans the targets itself, in order, when told to). */
static void
add_drives (guestfs_h *g, struct strv *argvp, enum machine m, const char *root, bool warm)
{
  struct strv argv = *argvp;
  if (root) {
    CLEANUP_FREE char *esc = qemu_escape (g, root);
    ADD ("-drive");
    ADDF ("file.driver=file,file.filename=%s,format=raw,if=none,id=approot,readonly=on,cache=unsafe", esc);
    ADD ("-device"); strv_add (g, &argv, virtio_dev (g, m, "virtio-blk", "drive=approot"));
  }
  ADD ("-device");
  strv_add (g, &argv, virtio_dev (g, m, "virtio-scsi", warm ? "id=scsi,hotplug=off" : "id=scsi"));
  for (size_t i = 0; !warm && i < g->nr_drives; i++) {
    ADD ("-drive"); strv_add (g, &argv, guestfs_int_drive_value (g, i));
    ADD ("-device"); strv_add (g, &argv, guestfs_int_drive_device (g, i));
  }
  *argvp = argv;
}

static char *
kernel_cmdline (guestfs_h *g, enum machine m, bool kvm, bool warm)
{
  char tsc[48] = "";
  if (m == MACHINE_MICROVM && host_tsc_khz () > 0)
    snprintf (tsc, sizeof tsc, "tsc_early_khz=%lu ", host_tsc_khz ());
  /* Boot speed under TCG, where every guest instruction is emulated:
   * rodata=off skips the boot-time W+X page table walk (~0.1-0.25 s);
   * the two initcalls are a KDF self-test and kprobe event setup (~0.2 s),
   * useless in the appliance; init_on_alloc=0 stops zeroing every page
   * allocation; TCG does not speculate, so Spectre mitigations (retpolines,
   * RSB filling ...) only cost time there. */
  return safe_asprintf (g, "panic=1 console=ttyS0 edd=off no_timer_check noreplace-smp "
                        "cryptomgr.notests tsc=reliable 8250.nr_uarts=1 rodata=off "
                        "initcall_blacklist=crypto_kdf108_init,init_kprobe_trace "
                        "init_on_alloc=0 %sprintk.time=1 %s%s%s%s%s%s",
                        kvm ? "" : "mitigations=off ", tsc,
                        /* a template's kernel stays quiet: its later
                         * messages would slow every restored launch */
                        warm ? "quiet guestfs_warm=1" : "",
                        g->verbose ? (warm ? " guestfs_verbose=1" : "guestfs_verbose=1")
                                   : (warm ? "" : "quiet"),
                        g->trace ? " guestfs_trace=1" : "",
                        g->append ? " " : "", g->append ? g->append : "");
}

char **
guestfs_int_direct_argv (guestfs_h *g, const struct appliance_paths *ap,
                         const struct qemu_config *cfg)
{
  struct strv argv = { NULL, 0 };
  enum machine m = cfg->machine;
  bool kvm = cfg->kvm, warm = cfg->mode != QEMU_COLD;
  ADD (g->hv);
  ADD ("-no-user-config");
  ADD ("-nodefaults");
  ADD ("-display"); ADD ("none");
  ADD ("-machine");
  if (m == MACHINE_MICROVM)
    ADDF ("microvm,accel=%s,acpi=on,isa-serial=on,rtc=on", kvm ? "kvm" : "tcg");
  else
    ADDF ("q35,accel=%s", kvm ? "kvm" : "tcg");
  /* Under TCG, "rep movsb" (which the guest kernel picks when ERMS/FSRM
   * are advertised) is emulated a byte at a time: without them every
   * guest copy, and so every transfer, runs ~2.5x faster. */
  ADD ("-cpu"); ADD (kvm ? "host" : "max,-erms,-fsrm");
  ADD ("-m"); ADDF ("%d", g->memsize);
  ADD ("-smp"); ADDF ("%d", g->smp);
  if (kvm) { ADD ("-rtc"); ADD ("driftfix=slew"); }
  ADD ("-no-reboot");
  /* A restored guest is past its boot and needs no kernel; but q35 loads
   * it through an option ROM, whose RAM block the saved state then has. */
  if (cfg->mode != QEMU_RESTORE || m == MACHINE_Q35) {
    ADD ("-kernel"); ADD (ap->kernel);
    ADD ("-initrd"); ADD (ap->initrd);
    ADD ("-append"); strv_add (g, &argv, kernel_cmdline (g, m, kvm, warm));
  }
  ADD ("-object"); ADD ("rng-random,filename=/dev/urandom,id=rng0");
  ADD ("-device"); strv_add (g, &argv, virtio_dev (g, m, "virtio-rng", "rng=rng0"));
  add_drives (g, &argv, m, ap->root, warm);
  CLEANUP_FREE char *esc = qemu_escape (g, cfg->sockpath);
  ADD ("-device"); strv_add (g, &argv, virtio_dev (g, m, "virtio-serial", "id=vser"));
  ADD ("-chardev"); ADDF ("socket,path=%s,id=channel0", esc);
  ADD ("-device"); ADD ("virtserialport,bus=vser.0,chardev=channel0,name=org.libguestfs.channel.0");
  ADD ("-serial"); ADD ("stdio");
  if (cfg->qmppath) {
    CLEANUP_FREE char *qesc = qemu_escape (g, cfg->qmppath);
    ADD ("-chardev"); ADDF ("socket,path=%s,id=qmp", qesc);
    ADD ("-mon"); ADD ("chardev=qmp,mode=control");
  }
  if (cfg->mode == QEMU_RESTORE) { ADD ("-incoming"); ADD ("fd:3"); }
  if (qemu_has_sandbox (g)) {
    ADD ("-sandbox");
    ADD ("on,obsolete=deny,elevateprivileges=deny,spawn=deny,resourcecontrol=deny");
  }
  return argv.v;
}

void
guestfs_int_direct_log_argv (guestfs_h *g, char **argv)
{
  if (!g->verbose) return;
  size_t len = 1;
  for (size_t i = 0; argv[i]; i++) len += strlen (argv[i]) + 8;   /* + separator */
  CLEANUP_FREE char *s = guestfs_int_safe_malloc (g, len);
  s[0] = '\0';
  for (size_t i = 0; argv[i]; i++) {
    strcat (s, i == 0 ? "" : argv[i][0] == '-' ? " \\\n    " : " ");
    strcat (s, argv[i]);
  }
  guestfs_int_debug (g, "%s", s);
}

/* ---- processes ---- */

static void
close_fds_except (int keep)
{
  /* move `keep` to 3 and close the rest */
  if (keep >= 0 && keep != 3) {
    dup2 (keep, 3);
    keep = 3;
  }
  int from = keep >= 0 ? 4 : 3;
  if (close_range (from, ~0U, 0) == -1)
    for (int fd = from; fd < 4096; fd++) close (fd);
}

static void
reset_signals (void)
{
  sigset_t set;
  sigemptyset (&set);
  sigprocmask (SIG_SETMASK, &set, NULL);
  for (int s = 1; s < NSIG; s++)
    signal (s, SIG_DFL);
}

/* stdin /dev/null, stdout and stderr the console pipe. */
pid_t
guestfs_int_spawn_qemu (guestfs_h *g, char **argv, int console_w, int keep_fd)
{
  pid_t pid = fork ();
  if (pid != 0) return pid;
  if (g->pgroup) setpgid (0, 0);
  int nullfd = open ("/dev/null", O_RDONLY);
  dup2 (nullfd, 0);
  dup2 (console_w, 1);
  dup2 (console_w, 2);
  if (keep_fd >= 0 && keep_fd != 3) {
    /* fd 3 may be one we still need: take keep_fd out of the way first */
    int tmp = fcntl (keep_fd, F_DUPFD, 10);
    dup2 (tmp, 3);
    keep_fd = 3;
  }
  close_fds_except (keep_fd);
  if (keep_fd >= 0)
    fcntl (3, F_SETFD, 0);   /* opened O_CLOEXEC: it must survive exec */
  reset_signals ();
  execvp (argv[0], argv);
  static const char msg[] = ": cannot execute the hypervisor\n";
  ssize_t r = write (2, argv[0], strlen (argv[0]));
  r = write (2, msg, sizeof msg - 1);
  (void) r;
  _exit (127);
}

/* The recovery process holds the read end of a pipe whose write end only
 * the library process has (O_CLOEXEC).  When this process dies, however
 * it dies, the pipe reads EOF and qemu is killed. */
static pid_t
spawn_recovery (guestfs_h *g, pid_t qemu, int *wfd_r)
{
  int p[2];
  if (pipe2 (p, O_CLOEXEC) == -1) {
    perrorf (g, "pipe2");
    return -1;
  }
  pid_t pid = fork ();
  if (pid == 0) {
    close_fds_except (p[0]);
    reset_signals ();
    signal (SIGINT, SIG_IGN);   /* ^C in a terminal must not kill us first */
    signal (SIGTSTP, SIG_IGN);
    char c;
    while (read (3, &c, 1) == -1 && errno == EINTR)
      ;
    kill (qemu, SIGKILL);
    _exit (0);
  }
  close (p[0]);
  if (pid == -1) {
    perrorf (g, "fork");
    close (p[1]);
    return -1;
  }
  *wfd_r = p[1];
  return pid;
}

static int
wait_pid_timeout (guestfs_h *g, pid_t pid, int *status, int timeout_ms)
{
  for (int waited = 0;; waited += 10) {
    pid_t r = waitpid (pid, status, WNOHANG);
    if (r == pid) return 0;
    if (r == -1 && errno != EINTR) return -1;
    if (waited >= timeout_ms) return 1;
    if (g->console_fd >= 0) guestfs_int_drain_console (g, 10);
    else {
      struct timespec ts = { 0, 10 * 1000000 };
      nanosleep (&ts, NULL);
    }
  }
}

static void
stop_recovery (struct direct *d)
{
  if (d->recovery > 0) {
    kill (d->recovery, SIGKILL);
    while (waitpid (d->recovery, NULL, 0) == -1 && errno == EINTR)
      ;
    d->recovery = 0;
  }
  if (d->recovery_fd >= 0) {
    close (d->recovery_fd);
    d->recovery_fd = -1;
  }
}

/* Stop qemu: gracefully (close the channel, the daemon syncs and powers
 * off) if it has writes to keep, else at once.  Returns its wait status. */
int
guestfs_int_stop_qemu (guestfs_h *g, struct direct *d, bool graceful)
{
  int status = 0;
  stop_recovery (d);   /* before reaping: its kill must not hit a reused pid */
  if (d->qemu <= 0) return 0;
  if (graceful) {
    if (g->sock >= 0) { close (g->sock); g->sock = -1; }
    int r = wait_pid_timeout (g, d->qemu, &status, SHUTDOWN_TIMEOUT_MS);
    if (r == 0) { d->qemu = 0; goto out; }
    debug (g, "qemu did not exit within %d s: killing it", SHUTDOWN_TIMEOUT_MS / 1000);
  }
  kill (d->qemu, SIGKILL);
  while (waitpid (d->qemu, &status, 0) == -1 && errno == EINTR)
    ;
  d->qemu = 0;
 out:
  guestfs_int_drain_console (g, 0);
  guestfs_int_call_callbacks (g, GUESTFS_EVENT_SUBPROCESS_QUIT, NULL, 0, NULL, 0);
  return status;
}

/* ---- launch ---- */

int
guestfs_int_make_listen_socket (guestfs_h *g, const char *path)
{
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  strcpy (addr.sun_path, path);   /* length checked by make_sockpath */
  unlink (path);
  int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd == -1) {
    perrorf (g, "socket");
    return -1;
  }
  if (bind (fd, (struct sockaddr *) &addr, sizeof addr) == -1 || listen (fd, 1) == -1) {
    perrorf (g, "bind/listen: %s", path);
    close (fd);
    return -1;
  }
  return fd;
}

/* Wait for qemu to connect to a socket we listen on.  0 ok (*fd_r set),
 * -1 qemu died or failed, -2 timeout. */
int
guestfs_int_accept_qemu (guestfs_h *g, int lfd, int64_t deadline_ms, int *fd_r)
{
  for (;;) {
    struct pollfd p[2] = { { lfd, POLLIN, 0 }, { g->console_fd, POLLIN, 0 } };
    int64_t left = deadline_ms - guestfs_int_elapsed_ms (g);
    if (left <= 0) return -2;
    int r = poll (p, g->console_fd >= 0 ? 2 : 1, (int) (left > 1000 ? 1000 : left));
    if (r == -1 && errno != EINTR) return -1;
    if (p[0].revents & POLLIN) {
      int fd = accept4 (lfd, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
      if (fd >= 0) {
        *fd_r = fd;
        return 0;
      }
      if (errno != EAGAIN && errno != EINTR) return -1;
    }
    if (g->console_fd >= 0 && p[1].revents)
      guestfs_int_drain_console (g, 0);
    if (g->console_fd < 0)   /* console EOF: qemu is gone */
      return -1;
  }
}

/* The last few lines of console output, for error messages. */
char *
guestfs_int_console_hint (guestfs_h *g)
{
  size_t len = g->console_tail_len, start = len, lines = 0;
  while (start > 0 && lines < 8) {
    start--;
    if (g->console_tail[start] == '\n' && start + 1 < len) lines++;
  }
  if (start > 0) start++;
  char *tail = strndup (g->console_tail + start, len - start);
  if (!tail || !*tail) { free (tail); return safe_strdup (g, ""); }
  char *r = safe_asprintf (g, "\nlast output of the appliance:\n%s", tail);
  free (tail);
  size_t n = strlen (r);
  while (n > 0 && (r[n - 1] == '\n' || r[n - 1] == '\r')) r[--n] = '\0';
  return r;
}

static void
status_text (int status, char *buf, size_t len)
{
  if (WIFEXITED (status)) snprintf (buf, len, "exit status %d", WEXITSTATUS (status));
  else if (WIFSIGNALED (status)) snprintf (buf, len, "killed by signal %d", WTERMSIG (status));
  else snprintf (buf, len, "status %d", status);
}

int
guestfs_int_direct_start (guestfs_h *g, struct direct *d, char **argv, int keep_fd)
{
  guestfs_int_direct_log_argv (g, argv);
  int cp[2];
  if (pipe2 (cp, O_CLOEXEC) == -1) {
    perrorf (g, "pipe2");
    return -1;
  }
  d->qemu = guestfs_int_spawn_qemu (g, argv, cp[1], keep_fd);
  close (cp[1]);
  if (d->qemu == -1) {
    perrorf (g, "fork");
    d->qemu = 0;
    close (cp[0]);
    return -1;
  }
  g->console_fd = cp[0];
  fcntl (cp[0], F_SETFL, O_NONBLOCK);
  if (g->recovery_proc) {
    d->recovery = spawn_recovery (g, d->qemu, &d->recovery_fd);
    if (d->recovery == -1) {
      d->recovery = 0;
      return -1;
    }
  }
  return 0;
}

enum attempt { ATTEMPT_OK, ATTEMPT_FAILED, ATTEMPT_EARLY_DEATH };

/* One try at starting qemu and reaching the daemon.  If qemu exits
 * before the daemon is up and retry_ok, ATTEMPT_EARLY_DEATH is returned
 * without an error for the caller to try another way. */
static enum attempt
try_launch (guestfs_h *g, struct direct *d, const struct appliance_paths *ap,
            const char *sockpath, bool kvm, enum machine m, bool retry_ok)
{
  int lfd = guestfs_int_make_listen_socket (g, sockpath);
  if (lfd == -1) return ATTEMPT_FAILED;
  struct qemu_config cfg = { .mode = QEMU_COLD, .machine = m, .kvm = kvm, .sockpath = sockpath };
  CLEANUP_FREE_STRV char **argv = guestfs_int_direct_argv (g, ap, &cfg);
  if (guestfs_int_direct_start (g, d, argv, -1) == -1)
    goto fail;
  debug (g, "launch: qemu started (pid %d, machine %s, %s%s) at %" PRIi64 " ms", (int) d->qemu,
         guestfs_int_machine_name (m), kvm ? "kvm" : "tcg", ap->root ? ", root image" : "",
         guestfs_int_elapsed_ms (g));

  int r = guestfs_int_accept_qemu (g, lfd, LAUNCH_TIMEOUT_MS, &g->sock);
  close (lfd);
  unlink (sockpath);
  lfd = -1;
  if (r == -2) {
    CLEANUP_FREE char *hint = guestfs_int_console_hint (g);
    error (g, "launch: timed out waiting for qemu to connect to the appliance channel%s", hint);
    goto fail;
  }
  if (r == -1) goto died;
  debug (g, "launch: channel connected at %" PRIi64 " ms", guestfs_int_elapsed_ms (g));

  int64_t left = LAUNCH_TIMEOUT_MS - guestfs_int_elapsed_ms (g);
  r = guestfs_int_wait_for_launch_flag (g, left > 0 ? (int) left : 0);
  if (r == CONN_OK) {
    guestfs_int_drain_console (g, 0);   /* boot messages before LAUNCH_DONE */
    return ATTEMPT_OK;
  }
  if (r == CONN_TIMEOUT) {
    CLEANUP_FREE char *hint = guestfs_int_console_hint (g);
    error (g, "launch: timed out waiting for the appliance daemon%s", hint);
    goto fail;
  }
  if (r == CONN_ERR) {
    CLEANUP_FREE char *hint = guestfs_int_console_hint (g);
    error (g, "launch: protocol error: the appliance did not send the launch flag%s", hint);
    goto fail;
  }

 died: {
    int status = guestfs_int_stop_qemu (g, d, false);
    guestfs_int_close_conn (g);
    if (retry_ok)
      return ATTEMPT_EARLY_DEATH;
    char st[64];
    status_text (status, st, sizeof st);
    CLEANUP_FREE char *hint = guestfs_int_console_hint (g);
    error (g, "launch: qemu exited during launch (%s)%s", st, hint);
    return ATTEMPT_FAILED;
  }

 fail:
  if (lfd >= 0) { close (lfd); unlink (sockpath); }
  guestfs_int_stop_qemu (g, d, false);
  guestfs_int_close_conn (g);
  return ATTEMPT_FAILED;
}

static void
appliance_debug (void *opaque, const char *msg)
{
  guestfs_h *g = opaque;
  debug (g, "%s", msg);
}

static int
direct_launch (guestfs_h *g, const char *arg)
{
  struct appliance_request req = {
    .path = g->path, .cachedir = guestfs_int_cachedir (g),
    .debug = appliance_debug, .opaque = g,
  };
  struct appliance_paths ap = { 0 };
  char *aerr = NULL;
  enum machine m;
  if (choose_machine (g, &m) == -1)
    return -1;
  /* a default microvm that fails is retried on q35 (an older qemu ...) */
  bool machine_retry = m != MACHINE_Q35 && !guestfs_int_get_backend_setting (g, "machine");
  if (appliance_find_or_build (&req, &ap, &aerr) == -1) {
    error (g, "launch: cannot find or build the appliance: %s", aerr ? aerr : "unknown error");
    free (aerr);
    return -1;
  }
  debug (g, "launch: appliance %s at %" PRIi64 " ms", ap.kernel, guestfs_int_elapsed_ms (g));

  CLEANUP_FREE char *sockpath = NULL;
  struct direct *d = guestfs_int_safe_calloc (g, 1, sizeof *d);
  d->recovery_fd = -1;
  for (size_t i = 0; i < g->nr_drives; i++) {
    struct drive *drv = g->drives[i];
    if (drv->readonly && guestfs_int_drive_overlay (g, drv) == -1)
      goto fail;
    if (!drv->readonly && !drv->cache_unsafe)
      d->graceful = true;
  }

  sockpath = guestfs_int_make_sockpath (g, "guestfsd.sock");
  if (!sockpath) goto fail;

  g->backend_data = d;
  bool kvm = want_kvm (g);
  if (guestfs_int_warm_launch (g, d, &ap, m, kvm) == WARM_OK) {
    appliance_paths_free (&ap);
    return 0;
  }
  bool kvm_retry = kvm && !guestfs_int_get_backend_setting (g, "force_kvm");
  enum attempt a = try_launch (g, d, &ap, sockpath, kvm, m, kvm_retry || machine_retry);
  if (a == ATTEMPT_EARLY_DEATH && kvm_retry) {
    /* Remembered only if TCG then works: a bad drive or option must not
     * be mistaken for a broken KVM. */
    debug (g, "qemu failed to start with KVM: trying TCG");
    g->console_tail_len = 0;
    kvm = false;
    a = try_launch (g, d, &ap, sockpath, false, m, machine_retry);
    if (a == ATTEMPT_OK) {
      debug (g, "TCG works where KVM did not: using TCG for later launches");
      record_kvm_broken (g);
    }
  }
  if (a == ATTEMPT_EARLY_DEATH && machine_retry) {
    debug (g, "qemu exited during launch with machine %s: trying q35", guestfs_int_machine_name (m));
    g->console_tail_len = 0;
    a = try_launch (g, d, &ap, sockpath, kvm, MACHINE_Q35, false);
  }
  if (a != ATTEMPT_OK) {
    if (a == ATTEMPT_EARLY_DEATH)
      error (g, "launch: qemu exited during launch");
    g->backend_data = NULL;
    goto fail;
  }
  appliance_paths_free (&ap);
  return 0;

 fail:
  appliance_paths_free (&ap);
  free (d);
  return -1;
}

static int
direct_shutdown (guestfs_h *g, bool check)
{
  struct direct *d = g->backend_data;
  if (!d) return 0;
  bool graceful = d->graceful && g->autosync;
  int status = guestfs_int_stop_qemu (g, d, graceful);
  free (d);
  g->backend_data = NULL;
  if (check && graceful && status != 0) {
    char st[64];
    status_text (status, st, sizeof st);
    error (g, "shutdown: qemu failed (%s)", st);
    return -1;
  }
  return 0;
}

static int
direct_get_pid (guestfs_h *g)
{
  struct direct *d = g->backend_data;
  if (!d || d->qemu <= 0) {
    error (g, "get-pid: no qemu subprocess");
    return -1;
  }
  return (int) d->qemu;
}

static int direct_max_disks (guestfs_h *g) { return 255; }

const struct backend_ops guestfs_int_backend_direct = {
  .name = "direct",
  .launch = direct_launch,
  .shutdown = direct_shutdown,
  .get_pid = direct_get_pid,
  .max_disks = direct_max_disks,
};
