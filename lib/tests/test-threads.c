/* Two handles launched and used in parallel from two threads.  With
 * FAKE_HV set (or argv[1]), the fake appliance; otherwise the real one
 * (LIBGUESTFS_PATH must point at it). */
#include <config.h>

#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <unistd.h>

#include "guestfs.h"
#include "tests.h"

static const char *fake_hv;
static const char *fake_path;

static void *
worker (void *arg)
{
  intptr_t ok = 0;
  guestfs_h *g = guestfs_create ();
  if (!g) return (void *) ok;
  if (fake_hv) {
    guestfs_set_hv (g, fake_hv);
    guestfs_set_path (g, fake_path);
  }
  char *settings[] = { "force_tcg", NULL };
  guestfs_set_backend_settings (g, settings);
  if (guestfs_add_drive_scratch (g, 100 * 1024 * 1024, -1) == 0
      && guestfs_launch (g) == 0) {
    ok = 1;
    for (int i = 0; i < 20; i++)
      if (guestfs_ping_daemon (g) == -1) ok = 0;
  }
  guestfs_close (g);
  return (void *) ok;
}

int
main (int argc, char **argv)
{
  fake_hv = argc > 1 ? argv[1] : getenv ("FAKE_HV");
  char dir[] = "/tmp/gfthreadsXXXXXX";
  char k[64], i[64];
  signal (SIGPIPE, SIG_IGN);
  if (fake_hv) {
    CHECK (mkdtemp (dir) != NULL);
    snprintf (k, sizeof k, "%s/kernel", dir);
    snprintf (i, sizeof i, "%s/initrd", dir);
    fclose (fopen (k, "w"));
    fclose (fopen (i, "w"));
    fake_path = dir;
    setenv ("FAKE_HV_MODE", "ok", 1);
  }
  pthread_t t[2];
  for (int n = 0; n < 2; n++)
    CHECK (pthread_create (&t[n], NULL, worker, NULL) == 0);
  for (int n = 0; n < 2; n++) {
    void *r;
    pthread_join (t[n], &r);
    CHECK (r == (void *) 1);
  }
  if (fake_hv) { unlink (k); unlink (i); rmdir (dir); }
  TEST_EXIT ();
}
