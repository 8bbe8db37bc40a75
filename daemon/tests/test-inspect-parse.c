/* Unit tests of OS detection without an appliance: the pure parsers of
 * inspect-parse.c, and distro detection (inspect-linux.c, inspect-bsd.c,
 * inspect-facts.c) on phony guest trees built in a temporary directory,
 * including hostile ones (symlinks out of the root, loops, FIFOs). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-parse.h"

/* What the code under test needs from the rest of the daemon. */
int verbose;
void cleanup_free (void *p) { free (*(void **) p); }
void debug (const char *fmt, ...) { (void) fmt; }
void log_error (const char *fmt, ...) { (void) fmt; }

static int failures;

#define CHECK(cond) do { if (!(cond)) { \
      fprintf (stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); \
      failures++; } } while (0)

static int
streq (const char *a, const char *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return strcmp (a, b) == 0;
}

#define CHECK_STR(got, want) do { char *g_ = (got); \
    if (!streq (g_, want)) { fprintf (stderr, "%s:%d: FAILED: %s = \"%s\", want \"%s\"\n", \
      __FILE__, __LINE__, #got, g_ ? g_ : "(null)", (want) ? (want) : "(null)"); \
      failures++; } free (g_); } while (0)

static char *
kv (const char *text, const char *key, int unquote)
{
  return inspect_parse_kv (text, strlen (text), key, unquote);
}

static void
test_kv (void)
{
  const char *osr = "NAME=\"Fedora Linux\"\nID=fedora\n  VERSION_ID=35\n"
    "PRETTY_NAME='Fedora Linux 35 (Thirty Five)'\n# ID=comment\n"
    "ESC=\"a \\\"b\\\" c\"\nEMPTY=\nCR=\"x\"\r\n";
  CHECK_STR (kv (osr, "ID", 1), "fedora");
  CHECK_STR (kv (osr, "VERSION_ID", 1), "35");
  CHECK_STR (kv (osr, "PRETTY_NAME", 1), "Fedora Linux 35 (Thirty Five)");
  CHECK_STR (kv (osr, "NAME", 1), "Fedora Linux");
  CHECK_STR (kv (osr, "NAME", 0), "\"Fedora Linux\"");
  CHECK_STR (kv (osr, "ESC", 1), "a \"b\" c");
  CHECK_STR (kv (osr, "EMPTY", 1), "");
  CHECK_STR (kv (osr, "CR", 1), "x");
  CHECK_STR (kv (osr, "MISSING", 1), NULL);
  CHECK_STR (kv (osr, "VERSION", 1), NULL);   /* a prefix of VERSION_ID */
  CHECK_STR (kv ("A=1\nA=2\n", "A", 1), "2");
  CHECK_STR (kv ("export HOSTNAME=h.example\n", "HOSTNAME", 1), "h.example");
  CHECK_STR (kv ("X=\"unterminated", "X", 1), "unterminated");
  /* Not NUL-terminated: the parser must stay inside LEN. */
  char buf[5] = { 'I', 'D', '=', 'a', 'b' };
  CHECK_STR (inspect_parse_kv (buf, 4, "ID", 1), "a");
  CHECK_STR (inspect_parse_kv (buf, 0, "ID", 1), NULL);
}

static void
test_first_line (void)
{
  CHECK_STR (inspect_parse_first_line ("host\nother\n", 11), "host");
  CHECK_STR (inspect_parse_first_line ("host  \r\n", 8), "host");
  CHECK_STR (inspect_parse_first_line ("\nhost\n", 6), NULL);
  CHECK_STR (inspect_parse_first_line ("", 0), NULL);
  CHECK_STR (inspect_parse_first_line ("a\0b", 3), NULL);
}

