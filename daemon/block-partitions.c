/* Per-partition calls that work on any table type: delete, resize, the
 * bootable flag, names (parted), MBR type bytes (sfdisk), the kind of an
 * MBR partition (libblkid, in-process). */

#include <config.h>

#include <blkid.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_part_del (const char *device, int partnum)
{
  char num[16];
  if (block_check_partnum (partnum) == -1)
    return -1;
  snprintf (num, sizeof num, "%d", partnum);
  const char *argv[] = { "parted", "-s", "--", device, "rm", num, NULL };
  return block_run_tool (device, argv);
}

int
do_part_resize (const char *device, int partnum, int64_t endsect)
{
  char num[16], end[32];
  if (block_check_partnum (partnum) == -1)
    return -1;
  snprintf (num, sizeof num, "%d", partnum);
  snprintf (end, sizeof end, "%" PRIi64 "s", endsect);
  const char *argv[] = { "parted", "-s", "--", device, "resizepart", num, end, NULL };
  return block_run_tool (device, argv);
}

int
do_part_set_bootable (const char *device, int partnum, int bootable)
{
  char num[16];
  if (block_check_partnum (partnum) == -1)
    return -1;
  snprintf (num, sizeof num, "%d", partnum);
  const char *argv[] = { "parted", "-s", "--", device, "set", num, "boot",
                         bootable ? "on" : "off", NULL };
  return block_run_tool (device, argv);
}


/* The flags field (last one) of partition PARTNUM in "parted -m print":
 * "N:start:end:size:fs:name:flags;".  NULL after replying. */
static char *
parted_flags (const char *device, int partnum)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "parted", "-m", "-s", "--", device, "unit", "b", "print", NULL };
  char prefix[16];

  if (commandvf (&out, &err, 0, argv) == -1) {
    trim_newlines (err);
    reply_with_error ("parted: %s: %s", device, err && err[0] ? err : "failed");
    return NULL;
  }
  snprintf (prefix, sizeof prefix, "%d:", partnum);
  CLEANUP_FREE_STRING_LIST char **lines = split_lines (out);
  if (lines == NULL)
    return NULL;
  /* Lines 0 and 1 are "BYT;" and the disk. */
  for (size_t i = 2; lines[0] && lines[1] && lines[i]; i++) {
    if (strncmp (lines[i], prefix, strlen (prefix)) != 0)
      continue;
    char *f = strrchr (lines[i], ':');
    f = f ? f + 1 : lines[i];
    f[strcspn (f, ";")] = '\0';
    char *r = strdup (f);
    if (r == NULL)
      reply_with_perror ("strdup");
    return r;
  }
  reply_with_error ("partition number %d not found", partnum);
  return NULL;
}

int
do_part_get_bootable (const char *device, int partnum)
{
  if (block_check_partnum (partnum) == -1)
    return -1;
  CLEANUP_FREE char *flags = parted_flags (device, partnum);
  if (flags == NULL)
    return -1;
  /* "boot, esp" etc. */
  for (char *tok = strtok (flags, ", "); tok; tok = strtok (NULL, ", "))
    if (strcmp (tok, "boot") == 0)
      return 1;
  return 0;
}

/* ---- MBR type bytes: sfdisk --part-type ---- */

int
do_part_get_mbr_id (const char *device, int partnum)
{
  char num[16];
  CLEANUP_FREE char *out = NULL, *err = NULL;

  if (block_check_partnum (partnum) == -1)
    return -1;
  snprintf (num, sizeof num, "%d", partnum);
  const char *argv[] = { "sfdisk", "--part-type", device, num, NULL };
  int r = commandrvf (&out, &err, 0, argv);
  if (r != 0) {
    trim_newlines (err);
    if (r == -1)
      return reply_with_error ("sfdisk: %s", err && err[0] ? err : "failed");
    return reply_with_error ("sfdisk exited with status %d: %s", r, err ? err : "");
  }
  /* Hex digits; on GPT sfdisk prints a type GUID instead and, as with
   * libguestfs, its leading hex digits are what comes back. */
  errno = 0;
  char *end;
  long id = strtol (out, &end, 16);
  if (errno != 0 || end == out)
    return reply_with_error ("sfdisk: %s: cannot parse partition type \"%s\"",
                             device, out);
  return (int) id;
}

