/* guestfish: -N prepared disk images.
 *
 * Each type has a list of optional colon-separated parameters with
 * defaults.  The image file is created while the options are parsed; the
 * partitioning and formatting happen once the appliance is running.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fish-internal.h"
#include "optcalls.h"

struct prep_param {
  const char *name;
  const char *dflt;
  const char *what;
};

struct prep_type {
  const char *name;
  const char *summary;
  const char *text;                 /* longer description, our wording */
  struct prep_param params[7];
  int (*after) (struct drv *d, const char *dev);
};

static int after_part (struct drv *, const char *);
static int after_fs (struct drv *, const char *);
static int after_lv (struct drv *, const char *);
static int after_lvfs (struct drv *, const char *);
static int after_bootroot (struct drv *, const char *);
static int after_bootrootlv (struct drv *, const char *);

#define P_SIZE { "size", "1G", "the size of the disk image" }
#define P_PART { "partition", "mbr", "partition table type" }
#define P_FS(n, w) { n, "ext2", w }
#define P_LV(w) { "name", "/dev/VG/LV", w }
#define P_BOOTSIZE { "bootsize", "128M", "the size of the boot filesystem" }

static const struct prep_type types[] = {
  { "disk", "create a blank disk",
    "  An empty (sparse) disk image, 1G unless another size is given.\n",
    { P_SIZE }, NULL },
  { "part", "create a partitioned disk",
    "  A disk holding one partition that covers all of it.  The defaults\n"
    "  are a 1G disk and an MBR (DOS) partition table.\n",
    { P_SIZE, P_PART }, after_part },
  { "fs", "create a filesystem",
    "  A disk holding one partition that covers all of it, formatted with a\n"
    "  filesystem.  The defaults are an ext2 filesystem, a 1G disk and an MBR\n"
    "  partition table.\n",
    { P_FS ("filesystem", "the type of filesystem to use"), P_SIZE, P_PART },
    after_fs },
  { "lv", "create a disk with logical volume",
    "  A disk holding one partition used as an LVM physical volume, with a\n"
    "  volume group and one logical volume filling it (by default\n"
    "  /dev/VG/LV).  No filesystem is created: see 'lvfs' for that.\n",
    { P_LV ("the name of the VG and LV to use"), P_SIZE, P_PART }, after_lv },
  { "lvfs", "create a disk with logical volume and filesystem",
    "  Like 'lv', and the logical volume is then formatted with a filesystem\n"
    "  (ext2 by default).\n",
    { P_LV ("the name of the VG and LV to use"),
      P_FS ("filesystem", "the type of filesystem to use"), P_SIZE, P_PART },
    after_lvfs },
  { "bootroot", "create a boot and root filesystem",
    "  A disk with two partitions, a boot filesystem and a root filesystem,\n"
    "  each formatted on its own.  The parameters choose the filesystem\n"
    "  types and the layout.\n",
    { P_FS ("bootfs", "the type of filesystem to use for boot"),
      P_FS ("rootfs", "the type of filesystem to use for root"),
      P_SIZE, P_BOOTSIZE, P_PART }, after_bootroot },
  { "bootrootlv", "create a boot and root filesystem using LVM",
    "  Like 'bootroot', except that the root filesystem lives on a logical\n"
    "  volume (by default /dev/VG/LV).\n",
    { P_LV ("the name of the VG and LV for root"),
      P_FS ("bootfs", "the type of filesystem to use for boot"),
      P_FS ("rootfs", "the type of filesystem to use for root"),
      P_SIZE, P_BOOTSIZE, P_PART }, after_bootrootlv },
};
#define NTYPES (sizeof types / sizeof types[0])

static size_t
nparams (const struct prep_type *t)
{
  size_t n = 0;

  while (n < 7 && t->params[n].name)
    n++;
  return n;
}

void
prep_list (void)
{
  size_t i, j;

  printf ("Prepared disk image types (-N [FILENAME=]TYPE[:PARAM...]):\n\n");
  for (i = 0; i < NTYPES; ++i) {
    const struct prep_type *t = &types[i];
    printf ("guestfish -N %-8s - %s\n\n", t->name, t->summary);
    fputs (t->text, stdout);
    printf ("\n  Optional parameters:\n    -N %s", t->name);
    for (j = 0; j < nparams (t); ++j)
      printf (":<%s>", t->params[j].name);
    printf ("\n");
    for (j = 0; j < nparams (t); ++j)
      printf ("      <%s> %s (default: %s)\n",
              t->params[j].name, t->params[j].what, t->params[j].dflt);
    printf ("\n");
  }
  printf ("The image is written to \"test1.img\" in the current directory\n"
          "(\"test2.img\" for the second -N, and so on).  Put a file name\n"
          "before the type to choose another name, for example:\n\n"
          "  guestfish -N blank.img=fs\n\n"
          "See guestfish(1) for details.\n");
}

