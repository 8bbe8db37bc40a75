/* virt-inspector: ask the library everything about one inspected root
 * and keep the answers in a struct os_entry.
 *
 * Any failing call that the reference treats as fatal exits: the
 * library's error handler has already printed the reason.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inspector.h"

static void *
xcalloc (size_t n, size_t size)
{
  void *p = calloc (n ? n : 1, size);
  if (p == NULL) {
    perror ("calloc");
    exit (EXIT_FAILURE);
  }
  return p;
}

static size_t
count_strings (char *const *list)
{
  size_t n = 0;
  while (list[n])
    n++;
  return n;
}

/* Takes a string the library returned: NULL (fatal), "unknown"
 * (absent), or a value to keep.
 */
static char *
known (char *str)
{
  if (str == NULL)
    exit (EXIT_FAILURE);
  if (strcmp (str, "unknown") == 0) {
    free (str);
    return NULL;
  }
  return str;
}

/* Calls that fail for guests they do not apply to (Windows-only
 * fields): a failure means absent, and prints nothing.
 */
static char *
optional_field (guestfs_h *g,
                char *(*get) (guestfs_h *, const char *), const char *root)
{
  char *str;

  guestfs_push_error_handler (g, NULL, NULL);
  str = get (g, root);
  guestfs_pop_error_handler (g);
  return str;
}

static int
compare_mountpoints (const void *av, const void *bv)
{
  const struct dev_pair *a = av, *b = bv;
  size_t la = strlen (a->value), lb = strlen (b->value);

  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a->value, b->value);
}

static int
compare_drives (const void *av, const void *bv)
{
  const struct dev_pair *a = av, *b = bv;
  return strcmp (a->value, b->value);
}

static int
compare_filesystems (const void *av, const void *bv)
{
  const struct fs_entry *a = av, *b = bv;
  return strcmp (a->dev, b->dev);
}

/* A hash from the library is key, value, key, value, ...; the device
 * is the value for mountpoints and drive mappings alike.
 */
static struct dev_pair *
pairs_from_hash (char **hash, size_t *nr,
                 int (*compare) (const void *, const void *))
{
  size_t i, n;
  struct dev_pair *pairs;

  if (hash == NULL)
    exit (EXIT_FAILURE);
  n = count_strings (hash) / 2;
  pairs = xcalloc (n, sizeof *pairs);
  for (i = 0; i < n; i++) {
    pairs[i].value = hash[2*i];
    pairs[i].dev = hash[2*i + 1];
  }
  free (hash);
  qsort (pairs, n, sizeof *pairs, compare);
  *nr = n;
  return pairs;
}

/* Empty strings (and errors, e.g. swap without a label) mean absent. */
static char *
nonempty (char *str)
{
  if (str && *str == '\0') {
    free (str);
    return NULL;
  }
  return str;
}

static void
collect_filesystems (guestfs_h *g, struct os_entry *os)
{
  char **devs = guestfs_inspect_get_filesystems (g, os->root);
  size_t i, n;

  if (devs == NULL)
    exit (EXIT_FAILURE);
  n = count_strings (devs);
  os->filesystems = xcalloc (n, sizeof *os->filesystems);
  guestfs_push_error_handler (g, NULL, NULL);
  for (i = 0; i < n; i++) {
    struct fs_entry *fs = &os->filesystems[i];
    fs->dev = devs[i];
    fs->type = nonempty (guestfs_vfs_type (g, fs->dev));
    fs->label = nonempty (guestfs_vfs_label (g, fs->dev));
    fs->uuid = nonempty (guestfs_vfs_uuid (g, fs->dev));
  }
  guestfs_pop_error_handler (g);
  free (devs);
  qsort (os->filesystems, n, sizeof *os->filesystems, compare_filesystems);
  os->nr_filesystems = n;
}

/* Applications and the icon are read from the guest's own files, so
 * its filesystems are mounted (read-only, parents before children)
 * while they are collected.
 */
