/* LVM without udev: activation at boot, the LV list for list_filesystems
 * and /dev/mapper names back to /dev/VG/LV. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "daemon.h"

static int
is_pv (const char *dev)
{
  CLEANUP_FREE char *type = fs_probe_type (dev);
  return type && strcmp (type, "LVM2_member") == 0;
}

int
have_lvm_pvs (void)
{
  CLEANUP_FREE_STRING_LIST char **disks = list_whole_devices ();
  CLEANUP_FREE_STRING_LIST char **parts = list_all_partitions ();
  for (size_t i = 0; disks && disks[i]; i++)
    if (is_pv (disks[i]))
      return 1;
  for (size_t i = 0; parts && parts[i]; i++)
    if (is_pv (parts[i]))
      return 1;
  return 0;
}

/* Activate every VG found (at boot, as a booted guest would). */
void
lvm_activate_all (void)
{
  CLEANUP_FREE char *err = NULL;
  if (!have_lvm_pvs ())
    return;
  const char *args[] = { "-aay", "--sysinit", NULL };
  if (lvm_run (NULL, &err, "vgchange", args) == -1)
    log_error ("lvm vgchange: %s", err ? err : "failed");
}

/* "/dev/VG/LV" for every LV, sorted; NULL (no reply) on error. */
char **
lvm_list_lvs (void)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *args[] = { "-o", "vg_name,lv_name", "--noheadings",
                         "--separator", "/", NULL };
  DECLARE_STRINGSBUF (sb);

  if (lvm_run (&out, &err, "lvs", args) == -1) {
    log_error ("lvm lvs: %s", err ? err : "failed");
    return NULL;
  }
  for (char *line = strtok (out, "\n"); line; line = strtok (NULL, "\n")) {
    line += strspn (line, " ");
    if (*line == '\0')
      continue;
    char *dev;
    if (asprintf (&dev, "/dev/%s", line) == -1) {
      free_stringsbuf (&sb);
      return NULL;
    }
    if (add_string_nodup (&sb, dev) == -1)
      return NULL;
  }
  sort_strings (sb.argv, sb.size);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* /dev/mapper/VG-LV (or /dev/dm-N) of an LVM LV -> /dev/VG/LV.  Returns a
 * malloc'd name, or NULL if DEV is not an LV. */
char *
lvm_canonical_name (const char *dev)
{
  struct stat st;
  char path[128], uuid[256], name[256];
  int fd;
  ssize_t n;

  if (stat (dev, &st) == -1 || !S_ISBLK (st.st_mode))
    return NULL;
  snprintf (path, sizeof path, "/sys/dev/block/%u:%u/dm/uuid",
            major (st.st_rdev), minor (st.st_rdev));
  if ((fd = open (path, O_RDONLY | O_CLOEXEC)) == -1)
    return NULL;
  n = read (fd, uuid, sizeof uuid - 1);
  close (fd);
  if (n < 4 || strncmp (uuid, "LVM-", 4) != 0)
    return NULL;
  snprintf (path, sizeof path, "/sys/dev/block/%u:%u/dm/name",
            major (st.st_rdev), minor (st.st_rdev));
  if ((fd = open (path, O_RDONLY | O_CLOEXEC)) == -1)
    return NULL;
  n = read (fd, name, sizeof name - 1);
  close (fd);
  if (n <= 0)
    return NULL;
  name[n] = '\0';
  name[strcspn (name, "\n")] = '\0';

  /* device-mapper name: VG and LV joined by '-', with '-' doubled inside */
  char vg[256], lv[256];
  size_t vi = 0, li = 0;
  int in_lv = 0;
  for (size_t i = 0; name[i]; i++) {
    if (name[i] == '-' && name[i + 1] == '-') {
      if (in_lv) lv[li++] = '-'; else vg[vi++] = '-';
      i++;
    }
    else if (name[i] == '-' && !in_lv)
      in_lv = 1;
    else if (in_lv)
      lv[li++] = name[i];
    else
      vg[vi++] = name[i];
  }
  vg[vi] = lv[li] = '\0';
  if (!in_lv || vi == 0 || li == 0)
    return NULL;
  char *r;
  if (asprintf (&r, "/dev/%s/%s", vg, lv) == -1)
    return NULL;
  return r;
}
