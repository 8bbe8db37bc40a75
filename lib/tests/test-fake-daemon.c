/* Protocol client against a fake appliance (fake-hv used as the
 * hypervisor): good replies, progress, errors, file transfers, and
 * malformed or hostile replies, each of which must give a clean error,
 * stop the "appliance" and leave nothing behind on close. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guestfs.h"
#include "tests.h"

static const char *fake_hv;
static char topdir[] = "/tmp/gffakeXXXXXX";
static char appdir[256], tmpdir[256], cachedir[256];

struct log { char buf[16384]; int progress; uint64_t last[4]; };

static void
on_event (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
          const char *buf, size_t len, const uint64_t *array, size_t alen)
{
  struct log *l = opaque;
  if (event == GUESTFS_EVENT_PROGRESS && alen == 4) {
    l->progress++;
    memcpy (l->last, array, sizeof l->last);
    return;
  }
  size_t used = strlen (l->buf);
  if (used + len + 1 < sizeof l->buf) {
    memcpy (l->buf + used, buf, len);
    l->buf[used + len] = '\0';
  }
}

static void
cancel_on_progress (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
                    const char *buf, size_t len, const uint64_t *array, size_t alen)
{
  if (alen == 4 && array[2] == 3)
    guestfs_user_cancel (g);
}

static bool
dir_is_empty (const char *path)
{
  DIR *d = opendir (path);
  if (!d) return false;
  struct dirent *e;
  int n = 0;
  while ((e = readdir (d)))
    if (strcmp (e->d_name, ".") && strcmp (e->d_name, "..")) n++;
  closedir (d);
  return n == 0;
}

static guestfs_h *
make_handle (const char *mode, struct log *log, bool tcg)
{
  setenv ("FAKE_HV_MODE", mode, 1);
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);
  guestfs_set_hv (g, fake_hv);
  guestfs_set_path (g, appdir);
  guestfs_set_tmpdir (g, tmpdir);
  guestfs_set_cachedir (g, cachedir);
  if (tcg) {
    char *settings[] = { "force_tcg", NULL };
    guestfs_set_backend_settings (g, settings);
  }
  if (log)
    guestfs_set_event_callback (g, on_event, GUESTFS_EVENT_APPLIANCE | GUESTFS_EVENT_PROGRESS, 0, log);
  CHECK (guestfs_add_drive_scratch (g, 1024 * 1024, -1) == 0);
  return g;
}

static void
close_and_check (guestfs_h *g, int pid)
{
  guestfs_close (g);
  CHECK (dir_is_empty (tmpdir));
  if (pid > 0)
    CHECK (kill (pid, 0) == -1 && errno == ESRCH);
}

static void
test_good (void)
{
  struct log log = { "" };
  guestfs_h *g = make_handle ("ok", &log, true);
  CHECK (guestfs_launch (g) == 0);
  CHECK (guestfs_is_ready (g));
  CHECK_CONTAINS (log.buf, "fake appliance starting");
  int pid = guestfs_get_pid (g);
  CHECK (pid > 0);
  CHECK (guestfs_launch (g) == -1);
  CHECK (guestfs_ping_daemon (g) == 0);
  CHECK (log.progress == 2 && log.last[2] == 100 && log.last[3] == 100);
  CHECK (guestfs_touch (g, "/ok") == 0);
  CHECK (guestfs_touch (g, "/error") == -1);
  CHECK_STR (guestfs_last_error (g), "touch: /error: No such file or directory");
  CHECK (guestfs_last_errno (g) == ENOENT);
  CHECK (guestfs_is_ready (g));

  /* upload 5 MiB: several chunks */
  char src[300], dst[300];
  snprintf (src, sizeof src, "%s/src", topdir);
  snprintf (dst, sizeof dst, "%s/dst", topdir);
  int fd = open (src, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  CHECK (ftruncate (fd, 5 * 1024 * 1024 + 3) == 0);
  close (fd);
  CHECK (guestfs_upload (g, src, "/file") == 0);
  usleep (100000);
  CHECK (guestfs_ping_daemon (g) == 0);   /* lets the console catch up */
  CHECK_CONTAINS (log.buf, "fake: upload received 5242883 bytes");
  CHECK (guestfs_upload (g, src, "/cancel") == -1);
  CHECK_STR (guestfs_last_error (g), "upload: /cancel: No space left on device");
  CHECK (guestfs_last_errno (g) == ENOSPC);
  CHECK (guestfs_upload (g, "/nonexistent/file", "/x") == -1);
  CHECK (guestfs_last_errno (g) == ENOENT);
  CHECK (guestfs_is_ready (g));

  CHECK (guestfs_download (g, "/file", dst) == 0);
  char buf[64] = "";
  fd = open (dst, O_RDONLY);
  CHECK (read (fd, buf, sizeof buf) == 6 && memcmp (buf, "hello\n", 6) == 0);
  close (fd);
  CHECK (guestfs_download (g, "/fail", dst) == -1);
  CHECK_STR (guestfs_last_error (g), "download: /fail: Input/output error");
  CHECK (guestfs_download (g, "/file", "/nonexistent/dir/x") == -1);
  CHECK (guestfs_ping_daemon (g) == 0);   /* still in step */
  CHECK (guestfs_download (g, "/big", dst) == 0);
  struct stat st;
  CHECK (stat (dst, &st) == 0 && st.st_size == 64 << 20);
  int eh = guestfs_set_event_callback (g, cancel_on_progress, GUESTFS_EVENT_PROGRESS, 0, NULL);
  CHECK (guestfs_download (g, "/big", dst) == -1);
  CHECK_STR (guestfs_last_error (g), "operation cancelled by user");   /* as libguestfs 1.48 */
  CHECK (guestfs_last_errno (g) == EINTR);
  guestfs_delete_event_callback (g, eh);
  CHECK (guestfs_ping_daemon (g) == 0);   /* still in step */
  unlink (src); unlink (dst);

  /* shutdown then relaunch the same handle */
  CHECK (guestfs_shutdown (g) == 0);
  CHECK (guestfs_is_config (g));
  CHECK (kill (pid, 0) == -1);
  close_and_check (g, pid);
}

