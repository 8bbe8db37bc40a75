/* Windows drive letters: the SYSTEM hive's MountedDevices maps
 * "\DosDevices\C:" to a partition, named either by MBR disk signature +
 * byte offset (12 bytes) or by "DMIO:ID:" + GPT partition GUID (24 bytes).
 * We find the matching partition among the appliance's disks. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect-windows.h"

#define GPT_MAX_ENTRIES 1024

static uint32_t
le32 (const unsigned char *p)
{
  return p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16
    | (uint32_t) p[3] << 24;
}

static uint64_t
le64 (const unsigned char *p)
{
  return le32 (p) | (uint64_t) le32 (p + 4) << 32;
}

/* "sda" of "/dev/sda". */
static const char *
dev_base (const char *dev)
{
  const char *s = strrchr (dev, '/');
  return s ? s + 1 : dev;
}

/* Start in bytes of partition PART of DISK (sysfs counts 512-byte
 * sectors whatever the disk's block size); -1 if not a partition of it. */
static int64_t
partition_start (const char *disk, const char *part)
{
  char path[256];
  snprintf (path, sizeof path, "/sys/class/block/%s/%s/start",
            dev_base (disk), dev_base (part));
  FILE *f = fopen (path, "re");
  if (f == NULL)
    return -1;
  int64_t start = -1;
  if (fscanf (f, "%" SCNi64, &start) != 1)
    start = -1;
  fclose (f);
  return start >= 0 ? start * 512 : -1;
}

/* The partition of DISK starting at byte OFFSET (malloc'd), or NULL. */
static char *
partition_at (const char *disk, int64_t offset)
{
  CLEANUP_FREE_STRING_LIST char **parts = list_all_partitions ();
  for (size_t i = 0; parts && parts[i]; i++)
    if (partition_start (disk, parts[i]) == offset)
      return strdup (parts[i]);
  return NULL;
}

