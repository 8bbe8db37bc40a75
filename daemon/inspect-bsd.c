/* FreeBSD, NetBSD and OpenBSD roots (when their filesystem could be
 * mounted at all: the appliance kernel may lack ufs/ffs). */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-parse.h"

/* "NAME 13.1..." anywhere in the first line of PATH -> product name and
 * version. */
static int
named_version_file (int dirfd, const char *path, const char *name,
                    struct inspect_os *os)
{
  size_t len;
  CLEANUP_FREE char *buf = guest_read_file (dirfd, path, INSPECT_FILE_MAX, &len);
  CLEANUP_FREE char *line = buf ? inspect_parse_first_line (buf, len) : NULL;
  const char *p = line ? strstr (line, name) : NULL;
  int major, minor;

  if (p == NULL)
    return 0;
  p += strlen (name);
  while (*p == ' ')
    p++;
  if (inspect_parse_version (p, &major, &minor) == -1)
    return 0;
  inspect_set (&os->product_name, line);
  os->major_version = major;
  os->minor_version = minor;
  return 1;
}

static void
set_bsd (struct inspect_os *os, const char *name)
{
  inspect_set (&os->type, name);
  inspect_set (&os->distro, name);
}

static int
is_bsd_base (int dirfd)
{
  return guest_is_dir (dirfd, "/etc") && guest_is_dir (dirfd, "/bin")
    && guest_is_file (dirfd, "/etc/fstab");
}

int
inspect_check_bsd_root (int dirfd, struct inspect_os *os)
{
  if (!is_bsd_base (dirfd))
    return 0;
  if (guest_is_file (dirfd, "/etc/freebsd-update.conf")) {
    /* The reference reads the version from the line update_motd puts on
     * top of /etc/motd at boot, even when /etc/os-release exists. */
    set_bsd (os, "freebsd");
    named_version_file (dirfd, "/etc/motd", "FreeBSD", os);
    return 1;
  }
  if (guest_is_file (dirfd, "/netbsd") && guest_is_file (dirfd, "/etc/release")) {
    set_bsd (os, "netbsd");
    named_version_file (dirfd, "/etc/release", "NetBSD", os);
    return 1;
  }
  if (guest_is_file (dirfd, "/bsd") && guest_is_file (dirfd, "/etc/motd")) {
    set_bsd (os, "openbsd");
    named_version_file (dirfd, "/etc/motd", "OpenBSD", os);
    return 1;
  }
  return 0;
}
