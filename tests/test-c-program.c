/* A program written for libguestfs, unchanged: create a disk, partition,
 * format, mount, write and read back a file, list partitions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <guestfs.h>

static int
fail (guestfs_h *g, const char *what)
{
  fprintf (stderr, "%s failed: %s\n", what, g ? guestfs_last_error (g) : "");
  printf ("0 passed, 1 failed\n");
  return 1;
}

int
main (void)
{
  char disk[] = "/tmp/test-c-program-XXXXXX";
  int fd = mkstemp (disk);
  if (fd == -1 || ftruncate (fd, 100 * 1024 * 1024) == -1)
    return fail (NULL, "mkstemp/ftruncate");
  close (fd);

  guestfs_h *g = guestfs_create ();
  if (g == NULL)
    return fail (NULL, "guestfs_create");
  if (guestfs_add_drive_opts (g, disk, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw",
                              GUESTFS_ADD_DRIVE_OPTS_READONLY, 0, -1) == -1)
    return fail (g, "add_drive_opts");
  if (guestfs_launch (g) == -1) return fail (g, "launch");
  if (guestfs_part_disk (g, "/dev/sda", "mbr") == -1) return fail (g, "part_disk");
  if (guestfs_mkfs (g, "ext4", "/dev/sda1") == -1) return fail (g, "mkfs");
  if (guestfs_mount (g, "/dev/sda1", "/") == -1) return fail (g, "mount");
  const char msg[] = "hello from a libguestfs program\n";
  if (guestfs_write (g, "/hello", msg, strlen (msg)) == -1) return fail (g, "write");
  char *content = guestfs_cat (g, "/hello");
  if (content == NULL) return fail (g, "cat");
  struct guestfs_partition_list *parts = guestfs_part_list (g, "/dev/sda");
  if (parts == NULL) return fail (g, "part_list");
  int ok = strcmp (content, msg) == 0 && parts->len == 1 &&
    parts->val[0].part_num == 1;
  printf ("cat: %s", content);
  printf ("partitions: %u\n", parts->len);
  free (content);
  guestfs_free_partition_list (parts);
  if (guestfs_shutdown (g) == -1) return fail (g, "shutdown");
  guestfs_close (g);

  /* The data must be on the disk image after close: read it again, read-only. */
  g = guestfs_create ();
  if (g == NULL) return fail (NULL, "guestfs_create");
  if (guestfs_add_drive_ro (g, disk) == -1) return fail (g, "add_drive_ro");
  if (guestfs_launch (g) == -1) return fail (g, "launch 2");
  if (guestfs_mount_ro (g, "/dev/sda1", "/") == -1) return fail (g, "mount_ro");
  content = guestfs_cat (g, "/hello");
  if (content == NULL) return fail (g, "cat 2");
  ok = ok && strcmp (content, msg) == 0;
  free (content);
  guestfs_close (g);
  unlink (disk);
  printf ("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
  return ok ? 0 : 1;
}
