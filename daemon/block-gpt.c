/* GPT-only fields (type and unique GUIDs, attribute bits, disk GUID) and
 * moving the backup GPT, with sgdisk, the tool that exposes all of them. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Run sgdisk ARGS on DEVICE and return its stdout; NULL after replying. */
static char *
sgdisk_out (const char *device, const char *const *argv)
{
  char *out = NULL;
  CLEANUP_FREE char *err = NULL;
  if (commandvf (&out, &err, CMD_STDERR_TO_OUT, argv) == -1) {
    trim_newlines (out);
    reply_with_error ("sgdisk: %s: %s", device, out && out[0] ? out : "failed");
    free (out);
    return NULL;
  }
  return out;
}

/* The value after "FIELD: " in sgdisk's report, up to a space; NULL after
 * replying. */
static char *
sgdisk_field (const char *device, const char *const *argv, const char *field)
{
  CLEANUP_FREE char *out = sgdisk_out (device, argv);
  if (out == NULL)
    return NULL;
  size_t flen = strlen (field);
  for (char *line = out; line && *line; ) {
    char *nl = strchr (line, '\n');
    if (nl)
      *nl = '\0';
    if (strncmp (line, field, flen) == 0 && strncmp (line + flen, ": ", 2) == 0) {
      const char *v = line + flen + 2;
      char *r = strndup (v, strcspn (v, " \t"));
      if (r == NULL)
        reply_with_perror ("strndup");
      return r;
    }
    line = nl ? nl + 1 : NULL;
  }
  reply_with_error ("%s: sgdisk output did not contain '%s'", device, field);
  return NULL;
}

static char *
partition_field (const char *device, int partnum, const char *field)
{
  char num[16];
  if (block_check_partnum (partnum) == -1)
    return NULL;
  snprintf (num, sizeof num, "%d", partnum);
  const char *argv[] = { "sgdisk", "-i", num, "--", device, NULL };
  return sgdisk_field (device, argv, field);
}

/* Change something with "sgdisk OPTION VALUE DEVICE". */
static int
sgdisk_set (const char *device, const char *option, const char *value)
{
  const char *argv[] = { "sgdisk", option, value, "--", device, NULL };
  CLEANUP_FREE char *out = sgdisk_out (device, argv);
  reread_partitions (device);
  return out ? 0 : -1;
}

static int
set_partition_guid (const char *device, int partnum, const char *option,
                    const char *guid)
{
  char arg[64];
  if (block_check_partnum (partnum) == -1)
    return -1;
  CLEANUP_FREE char *g = block_guid_arg (guid);
  if (g == NULL)
    return -1;
  snprintf (arg, sizeof arg, "%d:%s", partnum, g);
  return sgdisk_set (device, option, arg);
}

char *
do_part_get_gpt_type (const char *device, int partnum)
{
  return partition_field (device, partnum, "Partition GUID code");
}

int
do_part_set_gpt_type (const char *device, int partnum, const char *guid)
{
  return set_partition_guid (device, partnum, "-t", guid);
}

char *
do_part_get_gpt_guid (const char *device, int partnum)
{
  return partition_field (device, partnum, "Partition unique GUID");
}

int
do_part_set_gpt_guid (const char *device, int partnum, const char *guid)
{
  return set_partition_guid (device, partnum, "-u", guid);
}

int64_t
do_part_get_gpt_attributes (const char *device, int partnum)
{
  CLEANUP_FREE char *v = partition_field (device, partnum, "Attribute flags");
  if (v == NULL)
    return -1;
  errno = 0;
  char *end;
  uint64_t a = strtoull (v, &end, 16);
  if (errno != 0 || end == v || *end != '\0')
    return reply_with_error ("%s: cannot parse sgdisk attribute flags '%s'",
                             device, v);
  return (int64_t) a;
}

int
do_part_set_gpt_attributes (const char *device, int partnum,
                            int64_t attributes)
{
  char arg[64];
  if (block_check_partnum (partnum) == -1)
    return -1;
  /* "N:=:HEX" replaces all 64 bits. */
  snprintf (arg, sizeof arg, "%d:=:%" PRIx64, partnum, (uint64_t) attributes);
  return sgdisk_set (device, "-A", arg);
}

char *
do_part_get_disk_guid (const char *device)
{
  const char *argv[] = { "sgdisk", "-p", "--", device, NULL };
  return sgdisk_field (device, argv, "Disk identifier (GUID)");
}

int
do_part_set_disk_guid (const char *device, const char *guid)
{
  CLEANUP_FREE char *g = block_guid_arg (guid);
  if (g == NULL)
    return -1;
  return sgdisk_set (device, "-U", g);
}

int
do_part_set_disk_guid_random (const char *device)
{
  return sgdisk_set (device, "-U", "R");
}

int
do_part_expand_gpt (const char *device)
{
  const char *argv[] = { "sgdisk", "-e", "--", device, NULL };
  CLEANUP_FREE char *out = NULL, *err = NULL;
  int r = commandvf (&out, &err, CMD_STDERR_TO_OUT, argv);
  reread_partitions (device);
  if (r == -1) {
    trim_newlines (out);
    return reply_with_error ("sgdisk -e %s: %s", device, out ? out : "failed");
  }
  return 0;
}
