/* Installed Windows applications: the SOFTWARE hive's Uninstall keys, for
 * native programs and (Wow6432Node) 32-bit programs on 64-bit Windows. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect-apps.h"
#include "inspect-windows.h"

static const char *const uninstall_keys[] = {
  "Microsoft\\Windows\\CurrentVersion\\Uninstall",
  "Wow6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
  NULL
};

/* One Uninstall subkey -> one application.  -1 only if the sink failed. */
static int
add_app (hive_h *h, hive_node_h node, struct app_sink *sink)
{
  CLEANUP_FREE char *name = hivex_node_name (h, node);
  if (name == NULL)
    return 0;                   /* a broken key: skip it */
  CLEANUP_FREE char *display_name = win_hive_string (h, node, "DisplayName");
  CLEANUP_FREE char *version = win_hive_string (h, node, "DisplayVersion");
  CLEANUP_FREE char *install_path =
    win_hive_string (h, node, "InstallLocation");
  CLEANUP_FREE char *publisher = win_hive_string (h, node, "Publisher");
  CLEANUP_FREE char *url = win_hive_string (h, node, "URLInfoAbout");
  CLEANUP_FREE char *comments = win_hive_string (h, node, "Comments");
  struct app_info info = {
    .name = name,
    .display_name = display_name,
    .version = version,
    .install_path = install_path,
    .publisher = publisher,
    .url = url,
    .description = comments,
  };
  return apps_add (sink, &info);
}

static int
add_uninstall_key (hive_h *h, const char *path, struct app_sink *sink)
{
  hive_node_h key = win_hive_node (h, 0, path);
  if (key == 0)
    return 0;
  CLEANUP_FREE hive_node_h *children = hivex_node_children (h, key);
  if (children == NULL)
    return 0;
  for (size_t i = 0; children[i] != 0 && i < WIN_MAX_ENTRIES; i++)
    if (add_app (h, children[i], sink) == -1)
      return -1;
  return 0;
}

int
inspect_windows_applications (const char *hive, struct app_sink *sink)
{
  int fd = sysroot_open (hive, O_RDONLY | O_NOCTTY, 0);
  if (fd == -1)
    return reply_with_perror ("%s", hive);
  struct stat st;
  if (fstat (fd, &st) == -1 || !S_ISREG (st.st_mode)) {
    close (fd);
    return reply_with_error ("%s: not a registry hive file", hive);
  }
  hive_h *h = win_hive_open_fd (fd);
  int e = errno;
  close (fd);
  if (h == NULL)
    return reply_with_error_errno (e, "%s: cannot open the registry hive: %s",
                                   hive, strerror (e));

  int r = 0;
  for (size_t i = 0; uninstall_keys[i] != NULL && r == 0; i++)
    r = add_uninstall_key (h, uninstall_keys[i], sink);
  hivex_close (h);
  return r;
}
