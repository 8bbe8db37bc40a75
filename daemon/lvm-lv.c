/* lvm group: logical volumes. */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

int
do_lvcreate (const char *logvol, const char *volgroup, int mbytes)
{
  char size[32];
  if (mbytes <= 0)
    return reply_with_error ("mbytes must be positive");
  snprintf (size, sizeof size, "%dm", mbytes);
  return lvm_cmd (NULL, "lvcreate", "--yes", "-L", size, "-n", logvol,
                  volgroup, NULL);
}

int
do_lvcreate_free (const char *logvol, const char *volgroup, int percent)
{
  char size[32];
  if (percent < 0 || percent > 100)
    return reply_with_error ("percentage must be [0..100] (was %d)", percent);
  snprintf (size, sizeof size, "%d%%FREE", percent);
  return lvm_cmd (NULL, "lvcreate", "--yes", "-l", size, "-n", logvol,
                  volgroup, NULL);
}

int
do_lvremove (const char *device)
{
  return lvm_cmd (NULL, "lvremove", "-f", "--yes", device, NULL);
}

int
do_lvrename (const char *logvol, const char *newlogvol)
{
  return lvm_cmd (NULL, "lvrename", logvol, newlogvol, NULL);
}

int
do_lvresize (const char *device, int mbytes)
{
  char size[32];
  if (mbytes <= 0)
    return reply_with_error ("mbytes must be positive");
  snprintf (size, sizeof size, "%dm", mbytes);
  return lvm_cmd (NULL, "lvresize", "--force", "--yes", "-L", size, device,
                  NULL);
}

int
do_lvresize_free (const char *lv, int percent)
{
  char size[32];
  if (percent < 0 || percent > 100)
    return reply_with_error ("percentage must be [0..100] (was %d)", percent);
  snprintf (size, sizeof size, "+%d%%FREE", percent);
  return lvm_cmd (NULL, "lvresize", "--yes", "-l", size, lv, NULL);
}

/* "/dev/VG/LV" for every LV that users see (no thin pools, no hidden
 * internal volumes), in lvm's order (sorted by VG, then LV). */
char **
do_lvs (void)
{
  CLEANUP_FREE char *out = NULL;
  DECLARE_STRINGSBUF (sb);

  if (lvm_cmd (&out, "lvs", "--noheadings", "-o", "vg_name,lv_name",
               "--separator", "/", "-S", "lv_role=public", NULL) == -1)
    return NULL;
  for (char *line = strtok (out, "\n"); line; line = strtok (NULL, "\n")) {
    line += strspn (line, " \t");
    line[strcspn (line, " \r")] = '\0';
    if (*line && add_sprintf (&sb, "/dev/%s", line) == -1)
      return NULL;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

int
do_is_lv (const char *mountable)
{
  CLEANUP_FREE char *lv = lvm_canonical_name (mountable);
  return lv != NULL;
}

char *
do_lvm_canonical_lv_name (const char *lvname)
{
  char *lv = lvm_canonical_name (lvname);
  if (lv == NULL)
    reply_with_error_errno (EINVAL, "%s: not a logical volume", lvname);
  return lv;
}
