/* The warm start against the real appliance, in a private cache dir:
 *   1. first launch saves the state and restores it; two drives appear
 *      in add order; the guest clock is the host's (not the save time);
 *   2. a second warm launch has a different random state than the first
 *      (ext2 UUIDs made by mkfs differ);
 *   3. a corrupt state file means a cold boot (no error) and is removed;
 *   4. backend setting warm=0 boots cold;
 *   5. four threads launching at once, with no state (one saves it, the
 *      others boot cold: all work), then again (all restore it).
 * Which path a launch took is read from the debug messages. */
#include <config.h>

#include <dirent.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <stdint.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>

#include "guestfs.h"
#include "tests.h"

static char log_buf[65536];
static size_t log_len;

static void
log_cb (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
        const char *buf, size_t len, const uint64_t *array, size_t alen)
{
  if (log_len + len + 1 < sizeof log_buf) {
    memcpy (log_buf + log_len, buf, len);
    log_len += len;
    log_buf[log_len++] = '\n';
    log_buf[log_len] = '\0';
  }
}

/* A launched handle with scratch drives of 32 and 48 MiB, or NULL. */
static guestfs_h *
launch (const char *settings)
{
  guestfs_h *g = guestfs_create ();
  if (!g) return NULL;
  log_len = 0;
  log_buf[0] = '\0';
  guestfs_set_verbose (g, 1);
  guestfs_set_event_callback (g, log_cb, GUESTFS_EVENT_LIBRARY, 0, NULL);
  char *s[] = { (char *) settings, NULL };
  if (settings) guestfs_set_backend_settings (g, s);
  if (guestfs_add_drive_scratch (g, 32 << 20, -1) == -1 ||
      guestfs_add_drive_scratch (g, 48 << 20, -1) == -1 ||
      guestfs_launch (g) == -1) {
    guestfs_close (g);
    return NULL;
  }
  return g;
}

static char *
new_uuid (guestfs_h *g)
{
  if (guestfs_mkfs (g, "ext2", "/dev/sda") == -1) return NULL;
  return guestfs_vfs_uuid (g, "/dev/sda");
}

static char *
state_file (const char *cachedir)
{
  char pat[512];
  glob_t gl;
  snprintf (pat, sizeof pat, "%s/.guestferry-*/appliance-*/warm-*.state", cachedir);
  char *r = NULL;
  if (glob (pat, 0, NULL, &gl) == 0 && gl.gl_pathc == 1)
    r = strdup (gl.gl_pathv[0]);
  globfree (&gl);
  return r;
}

/* A quiet launch + a call, for the threads (the log is not thread-safe). */
static void *
worker (void *arg)
{
  intptr_t ok = 0;
  guestfs_h *g = guestfs_create ();
  char *s[] = { (char *) "force_tcg", NULL };
  if (g && guestfs_set_backend_settings (g, s) == 0 &&
      guestfs_add_drive_scratch (g, 32 << 20, -1) == 0 && guestfs_launch (g) == 0 &&
      guestfs_blockdev_getsize64 (g, "/dev/sda") == 32 << 20)
    ok = 1;
  if (g) guestfs_close (g);
  return (void *) ok;
}

static int
four_threads (void)
{
  pthread_t t[4];
  int ok = 0;
  for (int i = 0; i < 4; i++)
    if (pthread_create (&t[i], NULL, worker, NULL) != 0) return 0;
  for (int i = 0; i < 4; i++) {
    void *r;
    pthread_join (t[i], &r);
    ok += r != NULL;
  }
  return ok;
}

int
main (void)
{
  char cachedir[] = "/var/tmp/gfwarmXXXXXX";
  signal (SIGPIPE, SIG_IGN);
  if (!mkdtemp (cachedir)) return 1;
  setenv ("LIBGUESTFS_CACHEDIR", cachedir, 1);

  /* 1 */
  guestfs_h *g = launch ("force_tcg");
  CHECK (g != NULL);
  CHECK_CONTAINS (log_buf, "saving one");
  CHECK_CONTAINS (log_buf, "launch: warm start: restored");
  char *uuid1 = NULL;
  if (g) {
    CHECK (guestfs_blockdev_getsize64 (g, "/dev/sda") == 32 << 20);
    CHECK (guestfs_blockdev_getsize64 (g, "/dev/sdb") == 48 << 20);
    uuid1 = new_uuid (g);
    CHECK (uuid1 != NULL);
    CHECK (guestfs_mount (g, "/dev/sda", "/") == 0);
    CHECK (guestfs_touch (g, "/now") == 0);
    struct guestfs_statns *st = guestfs_statns (g, "/now");
    CHECK (st != NULL);
    if (st) {
      long skew = (long) (st->st_mtime_sec - time (NULL));
      if (skew < -120 || skew > 120) fprintf (stderr, "guest clock off by %ld s\n", skew);
      CHECK (skew >= -120 && skew <= 120);
      guestfs_free_statns (st);
    }
    CHECK (guestfs_shutdown (g) == 0);
    guestfs_close (g);
  }

  /* 2 */
  g = launch ("force_tcg");
  CHECK (g != NULL);
  CHECK_CONTAINS (log_buf, "launch: warm start: restored");
  if (g) {
    char *uuid2 = new_uuid (g);
    CHECK (uuid2 != NULL);
    CHECK (uuid1 && uuid2 && strcmp (uuid1, uuid2) != 0);
    free (uuid2);
    guestfs_close (g);
  }
  free (uuid1);

  /* 3 */
  char *state = state_file (cachedir);
  CHECK (state != NULL);
  if (state) {
    int fd = open (state, O_WRONLY | O_TRUNC);
    CHECK (fd >= 0 && write (fd, "garbage\n", 8) == 8);
    if (fd >= 0) close (fd);
    g = launch ("force_tcg");
    CHECK (g != NULL);
    CHECK_CONTAINS (log_buf, "launch: cold boot: the restore failed");
    CHECK (access (state, F_OK) == -1);
    if (g) {
      CHECK (guestfs_blockdev_getsize64 (g, "/dev/sdb") == 48 << 20);
      guestfs_close (g);
    }
    free (state);
  }

  /* 4 */
  g = launch ("warm=0");
  CHECK (g != NULL);
  CHECK_CONTAINS (log_buf, "launch: cold boot: backend setting warm=0");
  if (g) guestfs_close (g);

  /* 5 */
  state = state_file (cachedir);
  CHECK (state == NULL);              /* removed in 3, not rebuilt in 4 */
  free (state);
  CHECK (four_threads () == 4);
  state = state_file (cachedir);
  CHECK (state != NULL);
  free (state);
  CHECK (four_threads () == 4);

  char cmd[600];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", cachedir);
  if (system (cmd) != 0) fprintf (stderr, "could not remove %s\n", cachedir);
  TEST_EXIT ();
}