static void
test_versions (void)
{
  int ma = -1, mi = -1;
  CHECK (inspect_parse_version ("22.04", &ma, &mi) == 0 && ma == 22 && mi == 4);
  CHECK (inspect_parse_version ("12", &ma, &mi) == 0 && ma == 12 && mi == 0);
  CHECK (inspect_parse_version ("3.15.4", &ma, &mi) == 0 && ma == 3 && mi == 15);
  CHECK (inspect_parse_version ("13.1-RELEASE", &ma, &mi) == 0 && ma == 13 && mi == 1);
  CHECK (inspect_parse_version ("bookworm/sid", &ma, &mi) == -1);
  CHECK (inspect_parse_version ("", &ma, &mi) == -1);
  CHECK (inspect_parse_version ("99999999999999999999.1", &ma, &mi) == 0 && ma > 0);
  CHECK (inspect_parse_release_version ("CentOS Linux release 7.9.2009 (Core)", &ma, &mi) == 0
         && ma == 7 && mi == 9);
  CHECK (inspect_parse_release_version ("Fedora release 35 (Thirty Five)", &ma, &mi) == 0
         && ma == 35 && mi == 0);
  CHECK (inspect_parse_release_version ("no version here", &ma, &mi) == -1);
  CHECK (inspect_parse_release_version ("release", &ma, &mi) == -1);
  const char *suse = "SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 4\n";
  CHECK (inspect_parse_suse_release (suse, strlen (suse), &ma, &mi) == 0 && ma == 11 && mi == 4);
  CHECK (inspect_parse_suse_release ("VERSION=12", 10, &ma, &mi) == 0 && ma == 12 && mi == 0);
  CHECK (inspect_parse_suse_release ("nothing", 7, &ma, &mi) == -1);
}

static void
test_fstab (void)
{
  const char *t = "# comment\n\nUUID=abc / ext4 defaults 1 1\n"
    "  LABEL=My\\040Disk   /mnt/my\\040disk  ext4 ro  # trailing\n"
    "/dev/sda3 /home\n"
    "lonely\n"
    "/dev/sdb1 /data btrfs subvol=/@data,compress=zstd 0 0\n";
  struct fstab_entry *e;
  int n = inspect_parse_fstab (t, strlen (t), &e);
  CHECK (n == 4);
  if (n == 4) {
    CHECK (streq (e[0].spec, "UUID=abc") && streq (e[0].file, "/"));
    CHECK (streq (e[0].vfstype, "ext4") && streq (e[0].mntops, "defaults"));
    CHECK (streq (e[1].spec, "LABEL=My Disk") && streq (e[1].file, "/mnt/my disk"));
    CHECK (streq (e[2].file, "/home") && e[2].vfstype == NULL);
    CHECK (streq (e[3].mntops, "subvol=/@data,compress=zstd"));
    CHECK_STR (inspect_mount_option (e[3].mntops, "subvol"), "/@data");
    CHECK_STR (inspect_mount_option (e[3].mntops, "compress"), "zstd");
    CHECK_STR (inspect_mount_option (e[3].mntops, "sub"), NULL);
  }
  inspect_free_fstab (e, n);
  n = inspect_parse_fstab ("", 0, &e);
  CHECK (n == 0);
  inspect_free_fstab (e, n);
  /* Garbage: binary bytes, NULs, a huge line. */
  char junk[70000];
  for (size_t i = 0; i < sizeof junk; i++)
    junk[i] = (char) (i * 7919 % 251);
  n = inspect_parse_fstab (junk, sizeof junk, &e);
  CHECK (n >= 0);
  inspect_free_fstab (e, n);
  CHECK_STR (inspect_canonical_mountpoint ("///usr//local//"), "/usr/local");
  CHECK_STR (inspect_canonical_mountpoint ("/"), "/");
  CHECK_STR (inspect_canonical_mountpoint ("swap"), "swap");
}

static void
test_elf (void)
{
  unsigned char h[64] = { 0x7f, 'E', 'L', 'F', 2, 1, 1 };
  h[18] = 62;
  CHECK (streq (inspect_elf_arch (h, sizeof h), "x86_64"));
  h[4] = 1; h[18] = 3;
  CHECK (streq (inspect_elf_arch (h, sizeof h), "i386"));
  h[4] = 2; h[18] = 183;
  CHECK (streq (inspect_elf_arch (h, sizeof h), "aarch64"));
  h[18] = 21;
  CHECK (streq (inspect_elf_arch (h, sizeof h), "ppc64le"));
  h[5] = 2; h[18] = 0; h[19] = 21;
  CHECK (streq (inspect_elf_arch (h, sizeof h), "ppc64"));
  h[19] = 22;
  CHECK (streq (inspect_elf_arch (h, sizeof h), "s390x"));
  CHECK (inspect_elf_arch (h, 10) == NULL);
  CHECK (inspect_elf_arch ((const unsigned char *) "#!/bin/sh\nexit 0\n0000", 20) == NULL);
}

