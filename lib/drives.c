/* Drives: add_drive_opts and friends, and read-only overlays. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "guestfs-internal.h"

static void
free_drive (struct drive *d)
{
  if (!d) return;
  free (d->filename); free (d->format); free (d->name); free (d->label); free (d->overlay);
  free (d);
}

void
guestfs_int_free_drives (guestfs_h *g)
{
  for (size_t i = 0; i < g->nr_drives; i++)
    free_drive (g->drives[i]);
  free (g->drives);
  g->drives = NULL;
  g->nr_drives = 0;
}

static bool
valid_word (const char *s, size_t maxlen)
{
  size_t n = strlen (s);
  if (n == 0 || n > maxlen) return false;
  for (; *s; s++)
    if (!isalnum ((unsigned char) *s) && *s != '_' && *s != '-')
      return false;
  return true;
}

static int
check_optargs (guestfs_h *g, const struct guestfs_add_drive_opts_argv *o)
{
  uint64_t b = o->bitmask;
  if ((b & GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK) && !valid_word (o->format, 64)) {
    error (g, "format parameter is empty or contains disallowed characters");
    return -1;
  }
  if ((b & GUESTFS_ADD_DRIVE_OPTS_LABEL_BITMASK) && !valid_word (o->label, 20)) {
    error (g, "label parameter is empty, too long, or contains disallowed characters");
    return -1;
  }
  if ((b & GUESTFS_ADD_DRIVE_OPTS_CACHEMODE_BITMASK)
      && strcmp (o->cachemode, "writeback") != 0 && strcmp (o->cachemode, "unsafe") != 0) {
    error (g, "cachemode parameter must be ‘writeback’ (default) or ‘unsafe’");
    return -1;
  }
  if ((b & GUESTFS_ADD_DRIVE_OPTS_DISCARD_BITMASK)
      && strcmp (o->discard, "disable") != 0 && strcmp (o->discard, "enable") != 0
      && strcmp (o->discard, "besteffort") != 0) {
    error (g, "discard parameter must be ‘disable’, ‘enable’ or ‘besteffort’");
    return -1;
  }
  if ((b & GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE_BITMASK)
      && o->blocksize != 0 && o->blocksize != 512 && o->blocksize != 4096) {
    error (g, "blocksize parameter is invalid");
    return -1;
  }
  if (b & GUESTFS_ADD_DRIVE_OPTS_PROTOCOL_BITMASK && strcmp (o->protocol, "file") != 0) {
    static const char *const remote[] = { "ftp", "ftps", "gluster", "http", "https",
                                          "iscsi", "nbd", "rbd", "sheepdog", "ssh", "tftp", NULL };
    for (size_t i = 0; remote[i]; i++)
      if (strcmp (o->protocol, remote[i]) == 0) {
        guestfs_int_error_errno (g, ENOTSUP, "protocol ‘%s’ is not supported by this version", o->protocol);
        return -1;
      }
    error (g, "unknown protocol ‘%s’", o->protocol);
    return -1;
  }
  if (b & GUESTFS_ADD_DRIVE_OPTS_SERVER_BITMASK) {
    error (g, "you cannot specify a server with file-backed disks");
    return -1;
  }
  if (b & GUESTFS_ADD_DRIVE_OPTS_USERNAME_BITMASK) {
    error (g, "you cannot specify a username with file-backed disks");
    return -1;
  }
  if (b & GUESTFS_ADD_DRIVE_OPTS_SECRET_BITMASK) {
    error (g, "you cannot specify a secret with file-backed disks");
    return -1;
  }
  return 0;
}

int
guestfs_impl_add_drive (guestfs_h *g, const char *filename,
                             const struct guestfs_add_drive_opts_argv *o)
{
  if (g->state != CONFIG) {
    error (g, "add_drive: drives can only be added before launch (hotplugging is not supported)");
    return -1;
  }
  if (check_optargs (g, o) == -1)
    return -1;
  if (access (filename, R_OK) == -1) {
    perrorf (g, "%s", filename);
    return -1;
  }
  if (g->nr_drives >= 255) {
    error (g, "too many drives: the maximum is 255");
    return -1;
  }
  uint64_t b = o->bitmask;
  struct drive *d = guestfs_int_safe_calloc (g, 1, sizeof *d);
  d->filename = safe_strdup (g, filename);
  d->readonly = (b & GUESTFS_ADD_DRIVE_OPTS_READONLY_BITMASK) && o->readonly;
  d->format = (b & GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK) ? safe_strdup (g, o->format) : NULL;
  d->name = (b & GUESTFS_ADD_DRIVE_OPTS_NAME_BITMASK) ? safe_strdup (g, o->name) : NULL;
  d->label = (b & GUESTFS_ADD_DRIVE_OPTS_LABEL_BITMASK) ? safe_strdup (g, o->label) : NULL;
  d->cache_unsafe = (b & GUESTFS_ADD_DRIVE_OPTS_CACHEMODE_BITMASK) && strcmp (o->cachemode, "unsafe") == 0;
  if (b & GUESTFS_ADD_DRIVE_OPTS_DISCARD_BITMASK)
    d->discard = strcmp (o->discard, "enable") == 0 ? 1 : strcmp (o->discard, "besteffort") == 0 ? 2 : 0;
  d->copyonread = (b & GUESTFS_ADD_DRIVE_OPTS_COPYONREAD_BITMASK) && o->copyonread;
  d->blocksize = (b & GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE_BITMASK) ? o->blocksize : 0;

  g->drives = guestfs_int_safe_realloc (g, g->drives, (g->nr_drives + 1) * sizeof *g->drives);
  g->drives[g->nr_drives++] = d;
  return 0;
}

int
guestfs_impl_add_drive_ro (guestfs_h *g, const char *filename)
{
  struct guestfs_add_drive_opts_argv o = { .bitmask = GUESTFS_ADD_DRIVE_OPTS_READONLY_BITMASK, .readonly = 1 };
  return guestfs_impl_add_drive (g, filename, &o);
}

int
guestfs_impl_add_drive_with_if (guestfs_h *g, const char *filename, const char *iface)
{
  struct guestfs_add_drive_opts_argv o = { .bitmask = GUESTFS_ADD_DRIVE_OPTS_IFACE_BITMASK, .iface = iface };
  return guestfs_impl_add_drive (g, filename, &o);
}

int
guestfs_impl_add_drive_ro_with_if (guestfs_h *g, const char *filename, const char *iface)
{
  struct guestfs_add_drive_opts_argv o = {
    .bitmask = GUESTFS_ADD_DRIVE_OPTS_READONLY_BITMASK | GUESTFS_ADD_DRIVE_OPTS_IFACE_BITMASK,
    .readonly = 1, .iface = iface };
  return guestfs_impl_add_drive (g, filename, &o);
}

int
guestfs_impl_add_drive_scratch (guestfs_h *g, int64_t size,
                                const struct guestfs_add_drive_scratch_argv *so)
{
  if (guestfs_int_lazy_make_tmpdir (g) == -1)
    return -1;
  CLEANUP_FREE char *path = safe_asprintf (g, "%s/scratch%d.img", g->tmpdir, ++g->scratch_counter);
  struct guestfs_disk_create_argv co = { .bitmask = 0 };
  if (guestfs_impl_disk_create (g, path, "raw", size, &co) == -1)
    return -1;
  struct guestfs_add_drive_opts_argv o = {
    .bitmask = GUESTFS_ADD_DRIVE_OPTS_FORMAT_BITMASK | GUESTFS_ADD_DRIVE_OPTS_CACHEMODE_BITMASK,
    .format = "raw", .cachemode = "unsafe" };
  if (so->bitmask & GUESTFS_ADD_DRIVE_SCRATCH_NAME_BITMASK) {
    o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_NAME_BITMASK;
    o.name = so->name;
  }
  if (so->bitmask & GUESTFS_ADD_DRIVE_SCRATCH_LABEL_BITMASK) {
    o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_LABEL_BITMASK;
    o.label = so->label;
  }
  if (so->bitmask & GUESTFS_ADD_DRIVE_SCRATCH_BLOCKSIZE_BITMASK) {
    o.bitmask |= GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE_BITMASK;
    o.blocksize = so->blocksize;
  }
  return guestfs_impl_add_drive (g, path, &o);
}

/* Read-only drive: a qcow2 overlay in the tmpdir takes the writes.  The
 * backing format is given explicitly (probed once here if unknown). */
