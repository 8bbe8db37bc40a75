/* inspect_list_applications2 and the deprecated inspect_list_applications:
 * the appliance reads the package database (internal_inspect_list_
 * applications); the library supplies what inspection found out about
 * the root.  See docs/inspection.md.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "guestfs-internal.h"
#include "actions-gen.h"

struct guestfs_application2_list *
guestfs_impl_inspect_list_applications2 (guestfs_h *g, const char *root)
{
  /* The getters answer from the inspection cache (no round trip) and set
   * the reference's error when ROOT was not found by inspect_os. */
  CLEANUP_FREE char *type = guestfs_inspect_get_type (g, root);
  if (type == NULL)
    return NULL;
  CLEANUP_FREE char *distro = guestfs_inspect_get_distro (g, root);
  if (distro == NULL)
    return NULL;
  CLEANUP_FREE char *format = guestfs_inspect_get_package_format (g, root);
  if (format == NULL)
    return NULL;
  CLEANUP_FREE char *hive = NULL;
  if (strcmp (type, "windows") == 0) {
    hive = guestfs_inspect_get_windows_software_hive (g, root);
    if (hive == NULL)
      return NULL;
  }
  return guestfs_internal_inspect_list_applications (g, type, distro, format,
                                                     hive ? hive : "");
}

/* application2 minus arch and the spare fields; the strings move. */
static void
move_application (struct guestfs_application *dst,
                  struct guestfs_application2 *src)
{
  dst->app_name = src->app2_name;
  dst->app_display_name = src->app2_display_name;
  dst->app_epoch = src->app2_epoch;
  dst->app_version = src->app2_version;
  dst->app_release = src->app2_release;
  dst->app_install_path = src->app2_install_path;
  dst->app_trans_path = src->app2_trans_path;
  dst->app_publisher = src->app2_publisher;
  dst->app_url = src->app2_url;
  dst->app_source_package = src->app2_source_package;
  dst->app_summary = src->app2_summary;
  dst->app_description = src->app2_description;
  free (src->app2_arch);
  free (src->app2_spare1);
  free (src->app2_spare2);
  free (src->app2_spare3);
  free (src->app2_spare4);
}

struct guestfs_application_list *
guestfs_impl_inspect_list_applications (guestfs_h *g, const char *root)
{
  struct guestfs_application2_list *apps2 =
    guestfs_inspect_list_applications2 (g, root);
  if (apps2 == NULL)
    return NULL;
  struct guestfs_application_list *apps = guestfs_int_safe_malloc (g, sizeof *apps);
  apps->len = apps2->len;
  apps->val = guestfs_int_safe_calloc (g, apps2->len ? apps2->len : 1,
                                       sizeof *apps->val);
  for (uint32_t i = 0; i < apps2->len; i++)
    move_application (&apps->val[i], &apps2->val[i]);
  free (apps2->val);
  free (apps2);
  return apps;
}
