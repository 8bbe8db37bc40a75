/* inspect_os: one round trip (internal_inspect_os) and a per-handle cache
 * of what it found, which the inspect_get_* calls read (inspect-get.c).
 * The reply comes from the appliance, which a hostile guest may control:
 * unknown keys are ignored and nothing is trusted to be well formed. */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "guestfs-internal.h"
#include "actions-gen.h"

static void
free_root (struct inspect_root *r)
{
  char **fields[] = {
    &r->root, &r->type, &r->distro, &r->product_name, &r->product_variant,
    &r->arch, &r->hostname, &r->osinfo, &r->format, &r->package_format,
    &r->package_management, &r->windows_systemroot,
    &r->windows_current_control_set, &r->windows_software_hive,
    &r->windows_system_hive,
  };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    free (*fields[i]);
  guestfs_int_free_string_list (r->mountpoints);
  guestfs_int_free_string_list (r->filesystems);
  guestfs_int_free_string_list (r->drive_mappings);
}

void
guestfs_int_free_inspect_roots (guestfs_h *g)
{
  for (size_t i = 0; i < g->nr_inspect_roots; i++)
    free_root (&g->inspect_roots[i]);
  free (g->inspect_roots);
  g->inspect_roots = NULL;
  g->nr_inspect_roots = 0;
}

/* The string field named KEY, or NULL. */
static char **
string_field (struct inspect_root *r, const char *key)
{
  static const struct { const char *key; size_t off; } f[] = {
#define F(name) { #name, offsetof (struct inspect_root, name) }
    F (type), F (distro), F (product_name), F (product_variant), F (arch),
    F (hostname), F (osinfo), F (format), F (package_format),
    F (package_management), F (windows_systemroot),
    F (windows_current_control_set), F (windows_software_hive),
    F (windows_system_hive),
#undef F
  };
  for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
    if (strcmp (f[i].key, key) == 0)
      return (char **) ((char *) r + f[i].off);
  return NULL;
}

static int *
int_field (struct inspect_root *r, const char *key)
{
  if (strcmp (key, "major_version") == 0) return &r->major_version;
  if (strcmp (key, "minor_version") == 0) return &r->minor_version;
  if (strcmp (key, "is_live") == 0) return &r->is_live;
  if (strcmp (key, "is_netinst") == 0) return &r->is_netinst;
  if (strcmp (key, "is_multipart") == 0) return &r->is_multipart;
  return NULL;
}

static void
list_add (guestfs_h *g, char ***list, const char *s)
{
  size_t n = guestfs_int_count_strings (*list);
  *list = guestfs_int_safe_realloc (g, *list, (n + 2) * sizeof (char *));
  (*list)[n] = safe_strdup (g, s);
  (*list)[n + 1] = NULL;
}

/* "KEY<TAB>VALUE" appended to a pair list; ignored without a tab. */
static void
pair_add (guestfs_h *g, char ***list, const char *v)
{
  const char *tab = strchr (v, '\t');
  if (tab == NULL)
    return;
  char *key = guestfs_int_safe_malloc (g, (size_t) (tab - v) + 1);
  memcpy (key, v, (size_t) (tab - v));
  key[tab - v] = '\0';
  list_add (g, list, key);
  list_add (g, list, tab + 1);
  free (key);
}

static void
set_key (guestfs_h *g, struct inspect_root *r, const char *key, const char *v)
{
  char **s;
  int *n;
  if ((s = string_field (r, key)) != NULL) {
    free (*s);
    *s = safe_strdup (g, v);
  }
  else if ((n = int_field (r, key)) != NULL)
    *n = atoi (v);
  else if (strcmp (key, "mountpoint") == 0)
    pair_add (g, &r->mountpoints, v);
  else if (strcmp (key, "drive") == 0)
    pair_add (g, &r->drive_mappings, v);
  else if (strcmp (key, "filesystem") == 0)
    list_add (g, &r->filesystems, v);
}

/* Parse the daemon's list into the handle's cache. */
static void
cache_roots (guestfs_h *g, char *const *kv)
{
  struct inspect_root *r = NULL;
  guestfs_int_free_inspect_roots (g);
  for (size_t i = 0; kv[i]; i++) {
    const char *eq = strchr (kv[i], '=');
    if (eq == NULL)
      continue;
    size_t klen = (size_t) (eq - kv[i]);
    char key[64];
    if (klen >= sizeof key)
      continue;
    memcpy (key, kv[i], klen);
    key[klen] = '\0';
    if (strcmp (key, "root") == 0) {
      g->inspect_roots = guestfs_int_safe_realloc (g, g->inspect_roots,
                           (g->nr_inspect_roots + 1) * sizeof *r);
      r = &g->inspect_roots[g->nr_inspect_roots++];
      memset (r, 0, sizeof *r);
      r->root = safe_strdup (g, eq + 1);
    }
    else if (r)
      set_key (g, r, key, eq + 1);
  }
}

static char **
roots_list (guestfs_h *g)
{
  char **l = guestfs_int_safe_calloc (g, g->nr_inspect_roots + 1, sizeof (char *));
  for (size_t i = 0; i < g->nr_inspect_roots; i++)
    l[i] = safe_strdup (g, g->inspect_roots[i].root);
  return l;
}

char **
guestfs_impl_inspect_os (guestfs_h *g)
{
  char **kv = guestfs_internal_inspect_os (g);
  if (kv == NULL)
    return NULL;
  cache_roots (g, kv);
  guestfs_int_free_string_list (kv);
  return roots_list (g);
}

char **
guestfs_impl_inspect_get_roots (guestfs_h *g)
{
  return roots_list (g);
}

const struct inspect_root *
guestfs_int_inspect_lookup_root (guestfs_h *g, const char *root)
{
  for (size_t i = 0; i < g->nr_inspect_roots; i++)
    if (strcmp (g->inspect_roots[i].root, root) == 0)
      return &g->inspect_roots[i];
  return NULL;
}

const struct inspect_root *
guestfs_int_inspect_find_root (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = guestfs_int_inspect_lookup_root (g, root);
  if (r == NULL)
    error (g, "%s: " INSPECT_NO_ROOT, root);
  return r;
}
