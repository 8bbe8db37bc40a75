/* Filesystem labels and UUIDs: set (with the tool of each type), find a
 * device by label or UUID, and the old ext2-only calls. */

#include <config.h>

#include <blkid.h>
#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* TYPE of DEVICE, or NULL after replying. */
static char *
type_of (const char *device)
{
  char *t = fs_probe_type (device);
  if (t == NULL)
    reply_with_perror ("%s", device);
  return t;
}

static int
label_too_long (const char *label, size_t max, const char *type)
{
  if (strlen (label) > max) {
    reply_with_error ("%s: %s labels are limited to %zu bytes", label, type, max);
    return 1;
  }
  return 0;
}

int
do_set_label (const char *mountable, const char *label)
{
  CLEANUP_FREE char *type = type_of (mountable);

  if (type == NULL)
    return -1;
  if (fs_is_ext (type)) {
    if (label_too_long (label, 16, "ext2/3/4"))
      return -1;
    const char *argv[] = { "e2label", mountable, label, NULL };
    return fs_run (mountable, argv);
  }
  if (strcmp (type, "xfs") == 0) {
    if (label_too_long (label, 12, "xfs"))
      return -1;
    if (strpbrk (label, " \t\n"))
      return reply_with_error ("%s: xfs labels cannot contain blanks", label);
    CLEANUP_FREE char *cmd = NULL;
    if (asprintf (&cmd, "label %s", *label ? label : "--") == -1)
      return reply_with_perror ("asprintf");
    const char *cmds[] = { cmd, NULL };
    return fs_xfs_db (mountable, 0, cmds);
  }
  if (strcmp (type, "btrfs") == 0) {
    const char *argv[] = { "btrfs", "filesystem", "label", mountable, label, NULL };
    return fs_run (mountable, argv);
  }
  if (strcmp (type, "vfat") == 0 || strcmp (type, "msdos") == 0) {
    if (label_too_long (label, 11, "vfat"))
      return -1;
    const char *argv[] = { "fatlabel", mountable, label, NULL };
    return fs_run (mountable, argv);
  }
  if (strcmp (type, "ntfs") == 0) {
    const char *argv[] = { "ntfslabel", mountable, label, NULL };
    return fs_run (mountable, argv);
  }
  if (strcmp (type, "swap") == 0) {
    if (label_too_long (label, 16, "swap"))
      return -1;
    const char *argv[] = { "swaplabel", "-L", label, mountable, NULL };
    return fs_run (mountable, argv);
  }
  return reply_with_error_errno (ENOTSUP,
                                 "don't know how to set the label for '%s' filesystems",
                                 type);
}

/* UUID "random" asks for a fresh one, where the tool supports it. */
static int
set_uuid (const char *device, const char *uuid, int random_uuid)
{
  CLEANUP_FREE char *type = type_of (device);
  char fresh[64];

  if (type == NULL)
    return -1;
  if (fs_is_ext (type)) {
    const char *argv[] = { "tune2fs", "-f", "-U", random_uuid ? "random" : uuid,
                           device, NULL };
    return fs_run (device, argv);
  }
  if (strcmp (type, "xfs") == 0) {
    if (!random_uuid && strpbrk (uuid, " \t\n"))
      return reply_with_error ("%s: invalid UUID", uuid);
    CLEANUP_FREE char *cmd = NULL;
    if (asprintf (&cmd, "uuid %s", random_uuid ? "generate" : uuid) == -1)
      return reply_with_perror ("asprintf");
    const char *cmds[] = { cmd, NULL };
    return fs_xfs_db (device, 0, cmds);
  }
  if (strcmp (type, "btrfs") == 0) {
    const char *argv[] = { "btrfstune", "-f", random_uuid ? "-u" : "-U",
                           random_uuid ? device : uuid, random_uuid ? NULL : device,
                           NULL };
    return fs_run (device, argv);
  }
  if (strcmp (type, "swap") == 0) {
    if (random_uuid) {
      FILE *f = fopen ("/proc/sys/kernel/random/uuid", "r");
      if (f == NULL || fgets (fresh, sizeof fresh, f) == NULL) {
        if (f)
          fclose (f);
        return reply_with_perror ("/proc/sys/kernel/random/uuid");
      }
      fclose (f);
      trim_newlines (fresh);
      uuid = fresh;
    }
    const char *argv[] = { "swaplabel", "-U", uuid, device, NULL };
    return fs_run (device, argv);
  }
  return reply_with_error_errno (ENOTSUP,
                                 "don't know how to set the UUID for '%s' filesystems",
                                 type);
}

int
do_set_uuid (const char *device, const char *uuid)
{
  return set_uuid (device, uuid, 0);
}

int
do_set_uuid_random (const char *device)
{
  return set_uuid (device, NULL, 1);
}

/* The device whose TAG is VALUE, found by probing every device. */
static char *
findfs (const char *tag, const char *value)
{
  char *dev = blkid_evaluate_tag (tag, value, NULL);

  if (dev == NULL) {
    reply_with_error ("findfs exited with status 1: findfs: unable to resolve '%s=%s'",
                      tag, value);
    return NULL;
  }
  if (strncmp (dev, "/dev/mapper/", 12) == 0) {
    char *lv = lvm_canonical_name (dev);
    if (lv) {
      free (dev);
      return lv;
    }
  }
  return dev;
}

char *
do_findfs_label (const char *label)
{
  return findfs ("LABEL", label);
}

char *
do_findfs_uuid (const char *uuid)
{
  return findfs ("UUID", uuid);
}

char *
do_get_e2label (const char *device)
{
  return fs_probe_tag_reply (device, "LABEL");
}

char *
do_get_e2uuid (const char *device)
{
  return fs_probe_tag_reply (device, "UUID");
}

int
do_set_e2label (const char *device, const char *label)
{
  if (label_too_long (label, 16, "ext2/3/4"))
    return -1;
  const char *argv[] = { "e2label", device, label, NULL };
  return fs_run (device, argv);
}

int
do_set_e2uuid (const char *device, const char *uuid)
{
  const char *argv[] = { "tune2fs", "-f", "-U", uuid, device, NULL };
  return fs_run (device, argv);
}
