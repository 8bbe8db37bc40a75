/* Linux distributions: which one, its product name and version, from
 * os-release and the distributions' own release files, tried in the
 * reference's order (the first file that settles the question wins). */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-parse.h"

/* os-release ID -> distro name. */
static const struct { const char *id, *distro; } os_release_ids[] = {
  { "alpine", "alpinelinux" }, { "altlinux", "altlinux" },
  { "arch", "archlinux" }, { "centos", "centos" }, { "coreos", "coreos" },
  { "debian", "debian" }, { "fedora", "fedora" },
  { "frugalware", "frugalware" }, { "gentoo", "gentoo" },
  { "kali", "kalilinux" }, { "kylin", "kylin" },
  { "linuxmint", "linuxmint" }, { "mageia", "mageia" },
  { "neokylin", "neokylin" }, { "openmandriva", "openmandriva" },
  { "opensuse", "opensuse" }, { "opensuse-leap", "opensuse" },
  { "opensuse-tumbleweed", "opensuse" }, { "pardus", "pardus" },
  { "pld", "pldlinux" }, { "rhel", "rhel" }, { "rocky", "rocky" },
  { "scientific", "scientificlinux" }, { "sles", "sles" },
  { "sled", "sles" }, { "ubuntu", "ubuntu" }, { "void", "voidlinux" },
  /* Not "ol": the reference reads Oracle Linux's oracle-release. */
};

static const char *
distro_of_id (const char *id)
{
  for (size_t i = 0; i < sizeof os_release_ids / sizeof os_release_ids[0]; i++)
    if (strcmp (os_release_ids[i].id, id) == 0)
      return os_release_ids[i].distro;
  return NULL;
}

static void
set_version (struct inspect_os *os, int major, int minor)
{
  os->major_version = major;
  os->minor_version = minor;
}

int
inspect_os_release (const char *buf, size_t len, struct inspect_os *os)
{
  CLEANUP_FREE char *id = inspect_parse_kv (buf, len, "ID", 1);
  CLEANUP_FREE char *pretty = inspect_parse_kv (buf, len, "PRETTY_NAME", 1);
  CLEANUP_FREE char *version = inspect_parse_kv (buf, len, "VERSION_ID", 1);
  const char *distro = id ? distro_of_id (id) : NULL;
  int major = 0, minor = 0;
  int have_version = version && inspect_parse_version (version, &major, &minor) == 0;

  if (distro)
    inspect_set (&os->distro, distro);
  if (pretty && *pretty)
    inspect_set (&os->product_name, pretty);
  if (have_version)
    set_version (os, major, minor);
  if (distro == NULL)
    return 0;
  /* Debian's and CentOS's os-release carry only the major version: the
   * release files that follow know the minor one. */
  if (have_version && minor == 0
      && (strcmp (distro, "debian") == 0 || strcmp (distro, "centos") == 0)) {
    set_version (os, 0, 0);
    return 0;
  }
  if (have_version)
    return 1;
  /* Rolling releases have no version. */
  return strcmp (distro, "archlinux") == 0 || strcmp (distro, "voidlinux") == 0;
}

static int
lsb_release (const char *buf, size_t len, struct inspect_os *os)
{
  CLEANUP_FREE char *id = inspect_parse_kv (buf, len, "DISTRIB_ID", 1);
  CLEANUP_FREE char *rel = inspect_parse_kv (buf, len, "DISTRIB_RELEASE", 1);
  CLEANUP_FREE char *desc = inspect_parse_kv (buf, len, "DISTRIB_DESCRIPTION", 1);
  const char *distro = NULL;
  int major, minor;

  if (id == NULL)
    return 0;
  if (strcmp (id, "Ubuntu") == 0)
    distro = "ubuntu";
  else if (strcmp (id, "LinuxMint") == 0)
    distro = "linuxmint";
  else if (strcmp (id, "Mandrake") == 0 || strcmp (id, "Mandriva") == 0)
    distro = "mandriva";
  else if (strcmp (id, "Mageia") == 0)
    distro = "mageia";
  if (distro == NULL || rel == NULL
      || inspect_parse_version (rel, &major, &minor) == -1)
    return 0;
  inspect_set (&os->distro, distro);
  set_version (os, major, minor);
  if (desc && *desc)
    inspect_set (&os->product_name, desc);
  return 1;
}

/* redhat-release's first words say which Red Hat-like distro it is. */
static const char *
redhat_distro (const char *line)
{
  static const struct { const char *prefix, *distro; } m[] = {
    { "Fedora", "fedora" }, { "Red Hat Enterprise Linux", "rhel" },
    { "CentOS", "centos" }, { "Scientific Linux", "scientificlinux" },
    { "Oracle Linux", "oraclelinux" }, { "Rocky Linux", "rocky" },
  };
  for (size_t i = 0; i < sizeof m / sizeof m[0]; i++)
    if (strncmp (line, m[i].prefix, strlen (m[i].prefix)) == 0)
      return m[i].distro;
  return "redhat-based";
}

static const char *
suse_distro (const char *line)
{
  if (strstr (line, "SUSE Linux Enterprise"))
    return "sles";
  if (strncmp (line, "openSUSE", 8) == 0)
    return "opensuse";
  return "suse-based";
}

