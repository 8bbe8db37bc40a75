/* Bad input through the public API with the real appliance: each case must
 * give a clear error, lose nothing and leave the handle closable. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <guestfs.h>

static int passed, failed;
static char workdir[] = "/tmp/test-bad-input-XXXXXX";

#define CHECK(cond, ...) do {                                   \
    if (cond) { passed++; printf ("ok - " __VA_ARGS__); printf ("\n"); } \
    else { failed++; printf ("FAIL - " __VA_ARGS__); printf ("\n"); } \
  } while (0)

static void
quiet (guestfs_h *g, void *o, const char *msg)
{
  (void) g; (void) o; (void) msg;
}

static guestfs_h *
new_handle (void)
{
  guestfs_h *g = guestfs_create ();
  if (g == NULL) { perror ("guestfs_create"); exit (1); }
  guestfs_set_error_handler (g, quiet, NULL);
  return g;
}

static int
error_has (guestfs_h *g, const char *needle)
{
  const char *e = guestfs_last_error (g);
  if (e == NULL || strstr (e, needle) == NULL) {
    fprintf (stderr, "  error was: %s (wanted \"%s\")\n", e ? e : "(none)", needle);
    return 0;
  }
  return 1;
}

static void
test_missing_drive (void)
{
  guestfs_h *g = new_handle ();
  int r = guestfs_add_drive (g, "/nonexistent/disk.img");
  CHECK (r == -1 && guestfs_last_errno (g) == ENOENT &&
         error_has (g, "/nonexistent/disk.img"), "missing drive: ENOENT naming the file");
  guestfs_close (g);
}

static void
test_unreadable_drive (void)
{
  char path[256];
  snprintf (path, sizeof path, "%s/unreadable.img", workdir);
  FILE *f = fopen (path, "w"); fclose (f);
  chmod (path, 0);
  guestfs_h *g = new_handle ();
  int r = guestfs_add_drive_ro (g, path);
  if (r == 0 && geteuid () == 0) {
    /* root reads anything: the check is meaningful only for other users */
    r = guestfs_add_drive_opts (g, "/proc/self/nonexistent", -1);
  }
  CHECK (r == -1, "unreadable drive refused at add time");
  guestfs_close (g);
}

static void
test_before_launch (void)
{
  guestfs_h *g = new_handle ();
  char *s = guestfs_cat (g, "/etc/passwd");
  CHECK (s == NULL && error_has (g, "call launch before using this function"),
         "appliance call before launch");
  CHECK (guestfs_launch (g) == -1 && error_has (g, "add_drive"),
         "launch without drives");
  guestfs_close (g);
}

static void
test_missing_qemu (void)
{
  guestfs_h *g = new_handle ();
  guestfs_add_drive_scratch (g, 10 * 1024 * 1024, -1);
  guestfs_set_hv (g, "/nonexistent/qemu-system-x86_64");
  CHECK (guestfs_launch (g) == -1 && error_has (g, "/nonexistent/qemu-system-x86_64"),
         "missing qemu: launch fails naming it");
  guestfs_close (g);
}

static void
test_missing_kernel (void)
{
  char cache[300];
  snprintf (cache, sizeof cache, "%s/cache", workdir);
  mkdir (cache, 0700);
  setenv ("SUPERMIN_KERNEL", "/nonexistent/vmlinuz", 1);
  guestfs_h *g = new_handle ();
  guestfs_set_cachedir (g, cache);
  guestfs_add_drive_scratch (g, 10 * 1024 * 1024, -1);
  CHECK (guestfs_launch (g) == -1 && error_has (g, "kernel"),
         "missing kernel: launch fails saying so");
  guestfs_close (g);
  unsetenv ("SUPERMIN_KERNEL");
}

static void
test_wrong_format (void)
{
  char path[256];
  snprintf (path, sizeof path, "%s/raw.img", workdir);
  FILE *f = fopen (path, "w");
  if (ftruncate (fileno (f), 1024 * 1024) == -1) perror ("ftruncate");
  fclose (f);
  guestfs_h *g = new_handle ();
  int r = guestfs_add_drive_opts (g, path, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1);
  if (r == 0)
    r = guestfs_launch (g);
  CHECK (r == -1, "raw image given as qcow2: error, not a crash");
  guestfs_close (g);
  guestfs_h *g2 = new_handle ();
  CHECK (guestfs_add_drive_opts (g2, path, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "no such,format", -1) == -1,
         "malformed format name refused");
  guestfs_close (g2);
}

/* A guest tree with hostile symlinks, built on the host with mke2fs -d. */
static int
make_hostile_image (char *img, size_t len)
{
  char tree[300], cmd[4096];
  snprintf (tree, sizeof tree, "%s/tree", workdir);
  snprintf (img, len, "%s/hostile.img", workdir);
  snprintf (cmd, sizeof cmd,
            "mkdir -p %s/etc && echo GUEST > %s/etc/passwd && "
            "ln -s /etc/passwd %s/abs && ln -s ../../../../../etc/passwd %s/rel && "
            "ln -s /../../.. %s/up && "
            "truncate -s 64M %s && /sbin/mke2fs -q -F -t ext4 -d %s %s",
            tree, tree, tree, tree, tree, img, tree, img);
  return system (cmd) == 0 ? 0 : -1;
}

