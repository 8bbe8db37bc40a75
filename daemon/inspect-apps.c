/* internal_inspect_list_applications: the installed applications of the
 * guest mounted on /sysroot, from its package database.  The parsers are
 * in inspect-apps-{dpkg,rpm,pacman,apk}.c; this file collects and sorts
 * their results.  See docs/inspection.md.
 */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"
#include "inspect-apps.h"
#include "inspect-apps-io.h"

/* Guests with more applications than this are refused rather than
 * allowed to fill the appliance's memory. */
#define MAX_APPS 1000000

struct app_sink {
  guestfs_int_application2 *apps;
  size_t len, alloc;
  int failed;                   /* an error reply was sent */
};

static char *
dup_or_empty (const char *s)
{
  return strdup (s ? s : "");
}

static void
app_free_fields (guestfs_int_application2 *a)
{
  char **fields[] = {
    &a->app2_name, &a->app2_display_name, &a->app2_version,
    &a->app2_release, &a->app2_arch, &a->app2_install_path,
    &a->app2_trans_path, &a->app2_publisher, &a->app2_url,
    &a->app2_source_package, &a->app2_summary, &a->app2_description,
    &a->app2_spare1, &a->app2_spare2, &a->app2_spare3, &a->app2_spare4,
  };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    free (*fields[i]);
    *fields[i] = NULL;
  }
}

static int
app_copy (guestfs_int_application2 *a, const struct app_info *info)
{
  memset (a, 0, sizeof *a);
  a->app2_epoch = info->epoch;
  a->app2_name = dup_or_empty (info->name);
  a->app2_display_name = dup_or_empty (info->display_name);
  a->app2_version = dup_or_empty (info->version);
  a->app2_release = dup_or_empty (info->release);
  a->app2_arch = dup_or_empty (info->arch);
  a->app2_install_path = dup_or_empty (info->install_path);
  a->app2_trans_path = dup_or_empty (info->trans_path);
  a->app2_publisher = dup_or_empty (info->publisher);
  a->app2_url = dup_or_empty (info->url);
  a->app2_source_package = dup_or_empty (info->source_package);
  a->app2_summary = dup_or_empty (info->summary);
  a->app2_description = dup_or_empty (info->description);
  a->app2_spare1 = strdup ("");
  a->app2_spare2 = strdup ("");
  a->app2_spare3 = strdup ("");
  a->app2_spare4 = strdup ("");
  if (!a->app2_name || !a->app2_display_name || !a->app2_version ||
      !a->app2_release || !a->app2_arch || !a->app2_install_path ||
      !a->app2_trans_path || !a->app2_publisher || !a->app2_url ||
      !a->app2_source_package || !a->app2_summary || !a->app2_description ||
      !a->app2_spare1 || !a->app2_spare2 || !a->app2_spare3 ||
      !a->app2_spare4) {
    app_free_fields (a);
    return -1;
  }
  return 0;
}

int
apps_add (struct app_sink *sink, const struct app_info *info)
{
  if (sink->failed)
    return -1;
  if (sink->len >= MAX_APPS) {
    sink->failed = 1;
    reply_with_error ("more than %d applications", MAX_APPS);
    return -1;
  }
  if (sink->len == sink->alloc) {
    size_t n = sink->alloc ? 2 * sink->alloc : 64;
    guestfs_int_application2 *p = realloc (sink->apps, n * sizeof *p);
    if (p == NULL) {
      sink->failed = 1;
      reply_with_perror ("realloc");
      return -1;
    }
    sink->apps = p;
    sink->alloc = n;
  }
  if (app_copy (&sink->apps[sink->len], info) == -1) {
    sink->failed = 1;
    reply_with_perror ("strdup");
    return -1;
  }
  sink->len++;
  return 0;
}

int
apps_found (void *opaque, const struct app_info *info)
{
  return apps_add (opaque, info);
}

static void
sink_free (struct app_sink *sink)
{
  for (size_t i = 0; i < sink->len; i++)
    app_free_fields (&sink->apps[i]);
  free (sink->apps);
}

/* By name, keeping the database's order for equal names: the reference
 * sorts with a stable sort.  qsort is not stable, so the position breaks
 * ties. */
struct sort_key {
  const char *name;
  size_t pos;
};

static int
compare_keys (const void *a, const void *b)
{
  const struct sort_key *x = a, *y = b;
  int r = strcmp (x->name, y->name);
  if (r)
    return r;
  return x->pos < y->pos ? -1 : x->pos > y->pos;
}

static int
sort_apps (struct app_sink *sink)
{
  size_t n = sink->len;
  if (n < 2)
    return 0;
  struct sort_key *keys = malloc (n * sizeof *keys);
  guestfs_int_application2 *copy = malloc (n * sizeof *copy);
  if (keys == NULL || copy == NULL) {
    free (keys);
    free (copy);
    return -1;
  }
  for (size_t i = 0; i < n; i++)
    keys[i] = (struct sort_key) { sink->apps[i].app2_name, i };
  qsort (keys, n, sizeof *keys, compare_keys);
  memcpy (copy, sink->apps, n * sizeof *copy);
  for (size_t i = 0; i < n; i++)
    sink->apps[i] = copy[keys[i].pos];
  free (keys);
  free (copy);
  return 0;
}

static int
list_linux (const char *package_format, struct app_sink *sink)
{
  if (strcmp (package_format, "deb") == 0)
    return apps_list_dpkg (sink);
  if (strcmp (package_format, "rpm") == 0)
    return apps_list_rpm (sink);
  if (strcmp (package_format, "pacman") == 0)
    return apps_list_pacman (sink);
  if (strcmp (package_format, "apk") == 0)
    return apps_list_apk (sink);
  return 0;                     /* no supported package database */
}

guestfs_int_application2_list *
do_internal_inspect_list_applications (const char *type, const char *distro,
                                       const char *package_format,
                                       const char *software_hive)
{
  struct app_sink sink = { 0 };
  int r = 0;

  if (strcmp (type, "linux") == 0 || strcmp (type, "hurd") == 0)
    r = list_linux (package_format, &sink);
  else if (strcmp (type, "windows") == 0)
    r = inspect_windows_applications (software_hive, &sink);

  if (r == -1 || sink.failed) {
    if (!reply_sent ())
      reply_with_error ("listing the applications failed");
    sink_free (&sink);
    return NULL;
  }

  guestfs_int_application2_list *ret = malloc (sizeof *ret);
  if (ret == NULL || sort_apps (&sink) == -1) {
    free (ret);
    reply_with_perror ("malloc");
    sink_free (&sink);
    return NULL;
  }
  ret->guestfs_int_application2_list_len = sink.len;
  ret->guestfs_int_application2_list_val = sink.apps;
  return ret;
}