static const struct prep_type *
find_type (const char *name)
{
  size_t i;

  for (i = 0; i < NTYPES; ++i)
    if (strcmp (types[i].name, name) == 0)
      return &types[i];
  return NULL;
}

/* Value of parameter I: given on the command line or the default. */
static const char *
param (struct drv *d, size_t i)
{
  const struct prep_type *t = find_type (d->prep_type);
  size_t given = 0;

  while (d->prep_params[given])
    given++;
  if (i < given && d->prep_params[i][0] != '\0')
    return d->prep_params[i];
  return t->params[i].dflt;
}

static int
param_index (const struct prep_type *t, const char *name)
{
  size_t i;

  for (i = 0; i < nparams (t); ++i)
    if (strcmp (t->params[i].name, name) == 0)
      return (int) i;
  return -1;
}

static const char *
named (struct drv *d, const char *name)
{
  return param (d, param_index (find_type (d->prep_type), name));
}

/* Split "a:b:c" into a vector. */
static char **
split_colons (const char *s)
{
  size_t n = 1, i = 0;
  const char *p;
  char **v;

  for (p = s; *p; ++p)
    if (*p == ':')
      n++;
  v = calloc (n + 1, sizeof *v);
  if (!v)
    return NULL;
  for (;;) {
    const char *e = strchr (s, ':');
    v[i++] = e ? strndup (s, e - s) : strdup (s);
    if (!e)
      break;
    s = e + 1;
  }
  return v;
}

int
prep_parse (const char *arg, int n, struct drv *d)
{
  const char *eq = strchr (arg, '=');
  const char *spec = eq ? eq + 1 : arg;
  char **parts;

  if (eq)
    d->filename = strndup (arg, eq - arg);
  else if (asprintf (&d->filename, "test%d.img", n) == -1)
    d->filename = NULL;
  parts = split_colons (spec);
  if (!d->filename || !parts) {
    perror ("malloc");
    return -1;
  }
  if (!find_type (parts[0])) {
    fprintf (stderr,
             "%s: -N parameter \u2018%s\u2019: no such prepared disk image known.\n"
             "Use 'guestfish -N help' to list possible values for the -N parameter.\n",
             program_name, spec);
    fish_free_strings (parts);
    return -1;
  }
  d->prep_type = parts[0];
  /* the parameters are the remaining elements (and the NULL) */
  size_t k = 0;
  while (parts[k])
    k++;
  memmove (parts, parts + 1, k * sizeof *parts);
  d->prep_params = parts;
  d->type = drv_N;
  return 0;
}

static int
creation_failed (struct drv *d, const char *spec)
{
  fprintf (stderr,
           "%s: error creating prepared disk image \u2018%s\u2019 on \u2018%s\u2019: "
           "failed to allocate disk\n", program_name, spec, d->filename);
  return -1;
}

int
prep_create (struct drv *d)
{
  int64_t size;
  char spec[1024];
  size_t i;

  snprintf (spec, sizeof spec, "%s", d->prep_type);
  for (i = 0; d->prep_params[i]; ++i) {
    strncat (spec, ":", sizeof spec - strlen (spec) - 1);
    strncat (spec, d->prep_params[i], sizeof spec - strlen (spec) - 1);
  }
  if (fish_parse_size (named (d, "size"), &size) == -1)
    return creation_failed (d, spec);
  if (guestfs_disk_create (g, d->filename, "raw", size,
                           GUESTFS_DISK_CREATE_PREALLOCATION, "sparse",
                           -1) == -1)
    return creation_failed (d, spec);
  return 0;
}

/* ---- after launch ---- */

static int
part_whole (const char *dev, const char *parttype)
{
  return guestfs_part_disk (g, dev, parttype);
}

static int
after_part (struct drv *d, const char *dev)
{
  return part_whole (dev, named (d, "partition"));
}

static int
after_fs (struct drv *d, const char *dev)
{
  char part[64];

  if (part_whole (dev, named (d, "partition")) == -1)
    return -1;
  snprintf (part, sizeof part, "%s1", dev);
  return guestfs_mkfs (g, named (d, "filesystem"), part);
}

