/* The appliance's devices as the guest's fstab names them: filesystem
 * UUIDs and labels, partition UUIDs and names (probed once per
 * inspection with libblkid), and the guest's own device names (/dev/vda1,
 * /dev/mapper/VG-LV, /dev/disk/by-*) mapped to the appliance's. */

#include <config.h>

#include <blkid.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "daemon.h"
#include "inspect.h"

static int
add_tag (struct inspect_devices *d, const char *dev, const char *kind,
         const char *value)
{
  if (value == NULL || *value == '\0')
    return 0;
  struct inspect_tag *nt = realloc (d->tags, (d->ntags + 1) * sizeof *nt);
  if (nt == NULL)
    return -1;
  d->tags = nt;
  nt[d->ntags] = (struct inspect_tag) {
    strdup (dev), strdup (kind), strdup (value)
  };
  d->ntags++;
  return 0;
}

/* UUID, LABEL of the filesystem; PARTUUID, PARTLABEL of the partition. */
static void
probe_tags (struct inspect_devices *d, const char *dev)
{
  blkid_probe pr = blkid_new_probe_from_filename (dev);
  const char *v;

  if (pr == NULL)
    return;
  blkid_probe_enable_superblocks (pr, 1);
  blkid_probe_set_superblocks_flags (pr, BLKID_SUBLKS_LABEL | BLKID_SUBLKS_UUID);
  blkid_probe_enable_partitions (pr, 1);
  blkid_probe_set_partitions_flags (pr, BLKID_PARTS_ENTRY_DETAILS);
  if (blkid_do_safeprobe (pr) == 0) {
    if (blkid_probe_lookup_value (pr, "UUID", &v, NULL) == 0)
      add_tag (d, dev, "UUID", v);
    if (blkid_probe_lookup_value (pr, "LABEL", &v, NULL) == 0)
      add_tag (d, dev, "LABEL", v);
    if (blkid_probe_lookup_value (pr, "PART_ENTRY_UUID", &v, NULL) == 0)
      add_tag (d, dev, "PARTUUID", v);
    if (blkid_probe_lookup_value (pr, "PART_ENTRY_NAME", &v, NULL) == 0)
      add_tag (d, dev, "PARTLABEL", v);
  }
  blkid_free_probe (pr);
}

static int
in_list (char *const *l, const char *s)
{
  for (size_t i = 0; l && l[i]; i++)
    if (strcmp (l[i], s) == 0)
      return 1;
  return 0;
}

int
inspect_devices_init (struct inspect_devices *d, char *const *fses)
{
  memset (d, 0, sizeof *d);
  d->whole = list_whole_devices ();
  d->parts = list_all_partitions ();
  d->lvs = have_lvm_pvs () ? lvm_list_lvs () : NULL;
  if (d->whole == NULL || d->parts == NULL)
    return -1;
  /* Every filesystem (pairs: device, type) and every partition (for
   * PARTUUID even when it holds no filesystem). */
  for (size_t i = 0; fses && fses[i] && fses[i + 1]; i += 2)
    if (strncmp (fses[i], "btrfsvol:", 9) != 0)
      probe_tags (d, fses[i]);
  for (size_t i = 0; d->parts[i]; i++)
    if (!in_list (fses, d->parts[i]))
      probe_tags (d, d->parts[i]);
  return 0;
}

void
inspect_devices_free (struct inspect_devices *d)
{
  free_string_list (d->whole);
  free_string_list (d->parts);
  free_string_list (d->lvs);
  for (size_t i = 0; i < d->ntags; i++) {
    free (d->tags[i].device); free (d->tags[i].kind); free (d->tags[i].value);
  }
  free (d->tags);
  memset (d, 0, sizeof *d);
}

const char *
inspect_devices_find (const struct inspect_devices *d, const char *kind,
                      const char *value)
{
  /* UUIDs are hex: fstabs write them in either case. */
  int nocase = strstr (kind, "UUID") != NULL;
  for (size_t i = 0; i < d->ntags; i++) {
    const struct inspect_tag *t = &d->tags[i];
    if (t->kind && t->value && strcmp (t->kind, kind) == 0
        && (nocase ? strcasecmp (t->value, value) : strcmp (t->value, value)) == 0)
      return t->device;
  }
  return NULL;
}

