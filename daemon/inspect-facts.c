/* What follows from a root's distro and files: architecture, hostname,
 * package format and manager, and the libosinfo short id. */

#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-parse.h"

void
inspect_guess_arch (int dirfd, struct inspect_os *os)
{
  static const char *const binaries[] = {
    "/bin/bash", "/bin/ls", "/bin/echo", "/bin/rm", "/bin/sh",
    "/usr/bin/bash", "/usr/bin/ls", "/usr/bin/env", "/sbin/init",
  };
  for (size_t i = 0; i < sizeof binaries / sizeof binaries[0]; i++) {
    const char *a = guest_binary_arch (dirfd, binaries[i]);
    if (a) {
      inspect_set (&os->arch, a);
      return;
    }
  }
}

/* First line of PATH, if not empty. */
static char *
first_line_of (int dirfd, const char *path)
{
  size_t len;
  CLEANUP_FREE char *buf = guest_read_file (dirfd, path, INSPECT_FILE_MAX, &len);
  return buf ? inspect_parse_first_line (buf, len) : NULL;
}

static char *
kv_of (int dirfd, const char *path, const char *key, int unquote)
{
  size_t len;
  CLEANUP_FREE char *buf = guest_read_file (dirfd, path, INSPECT_FILE_MAX, &len);
  return buf ? inspect_parse_kv (buf, len, key, unquote) : NULL;
}

static int
is (const char *s, const char *value)
{
  return s && strcmp (s, value) == 0;
}

void
inspect_guess_hostname (int dirfd, struct inspect_os *os)
{
  char *h = NULL;

  if (is (os->type, "linux")) {
    /* Each family's file, tried in turn; sysconfig/network's value is
     * kept as written (quotes included), as the reference does. */
    if ((h = first_line_of (dirfd, "/etc/HOSTNAME")) == NULL
        && (h = first_line_of (dirfd, "/etc/hostname")) == NULL)
      h = kv_of (dirfd, "/etc/sysconfig/network", "HOSTNAME", 0);
  }
  else if (is (os->type, "freebsd") || is (os->type, "netbsd")) {
    if ((h = kv_of (dirfd, "/etc/rc.conf", "hostname", 1)) == NULL)
      h = first_line_of (dirfd, "/etc/myname");
  }
  else if (is (os->type, "openbsd"))
    h = first_line_of (dirfd, "/etc/myname");
  if (h && *h)
    inspect_set (&os->hostname, h);
  free (h);
}

static int
in (const char *s, const char *const *set)
{
  for (size_t i = 0; s && set[i]; i++)
    if (strcmp (s, set[i]) == 0)
      return 1;
  return 0;
}

static const char *
package_format (const char *d)
{
  static const char *const rpm[] = {
    "fedora", "meego", "redhat-based", "rhel", "mageia", "mandriva",
    "openmandriva", "suse-based", "opensuse", "sles", "centos",
    "scientificlinux", "oraclelinux", "altlinux", "rocky", "pldlinux", NULL };
  static const char *const deb[] = {
    "debian", "ubuntu", "linuxmint", "kalilinux", NULL };
  if (in (d, rpm)) return "rpm";
  if (in (d, deb)) return "deb";
  if (is (d, "archlinux")) return "pacman";
  if (is (d, "gentoo")) return "ebuild";
  if (is (d, "pardus")) return "pisi";
  if (is (d, "alpinelinux")) return "apk";
  if (is (d, "voidlinux")) return "xbps";
  return NULL;
}