/* "/dev/VG/LV" -> "VG", "LV" */
static int
split_lv (const char *name, char **vg, char **lv)
{
  const char *p = name, *slash;

  if (strncmp (p, "/dev/", 5) == 0)
    p += 5;
  slash = strchr (p, '/');
  if (!slash || slash == p || slash[1] == '\0' || strchr (slash + 1, '/')) {
    fprintf (stderr, "%s: cannot parse logical volume name \u2018%s\u2019: "
             "use /dev/VG/LV\n", program_name, name);
    return -1;
  }
  *vg = strndup (p, slash - p);
  *lv = strdup (slash + 1);
  return *vg && *lv ? 0 : -1;
}

static int
make_lv (const char *pv, const char *name)
{
  CLEANUP_FREE char *vg = NULL, *lv = NULL;
  char *pvs[] = { (char *) pv, NULL };

  if (split_lv (name, &vg, &lv) == -1)
    return -1;
  if (opt_pvcreate (g, pv) == -1 ||
      opt_vgcreate (g, vg, pvs) == -1 ||
      opt_lvcreate_free (g, lv, vg, 100) == -1)
    return -1;
  return 0;
}

static int
after_lv (struct drv *d, const char *dev)
{
  char part[64];

  if (part_whole (dev, named (d, "partition")) == -1)
    return -1;
  snprintf (part, sizeof part, "%s1", dev);
  return make_lv (part, named (d, "name"));
}

static int
after_lvfs (struct drv *d, const char *dev)
{
  if (after_lv (d, dev) == -1)
    return -1;
  return guestfs_mkfs (g, named (d, "filesystem"), named (d, "name"));
}

/* Two partitions: boot (bootsize) from sector 64, root to 64 sectors before
 * the end. */
static int
two_partitions (struct drv *d, const char *dev)
{
  int64_t bootsize;
  int ss;

  if (fish_parse_size (named (d, "bootsize"), &bootsize) == -1)
    return -1;
  ss = guestfs_blockdev_getss (g, dev);
  if (ss == -1)
    return -1;
  if (guestfs_part_init (g, dev, named (d, "partition")) == -1 ||
      guestfs_part_add (g, dev, "primary", 64, 64 + bootsize / ss - 1) == -1 ||
      guestfs_part_add (g, dev, "primary", 64 + bootsize / ss, -64) == -1)
    return -1;
  return 0;
}

static int
after_bootroot (struct drv *d, const char *dev)
{
  char p1[64], p2[64];

  if (two_partitions (d, dev) == -1)
    return -1;
  snprintf (p1, sizeof p1, "%s1", dev);
  snprintf (p2, sizeof p2, "%s2", dev);
  if (guestfs_mkfs (g, named (d, "bootfs"), p1) == -1 ||
      guestfs_mkfs (g, named (d, "rootfs"), p2) == -1)
    return -1;
  return 0;
}

static int
after_bootrootlv (struct drv *d, const char *dev)
{
  char p1[64], p2[64];

  if (two_partitions (d, dev) == -1)
    return -1;
  snprintf (p1, sizeof p1, "%s1", dev);
  snprintf (p2, sizeof p2, "%s2", dev);
  if (guestfs_mkfs (g, named (d, "bootfs"), p1) == -1 ||
      make_lv (p2, named (d, "name")) == -1 ||
      guestfs_mkfs (g, named (d, "rootfs"), named (d, "name")) == -1)
    return -1;
  return 0;
}

/* Device name of the Nth disk: sda, ..., sdz, sdaa, ... */
static void
device_name (int index, char *buf, size_t len)
{
  char suffix[8];
  int i = 0, n = index;
  char tmp[8];

  do {
    tmp[i++] = 'a' + n % 26;
    n = n / 26 - 1;
  } while (n >= 0 && i < 7);
  for (n = 0; n < i; ++n)
    suffix[n] = tmp[i - 1 - n];
  suffix[i] = '\0';
  snprintf (buf, len, "/dev/sd%s", suffix);
}

int
prep_after_launch (struct drv *d)
{
  const struct prep_type *t = find_type (d->prep_type);
  char dev[32];

  if (!t->after)
    return 0;
  device_name (d->dev_index, dev, sizeof dev);
  if (t->after (d, dev) == -1) {
    fprintf (stderr, "%s: error preparing disk image \u2018%s\u2019 on \u2018%s\u2019\n",
             program_name, d->prep_type, d->filename);
    return -1;
  }
  return 0;
}