static void
test_paths_stay_inside (void)
{
  char img[300];
  if (make_hostile_image (img, sizeof img) == -1) {
    CHECK (0, "could build the hostile image");
    return;
  }
  guestfs_h *g = new_handle ();
  if (guestfs_add_drive_opts (g, img, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1 ||
      guestfs_launch (g) == -1 || guestfs_mount (g, "/dev/sda", "/") == -1) {
    CHECK (0, "launch with hostile image: %s", guestfs_last_error (g));
    guestfs_close (g);
    return;
  }
  char *s = guestfs_cat (g, "../../etc/passwd");
  CHECK (s == NULL, "relative path refused");
  free (s);
  const char *paths[] = { "/abs", "/rel", "/../../etc/passwd", "/up/etc/passwd" };
  for (size_t i = 0; i < 4; i++) {
    s = guestfs_cat (g, paths[i]);
    CHECK (s == NULL || strcmp (s, "GUEST\n") == 0,
           "%s resolves inside the guest (got %s)", paths[i], s ? s : "error");
    free (s);
  }
  CHECK (guestfs_write (g, "/abs", "NEW\n", 4) == 0, "write through absolute symlink");
  s = guestfs_cat (g, "/etc/passwd");
  CHECK (s && strcmp (s, "NEW\n") == 0, "the guest's file changed, not the appliance's");
  free (s);
  guestfs_close (g);
}

struct killer { int pid; };

static void *
kill_later (void *arg)
{
  struct killer *k = arg;
  usleep (1500 * 1000);
  kill (k->pid, SIGKILL);
  return NULL;
}

/* Feeds a FIFO until nobody reads it: an upload that cannot finish before
 * qemu is killed, however fast transfers become. */
static void *
feed_fifo (void *arg)
{
  const char *path = arg;
  static char buf[1 << 16];
  int fd = open (path, O_WRONLY);
  if (fd == -1)
    return NULL;
  while (write (fd, buf, sizeof buf) > 0)
    ;
  close (fd);
  return NULL;
}

static void
test_qemu_killed_mid_call (void)
{
  char fifo[300];
  snprintf (fifo, sizeof fifo, "%s/endless", workdir);
  if (mkfifo (fifo, 0600) == -1) {
    CHECK (0, "mkfifo %s", fifo);
    return;
  }
  guestfs_h *g = new_handle ();
  guestfs_add_drive_scratch (g, 400 * 1024 * 1024, -1);
  if (guestfs_launch (g) == -1 || guestfs_mkfs (g, "ext4", "/dev/sda") == -1 ||
      guestfs_mount (g, "/dev/sda", "/") == -1) {
    CHECK (0, "launch for kill test: %s", guestfs_last_error (g));
    guestfs_close (g);
    return;
  }
  signal (SIGPIPE, SIG_IGN);   /* the feeder learns of the end by EPIPE */
  struct killer k = { guestfs_get_pid (g) };
  pthread_t killer, feeder;
  pthread_create (&feeder, NULL, feed_fifo, fifo);
  pthread_create (&killer, NULL, kill_later, &k);
  int r = guestfs_upload (g, fifo, "/big");
  pthread_join (killer, NULL);
  CHECK (r == -1 && guestfs_last_error (g) != NULL,
         "upload fails when qemu is killed mid-call: %s", guestfs_last_error (g));
  CHECK (guestfs_ping_daemon (g) == -1, "later calls fail cleanly");
  guestfs_close (g);
  /* If the library never opened the FIFO, the feeder still waits in open. */
  int unblock = open (fifo, O_RDONLY | O_NONBLOCK);
  if (unblock >= 0)
    close (unblock);
  pthread_join (feeder, NULL);
  CHECK (waitpid (k.pid, NULL, WNOHANG) == -1 && kill (k.pid, 0) == -1,
         "qemu is gone after close");
  unlink (fifo);
}

int
main (void)
{
  setvbuf (stdout, NULL, _IOLBF, 0);
  if (mkdtemp (workdir) == NULL) { perror ("mkdtemp"); return 1; }
  test_missing_drive ();
  test_unreadable_drive ();
  test_before_launch ();
  test_missing_qemu ();
  test_missing_kernel ();
  test_wrong_format ();
  test_paths_stay_inside ();
  test_qemu_killed_mid_call ();
  char cmd[400];
  snprintf (cmd, sizeof cmd, "rm -rf %s", workdir);
  if (system (cmd) != 0) fprintf (stderr, "cleanup of %s failed\n", workdir);
  printf ("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
