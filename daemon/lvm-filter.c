/* lvm group: the device filter and lvm_remove_all.
 *
 * The filter is an lvm.conf in a private LVM_SYSTEM_DIR: set in the
 * daemon's environment, every later lvm run (ours and lvm.c's) obeys it. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define FILTER_DIR "/run/guestferry-lvm"
#define FILTER_CONF FILTER_DIR "/lvm.conf"

/* Deactivate everything, so that the filter change cannot strand a
 * mapping.  Fails if some LV is in use (mounted). */
static int
deactivate_all (void)
{
  return lvm_cmd (NULL, "vgchange", "-a", "n", NULL);
}

static int
rescan_activate (void)
{
  if (lvm_cmd (NULL, "vgscan", "--mknodes", NULL) == -1)
    return -1;
  return lvm_cmd (NULL, "vgchange", "-a", "ay", NULL);
}

/* The regex must match the device name exactly: escape what is special. */
static int
append_pattern (FILE *f, const char *dev, const char *suffix)
{
  fputs ("\"a|^", f);
  for (const char *p = dev; *p; p++) {
    if (strchr ("\\.^$*+?()[]{}|\"", *p))
      fputc ('\\', f);
    fputc (*p, f);
  }
  return fprintf (f, "%s$|\", ", suffix);
}

static int
write_filter (char *const *devices)
{
  if (mkdir (FILTER_DIR, 0700) == -1 && errno != EEXIST)
    return reply_with_perror ("mkdir: %s", FILTER_DIR);
  FILE *f = fopen (FILTER_CONF, "we");
  if (f == NULL)
    return reply_with_perror ("%s", FILTER_CONF);
  fputs ("devices {\n  filter = [ ", f);
  for (size_t i = 0; devices[i]; i++) {
    append_pattern (f, devices[i], "");
    /* a whole disk brings its partitions along */
    if (is_whole_device (devices[i]))
      append_pattern (f, devices[i], "p?[0-9]+");
  }
  fputs ("\"r|.*|\" ]\n}\n", f);
  if (fclose (f) == EOF)
    return reply_with_perror ("%s", FILTER_CONF);
  return 0;
}

int
do_lvm_set_filter (char *const *devices)
{
  if (deactivate_all () == -1)
    return -1;
  if (write_filter (devices) == -1)
    return -1;
  if (setenv ("LVM_SYSTEM_DIR", FILTER_DIR, 1) == -1)
    return reply_with_perror ("setenv");
  return rescan_activate ();
}

int
do_lvm_clear_filter (void)
{
  if (getenv ("LVM_SYSTEM_DIR") == NULL)   /* no filter: nothing to undo */
    return 0;
  if (deactivate_all () == -1)
    return -1;
  unsetenv ("LVM_SYSTEM_DIR");
  unlink (FILTER_CONF);
  return rescan_activate ();
}

/* Any device-mapper or md device, where a PV could hide from the probe? */
static int
have_stacked_devices (void)
{
  CLEANUP_CLOSEDIR DIR *d = opendir ("/sys/block");
  struct dirent *e;
  while (d && (e = readdir (d)) != NULL)
    if (strncmp (e->d_name, "dm-", 3) == 0 || strncmp (e->d_name, "md", 2) == 0)
      return 1;
  return d == NULL;
}

int
do_lvm_remove_all (void)
{
  /* cheap blkid probe first: usually there is nothing to remove */
  if (!have_lvm_pvs () && !have_stacked_devices ())
    return 0;
  CLEANUP_FREE_STRING_LIST char **vgs = lvm_column ("vgs", "vg_name", NULL);
  if (vgs == NULL)
    return -1;
  for (size_t i = 0; vgs[i]; i++)     /* takes the LVs with it */
    if (lvm_cmd (NULL, "vgremove", "-ff", "--yes", vgs[i], NULL) == -1)
      return -1;
  CLEANUP_FREE_STRING_LIST char **pvs = lvm_column ("pvs", "pv_name", NULL);
  if (pvs == NULL)
    return -1;
  for (size_t i = 0; pvs[i]; i++)
    if (lvm_cmd (NULL, "pvremove", "-ff", "--yes", pvs[i], NULL) == -1)
      return -1;
  return 0;
}
