/* Small appliance-wide calls: df -h, filesystem and optional-group
 * availability, drop_caches, dmesg, echo, sleep, modprobe, utsname. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

char *
do_df_h (void)
{
  const char *argv[] = { "df", "-h", NULL };
  return fs_run_out ("df", argv);
}

/* Is TYPE listed in /proc/filesystems? */
static int
kernel_has_fs (const char *type)
{
  CLEANUP_FCLOSE FILE *f = fopen ("/proc/filesystems", "r");
  char line[256];

  if (f == NULL)
    return -1;
  while (fgets (line, sizeof line, f)) {
    char *name = strchr (line, '\t');
    name = name ? name + 1 : line;
    trim_newlines (name);
    if (strcmp (name, type) == 0)
      return 1;
  }
  return 0;
}

int
do_filesystem_available (const char *filesystem)
{
  int r = kernel_has_fs (filesystem);

  if (r == -1)
    return reply_with_perror ("/proc/filesystems");
  if (r == 0 && strchr (filesystem, '/') == NULL && filesystem[0] != '-') {
    /* Maybe a module not loaded yet. */
    const char *argv[] = { "modprobe", filesystem, NULL };
    if (commandvf (NULL, NULL, 0, argv) == 0)
      r = kernel_has_fs (filesystem);
  }
  return r == 1;
}

/* Optional groups and a program whose presence makes each usable
 * (NULL: always there in this appliance). */
static const struct { const char *group, *program; } groups[] = {
  { "acl", "getfacl" }, { "augeas", NULL }, { "blkdiscard", "blkdiscard" },
  { "blkdiscardzeroes", "blkdiscard" }, { "btrfs", "btrfs" },
  { "extlinux", "extlinux" },
  { "f2fs", "mkfs.f2fs" }, { "fstrim", "fstrim" }, { "gdisk", "sgdisk" },
  { "grub", "grub-install" }, { "hivex", "hivexsh" }, { "inotify", NULL },
  { "journal", "journalctl" }, { "ldm", "ldmtool" }, { "libtsk", "fls" },
  { "libyara", "yara" }, { "linuxcaps", "getcap" }, { "linuxfsuuid", NULL },
  { "linuxmodules", "modprobe" }, { "linuxxattrs", NULL },
  { "luks", "cryptsetup" }, { "lvm2", "lvm" }, { "mdadm", "mdadm" },
  { "mknod", NULL }, { "ntfs3g", "ntfs-3g" }, { "ntfsprogs", "ntfsresize" },
  { "realpath", NULL }, { "rsync", "rsync" }, { "scrub", "scrub" },
  { "selinux", "getenforce" },
  { "selinuxrelabel", "setfiles" }, { "sleuthkit", "icat" },
  { "squashfs", "mksquashfs" }, { "syslinux", "syslinux" },
  { "wipefs", "wipefs" }, { "xfs", "mkfs.xfs" }, { "xz", "xz" },
  { "zerofree", "zerofree" },
};
#define N_OPT_GROUPS (sizeof groups / sizeof groups[0])

static int
have_program (const char *prog)
{
  const char *dirs[] = { "/usr/sbin", "/usr/bin", "/sbin", "/bin" };
  char path[256];

  for (size_t i = 0; i < 4; i++) {
    snprintf (path, sizeof path, "%s/%s", dirs[i], prog);
    if (access (path, X_OK) == 0)
      return 1;
  }
  return 0;
}

/* 1 available, 0 not, -1 unknown group (replied). */
static int
group_available (const char *group)
{
  for (size_t i = 0; i < N_OPT_GROUPS; i++)
    if (strcmp (groups[i].group, group) == 0)
      return groups[i].program == NULL || have_program (groups[i].program);
  return reply_with_error ("%s: unknown group", group);
}

int
do_available (char *const *grps)
{
  for (size_t i = 0; grps[i]; i++) {
    int r = group_available (grps[i]);
    if (r == -1)
      return -1;
    if (r == 0)
      return reply_with_error ("%s: group not available", grps[i]);
  }
  return 0;
}

int
do_feature_available (char *const *grps)
{
  for (size_t i = 0; grps[i]; i++) {
    int r = group_available (grps[i]);
    if (r <= 0)
      return r;
  }
  return 1;
}

char **
do_available_all_groups (void)
{
  DECLARE_STRINGSBUF (sb);

  for (size_t i = 0; i < N_OPT_GROUPS; i++)
    if (add_string (&sb, groups[i].group) == -1)
      return NULL;
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

int
do_drop_caches (int whattodrop)
{
  char buf[32];
  CLEANUP_CLOSE int fd = -1;

  sync ();
  int n = snprintf (buf, sizeof buf, "%d", whattodrop);
  fd = open ("/proc/sys/vm/drop_caches", O_WRONLY | O_CLOEXEC);
  if (fd == -1)
    return reply_with_perror ("/proc/sys/vm/drop_caches");
  if (write (fd, buf, n) != n)
    return reply_with_perror ("/proc/sys/vm/drop_caches");
  return 0;
}

char *
do_dmesg (void)
{
  const char *argv[] = { "dmesg", NULL };
  return fs_run_out ("dmesg", argv);
}

char *
do_echo_daemon (char *const *words)
{
  size_t len = 1;
  char *r;

  for (size_t i = 0; words[i]; i++)
    len += strlen (words[i]) + 1;
  r = malloc (len);
  if (r == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  r[0] = '\0';
  for (size_t i = 0, l = 0; words[i]; i++)
    l += sprintf (r + l, "%s%s", i ? " " : "", words[i]);
  return r;
}

int
do_sleep (int secs)
{
  if (secs < 0)
    return reply_with_error ("secs must be >= 0");
  sleep ((unsigned) secs);
  return 0;
}

int
do_modprobe (const char *modulename)
{
  if (modulename[0] == '-' || modulename[0] == '\0')
    return reply_with_error ("%s: invalid module name", modulename);
  const char *argv[] = { "modprobe", modulename, NULL };
  CLEANUP_FREE char *out = NULL, *err = NULL;
  if (commandvf (&out, &err, 0, argv) == -1) {
    trim_newlines (err);
    return reply_with_error ("%s", err && *err ? err : "modprobe failed");
  }
  return 0;
}

guestfs_int_utsname *
do_utsname (void)
{
  struct utsname u;

  if (uname (&u) == -1) {
    reply_with_perror ("uname");
    return NULL;
  }
  guestfs_int_utsname *r = calloc (1, sizeof *r);
  if (r == NULL
      || (r->uts_sysname = strdup (u.sysname)) == NULL
      || (r->uts_release = strdup (u.release)) == NULL
      || (r->uts_version = strdup (u.version)) == NULL
      || (r->uts_machine = strdup (u.machine)) == NULL) {
    if (r)
      xdr_free ((xdrproc_t) xdr_guestfs_int_utsname, (char *) r);
    free (r);
    reply_with_perror ("malloc");
    return NULL;
  }
  return r;
}
