/* Large file transfers with the real appliance: content survives the
 * pipelined, page-aligned upload path whatever the source (file, pipe,
 * odd sizes), a mid-stream write failure and guestfs_user_cancel both
 * leave the handle usable, and progress is reported. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <guestfs.h>

static int passed, failed;
static char workdir[] = "/tmp/test-transfer-XXXXXX";
static char big[300], odd[300], fifo[300], dl[300];

#define BIG_SIZE (64 * 1024 * 1024 + 12345)
#define ODD_SIZE (5 * 1024 * 1024 + 3)

#define CHECK(cond, ...) do {                                   \
    if (cond) { passed++; printf ("ok - " __VA_ARGS__); printf ("\n"); } \
    else { failed++; printf ("FAIL - " __VA_ARGS__); printf ("\n"); } \
  } while (0)

static void
quiet (guestfs_h *g, void *o, const char *msg)
{
  (void) g; (void) o; (void) msg;
}

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
make_file (const char *path, size_t size)
{
  FILE *f = fopen (path, "w");
  if (f == NULL) { perror (path); exit (1); }
  for (size_t i = 0; i < size; i++)
    putc ((int) (((i * 131) ^ (i >> 12)) & 0xff), f);
  if (fclose (f) != 0) { perror (path); exit (1); }
}

/* md5 of a host file, as guestfs_checksum prints it. */
static char *
host_md5 (const char *path)
{
  char cmd[400], out[64] = "";
  snprintf (cmd, sizeof cmd, "md5sum '%s'", path);
  FILE *p = popen (cmd, "r");
  if (p == NULL || fscanf (p, "%32s", out) != 1) out[0] = '\0';
  if (p) pclose (p);
  return strdup (out);
}

static int
same_content (guestfs_h *g, const char *remote, const char *local)
{
  char *theirs = guestfs_checksum (g, "md5", remote);
  char *ours = host_md5 (local);
  int same = theirs && strcmp (theirs, ours) == 0;
  if (!same)
    fprintf (stderr, "  %s: md5 %s, host file %s\n", remote, theirs ? theirs : "(error)", ours);
  free (theirs);
  free (ours);
  return same;
}

static int progress_events;

static void
on_progress (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
             const char *buf, size_t buf_len, const uint64_t *array, size_t array_len)
{
  (void) g; (void) opaque; (void) event; (void) eh; (void) flags;
  (void) buf; (void) buf_len; (void) array; (void) array_len;
  progress_events++;
}

/* A child writing SRC into the FIFO in odd-sized pieces, pausing PAUSE_MS
 * after every 8 MiB if asked (so that a cancel lands mid-way). */
static pid_t
feed_fifo (const char *src, int pause_ms)
{
  pid_t pid = fork ();
  if (pid != 0)
    return pid;
  signal (SIGPIPE, SIG_IGN);
  int in = open (src, O_RDONLY), out = open (fifo, O_WRONLY);
  char b[7777];
  ssize_t n;
  size_t since_pause = 0;
  while ((n = read (in, b, sizeof b)) > 0) {
    if (write (out, b, n) != n)
      _exit (0);                /* the reader stopped: fine */
    since_pause += n;
    if (pause_ms && since_pause >= 8 * 1024 * 1024) {
      usleep (pause_ms * 1000);
      since_pause = 0;
    }
  }
  _exit (0);
}

static void *
cancel_later (void *g)
{
  usleep (1500 * 1000);
  guestfs_user_cancel (g);
  return NULL;
}

static void
test_content (guestfs_h *g)
{
  progress_events = 0;
  double t0 = now ();
  int r = guestfs_upload (g, big, "/big");
  double secs = now () - t0;
  CHECK (r == 0 && same_content (g, "/big", big), "big upload arrives intact");
  /* the daemon reports at most every 1/3 s, none in the first 1/3 s */
  CHECK (secs < 1.0 || progress_events > 0,
         "progress during a %.1f s upload: %d events", secs, progress_events);
  r = guestfs_upload (g, odd, "/odd");
  CHECK (r == 0 && same_content (g, "/odd", odd), "odd-sized upload arrives intact");
  r = guestfs_upload (g, odd, "/big");
  CHECK (r == 0 && same_content (g, "/big", odd), "upload over a bigger file truncates it");

  pid_t pid = feed_fifo (odd, 0);
  r = guestfs_upload (g, fifo, "/fromfifo");
  waitpid (pid, NULL, 0);
  CHECK (r == 0 && same_content (g, "/fromfifo", odd), "upload from a pipe arrives intact");

  r = guestfs_download (g, "/odd", dl);
  char *a = host_md5 (dl), *b = host_md5 (odd);
  CHECK (r == 0 && strcmp (a, b) == 0, "download of an uploaded file");
  free (a);
  free (b);
}

