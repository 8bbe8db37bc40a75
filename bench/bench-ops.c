/* One benchmark operation through the public API, timed from inside the
 * process.  Built twice by bench.py: against guestferry and against the
 * system's libguestfs 1.48, from this same source.
 *
 *   bench-ops launch            create + add scratch + launch + close
 *   bench-ops roundtrip N       median of N ping-daemon calls
 *   bench-ops transfer MIB      upload then download MIB MiB
 *   bench-ops rss               qemu's resident memory with an idle appliance
 * Prints "name seconds" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <guestfs.h>

static double
now (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static guestfs_h *
launched (int64_t scratch)
{
  guestfs_h *g = guestfs_create ();
  if (!g || guestfs_add_drive_scratch (g, scratch, -1) == -1 ||
      guestfs_launch (g) == -1)
    exit (1);
  return g;
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
bench_launch (void)
{
  double t0 = now ();
  guestfs_h *g = launched (100 << 20);
  double t1 = now ();
  guestfs_close (g);
  double t2 = now ();
  printf ("launch %.4f\nclose %.4f\ntotal %.4f\n", t1 - t0, t2 - t1, t2 - t0);
}

static void
bench_roundtrip (int n)
{
  guestfs_h *g = launched (100 << 20);
  double *t = calloc (n, sizeof *t);
  for (int i = 0; i < n; i++) {
    double a = now ();
    if (guestfs_ping_daemon (g) == -1) exit (1);
    t[i] = now () - a;
  }
  qsort (t, n, sizeof *t, cmp_double);
  printf ("roundtrip %.6f\n", t[n / 2]);
  guestfs_close (g);
}

static void
bench_transfer (int mib)
{
  char src[] = "/tmp/bench-src-XXXXXX", dst[] = "/tmp/bench-dst-XXXXXX";
  int fd = mkstemp (src);
  char *buf = malloc (1 << 20);
  for (int i = 0; i < (1 << 20); i++) buf[i] = (char) (i * 7);
  for (int i = 0; i < mib; i++)
    if (write (fd, buf, 1 << 20) != 1 << 20) exit (1);
  close (fd);
  close (mkstemp (dst));
  guestfs_h *g = launched ((int64_t) (mib + 200) << 20);
  if (guestfs_mkfs (g, "ext4", "/dev/sda") == -1 ||
      guestfs_mount (g, "/dev/sda", "/") == -1)
    exit (1);
  double a = now ();
  if (guestfs_upload (g, src, "/f") == -1 || guestfs_sync (g) == -1) exit (1);
  double b = now ();
  if (guestfs_download (g, "/f", dst) == -1) exit (1);
  double c = now ();
  printf ("upload_MBps %.2f\ndownload_MBps %.2f\n",
          mib * 1.048576 / (b - a), mib * 1.048576 / (c - b));
  guestfs_close (g);
  unlink (src);
  unlink (dst);
  free (buf);
}

/* VmRSS of the appliance's qemu, once it has settled for a moment. */
static void
bench_rss (void)
{
  guestfs_h *g = launched (100 << 20);
  if (guestfs_ping_daemon (g) == -1) exit (1);
  sleep (1);
  int pid = guestfs_get_pid (g);
  char path[64], line[256];
  snprintf (path, sizeof path, "/proc/%d/status", pid);
  FILE *f = pid > 0 ? fopen (path, "r") : NULL;
  if (!f) exit (1);
  while (fgets (line, sizeof line, f))
    if (strncmp (line, "VmRSS:", 6) == 0)
      printf ("rss_MiB %.1f\n", atof (line + 6) / 1024);
  fclose (f);
  guestfs_close (g);
}

int
main (int argc, char *argv[])
{
  if (argc >= 2 && strcmp (argv[1], "launch") == 0)
    bench_launch ();
  else if (argc >= 3 && strcmp (argv[1], "roundtrip") == 0)
    bench_roundtrip (atoi (argv[2]));
  else if (argc >= 2 && strcmp (argv[1], "rss") == 0)
    bench_rss ();
  else if (argc >= 3 && strcmp (argv[1], "transfer") == 0)
    bench_transfer (atoi (argv[2]));
  else {
    fprintf (stderr, "usage: bench-ops launch|roundtrip N|transfer MIB|rss\n");
    return 2;
  }
  return 0;
}