/* ---- phony guest trees ---- */

static char tmpl[] = "/tmp/test-inspect-XXXXXX";
static char *top;

static void
put (const char *root, const char *path, const char *content)
{
  char full[PATH_MAX];
  snprintf (full, sizeof full, "%s/%s/%s", top, root, path);
  for (char *p = full + strlen (top) + 1; (p = strchr (p, '/')) != NULL; p++) {
    *p = '\0';
    mkdir (full, 0755);
    *p = '/';
  }
  if (content == NULL) {
    mkdir (full, 0755);
    return;
  }
  FILE *f = fopen (full, "w");
  if (f == NULL) {
    perror (full);
    exit (1);
  }
  fputs (content, f);
  fclose (f);
}

static int
open_root (const char *root)
{
  char full[PATH_MAX];
  snprintf (full, sizeof full, "%s/%s", top, root);
  return open (full, O_PATH | O_DIRECTORY | O_CLOEXEC);
}

/* Everything inspection says about tree ROOT. */
static int
inspect_tree (const char *root, struct inspect_os *os)
{
  int fd = open_root (root);
  memset (os, 0, sizeof *os);
  int r = inspect_check_bsd_root (fd, os) || inspect_check_linux_root (fd, os);
  if (r) {
    inspect_guess_arch (fd, os);
    inspect_guess_hostname (fd, os);
    inspect_guess_packages (fd, os);
    os->osinfo = inspect_osinfo (os);
  }
  close (fd);
  return r;
}

static void
linux_base (const char *root)
{
  put (root, "bin", NULL);
  put (root, "etc/hosts", "127.0.0.1 localhost\n");
}

static void
expect (const char *root, const char *distro, const char *product, int major,
        int minor, const char *hostname, const char *osinfo,
        const char *pkgfmt, const char *pkgmgr)
{
  struct inspect_os os;
  if (!inspect_tree (root, &os)) {
    fprintf (stderr, "FAILED: %s: not detected as a root\n", root);
    failures++;
    return;
  }
  if (!streq (os.distro, distro) || !streq (os.product_name, product)
      || os.major_version != major || os.minor_version != minor
      || !streq (os.hostname, hostname) || !streq (os.osinfo, osinfo)
      || !streq (os.package_format, pkgfmt)
      || !streq (os.package_management, pkgmgr)) {
    fprintf (stderr, "FAILED: %s: got %s|%s|%d.%d|%s|%s|%s|%s\n", root,
             os.distro, os.product_name, os.major_version, os.minor_version,
             os.hostname, os.osinfo, os.package_format, os.package_management);
    failures++;
  }
  inspect_os_free (&os);
}

/* The expected values are what libguestfs 1.48 answers for the same
 * trees (measured on whole-disk ext4 images of them). */
