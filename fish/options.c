/* guestfish: the drives (-a, -N) and mounts (-m) given on the command line,
 * applied to the handle after option parsing.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fish-internal.h"
#include "optcalls.h"

static int
add_one_drive (struct drv *d)
{
  struct guestfs_add_drive_opts_argv o = { .bitmask = 0 };

  switch (d->type) {
  case drv_a:
    if (read_only) {
      o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_READONLY_BITMASK;
      o.readonly = 1;
    }
    if (d->format) {
      o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK;
      o.format = d->format;
    }
    if (d->blocksize) {
      o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE_BITMASK;
      o.blocksize = atoi (d->blocksize);
    }
    break;
  case drv_N:
    /* prepared disks are always writable raw images */
    o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK;
    o.format = "raw";
    break;
  case drv_d:
    fprintf (stderr, "%s: -d: adding libvirt domains is not supported\n",
             program_name);
    return -1;
  }
  return guestfs_add_drive_opts_argv (g, d->filename, &o);
}

/* The list is kept in command-line order. */
int
add_drives (struct drv *drvs)
{
  struct drv *d;
  int index = 0;

  for (d = drvs; d; d = d->next) {
    d->dev_index = index++;
    if (add_one_drive (d) == -1)
      return -1;
  }
  return 0;
}

void
free_drvs (struct drv *d)
{
  while (d) {
    struct drv *next = d->next;
    free (d->filename);
    free (d->format);
    free (d->blocksize);
    free (d->prep_type);
    fish_free_strings (d->prep_params);
    free (d);
    d = next;
  }
}

/* After a failed -m, suggest what could have been mounted. */
static void
suggest_filesystems (void)
{
  char **fses;
  size_t i;
  guestfs_error_handler_cb old_cb;
  void *old_data;

  old_cb = guestfs_get_error_handler (g, &old_data);
  guestfs_set_error_handler (g, NULL, NULL);
  fses = guestfs_list_filesystems (g);
  guestfs_set_error_handler (g, old_cb, old_data);
  if (!fses)
    return;
  if (fses[0] == NULL) {
    fprintf (stderr, "%s: No filesystems were found on the disk.\n", program_name);
    free (fses);
    return;
  }
  fprintf (stderr, "%s: Did you mean to mount one of these filesystems?\n",
           program_name);
  for (i = 0; fses[i] && fses[i + 1]; i += 2) {
    if (strcmp (fses[i + 1], "unknown") != 0 && strcmp (fses[i + 1], "swap") != 0)
      fprintf (stderr, "%s: \t%s (%s)\n", program_name, fses[i], fses[i + 1]);
  }
  fish_free_strings (fses);
}

static int
mount_one (struct mp *m)
{
  const char *opts = m->options ? m->options : (read_only ? "ro" : "");
  int r;

  if (m->fstype)
    r = opt_mount_vfs (g, opts, m->fstype, m->device, m->mountpoint);
  else
    r = guestfs_mount_options (g, opts, m->device, m->mountpoint);
  if (r == -1) {
    fprintf (stderr, "%s: \u2018%s\u2019 could not be mounted.\n",
             program_name, m->device);
    suggest_filesystems ();
  }
  return r;
}

int
mount_mps (struct mp *mps)
{
  struct mp *m;

  for (m = mps; m; m = m->next)
    if (mount_one (m) == -1)
      return -1;
  return 0;
}

void
free_mps (struct mp *m)
{
  while (m) {
    struct mp *next = m->next;
    free (m->device);
    free (m->mountpoint);
    free (m->options);
    free (m->fstype);
    free (m);
    m = next;
  }
}