/* How a release file's version is found. */
enum version_rule { V_RELEASE, V_LEADING, V_SUSE, V_NONE };

static const struct release_file {
  const char *path;
  const char *distro;           /* NULL: from the first line */
  const char *(*distro_of) (const char *line);
  enum version_rule rule;
} release_files[] = {
  { "/etc/altlinux-release", "altlinux", NULL, V_RELEASE },
  { "/etc/oracle-release", "oraclelinux", NULL, V_RELEASE },
  { "/etc/centos-release", "centos", NULL, V_RELEASE },
  { "/etc/fedora-release", "fedora", NULL, V_RELEASE },
  { "/etc/redhat-release", NULL, redhat_distro, V_RELEASE },
  { "/etc/debian_version", "debian", NULL, V_LEADING },
  { "/etc/pardus-release", "pardus", NULL, V_RELEASE },
  { "/etc/arch-release", "archlinux", NULL, V_NONE },
  { "/etc/gentoo-release", "gentoo", NULL, V_RELEASE },
  { "/etc/meego-release", "meego", NULL, V_RELEASE },
  { "/etc/slackware-version", "slackware", NULL, V_LEADING },
  { "/etc/ttylinux-target", "ttylinux", NULL, V_LEADING },
  { "/etc/mageia-release", "mageia", NULL, V_RELEASE },
  { "/etc/mandriva-release", "mandriva", NULL, V_RELEASE },
  { "/etc/SuSE-release", NULL, suse_distro, V_SUSE },
  { "/etc/cirros/version", "cirros", NULL, V_LEADING },
  { "/etc/br-version", "buildroot", NULL, V_LEADING },
  { "/etc/alpine-release", "alpinelinux", NULL, V_LEADING },
  { "/etc/frugalware-release", "frugalware", NULL, V_RELEASE },
  { "/etc/PLD-release", "pldlinux", NULL, V_RELEASE },
};

/* The first word that starts with a digit ("Slackware 15.0"). */
static int
leading_version (const char *line, int *major, int *minor)
{
  for (const char *p = line; *p; p++)
    if ((p == line || p[-1] == ' ') && inspect_parse_version (p, major, minor) == 0)
      return 0;
  return -1;
}

static int
release_file (int dirfd, const struct release_file *rf, struct inspect_os *os)
{
  size_t len;
  CLEANUP_FREE char *buf = guest_read_file (dirfd, rf->path, INSPECT_FILE_MAX, &len);
  if (buf == NULL)
    return 0;
  CLEANUP_FREE char *line = inspect_parse_first_line (buf, len);
  const char *l = line ? line : "";
  int major = 0, minor = 0, ok = -1;

  inspect_set (&os->distro, rf->distro ? rf->distro : rf->distro_of (l));
  inspect_set (&os->product_name, line);
  switch (rf->rule) {
  case V_RELEASE: ok = inspect_parse_release_version (l, &major, &minor); break;
  case V_LEADING: ok = leading_version (l, &major, &minor); break;
  case V_SUSE: ok = inspect_parse_suse_release (buf, len, &major, &minor); break;
  case V_NONE: break;
  }
  set_version (os, ok == 0 ? major : 0, ok == 0 ? minor : 0);
  return 1;
}

static void
linux_distro (int dirfd, struct inspect_os *os)
{
  size_t len;
  char *buf = guest_read_file (dirfd, "/etc/os-release", INSPECT_FILE_MAX, &len);
  int done = buf && inspect_os_release (buf, len, os);
  free (buf);
  if (done)
    return;
  buf = guest_read_file (dirfd, "/etc/lsb-release", INSPECT_FILE_MAX, &len);
  done = buf && lsb_release (buf, len, os);
  free (buf);
  if (done)
    return;
  for (size_t i = 0; i < sizeof release_files / sizeof release_files[0]; i++)
    if (release_file (dirfd, &release_files[i], os))
      return;
}

/* /bin may be a symlink to usr/bin (merged /usr). */
static int
has_bin (int dirfd)
{
  if (guest_is_dir (dirfd, "/bin"))
    return 1;
  CLEANUP_FREE char *target = guest_readlink (dirfd, "/bin");
  return target && (strcmp (target, "usr/bin") == 0
                    || strcmp (target, "/usr/bin") == 0);
}

int
inspect_check_linux_root (int dirfd, struct inspect_os *os)
{
  if (!guest_is_dir (dirfd, "/etc") || !has_bin (dirfd)
      || (!guest_is_file (dirfd, "/etc/fstab")
          && !guest_is_file (dirfd, "/etc/hosts")))
    return 0;
  inspect_set (&os->type, "linux");
  linux_distro (dirfd, os);
  return 1;
}

int
inspect_check_linux_usr (int dirfd, struct inspect_os *os)
{
  if (!guest_is_dir (dirfd, "/etc") || !guest_is_dir (dirfd, "/bin")
      || !guest_is_dir (dirfd, "/share") || !guest_is_dir (dirfd, "/local")
      || guest_is_file (dirfd, "/etc/fstab"))
    return 0;
  size_t len;
  CLEANUP_FREE char *buf = guest_read_file (dirfd, "/lib/os-release",
                                            INSPECT_FILE_MAX, &len);
  if (buf)
    inspect_os_release (buf, len, os);
  return 1;
}