static void
test_bad (const char *mode, const char *expect)
{
  guestfs_h *g = make_handle (mode, NULL, true);
  CHECK (guestfs_launch (g) == 0);
  int pid = guestfs_get_pid (g);
  CHECK (guestfs_touch (g, "/x") == -1);
  fprintf (stderr, "mode %s: %s\n", mode, guestfs_last_error (g));
  CHECK_CONTAINS (guestfs_last_error (g), expect);
  CHECK (guestfs_is_config (g));           /* appliance stopped */
  CHECK (kill (pid, 0) == -1 && errno == ESRCH);
  CHECK (guestfs_touch (g, "/x") == -1);   /* and the handle stays safe */
  CHECK_CONTAINS (guestfs_last_error (g), "call launch before using this function");
  close_and_check (g, -1);
}

static void
test_launch_failure (const char *mode, const char *expect)
{
  guestfs_h *g = make_handle (mode, NULL, true);
  CHECK (guestfs_launch (g) == -1);
  fprintf (stderr, "mode %s: %s\n", mode, guestfs_last_error (g));
  CHECK_CONTAINS (guestfs_last_error (g), expect);
  CHECK (guestfs_is_config (g));
  close_and_check (g, -1);
}

static void
test_kvm_fallback (void)
{
  if (access ("/dev/kvm", R_OK | W_OK) == -1) {
    fprintf (stderr, "no usable /dev/kvm: skipping the KVM fallback test\n");
    return;
  }
  struct log log = { "" };
  guestfs_h *g = make_handle ("kvmfail", &log, false);
  CHECK (guestfs_launch (g) == 0);
  CHECK_CONTAINS (log.buf, "failed to set MSR");
  CHECK (guestfs_ping_daemon (g) == 0);
  close_and_check (g, -1);
  char f[300];
  snprintf (f, sizeof f, "%s/.guestferry-%d/kvm-broken", cachedir, (int) geteuid ());
  CHECK (access (f, R_OK) == 0);
  unlink (f);
}