static void
test_no_space (guestfs_h *g)
{
  int r = guestfs_upload (g, big, "/small/big");
  CHECK (r == -1 && guestfs_last_errno (g) == ENOSPC,
         "upload to a full filesystem: ENOSPC (%s)", guestfs_last_error (g));
  CHECK (guestfs_ping_daemon (g) == 0, "handle usable after ENOSPC");
  guestfs_rm_f (g, "/small/big");
  r = guestfs_upload (g, odd, "/small/odd");
  CHECK (r == 0 && same_content (g, "/small/odd", odd), "upload once space is freed");
}

static void
test_cancel (guestfs_h *g)
{
  /* From another thread, while the source is a slow pipe (a cancel from
   * a progress callback is the same flag, but races with the end of a
   * fast upload). */
  pid_t pid = feed_fifo (big, 1000);
  pthread_t t;
  int r;
  pthread_create (&t, NULL, cancel_later, g);
  r = guestfs_upload (g, fifo, "/cancelled");
  pthread_join (t, NULL);
  kill (pid, SIGTERM);
  waitpid (pid, NULL, 0);
  CHECK (r == -1 && guestfs_last_errno (g) == EINTR &&
         strcmp (guestfs_last_error (g), "operation cancelled by user") == 0,
         "upload cancelled from another thread: %s", guestfs_last_error (g));
  CHECK (guestfs_ping_daemon (g) == 0, "handle usable after cancel");
  r = guestfs_upload (g, odd, "/after-cancel");
  CHECK (r == 0 && same_content (g, "/after-cancel", odd), "upload after a cancel");
}

int
main (void)
{
  if (mkdtemp (workdir) == NULL) { perror ("mkdtemp"); return 1; }
  snprintf (big, sizeof big, "%s/big.bin", workdir);
  snprintf (odd, sizeof odd, "%s/odd.bin", workdir);
  snprintf (fifo, sizeof fifo, "%s/fifo", workdir);
  snprintf (dl, sizeof dl, "%s/dl.bin", workdir);
  make_file (big, BIG_SIZE);
  make_file (odd, ODD_SIZE);
  if (mkfifo (fifo, 0600) == -1) { perror ("mkfifo"); return 1; }

  guestfs_h *g = guestfs_create ();
  if (g == NULL) return 1;
  guestfs_set_error_handler (g, quiet, NULL);
  if (guestfs_add_drive_scratch (g, 200 << 20, -1) == -1 ||
      guestfs_add_drive_scratch (g, 40 << 20, -1) == -1 ||
      guestfs_launch (g) == -1 ||
      guestfs_mkfs (g, "ext4", "/dev/sda") == -1 ||
      guestfs_mount (g, "/dev/sda", "/") == -1 ||
      guestfs_mkfs (g, "ext4", "/dev/sdb") == -1 ||
      guestfs_mkdir (g, "/small") == -1 ||
      guestfs_mount (g, "/dev/sdb", "/small") == -1) {
    fprintf (stderr, "setup: %s\n", guestfs_last_error (g));
    return 1;
  }
  guestfs_set_event_callback (g, on_progress, GUESTFS_EVENT_PROGRESS, 0, NULL);

  test_content (g);
  test_no_space (g);
  test_cancel (g);
  CHECK (guestfs_shutdown (g) == 0, "clean shutdown");
  guestfs_close (g);

  char cmd[400];
  snprintf (cmd, sizeof cmd, "rm -rf %s", workdir);
  if (system (cmd) != 0) fprintf (stderr, "cleanup of %s failed\n", workdir);
  printf ("%d passed, %d failed\n", passed, failed);
  return failed != 0;
}
