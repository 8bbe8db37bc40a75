/* Argument checks called by the generated dispatch code before a do_
 * function runs.  Each replies with an error and returns -1 on failure. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"

/* The generated dispatch may provide call names for messages
 * ("mount_stub: /dev/sdz: No such file or directory"). */
extern const char *dispatch_proc_name (uint32_t proc) __attribute__((weak));

static const char *
stub_prefix (void)
{
  static char buf[128];
  const char *n = dispatch_proc_name ? dispatch_proc_name (proc_nr) : NULL;
  if (n == NULL)
    return "";
  snprintf (buf, sizeof buf, "%s_stub: ", n);
  return buf;
}

int
is_device_arg (const char *s)
{
  return s && strncmp (s, "/dev/", 5) == 0;
}

int
daemon_check_device (const char *device)
{
  struct stat st;

  if (!is_device_arg (device) || strstr (device, "/..")
      || stat (device, &st) == -1 || !S_ISBLK (st.st_mode)) {
    reply_with_error_errno (ENOENT, "%s%s: No such file or directory",
                            stub_prefix (), device ? device : "(null)");
    return -1;
  }
  return 0;
}

int
daemon_check_path (const char *path)
{
  if (path == NULL || path[0] != '/') {
    reply_with_error ("%spath must start with a / character", stub_prefix ());
    return -1;
  }
  return 0;
}

/* A device, or "btrfsvol:DEVICE/SUBVOLUME" naming a real device. */
int
daemon_check_mountable (const char *m)
{
  const char *subvol;

  if (!is_btrfsvol (m))
    return daemon_check_device (m);
  CLEANUP_FREE char *dev = btrfsvol_split (m, &subvol);
  if (dev == NULL) {
    reply_with_error_errno (EINVAL, "%s%s: expecting a btrfs volume",
                            stub_prefix (), m);
    return -1;
  }
  return daemon_check_device (dev);
}

int
daemon_check_dev_or_path (const char *m)
{
  if (is_device_arg (m))
    return daemon_check_device (m);
  return daemon_check_path (m);
}
