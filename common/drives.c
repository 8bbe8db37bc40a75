/* guestferry common code: -a, --format and --blocksize. */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drives.h"

static void __attribute__((noreturn, format (printf, 1, 2)))
die (const char *fmt, ...)
{
  va_list ap;

  fprintf (stderr, "%s: ", program_invocation_short_name);
  va_start (ap, fmt);
  vfprintf (stderr, fmt, ap);
  va_end (ap);
  fputc ('\n', stderr);
  exit (EXIT_FAILURE);
}

void
drive_options_set_format (struct drive_options *o, const char *arg)
{
  o->format = arg && *arg && strcmp (arg, "auto") != 0 ? arg : NULL;
  o->format_pending = 1;
}

void
drive_options_set_blocksize (struct drive_options *o, const char *arg)
{
  char *end;
  long v = 0;

  if (arg) {
    errno = 0;
    v = strtol (arg, &end, 10);
    if (errno || end == arg || *end || v <= 0 || v > 65536)
      die ("--blocksize option is not numeric");
  }
  o->blocksize = v;
  o->blocksize_pending = 1;
}

void
drive_options_take (struct drive_options *o, const char *filename,
                    struct drive *d)
{
  if (strstr (filename, "://") == NULL && access (filename, R_OK) == -1)
    die ("access: %s: %s", filename, strerror (errno));
  d->filename = strdup (filename);
  d->format = o->format ? strdup (o->format) : NULL;
  d->blocksize = o->blocksize;
  if (d->filename == NULL || (o->format && d->format == NULL))
    die ("strdup: %s", strerror (errno));
  o->format_pending = 0;
  o->blocksize_pending = 0;
}

void
drive_options_check_used (const struct drive_options *o)
{
  if (o->format_pending)
    die ("--format parameter must appear before -a parameter");
  if (o->blocksize_pending)
    die ("--blocksize parameter must appear before -a parameter");
}

void
drive_list_add (struct drive_list *l, struct drive_options *o,
                const char *filename)
{
  struct drive *drives;

  drives = realloc (l->drives, (l->nr_drives + 1) * sizeof *drives);
  if (drives == NULL)
    die ("realloc: %s", strerror (errno));
  l->drives = drives;
  drive_options_take (o, filename, &l->drives[l->nr_drives++]);
}

static int
add_one (guestfs_h *g, const struct drive *d, int readonly)
{
  struct guestfs_add_drive_opts_argv args = { .bitmask = 0 };

  if (readonly) {
    args.bitmask |= GUESTFS_ADD_DRIVE_OPTS_READONLY_BITMASK;
    args.readonly = 1;
  }
  if (d->format) {
    args.bitmask |= GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK;
    args.format = d->format;
  }
  if (d->blocksize) {
    args.bitmask |= GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE_BITMASK;
    args.blocksize = d->blocksize;
  }
  return guestfs_add_drive_opts_argv (g, d->filename, &args);
}

int
drive_list_add_to_handle (guestfs_h *g, const struct drive_list *l,
                          int readonly)
{
  size_t i;

  for (i = 0; i < l->nr_drives; i++)
    if (add_one (g, &l->drives[i], readonly) == -1)
      return -1;
  return 0;
}

void
drive_list_free (struct drive_list *l)
{
  size_t i;

  for (i = 0; i < l->nr_drives; i++) {
    free (l->drives[i].filename);
    free (l->drives[i].format);
  }
  free (l->drives);
  l->drives = NULL;
  l->nr_drives = 0;
}