int
do_part_set_mbr_id (const char *device, int partnum, int idbyte)
{
  char num[16], id[8];
  if (block_check_partnum (partnum) == -1)
    return -1;
  if (idbyte < 0 || idbyte > 255)
    return reply_with_error_errno (EINVAL, "idbyte must be between 0 and 255");
  snprintf (num, sizeof num, "%d", partnum);
  snprintf (id, sizeof id, "%x", idbyte);
  const char *argv[] = { "sfdisk", "--part-type", device, num, id, NULL };
  return block_run_tool (device, argv);
}

/* ---- libblkid view of the table ---- */

static void
free_probe (blkid_probe *pr)
{
  if (*pr)
    blkid_free_probe (*pr);
}

/* Probe the partition table of DEVICE; NULL after replying. */
static blkid_probe
probe_table (const char *device, blkid_partlist *pl, const char **pttype)
{
  blkid_probe pr = blkid_new_probe_from_filename (device);
  if (pr == NULL) {
    reply_with_perror ("%s", device);
    return NULL;
  }
  blkid_probe_enable_superblocks (pr, 0);
  blkid_probe_enable_partitions (pr, 1);
  blkid_probe_set_partitions_flags (pr, BLKID_PARTS_ENTRY_DETAILS);
  *pl = blkid_probe_get_partitions (pr);
  blkid_parttable tab = *pl ? blkid_partlist_get_table (*pl) : NULL;
  if (tab == NULL) {
    blkid_free_probe (pr);
    reply_with_error ("%s: no partition table found", device);
    return NULL;
  }
  *pttype = blkid_parttable_get_type (tab);
  return pr;
}

static blkid_partition
find_partition (blkid_partlist pl, int partnum)
{
  blkid_partition p = blkid_partlist_get_partition_by_partno (pl, partnum);
  if (p == NULL)
    reply_with_error ("partition number %d not found", partnum);
  return p;
}

char *
do_part_get_mbr_part_type (const char *device, int partnum)
{
  __attribute__((cleanup (free_probe))) blkid_probe pr = NULL;
  blkid_partlist pl;
  const char *pttype = NULL, *kind;

  if (block_check_partnum (partnum) == -1)
    return NULL;
  if ((pr = probe_table (device, &pl, &pttype)) == NULL)
    return NULL;
  blkid_partition p = find_partition (pl, partnum);
  if (p == NULL)
    return NULL;
  if (pttype && strcmp (pttype, "dos") == 0 && blkid_partition_is_extended (p))
    kind = "extended";
  else if (pttype && strcmp (pttype, "dos") == 0 && blkid_partition_is_logical (p))
    kind = "logical";
  else
    kind = "primary";
  char *r = strdup (kind);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}

/* parted splits a name at spaces (its own command-line parser), so GPT
 * names are set with sgdisk; other tables get parted's error. */
int
do_part_set_name (const char *device, int partnum, const char *name)
{
  __attribute__((cleanup (free_probe))) blkid_probe pr = NULL;
  blkid_partlist pl;
  const char *pttype = NULL;
  char num[16];
  CLEANUP_FREE char *arg = NULL;

  if (block_check_partnum (partnum) == -1)
    return -1;
  if ((pr = probe_table (device, &pl, &pttype)) == NULL)
    return -1;
  snprintf (num, sizeof num, "%d", partnum);
  if (pttype == NULL || strcmp (pttype, "gpt") != 0) {
    const char *argv[] = { "parted", "-s", "--", device, "name", num, name, NULL };
    return block_run_tool (device, argv);
  }
  if (find_partition (pl, partnum) == NULL)
    return -1;
  if (asprintf (&arg, "%d:%s", partnum, name) == -1)
    return reply_with_perror ("asprintf");
  const char *argv[] = { "sgdisk", "-c", arg, "--", device, NULL };
  return block_run_tool (device, argv);
}

char *
do_part_get_name (const char *device, int partnum)
{
  __attribute__((cleanup (free_probe))) blkid_probe pr = NULL;
  blkid_partlist pl;
  const char *pttype = NULL;

  if (block_check_partnum (partnum) == -1)
    return NULL;
  if ((pr = probe_table (device, &pl, &pttype)) == NULL)
    return NULL;
  if (pttype == NULL || strcmp (pttype, "gpt") != 0) {
    reply_with_error ("part-get-name can only be used on GUID Partition Tables");
    return NULL;
  }
  blkid_partition p = find_partition (pl, partnum);
  if (p == NULL)
    return NULL;
  const char *name = blkid_partition_get_name (p);
  char *r = strdup (name ? name : "");
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}
