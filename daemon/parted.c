/* Partitioning with parted (argv, script mode), like libguestfs, so that
 * layouts (alignment, rounding) come out the same. */

#include <config.h>

#include <blkid.h>
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Map the libguestfs names to parted's label names. */
static const char *
parted_label (const char *t)
{
  static const char *const same[] = {
    "msdos", "gpt", "aix", "amiga", "bsd", "dasd", "dvh", "mac", "pc98",
    "sun", "loop", "atari", NULL
  };
  if (strcmp (t, "mbr") == 0)
    return "msdos";
  if (strcmp (t, "efi") == 0)
    return "gpt";
  if (strcmp (t, "rdb") == 0)
    return "amiga";
  for (size_t i = 0; same[i]; i++)
    if (strcmp (t, same[i]) == 0)
      return same[i];
  return NULL;
}

static int
run_parted (const char *device, const char *const *argv)
{
  CLEANUP_FREE char *err = NULL;
  int r = commandvf (NULL, &err, 0, argv);
  reread_partitions (device);
  if (r == -1) {
    trim_newlines (err);
    return reply_with_error ("parted: %s: %s", device, err ? err : "failed");
  }
  return 0;
}

int
do_part_init (const char *device, const char *parttype)
{
  const char *label = parted_label (parttype);
  if (label == NULL)
    return reply_with_error ("unknown partition type: common choices are \"gpt\" and \"msdos\"");
  const char *argv[] = { "parted", "-s", "--", device, "mklabel", label, NULL };
  return run_parted (device, argv);
}

static const char *
part_kind (const char *prlogex)
{
  if (strcmp (prlogex, "p") == 0 || strcmp (prlogex, "primary") == 0)
    return "primary";
  if (strcmp (prlogex, "l") == 0 || strcmp (prlogex, "logical") == 0)
    return "logical";
  if (strcmp (prlogex, "e") == 0 || strcmp (prlogex, "extended") == 0)
    return "extended";
  return NULL;
}

int
do_part_add (const char *device, const char *prlogex,
             int64_t startsect, int64_t endsect)
{
  const char *kind = part_kind (prlogex);
  char start[32], end[32];

  if (kind == NULL)
    return reply_with_error ("unknown partition type: %s: this should be \"primary\", \"logical\" or \"extended\"", prlogex);
  if (startsect < 0)
    return reply_with_error ("startsect cannot be negative");
  snprintf (start, sizeof start, "%" PRIi64 "s", startsect);
  snprintf (end, sizeof end, "%" PRIi64 "s", endsect);
  const char *argv[] = { "parted", "-s", "--", device, "mkpart", kind, start, end, NULL };
  return run_parted (device, argv);
}

/* One partition from sector 128 to 128 sectors before the end: room for a
 * GPT backup header and the same layout whatever the label. */
int
do_part_disk (const char *device, const char *parttype)
{
  const char *label = parted_label (parttype);
  if (label == NULL)
    return reply_with_error ("unknown partition type: common choices are \"gpt\" and \"msdos\"");
  const char *argv[] = { "parted", "-s", "--", device, "mklabel", label,
                         "mkpart", "primary", "128s", "-128s", NULL };
  return run_parted (device, argv);
}

/* "parted -m unit b print" output: "BYT;", the disk line, then one line
 * per partition "N:STARTB:ENDB:SIZEB:fs:name:flags;". */
static char **
parted_print (const char *device)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "parted", "-m", "-s", "--", device, "unit", "b", "print", NULL };
  if (commandvf (&out, &err, 0, argv) == -1) {
    trim_newlines (err);
    reply_with_error ("parted: %s: %s", device, err ? err : "failed");
    return NULL;
  }
  return split_lines (out);
}

guestfs_int_partition_list *
do_part_list (const char *device)
{
  CLEANUP_FREE_STRING_LIST char **lines = parted_print (device);
  guestfs_int_partition_list *r;
  size_t n = 0;

  if (lines == NULL)
    return NULL;
  r = calloc (1, sizeof *r);
  size_t nl = count_strings (lines);
  if (r == NULL || (r->guestfs_int_partition_list_val =
                    calloc (nl + 1, sizeof (guestfs_int_partition))) == NULL) {
    free (r);
    reply_with_perror ("calloc");
    return NULL;
  }
  for (size_t i = 2; i < nl; i++) {
    int num;
    uint64_t s, e, z;
    if (sscanf (lines[i], "%d:%" SCNu64 "B:%" SCNu64 "B:%" SCNu64 "B",
                &num, &s, &e, &z) != 4)
      continue;
    guestfs_int_partition *p = &r->guestfs_int_partition_list_val[n++];
    p->part_num = num;
    p->part_start = s;
    p->part_end = e;
    p->part_size = z;
  }
  r->guestfs_int_partition_list_len = n;
  return r;
}

char *
do_part_get_parttype (const char *device)
{
  /* libblkid reads the label in-process: no parted run for the common
   * case. */
  blkid_probe pr = blkid_new_probe_from_filename (device);
  if (pr) {
    const char *v = NULL;
    char *r = NULL;
    blkid_probe_enable_superblocks (pr, 0);
    blkid_probe_enable_partitions (pr, 1);
    if (blkid_do_fullprobe (pr) == 0
        && blkid_probe_lookup_value (pr, "PTTYPE", &v, NULL) == 0) {
      if (strcmp (v, "dos") == 0)
        r = strdup ("msdos");
      else if (strcmp (v, "gpt") == 0)
        r = strdup ("gpt");
    }
    blkid_free_probe (pr);
    if (r)
      return r;
  }

  CLEANUP_FREE_STRING_LIST char **lines = parted_print (device);
  if (lines == NULL)
    return NULL;
  /* disk line: path:size:transport:lss:pss:label:model:flags; */
  char *f = lines[0] && lines[1] ? lines[1] : NULL;
  for (int i = 0; f && i < 5; i++) {
    f = strchr (f, ':');
    if (f)
      f++;
  }
  if (f == NULL) {
    reply_with_error ("parted: %s: cannot parse the output of parted", device);
    return NULL;
  }
  size_t len = strcspn (f, ":");
  char *r = strndup (f, len);
  if (r == NULL)
    reply_with_perror ("strndup");
  return r;
}