static void
mount_guest (guestfs_h *g, const struct os_entry *os)
{
  size_t i, errors = 0;

  for (i = 0; i < os->nr_mountpoints; i++) {
    const struct dev_pair *mp = &os->mountpoints[i];
    if (guestfs_mount_ro (g, mp->dev, mp->value) == -1) {
      if (strcmp (mp->value, "/") == 0)
        exit (EXIT_FAILURE);
      errors++;
    }
  }
  if (errors)
    fprintf (stderr, "%s: some filesystems could not be mounted (ignored)\n",
             program_invocation_short_name);
}

static void
collect_mounted_data (guestfs_h *g, struct os_entry *os,
                      int want_apps, int want_icon)
{
  mount_guest (g, os);
  if (want_apps) {
    os->apps = guestfs_inspect_list_applications2 (g, os->root);
    if (os->apps == NULL)
      exit (EXIT_FAILURE);
  }
  if (want_icon) {
    os->icon = guestfs_inspect_get_icon (g, os->root, &os->icon_size,
                                         GUESTFS_INSPECT_GET_ICON_FAVICON, 0,
                                         -1);
    if (os->icon == NULL)
      exit (EXIT_FAILURE);
    if (os->icon_size == 0) {
      free (os->icon);
      os->icon = NULL;
    }
  }
  if (guestfs_umount_all (g) == -1)
    exit (EXIT_FAILURE);
}

static int
version_number (int v)
{
  if (v == -1)
    exit (EXIT_FAILURE);
  return v;
}

struct os_entry *
collect_os (guestfs_h *g, const char *root, int want_apps, int want_icon)
{
  struct os_entry *os = xcalloc (1, sizeof *os);

  os->root = strdup (root);
  if (os->root == NULL) {
    perror ("strdup");
    exit (EXIT_FAILURE);
  }
  os->type = known (guestfs_inspect_get_type (g, root));
  os->arch = known (guestfs_inspect_get_arch (g, root));
  os->distro = known (guestfs_inspect_get_distro (g, root));
  os->product_name = known (guestfs_inspect_get_product_name (g, root));
  os->product_variant = known (guestfs_inspect_get_product_variant (g, root));
  os->major_version =
    version_number (guestfs_inspect_get_major_version (g, root));
  os->minor_version =
    version_number (guestfs_inspect_get_minor_version (g, root));
  os->windows_systemroot =
    optional_field (g, guestfs_inspect_get_windows_systemroot, root);
  os->windows_current_control_set =
    optional_field (g, guestfs_inspect_get_windows_current_control_set, root);
  os->package_format = known (guestfs_inspect_get_package_format (g, root));
  os->package_management =
    known (guestfs_inspect_get_package_management (g, root));
  os->hostname = known (guestfs_inspect_get_hostname (g, root));
  os->osinfo = known (guestfs_inspect_get_osinfo (g, root));
  os->mountpoints = pairs_from_hash (guestfs_inspect_get_mountpoints (g, root),
                                     &os->nr_mountpoints, compare_mountpoints);
  collect_filesystems (g, os);
  os->drives = pairs_from_hash (guestfs_inspect_get_drive_mappings (g, root),
                                &os->nr_drives, compare_drives);
  if (want_apps || want_icon)
    collect_mounted_data (g, os, want_apps, want_icon);
  return os;
}

static void
free_pairs (struct dev_pair *pairs, size_t n)
{
  size_t i;

  for (i = 0; i < n; i++) {
    free (pairs[i].dev);
    free (pairs[i].value);
  }
  free (pairs);
}

void
free_os (struct os_entry *os)
{
  size_t i;

  if (os == NULL)
    return;
  free (os->root);
  free (os->type);
  free (os->arch);
  free (os->distro);
  free (os->product_name);
  free (os->product_variant);
  free (os->windows_systemroot);
  free (os->windows_current_control_set);
  free (os->package_format);
  free (os->package_management);
  free (os->hostname);
  free (os->osinfo);
  free_pairs (os->mountpoints, os->nr_mountpoints);
  for (i = 0; i < os->nr_filesystems; i++) {
    free (os->filesystems[i].dev);
    free (os->filesystems[i].type);
    free (os->filesystems[i].label);
    free (os->filesystems[i].uuid);
  }
  free (os->filesystems);
  free_pairs (os->drives, os->nr_drives);
  if (os->apps)
    guestfs_free_application2_list (os->apps);
  free (os->icon);
  free (os);
}