int
guestfs_int_drive_overlay (guestfs_h *g, struct drive *d)
{
  if (d->overlay) return 0;
  if (guestfs_int_lazy_make_tmpdir (g) == -1) return -1;
  CLEANUP_FREE char *abs = realpath (d->filename, NULL);
  if (!abs) {
    perrorf (g, "%s", d->filename);
    return -1;
  }
  CLEANUP_FREE char *probed = NULL;
  const char *fmt = d->format;
  if (!fmt) {
    probed = guestfs_impl_disk_format (g, abs);
    if (!probed) return -1;
    fmt = probed;
  }
  static int counter;
  char *overlay = safe_asprintf (g, "%s/overlay%d.qcow2", g->tmpdir,
                                 __atomic_add_fetch (&counter, 1, __ATOMIC_RELAXED));
  char *argv[] = { (char *) "qemu-img", (char *) "create", (char *) "-q",
                   (char *) "-f", (char *) "qcow2", (char *) "-b", abs,
                   (char *) "-F", (char *) fmt, overlay, NULL };
  CLEANUP_FREE char *err = NULL;
  int status = guestfs_int_run_command (g, argv, NULL, &err);
  if (status != 0) {
    guestfs_int_command_error (g, "qemu-img create (overlay)", status, err);
    free (overlay);
    return -1;
  }
  d->overlay = overlay;
  return 0;
}