static void
test_distros (void)
{
  linux_base ("fedora");
  put ("fedora", "etc/os-release", "ID=fedora\nVERSION_ID=35\n"
       "PRETTY_NAME=\"Fedora Linux 35 (Thirty Five)\"\n");
  put ("fedora", "etc/hostname", "fedora.example.com\n");
  expect ("fedora", "fedora", "Fedora Linux 35 (Thirty Five)", 35, 0,
          "fedora.example.com", "fedora35", "rpm", "yum");
  put ("fedora", "usr/bin/dnf", "");
  expect ("fedora", "fedora", "Fedora Linux 35 (Thirty Five)", 35, 0,
          "fedora.example.com", "fedora35", "rpm", "dnf");

  linux_base ("centos7");
  put ("centos7", "etc/os-release", "ID=\"centos\"\nVERSION_ID=\"7\"\n"
       "PRETTY_NAME=\"CentOS Linux 7 (Core)\"\n");
  put ("centos7", "etc/centos-release", "CentOS Linux release 7.9.2009 (Core)\n");
  put ("centos7", "etc/sysconfig/network", "NETWORKING=yes\nHOSTNAME=c7.example.com\n");
  expect ("centos7", "centos", "CentOS Linux release 7.9.2009 (Core)", 7, 9,
          "c7.example.com", "centos7.0", "rpm", "yum");

  linux_base ("ubuntu");
  put ("ubuntu", "etc/os-release", "PRETTY_NAME=\"Ubuntu 22.04.1 LTS\"\n"
       "VERSION_ID=\"22.04\"\nID=ubuntu\n");
  put ("ubuntu", "etc/hostname", "ubu\n");
  expect ("ubuntu", "ubuntu", "Ubuntu 22.04.1 LTS", 22, 4, "ubu",
          "ubuntu22.04", "deb", "apt");

  linux_base ("deb11");
  put ("deb11", "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\n"
       "VERSION_ID=\"11\"\nID=debian\n");
  put ("deb11", "etc/debian_version", "11.3\n");
  expect ("deb11", "debian", "11.3", 11, 3, NULL, "debian11", "deb", "apt");

  linux_base ("debsid");
  put ("debsid", "etc/os-release", "PRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\nID=debian\n");
  put ("debsid", "etc/debian_version", "trixie/sid\n");
  expect ("debsid", "debian", "trixie/sid", 0, 0, NULL, NULL, "deb", "apt");

  linux_base ("alma");
  put ("alma", "etc/os-release", "ID=\"almalinux\"\nVERSION_ID=\"9.0\"\n"
       "PRETTY_NAME=\"AlmaLinux 9.0 (Emerald Puma)\"\n");
  put ("alma", "etc/redhat-release", "AlmaLinux release 9.0 (Emerald Puma)\n");
  expect ("alma", "redhat-based", "AlmaLinux release 9.0 (Emerald Puma)", 9, 0,
          NULL, "redhat-based9.0", "rpm", "dnf");

  linux_base ("rhel6");
  put ("rhel6", "etc/redhat-release",
       "Red Hat Enterprise Linux Server release 6.10 (Santiago)\n");
  put ("rhel6", "etc/sysconfig/network", "HOSTNAME=\"rhel6.example.com\"\n");
  expect ("rhel6", "rhel", "Red Hat Enterprise Linux Server release 6.10 (Santiago)",
          6, 10, "\"rhel6.example.com\"", "rhel6.10", "rpm", "yum");

  linux_base ("rocky");
  put ("rocky", "etc/os-release", "ID=\"rocky\"\nVERSION_ID=\"8.6\"\n"
       "PRETTY_NAME=\"Rocky Linux 8.6 (Green Obsidian)\"\n");
  expect ("rocky", "rocky", "Rocky Linux 8.6 (Green Obsidian)", 8, 6, NULL,
          "rocky8", "rpm", "dnf");

  linux_base ("alpine");
  put ("alpine", "etc/os-release", "ID=alpine\nVERSION_ID=3.15.4\n"
       "PRETTY_NAME=\"Alpine Linux v3.15\"\n");
  expect ("alpine", "alpinelinux", "Alpine Linux v3.15", 3, 15, NULL,
          "alpinelinux3.15", "apk", "apk");

  linux_base ("arch");
  put ("arch", "etc/os-release", "NAME=\"Arch Linux\"\nPRETTY_NAME=\"Arch Linux\"\n"
       "ID=arch\nBUILD_ID=rolling\n");
  expect ("arch", "archlinux", "Arch Linux", 0, 0, NULL, "archlinux",
          "pacman", "pacman");

  linux_base ("leap");
  put ("leap", "etc/os-release", "ID=\"opensuse-leap\"\nVERSION_ID=\"15.3\"\n"
       "PRETTY_NAME=\"openSUSE Leap 15.3\"\n");
  put ("leap", "etc/HOSTNAME", "leap.suse\n");
  expect ("leap", "opensuse", "openSUSE Leap 15.3", 15, 3, "leap.suse",
          "opensuse15.3", "rpm", "zypper");

  linux_base ("sles");
  put ("sles", "etc/os-release", "VERSION_ID=\"15.3\"\nID=\"sles\"\n"
       "PRETTY_NAME=\"SUSE Linux Enterprise Server 15 SP3\"\n");
  expect ("sles", "sles", "SUSE Linux Enterprise Server 15 SP3", 15, 3, NULL,
          "sles15sp3", "rpm", "zypper");

  linux_base ("suse11");
  put ("suse11", "etc/SuSE-release",
       "SUSE Linux Enterprise Server 11 (x86_64)\nVERSION = 11\nPATCHLEVEL = 4\n");
  expect ("suse11", "sles", "SUSE Linux Enterprise Server 11 (x86_64)", 11, 4,
          NULL, "sles11sp4", "rpm", "zypper");

  linux_base ("mint");
  put ("mint", "etc/lsb-release", "DISTRIB_ID=LinuxMint\nDISTRIB_RELEASE=20.3\n"
       "DISTRIB_DESCRIPTION=\"Linux Mint 20.3 Una\"\n");
  expect ("mint", "linuxmint", "Linux Mint 20.3 Una", 20, 3, NULL,
          "linuxmint20.3", "deb", "apt");

  linux_base ("gentoo");
  put ("gentoo", "etc/gentoo-release", "Gentoo Base System release 2.8\n");
  expect ("gentoo", "gentoo", "Gentoo Base System release 2.8", 2, 8, NULL,
          "gentoo", "ebuild", "portage");

  linux_base ("void");
  put ("void", "etc/os-release", "ID=\"void\"\nPRETTY_NAME=\"Void Linux\"\n");
  expect ("void", "voidlinux", "Void Linux", 0, 0, NULL, "voidlinux", "xbps", "xbps");

  linux_base ("ol");
  put ("ol", "etc/os-release", "ID=\"ol\"\nVERSION_ID=\"8.6\"\n"
       "PRETTY_NAME=\"Oracle Linux Server 8.6\"\n");
  put ("ol", "etc/oracle-release", "Oracle Linux Server release 8.6\n");
  expect ("ol", "oraclelinux", "Oracle Linux Server release 8.6", 8, 6, NULL,
          "oraclelinux8.6", "rpm", "dnf");

  linux_base ("mageia");
  put ("mageia", "etc/os-release", "ID=\"mageia\"\nVERSION_ID=\"8\"\nPRETTY_NAME=\"Mageia 8\"\n");
  expect ("mageia", "mageia", "Mageia 8", 8, 0, NULL, "mageia8", "rpm", "urpmi");

  linux_base ("kali");
  put ("kali", "etc/os-release", "PRETTY_NAME=\"Kali GNU/Linux Rolling\"\n"
       "ID=kali\nVERSION_ID=\"2022.2\"\n");
  expect ("kali", "kalilinux", "Kali GNU/Linux Rolling", 2022, 2, NULL,
          "kalilinux2022.2", "deb", "apt");

  /* A tree without /bin is not a root; neither is a bare /usr. */
  struct inspect_os os;
  put ("notroot", "etc/fstab", "");
  CHECK (!inspect_tree ("notroot", &os));
  inspect_os_free (&os);
}

