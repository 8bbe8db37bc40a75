/* Runs the generated per-call tests against one launched appliance.
 *
 * The shared handle has two scratch disks: /dev/sda (500 MiB) and /dev/sdb
 * (50 MiB).  Each test names the state it starts from (see
 * generator/model.py, class Test); harness_prepare() puts /dev/sda in it.
 * Prints one line per test and a closing "N passed, M failed" line.
 */
#include <config.h>

#include <inttypes.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "api-harness.h"

guestfs_h *g;

static void
silent_error (guestfs_h *h, void *opaque, const char *msg)
{
  (void) h; (void) opaque; (void) msg;
}

void
harness_expect_error (void)
{
  guestfs_push_error_handler (g, silent_error, NULL);
}

void
harness_end_expect_error (void)
{
  guestfs_pop_error_handler (g);
}

int
harness_fail (const char *what)
{
  fprintf (stderr, "  %s: failed: %s\n", what, guestfs_last_error (g));
  return -1;
}

int
harness_failf (const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  fputs ("  ", stderr);
  vfprintf (stderr, fmt, ap);
  fputc ('\n', stderr);
  va_end (ap);
  return -1;
}

void
harness_free_strings (char **l)
{
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
}

int
harness_check_string (const char *desc, const char *got, const char *want)
{
  if (strcmp (got, want) != 0)
    return harness_failf ("%s: got \"%s\", expected \"%s\"", desc, got, want);
  return 0;
}

int
harness_check_buffer (const char *desc, const char *got, size_t got_len,
                      size_t want_len, const char *want)
{
  if (got_len != want_len || memcmp (got, want, want_len) != 0)
    return harness_failf ("%s: got %zu bytes, expected %zu bytes \"%s\"",
                          desc, got_len, want_len, want);
  return 0;
}

int
harness_check_lines (const char *desc, char **got, const char **want)
{
  size_t i;
  for (i = 0; got[i] && want[i]; i++)
    if (strcmp (got[i], want[i]) != 0)
      return harness_failf ("%s: line %zu: got \"%s\", expected \"%s\"",
                            desc, i, got[i], want[i]);
  if (got[i] || want[i])
    return harness_failf ("%s: got %s lines than expected (extra: \"%s\")",
                          desc, got[i] ? "more" : "fewer",
                          got[i] ? got[i] : want[i]);
  return 0;
}

int
harness_check_int (const char *desc, int64_t got, int64_t want)
{
  if (got != want)
    return harness_failf ("%s: got %" PRIi64 ", expected %" PRIi64,
                          desc, got, want);
  return 0;
}

int
harness_check_hash (const char *desc, char **got, const char *key,
                    const char *value)
{
  for (size_t i = 0; got[i] && got[i + 1]; i += 2)
    if (strcmp (got[i], key) == 0)
      return harness_check_string (desc, got[i + 1], value);
  return harness_failf ("%s: no key \"%s\"", desc, key);
}

/* The next test's partitions start where the last test's did, so md and
 * LVM signatures left inside them would survive the new partition table
 * (pvcreate then refuses "an md component").
 */
static int
wipe_partitions (void)
{
  char **parts = guestfs_list_partitions (g);
  int r = 0;

  if (parts == NULL)
    return harness_fail ("list-partitions");
  for (size_t i = 0; parts[i]; i++)
    if (strncmp (parts[i], "/dev/sda", 8) == 0 && guestfs_wipefs (g, parts[i]) == -1)
      r = harness_fail ("wipefs");
  harness_free_strings (parts);
  return r;
}

/* lvm group: free /dev/sda of md arrays and LVM objects left by tests. */
static int
release_storage (void)
{
  char **mds = guestfs_list_md_devices (g);
  for (size_t i = 0; mds && mds[i]; i++)
    guestfs_md_stop (g, mds[i]);
  harness_free_strings (mds);
  if (guestfs_lvm_clear_filter (g) == -1)
    return harness_fail ("lvm-clear-filter");
  if (guestfs_lvm_remove_all (g) == -1)
    return harness_fail ("lvm-remove-all");
  return wipe_partitions ();
}

static int
prepare_disk (const char *parttype_or_null, int mkfs)
{
  if (guestfs_umount_all (g) == -1)
    return harness_fail ("umount-all");
  if (release_storage () == -1)
    return -1;
  if (parttype_or_null == NULL)
    return guestfs_part_init (g, "/dev/sda", "mbr") == -1 ?
      harness_fail ("part-init") : 0;
  if (guestfs_part_disk (g, "/dev/sda", parttype_or_null) == -1)
    return harness_fail ("part-disk");
  if (!mkfs)
    return 0;
  if (guestfs_mkfs (g, "ext2", "/dev/sda1") == -1)
    return harness_fail ("mkfs");
  if (guestfs_mount (g, "/dev/sda1", "/") == -1)
    return harness_fail ("mount");
  return 0;
}

static int second_disk_dirty;

void
harness_second_disk_used (void)
{
  second_disk_dirty = 1;
}

/* Tests expect /dev/sdb blank (checksum_device, swapon_uuid, ...): after a
 * test that used it, unmount and zero it again.
 */
static int
blank_second_disk (void)
{
  if (!second_disk_dirty)
    return 0;
  second_disk_dirty = 0;
  if (guestfs_umount_all (g) == -1)
    return harness_fail ("umount-all");
  harness_expect_error ();
  guestfs_swapoff_device (g, "/dev/sdb");   /* only if a test left it on */
  harness_end_expect_error ();
  return guestfs_zero_device (g, "/dev/sdb") == -1 ?
    harness_fail ("zero-device /dev/sdb") : 0;
}