static const char *
package_management (int dirfd, const char *d, int major)
{
  static const char *const rhel_like[] = {
    "rhel", "centos", "oraclelinux", "scientificlinux", "redhat-based",
    "rocky", NULL };
  static const char *const apt[] = {
    "debian", "ubuntu", "linuxmint", "altlinux", "kalilinux", NULL };
  static const char *const zypper[] = {
    "opensuse", "sles", "suse-based", NULL };
  if (is (d, "fedora")) {
    if (major >= 22 && guest_is_file (dirfd, "/usr/bin/dnf"))
      return "dnf";
    return major >= 1 ? "yum" : NULL;
  }
  if (in (d, rhel_like))
    return major >= 8 ? "dnf" : major >= 5 ? "yum" : major >= 2 ? "up2date" : NULL;
  if (in (d, apt)) return "apt";
  if (in (d, zypper)) return "zypper";
  if (is (d, "archlinux")) return "pacman";
  if (is (d, "gentoo")) return "portage";
  if (is (d, "pardus")) return "pisi";
  if (is (d, "mageia") || is (d, "mandriva") || is (d, "openmandriva"))
    return "urpmi";
  if (is (d, "alpinelinux")) return "apk";
  if (is (d, "voidlinux")) return "xbps";
  return NULL;
}

void
inspect_guess_packages (int dirfd, struct inspect_os *os)
{
  inspect_set (&os->package_format, package_format (os->distro));
  inspect_set (&os->package_management,
               package_management (dirfd, os->distro, os->major_version));
}

/* asprintf's result, or NULL. */
#define OSINFO(...) \
  ({ char *r_; asprintf (&r_, __VA_ARGS__) == -1 ? NULL : r_; })

static char *
linux_osinfo (const struct inspect_os *os)
{
  const char *d = os->distro;
  int ma = os->major_version, mi = os->minor_version;

  if (d == NULL)
    return NULL;
  if (is (d, "centos"))
    return ma >= 8 ? OSINFO ("%s%d", d, ma) : OSINFO ("%s%d.0", d, ma);
  if (is (d, "rocky"))
    return OSINFO ("%s%d", d, ma);
  if (is (d, "debian") && ma >= 4)
    return OSINFO ("%s%d", d, ma);
  if (is (d, "fedora") || is (d, "mageia"))
    return OSINFO ("%s%d", d, ma);
  if (is (d, "sles"))
    return mi == 0 ? OSINFO ("%s%d", d, ma) : OSINFO ("%s%dsp%d", d, ma, mi);
  if (is (d, "ubuntu"))
    return OSINFO ("%s%d.%02d", d, ma, mi);
  if (is (d, "archlinux") || is (d, "gentoo") || is (d, "voidlinux"))
    return strdup (d);
  if (ma > 0 || mi > 0)
    return OSINFO ("%s%d.%d", d, ma, mi);
  return NULL;
}

static char *
windows_osinfo (const struct inspect_os *os)
{
  const char *name = os->product_name ? os->product_name : "";
  int server = is (os->product_variant, "Server");
  const char *r = NULL;

  switch (os->major_version * 100 + os->minor_version) {
  case 500: r = "win2k"; break;
  case 501: r = "winxp"; break;
  case 502:
    r = strstr (name, "XP") ? "winxp" : strstr (name, "R2") ? "win2k3r2" : "win2k3";
    break;
  case 600: r = server ? "win2k8" : "winvista"; break;
  case 601: r = server ? "win2k8r2" : "win7"; break;
  case 602: r = server ? "win2k12" : "win8"; break;
  case 603: r = server ? "win2k12r2" : "win8.1"; break;
  case 1000:
    if (!server)
      r = "win10";
    else
      r = strstr (name, "2022") ? "win2k22" : strstr (name, "2019") ? "win2k19" : "win2k16";
    break;
  }
  return r ? strdup (r) : NULL;
}

char *
inspect_osinfo (const struct inspect_os *os)
{
  if (is (os->type, "linux"))
    return linux_osinfo (os);
  if (is (os->type, "windows"))
    return windows_osinfo (os);
  if (is (os->type, "freebsd") || is (os->type, "netbsd") || is (os->type, "openbsd"))
    return OSINFO ("%s%d.%d", os->distro ? os->distro : os->type,
                os->major_version, os->minor_version);
  if (is (os->type, "dos") && is (os->distro, "msdos"))
    return strdup ("msdos6.22");
  return NULL;
}