static void
test_arch (void)
{
  char self[PATH_MAX];
  ssize_t n = readlink ("/proc/self/exe", self, sizeof self - 1);
  CHECK (n > 0);
  self[n > 0 ? n : 0] = '\0';
  linux_base ("archtest");
  char dst[PATH_MAX];
  snprintf (dst, sizeof dst, "%s/archtest/bin/ls", top);
  CHECK (symlink (self, dst) == 0);  /* absolute: must not leave the root */
  snprintf (dst, sizeof dst, "%s/archtest/bin/bash", top);
  CHECK (mkfifo (dst, 0644) == 0);   /* must not block */
  struct inspect_os os;
  int fd = open_root ("archtest");
  memset (&os, 0, sizeof os);
  inspect_guess_arch (fd, &os);
  CHECK (os.arch == NULL);
  inspect_os_free (&os);

  /* A binary inside the root is found. */
  put ("archtest", "bin/echo", "");
  snprintf (dst, sizeof dst, "%s/archtest/bin/echo", top);
  int in = open (self, O_RDONLY), out = open (dst, O_WRONLY | O_TRUNC);
  char hdr[64];
  CHECK (in >= 0 && out >= 0 && read (in, hdr, sizeof hdr) == sizeof hdr
         && write (out, hdr, sizeof hdr) == sizeof hdr);
  close (in); close (out);
  inspect_guess_arch (fd, &os);
  CHECK (os.arch != NULL);
  inspect_os_free (&os);
  close (fd);
}