int
harness_prepare (const char *init)
{
  if (blank_second_disk () == -1)
    return -1;
  if (strcmp (init, "none") == 0)
    return 0;
  if (strcmp (init, "empty") == 0)
    return prepare_disk (NULL, 0);
  if (strcmp (init, "partition") == 0)
    return prepare_disk ("mbr", 0);
  if (strcmp (init, "basicfs") == 0)
    return prepare_disk ("mbr", 1);
  if (strcmp (init, "basiclvm") == 0) {   /* lvm group: ext2 on /dev/VG/LV */
    char *pv[] = { (char *) "/dev/sda1", NULL };
    if (prepare_disk ("mbr", 0) == -1)
      return -1;
    if (guestfs_pvcreate (g, "/dev/sda1") == -1
        || guestfs_vgcreate (g, "VG", pv) == -1
        || guestfs_lvcreate (g, "LV", "VG", 8) == -1
        || guestfs_mkfs (g, "ext2", "/dev/VG/LV") == -1
        || guestfs_mount (g, "/dev/VG/LV", "/") == -1)
      return harness_fail ("basiclvm");
    return 0;
  }
  return harness_failf ("unknown test init \"%s\"", init);
}

/* Host-side files for FileIn / FileOut tests, in a private directory. */
static char host_dir[] = "/tmp/api-harness-XXXXXX";
static char host_file[64], host_out[64];
#define HOST_FILE_CONTENT "hello from the host\n"

static int
make_host_files (void)
{
  if (mkdtemp (host_dir) == NULL)
    return -1;
  snprintf (host_file, sizeof host_file, "%s/in", host_dir);
  snprintf (host_out, sizeof host_out, "%s/out", host_dir);
  FILE *f = fopen (host_file, "w");
  if (f == NULL)
    return -1;
  fputs (HOST_FILE_CONTENT, f);
  return fclose (f);
}

static void
remove_host_files (void)
{
  unlink (host_file);
  unlink (host_out);
  rmdir (host_dir);
}

const char *
harness_host_file (void)
{
  return host_file;
}

const char *
harness_test_data (const char *name)
{
  static char path[4096];
  const char *src = getenv ("GUESTFERRY_SOURCE_ROOT");
  snprintf (path, sizeof path, "%s/../shared/test-data/%s",
            src ? src : "..", name);
  return path;
}

const char *
harness_host_out (void)
{
  unlink (host_out);
  return host_out;
}

int
harness_check_host_out (const char *want)
{
  char buf[4096] = "";
  FILE *f = fopen (host_out, "r");
  if (f == NULL)
    return harness_failf ("%s: %s", host_out, strerror (errno));
  size_t n = fread (buf, 1, sizeof buf - 1, f);
  fclose (f);
  buf[n] = '\0';
  return harness_check_string ("host file", buf, want);
}

static guestfs_h *
launch_handle (void)
{
  guestfs_h *h = guestfs_create ();
  if (h == NULL) {
    fprintf (stderr, "guestfs_create failed\n");
    return NULL;
  }
  if (guestfs_add_drive_scratch (h, INT64_C(500) * 1024 * 1024, -1) == -1 ||
      guestfs_add_drive_scratch (h, INT64_C(50) * 1024 * 1024, -1) == -1 ||
      guestfs_launch (h) == -1) {
    guestfs_close (h);
    return NULL;
  }
  return h;
}

/* API_TESTS_FILTER: comma-separated substrings; a test runs if its name
 * contains any of them.
 */
static int
selected (const char *name)
{
  const char *filter = getenv ("API_TESTS_FILTER");

  if (filter == NULL)
    return 1;
  while (*filter) {
    size_t len = strcspn (filter, ",");
    for (const char *p = name; len > 0 && *p; p++)
      if (strncmp (p, filter, len) == 0)
        return 1;
    filter += len;
    if (*filter == ',')
      filter++;
  }
  return 0;
}

int
main (int argc, char *argv[])
{
  int passed = 0, failed = 0;
  unsigned shard = 0, shards = 1, index = 0;

  /* "--shard I/N": run every Nth test starting at I, so that N appliances
   * can share the suite. */
  if (argc == 3 && strcmp (argv[1], "--shard") == 0 &&
      (sscanf (argv[2], "%u/%u", &shard, &shards) != 2 || shards == 0 ||
       shard >= shards)) {
    fprintf (stderr, "api-tests: bad --shard %s\n", argv[2]);
    return 2;
  }

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (make_host_files () == -1) {
    perror ("api-harness: host files");
    return 1;
  }
  atexit (remove_host_files);
  g = launch_handle ();
  if (g == NULL) {
    printf ("0 passed, 1 failed\n");
    return 1;
  }
  for (const struct harness_test *t = harness_tests; t->fn; t++) {
    if (!selected (t->name) || index++ % shards != shard)
      continue;
    int r = t->fn ();
    printf ("%s - %s\n", r == 0 ? "ok" : "FAIL", t->name);
    if (r == 0)
      passed++;
    else
      failed++;
    if (!guestfs_is_ready (g)) {
      /* A test killed the appliance: report it, start a fresh one. */
      fprintf (stderr, "appliance died during %s; relaunching\n", t->name);
      guestfs_close (g);
      g = launch_handle ();
      if (g == NULL)
        break;
    }
  }
  if (g)
    guestfs_close (g);
  printf ("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