static int
read_at (const char *dev, void *buf, size_t len, uint64_t off)
{
  int fd = open (dev, O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return -1;
  ssize_t r = pread (fd, buf, len, (off_t) off);
  close (fd);
  return r == (ssize_t) len ? 0 : -1;
}

static int
logical_block_size (const char *disk)
{
  char path[256];
  int size = 512;
  snprintf (path, sizeof path, "/sys/block/%s/queue/logical_block_size",
            dev_base (disk));
  FILE *f = fopen (path, "re");
  if (f != NULL) {
    if (fscanf (f, "%d", &size) != 1 || size < 512 || size > 65536)
      size = 512;
    fclose (f);
  }
  return size;
}

/* MBR disk signature + byte offset -> partition device. */
static char *
find_mbr_partition (uint32_t signature, uint64_t offset)
{
  CLEANUP_FREE_STRING_LIST char **disks = list_whole_devices ();
  for (size_t i = 0; disks && disks[i]; i++) {
    unsigned char mbr[512];
    if (read_at (disks[i], mbr, sizeof mbr, 0) == -1
        || mbr[510] != 0x55 || mbr[511] != 0xaa
        || le32 (mbr + 0x1b8) != signature)
      continue;
    char *p = partition_at (disks[i], (int64_t) offset);
    if (p != NULL)
      return p;
  }
  return NULL;
}

/* First LBA of the GPT entry of DISK whose unique GUID is GUID, or -1. */
static int64_t
gpt_first_lba (const char *disk, const unsigned char guid[16])
{
  int bs = logical_block_size (disk);
  unsigned char hdr[92];
  if (read_at (disk, hdr, sizeof hdr, (uint64_t) bs) == -1
      || memcmp (hdr, "EFI PART", 8) != 0)
    return -1;
  uint64_t entries_lba = le64 (hdr + 72);
  uint32_t n = le32 (hdr + 80), esize = le32 (hdr + 84);
  if (esize < 128 || esize > 4096 || n > GPT_MAX_ENTRIES
      || entries_lba > UINT64_MAX / (uint64_t) bs / 2)
    return -1;
  unsigned char e[128];
  for (uint32_t i = 0; i < n; i++) {
    uint64_t off = entries_lba * (uint64_t) bs + (uint64_t) i * esize;
    if (read_at (disk, e, sizeof e, off) == -1)
      return -1;
    if (memcmp (e + 16, guid, 16) == 0) {
      uint64_t lba = le64 (e + 32);
      return lba > INT64_MAX / bs ? -1 : (int64_t) (lba * (uint64_t) bs);
    }
  }
  return -1;
}

/* GPT partition unique GUID (on-disk byte order) -> partition device. */
static char *
find_gpt_partition (const unsigned char guid[16])
{
  CLEANUP_FREE_STRING_LIST char **disks = list_whole_devices ();
  for (size_t i = 0; disks && disks[i]; i++) {
    int64_t start = gpt_first_lba (disks[i], guid);
    if (start < 0)
      continue;
    char *p = partition_at (disks[i], start);
    if (p != NULL)
      return p;
  }
  return NULL;
}

/* The partition that a MountedDevices value names, or NULL. */
static char *
partition_of_value (const unsigned char *data, size_t len)
{
  if (len == 12)
    return find_mbr_partition (le32 (data), le64 (data + 4));
  if (len == 24 && memcmp (data, "DMIO:ID:", 8) == 0)
    return find_gpt_partition (data + 8);
  return NULL;
}

/* "C" (in OUT) of "\DosDevices\C:", or NULL. */
static const char *
drive_letter (const char *key, char out[2])
{
  static const char prefix[] = "\\DosDevices\\";
  size_t n = sizeof prefix - 1;
  if (strncasecmp (key, prefix, n) != 0)
    return NULL;
  const char *l = key + n;
  if (!((l[0] >= 'A' && l[0] <= 'Z') || (l[0] >= 'a' && l[0] <= 'z'))
      || l[1] != ':' || l[2] != '\0')
    return NULL;
  out[0] = l[0] & ~0x20;        /* upper case */
  out[1] = '\0';
  return out;
}

struct mapping { char letter[2]; char *dev; };

static int
cmp_mapping (const void *a, const void *b)
{
  return strcmp (((const struct mapping *) a)->letter,
                 ((const struct mapping *) b)->letter);
}

/* MAP[0..N) -> the flat list "C", "/dev/sda2", ...; frees the devices. */
static char **
mappings_to_list (struct mapping *map, size_t n)
{
  char **l = n ? calloc (2 * n + 1, sizeof *l) : NULL;
  qsort (map, n, sizeof *map, cmp_mapping);
  for (size_t i = 0; i < n; i++) {
    if (l != NULL) {
      l[2 * i] = strdup (map[i].letter);
      l[2 * i + 1] = map[i].dev;
    }
    else
      free (map[i].dev);
  }
  return l;
}

char **
win_drive_mappings (hive_h *system)
{
  hive_node_h node = win_hive_node (system, 0, "MountedDevices");
  if (node == 0)
    return NULL;
  CLEANUP_FREE hive_value_h *values = hivex_node_values (system, node);
  if (values == NULL)
    return NULL;

  struct mapping map[26];
  size_t n = 0;
  for (size_t i = 0; values[i] != 0 && i < WIN_MAX_ENTRIES && n < 26; i++) {
    CLEANUP_FREE char *key = hivex_value_key (system, values[i]);
    char letter[2];
    if (key == NULL || drive_letter (key, letter) == NULL)
      continue;
    hive_type t;
    size_t len;
    CLEANUP_FREE char *data = win_hive_data (system, values[i], 64, &t, &len);
    if (data == NULL)
      continue;
    char *dev = partition_of_value ((unsigned char *) data, len);
    if (dev == NULL)
      continue;
    size_t j;
    for (j = 0; j < n && strcmp (map[j].letter, letter) != 0; j++)
      ;
    if (j < n) {                /* duplicate letter: keep the first */
      free (dev);
      continue;
    }
    memcpy (map[n].letter, letter, 2);
    map[n++].dev = dev;
  }
  return mappings_to_list (map, n);
}
