/* inspect_get_* and inspect_is_*: answered from the cache inspect_os
 * filled (inspect.c), with the reference's "unknown" values and errors. */

#include <config.h>

#include <string.h>

#include "guestfs-internal.h"
#include "actions-gen.h"

static const struct inspect_root *
find (guestfs_h *g, const char *fn, const char *root)
{
  const struct inspect_root *r = guestfs_int_inspect_lookup_root (g, root);
  if (r == NULL)
    error (g, "%s: %s: " INSPECT_NO_ROOT, fn, root);
  return r;
}

static char *
or_unknown (guestfs_h *g, const char *v)
{
  return safe_strdup (g, v ? v : "unknown");
}

#define STRING_GETTER(field)                                            \
  char *                                                                \
  guestfs_impl_inspect_get_##field (guestfs_h *g, const char *root)     \
  {                                                                     \
    const struct inspect_root *r = find (g, "inspect_get_" #field, root); \
    return r ? or_unknown (g, r->field) : NULL;                         \
  }

STRING_GETTER (type)
STRING_GETTER (distro)
STRING_GETTER (product_name)
STRING_GETTER (product_variant)
STRING_GETTER (arch)
STRING_GETTER (hostname)
STRING_GETTER (package_format)
STRING_GETTER (package_management)

/* The reference computes osinfo from the type, and says so on error. */
char *
guestfs_impl_inspect_get_osinfo (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = find (g, "inspect_get_type", root);
  return r ? or_unknown (g, r->osinfo) : NULL;
}

int
guestfs_impl_inspect_get_major_version (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = find (g, "inspect_get_major_version", root);
  return r ? r->major_version : -1;
}

int
guestfs_impl_inspect_get_minor_version (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = find (g, "inspect_get_minor_version", root);
  return r ? r->minor_version : -1;
}

/* Deprecated: since 1.38 the reference answers without looking at ROOT. */
char *
guestfs_impl_inspect_get_format (guestfs_h *g, const char *root)
{
  (void) root;
  return safe_strdup (g, "installed");
}

int
guestfs_impl_inspect_is_live (guestfs_h *g, const char *root)
{
  (void) g; (void) root;
  return 0;
}

int
guestfs_impl_inspect_is_netinst (guestfs_h *g, const char *root)
{
  (void) g; (void) root;
  return 0;
}

int
guestfs_impl_inspect_is_multipart (guestfs_h *g, const char *root)
{
  (void) g; (void) root;
  return 0;
}

#define WINDOWS_GETTER(field, what)                                     \
  char *                                                                \
  guestfs_impl_inspect_get_windows_##field (guestfs_h *g, const char *root) \
  {                                                                     \
    const char *fn = "inspect_get_windows_" #field;                     \
    const struct inspect_root *r = find (g, fn, root);                  \
    if (r == NULL)                                                      \
      return NULL;                                                      \
    if (r->windows_##field == NULL) {                                   \
      error (g, "%s: not a Windows guest, or %s", fn, what);            \
      return NULL;                                                      \
    }                                                                   \
    return safe_strdup (g, r->windows_##field);                         \
  }

WINDOWS_GETTER (systemroot, "systemroot could not be determined")
WINDOWS_GETTER (current_control_set, "CurrentControlSet could not be determined")
WINDOWS_GETTER (software_hive, "software hive not found")
WINDOWS_GETTER (system_hive, "system hive not found")

char **
guestfs_impl_inspect_get_mountpoints (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = find (g, "inspect_get_mountpoints", root);
  if (r == NULL)
    return NULL;
  if (r->mountpoints == NULL) {
    char *const dflt[] = { (char *) "/", r->root, NULL };
    return guestfs_int_copy_string_list (g, dflt);
  }
  return guestfs_int_copy_string_list (g, r->mountpoints);
}

char **
guestfs_impl_inspect_get_filesystems (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = find (g, "inspect_get_filesystems", root);
  if (r == NULL)
    return NULL;
  if (r->filesystems == NULL) {
    char *const dflt[] = { r->root, NULL };
    return guestfs_int_copy_string_list (g, dflt);
  }
  return guestfs_int_copy_string_list (g, r->filesystems);
}

char **
guestfs_impl_inspect_get_drive_mappings (guestfs_h *g, const char *root)
{
  const struct inspect_root *r = find (g, "inspect_get_drive_mappings", root);
  if (r == NULL)
    return NULL;
  if (r->drive_mappings == NULL)
    return guestfs_int_safe_calloc (g, 1, sizeof (char *));
  return guestfs_int_copy_string_list (g, r->drive_mappings);
}
