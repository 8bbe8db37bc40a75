/* internal_inspect_os: find every operating system on the disks in one
 * round trip (docs/inspection.md).  Each filesystem is mounted read-only
 * on a private directory, classified and unmounted; a filesystem that
 * cannot be mounted or read is skipped. */

#include <config.h>

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"
#include "inspect.h"
#include "inspect-mount.h"

/* A separate /usr seen during the scan: what it says about its OS. */
struct usr_fs {
  char *mountable;
  struct inspect_os info;
};

struct scan {
  const char *dir;
  struct inspect_devices devs;
  struct inspect_os *roots;
  size_t nroots;
  struct usr_fs *usrs;
  size_t nusrs;
};

/* Types that never hold an OS or cannot be mounted. */
static int
skip_type (const char *type)
{
  static const char *const skip[] = {
    "swap", "unknown", "crypto_LUKS", "BitLocker", "LVM2_member",
    "linux_raid_member", "zfs_member", "squashfs_member", NULL };
  for (size_t i = 0; skip[i]; i++)
    if (strcmp (type, skip[i]) == 0)
      return 1;
  return 0;
}

static int
is_boot_fs (int dirfd)
{
  return guest_is_file (dirfd, "/grub/menu.lst")
    || guest_is_file (dirfd, "/grub/grub.conf")
    || guest_is_file (dirfd, "/grub2/grub.cfg");
}

/* Root of a Unix-like OS: everything its own files say. */
static void
complete_unix_root (struct scan *s, int dirfd, struct inspect_os *os)
{
  inspect_guess_arch (dirfd, os);
  inspect_guess_hostname (dirfd, os);
  inspect_guess_packages (dirfd, os);
  if (inspect_fstab (dirfd, &s->devs, os) == -1)
    log_error ("inspect: %s: out of memory reading /etc/fstab", os->root);
}

static void
keep_root (struct scan *s, struct inspect_os *os)
{
  struct inspect_os *nr = realloc (s->roots, (s->nroots + 1) * sizeof *nr);
  if (nr == NULL) {
    inspect_os_free (os);
    return;
  }
  s->roots = nr;
  inspect_set (&os->format, "installed");
  nr[s->nroots++] = *os;
}

static void
keep_usr (struct scan *s, const char *mountable, struct inspect_os *os)
{
  struct usr_fs *nu = realloc (s->usrs, (s->nusrs + 1) * sizeof *nu);
  if (nu == NULL || (nu[s->nusrs].mountable = strdup (mountable)) == NULL) {
    if (nu)
      s->usrs = nu;
    inspect_os_free (os);
    return;
  }
  s->usrs = nu;
  nu[s->nusrs++].info = *os;
}

static void
classify (struct scan *s, const char *mountable, int dirfd)
{
  struct inspect_os os;
  memset (&os, 0, sizeof os);
  if ((os.root = strdup (mountable)) == NULL)
    return;
  if (is_boot_fs (dirfd))
    inspect_os_free (&os);
  else if (inspect_check_bsd_root (dirfd, &os)
           || inspect_check_linux_root (dirfd, &os)) {
    complete_unix_root (s, dirfd, &os);
    keep_root (s, &os);
  }
  else if (inspect_check_linux_usr (dirfd, &os)) {
    inspect_guess_arch (dirfd, &os);
    keep_usr (s, mountable, &os);
  }
  else if (inspect_windows_check (mountable, s->dir, &os) == 1)
    keep_root (s, &os);
  else
    inspect_os_free (&os);
}

/* Mount, classify, unmount.  (btrfs subvolumes come from
 * list_filesystems as btrfsvol: mountables of their own.) */
static void
scan_one (struct scan *s, const char *mountable, const char *type)
{
  if (inspect_mount (mountable, type, s->dir) == -1)
    return;
  int dirfd = open (s->dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dirfd >= 0) {
    classify (s, mountable, dirfd);
    close (dirfd);
  }
  inspect_umount (s->dir);
}

/* The mountable fstab puts on MP, if any. */
static const char *
mounted_on (const struct inspect_os *os, const char *mp)
{
  for (size_t i = 0; os->mountpoints && os->mountpoints[i]
         && os->mountpoints[i + 1]; i += 2)
    if (strcmp (os->mountpoints[i], mp) == 0)
      return os->mountpoints[i + 1];
  return NULL;
}

/* A root whose /usr is separate gets from it what it lacks itself. */
static void
merge_usr (struct scan *s, struct inspect_os *os)
{
  const char *usr = mounted_on (os, "/usr");
  for (size_t i = 0; usr && i < s->nusrs; i++) {
    const struct inspect_os *u = &s->usrs[i].info;
    if (strcmp (s->usrs[i].mountable, usr) != 0)
      continue;
    if (os->distro == NULL && u->distro) {
      inspect_set (&os->distro, u->distro);
      inspect_set (&os->product_name, u->product_name);
      os->major_version = u->major_version;
      os->minor_version = u->minor_version;
      inspect_guess_packages (-1, os);
    }
    if (os->arch == NULL)
      inspect_set (&os->arch, u->arch);
  }
}