static void
test_hostile (void)
{
  char p[PATH_MAX];
  linux_base ("evil");
  /* /etc/os-release -> /etc/passwd of the host: resolved inside the root,
   * where it does not exist. */
  snprintf (p, sizeof p, "%s/evil/etc/os-release", top);
  CHECK (symlink ("/etc/passwd", p) == 0);
  snprintf (p, sizeof p, "%s/evil/etc/hostname", top);
  CHECK (symlink ("../../../../../../../../etc/hostname", p) == 0);
  snprintf (p, sizeof p, "%s/evil/etc/lsb-release", top);
  CHECK (symlink ("lsb-release", p) == 0);   /* loop */
  snprintf (p, sizeof p, "%s/evil/etc/redhat-release", top);
  CHECK (mkfifo (p, 0644) == 0);
  struct inspect_os os;
  CHECK (inspect_tree ("evil", &os));
  CHECK (os.distro == NULL && os.hostname == NULL);
  inspect_os_free (&os);

  int fd = open_root ("evil");
  size_t len;
  char *s = guest_read_file (fd, "/etc/os-release", 100, &len);
  CHECK (s == NULL);
  free (s);
  s = guest_read_file (fd, "/../../../etc/passwd", 100, &len);
  CHECK (s == NULL);
  /* The cap is respected. */
  put ("evil", "etc/big", "0123456789");
  s = guest_read_file (fd, "/etc/big", 4, &len);
  CHECK (s && len == 4 && strcmp (s, "0123") == 0);
  free (s);
  close (fd);
}

static void
test_osinfo_windows (void)
{
  struct inspect_os os;
  memset (&os, 0, sizeof os);
  os.type = (char *) "windows";
  os.major_version = 6; os.minor_version = 1;
  CHECK_STR (inspect_osinfo (&os), "win7");
  os.product_variant = (char *) "Server";
  CHECK_STR (inspect_osinfo (&os), "win2k8r2");
  os.major_version = 10; os.minor_version = 0;
  os.product_name = (char *) "Windows Server 2019 Standard";
  CHECK_STR (inspect_osinfo (&os), "win2k19");
  os.product_name = (char *) "Windows Server 2016 Standard";
  CHECK_STR (inspect_osinfo (&os), "win2k16");
  os.product_variant = (char *) "Client";
  CHECK_STR (inspect_osinfo (&os), "win10");
  os.major_version = 6; os.minor_version = 3;
  CHECK_STR (inspect_osinfo (&os), "win8.1");
  os.major_version = 4;
  CHECK_STR (inspect_osinfo (&os), NULL);
}

int
main (void)
{
  top = mkdtemp (tmpl);
  if (top == NULL) {
    perror ("mkdtemp");
    return 1;
  }
  test_kv ();
  test_first_line ();
  test_versions ();
  test_fstab ();
  test_elf ();
  test_distros ();
  test_arch ();
  test_hostile ();
  test_osinfo_windows ();
  const char *rm[] = { "rm", "-rf", top, NULL };
  (void) rm;
  char cmd[PATH_MAX + 16];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", top);
  if (system (cmd) != 0)
    fprintf (stderr, "warning: could not remove %s\n", top);
  if (failures) {
    fprintf (stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf ("all inspection parser tests passed\n");
  return 0;
}