/* Letters of a disk name -> index: a=0 ... z=25, aa=26 ...; -1 if none. */
static long
drive_index (const char *s, size_t n)
{
  long i = 0;
  if (n == 0 || n > 4)
    return -1;
  for (size_t k = 0; k < n; k++)
    i = i * 26 + (s[k] - 'a' + 1);
  return i - 1;
}

static size_t
count (char *const *l)
{
  size_t n = 0;
  while (l && l[n])
    n++;
  return n;
}

/* /dev/[hsv]dXN, /dev/xvdXN: the guest's Nth disk is the appliance's Nth
 * disk; only partitions that exist are mapped (as the reference does). */
static char *
resolve_xdev (const struct inspect_devices *d, const char *spec)
{
  const char *p = spec + 5;
  if (strncmp (p, "xvd", 3) == 0)
    p += 3;
  else if ((p[0] == 'h' || p[0] == 's' || p[0] == 'v') && p[1] == 'd')
    p += 2;
  else
    return NULL;
  const char *letters = p;
  while (*p >= 'a' && *p <= 'z')
    p++;
  const char *num = p;
  while (isdigit ((unsigned char) *p))
    p++;
  if (*p != '\0' || *num == '\0')
    return NULL;
  long i = drive_index (letters, (size_t) (num - letters));
  if (i < 0 || (size_t) i >= count (d->whole))
    return NULL;
  char *dev;
  if (asprintf (&dev, "%s%s", d->whole[i], num) == -1)
    return NULL;
  if (in_list (d->parts, dev))
    return dev;
  free (dev);
  return NULL;
}

static char *
dup_found (const char *dev)
{
  return dev ? strdup (dev) : NULL;
}

static char *
resolve_by (const struct inspect_devices *d, const char *spec)
{
  static const struct { const char *prefix, *kind; } by[] = {
    { "/dev/disk/by-uuid/", "UUID" }, { "/dev/disk/by-label/", "LABEL" },
    { "/dev/disk/by-partuuid/", "PARTUUID" },
    { "/dev/disk/by-partlabel/", "PARTLABEL" },
  };
  for (size_t i = 0; i < sizeof by / sizeof by[0]; i++) {
    size_t n = strlen (by[i].prefix);
    if (strncmp (spec, by[i].prefix, n) == 0)
      return dup_found (inspect_devices_find (d, by[i].kind, spec + n));
  }
  /* by-id/...-partN: meaningful only with a single disk. */
  if (strncmp (spec, "/dev/disk/by-id/", 16) == 0 && count (d->whole) == 1) {
    const char *part = strstr (spec, "-part");
    char *dev;
    if (part == NULL || !isdigit ((unsigned char) part[5]))
      return NULL;
    if (asprintf (&dev, "%s%s", d->whole[0], part + 5) == -1)
      return NULL;
    if (in_list (d->parts, dev))
      return dev;
    free (dev);
  }
  return NULL;
}

static int
is_block (const char *dev)
{
  struct stat st;
  return stat (dev, &st) == 0 && S_ISBLK (st.st_mode);
}

char *
inspect_resolve_device (const struct inspect_devices *d, const char *spec)
{
  char *r;

  if (strncmp (spec, "/dev/", 5) != 0 || strstr (spec, "/../"))
    return NULL;
  if (strncmp (spec, "/dev/mapper/", 12) == 0) {
    r = is_block (spec) ? lvm_canonical_name (spec) : NULL;
    return r ? r : strdup (spec);
  }
  if (strncmp (spec, "/dev/disk/", 10) == 0) {
    r = resolve_by (d, spec);
    return r ? r : strdup (spec);
  }
  if ((r = resolve_xdev (d, spec)) != NULL)
    return r;
  return strdup (spec);
}