/* With no fstab (Windows, or an empty one) the root is all there is. */
static int
default_mountpoints (struct inspect_os *os)
{
  if (os->filesystems)
    return 0;
  if (inspect_list_add (&os->mountpoints, "/") == -1
      || inspect_list_add (&os->mountpoints, os->root) == -1
      || inspect_list_add (&os->filesystems, os->root) == -1)
    return -1;
  return 0;
}

static int
add_kv (struct stringsbuf *sb, const char *key, const char *value)
{
  if (value == NULL)
    return 0;
  return add_sprintf (sb, "%s=%s", key, value);
}

static int
add_pairs (struct stringsbuf *sb, const char *key, char **l)
{
  for (size_t i = 0; l && l[i] && l[i + 1]; i += 2)
    if (add_sprintf (sb, "%s=%s\t%s", key, l[i], l[i + 1]) == -1)
      return -1;
  return 0;
}

static int
add_root (struct stringsbuf *sb, const struct inspect_os *os)
{
  if (add_kv (sb, "root", os->root) == -1
      || add_kv (sb, "type", os->type) == -1
      || add_kv (sb, "distro", os->distro) == -1
      || add_kv (sb, "product_name", os->product_name) == -1
      || add_kv (sb, "product_variant", os->product_variant) == -1
      || add_sprintf (sb, "major_version=%d", os->major_version) == -1
      || add_sprintf (sb, "minor_version=%d", os->minor_version) == -1
      || add_kv (sb, "arch", os->arch) == -1
      || add_kv (sb, "hostname", os->hostname) == -1
      || add_kv (sb, "osinfo", os->osinfo) == -1
      || add_kv (sb, "format", os->format) == -1
      || add_kv (sb, "package_format", os->package_format) == -1
      || add_kv (sb, "package_management", os->package_management) == -1
      || add_kv (sb, "windows_systemroot", os->windows_systemroot) == -1
      || add_kv (sb, "windows_current_control_set",
                 os->windows_current_control_set) == -1
      || add_kv (sb, "windows_software_hive", os->windows_software_hive) == -1
      || add_kv (sb, "windows_system_hive", os->windows_system_hive) == -1
      || add_sprintf (sb, "is_live=%d", os->is_live) == -1
      || add_sprintf (sb, "is_netinst=%d", os->is_netinst) == -1
      || add_sprintf (sb, "is_multipart=%d", os->is_multipart) == -1
      || add_pairs (sb, "mountpoint", os->mountpoints) == -1)
    return -1;
  for (size_t i = 0; os->filesystems && os->filesystems[i]; i++)
    if (add_kv (sb, "filesystem", os->filesystems[i]) == -1)
      return -1;
  return add_pairs (sb, "drive", os->drive_mappings);
}

static void
scan_free (struct scan *s)
{
  for (size_t i = 0; i < s->nroots; i++)
    inspect_os_free (&s->roots[i]);
  free (s->roots);
  for (size_t i = 0; i < s->nusrs; i++) {
    free (s->usrs[i].mountable);
    inspect_os_free (&s->usrs[i].info);
  }
  free (s->usrs);
  inspect_devices_free (&s->devs);
}

static char **
report (struct scan *s)
{
  DECLARE_STRINGSBUF (sb);
  for (size_t i = 0; i < s->nroots; i++) {
    struct inspect_os *os = &s->roots[i];
    merge_usr (s, os);
    free (os->osinfo);
    os->osinfo = inspect_osinfo (os);
    if (default_mountpoints (os) == -1) {
      reply_with_perror ("inspect_os");
      free_stringsbuf (&sb);
      return NULL;
    }
    if (add_root (&sb, os) == -1)
      return NULL;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char **
do_internal_inspect_os (void)
{
  struct scan s;
  memset (&s, 0, sizeof s);

  if (do_umount_all () == -1)
    return NULL;
  CLEANUP_FREE_STRING_LIST char **fses = do_list_filesystems ();
  if (fses == NULL)
    return NULL;
  if ((s.dir = inspect_mount_dir ()) == NULL) {
    reply_with_perror ("inspect_os: mkdir");
    return NULL;
  }
  if (inspect_devices_init (&s.devs, fses) == -1) {
    inspect_devices_free (&s.devs);
    reply_with_perror ("inspect_os: listing devices");
    return NULL;
  }
  for (size_t i = 0; fses[i] && fses[i + 1]; i += 2)
    if (!skip_type (fses[i + 1]))
      scan_one (&s, fses[i], fses[i + 1]);
  char **r = report (&s);
  scan_free (&s);
  return r;
}
