/* Installed-application listing inside the appliance.
 * See docs/inspection.md.
 */
#ifndef GUESTFERRY_DAEMON_INSPECT_APPS_H
#define GUESTFERRY_DAEMON_INSPECT_APPS_H

/* One application; NULL fields mean "" (epoch: 0). */
struct app_info {
  const char *name, *display_name;
  int epoch;
  const char *version, *release, *arch, *install_path, *trans_path;
  const char *publisher, *url, *source_package, *summary, *description;
};

struct app_sink;                /* defined in inspect-apps.c */

/* Appends a copy of INFO.  Returns 0, or -1 after replying with an error. */
int apps_add (struct app_sink *sink, const struct app_info *info);

/* inspect-windows-apps.c: HIVE is the SOFTWARE hive path under /sysroot. */
int inspect_windows_applications (const char *hive, struct app_sink *sink);

#endif