/* The caller dies without closing: the recovery process must kill qemu. */
static void
test_recovery (void)
{
  int p[2];
  CHECK (pipe (p) == 0);
  pid_t child = fork ();
  if (child == 0) {
    close (p[0]);
    guestfs_h *g = make_handle ("ok", NULL, true);
    int pid = guestfs_launch (g) == 0 ? guestfs_get_pid (g) : -1;
    if (write (p[1], &pid, sizeof pid) != sizeof pid) _exit (1);
    pause ();
    _exit (0);
  }
  close (p[1]);
  int qemu = -1;
  CHECK (read (p[0], &qemu, sizeof qemu) == sizeof qemu);
  close (p[0]);
  CHECK (qemu > 0);
  kill (child, SIGKILL);
  waitpid (child, NULL, 0);
  bool gone = false;
  for (int i = 0; i < 200 && !gone; i++) {
    /* the fake hv is reparented to init, which reaps it */
    if (kill (qemu, 0) == -1 && errno == ESRCH) gone = true;
    else usleep (10000);
  }
  CHECK (gone);
  /* the dead caller's tmpdir stays (nobody could remove it): clean up */
  DIR *d = opendir (tmpdir);
  struct dirent *e;
  while (d && (e = readdir (d))) {
    if (e->d_name[0] == '.') continue;
    char path[600], f[1000];
    snprintf (path, sizeof path, "%s/%s", tmpdir, e->d_name);
    DIR *d2 = opendir (path);
    struct dirent *e2;
    while (d2 && (e2 = readdir (d2)))
      if (e2->d_name[0] != '.') { snprintf (f, sizeof f, "%s/%s", path, e2->d_name); unlink (f); }
    if (d2) closedir (d2);
    rmdir (path);
  }
  if (d) closedir (d);
}

int
main (int argc, char **argv)
{
  fake_hv = argc > 1 ? argv[1] : getenv ("FAKE_HV");
  if (!fake_hv) { fprintf (stderr, "usage: test-fake-daemon FAKE_HV\n"); return 2; }
  signal (SIGPIPE, SIG_IGN);
  CHECK (mkdtemp (topdir) != NULL);
  snprintf (appdir, sizeof appdir, "%s/appliance", topdir);
  snprintf (tmpdir, sizeof tmpdir, "%s/tmp", topdir);
  snprintf (cachedir, sizeof cachedir, "%s/cache", topdir);
  mkdir (appdir, 0755); mkdir (tmpdir, 0755); mkdir (cachedir, 0755);
  char p[300];
  snprintf (p, sizeof p, "%s/kernel", appdir); close (open (p, O_WRONLY | O_CREAT, 0644));
  snprintf (p, sizeof p, "%s/initrd", appdir); close (open (p, O_WRONLY | O_CREAT, 0644));

  test_good ();
  test_bad ("oversized", "exceeds the maximum");
  test_bad ("garbage", "protocol error");
  test_bad ("serial", "protocol error");
  test_bad ("close", "closed the connection unexpectedly");
  test_launch_failure ("die", "qemu exited during launch");
  test_launch_failure ("noflag", "launch flag");
  test_kvm_fallback ();
  test_recovery ();

  snprintf (p, sizeof p, "%s/kernel", appdir); unlink (p);
  snprintf (p, sizeof p, "%s/initrd", appdir); unlink (p);
  rmdir (appdir); rmdir (tmpdir);
  snprintf (p, sizeof p, "%s/.guestferry-%d", cachedir, (int) geteuid ()); rmdir (p);
  rmdir (cachedir); rmdir (topdir);
  TEST_EXIT ();
}
