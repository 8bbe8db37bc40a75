/* disk_create: blank raw (sparse or allocated) or qcow2 images. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "guestfs-internal.h"

static int
create_raw (guestfs_h *g, const char *filename, int64_t size,
            const struct guestfs_disk_create_argv *o)
{
  bool full = false;
  if (o->bitmask & GUESTFS_DISK_CREATE_PREALLOCATION_BITMASK) {
    if (strcmp (o->preallocation, "full") == 0) full = true;
    else if (strcmp (o->preallocation, "off") != 0 && strcmp (o->preallocation, "sparse") != 0) {
      error (g, "invalid value for preallocation parameter ‘%s’", o->preallocation);
      return -1;
    }
  }
  if (o->bitmask & (GUESTFS_DISK_CREATE_BACKINGFILE_BITMASK | GUESTFS_DISK_CREATE_BACKINGFORMAT_BITMASK)) {
    error (g, "backingfile cannot be used for raw format disks");
    return -1;
  }
  if (o->bitmask & GUESTFS_DISK_CREATE_COMPAT_BITMASK) {
    error (g, "compat cannot be used for raw format disks");
    return -1;
  }
  if (o->bitmask & GUESTFS_DISK_CREATE_CLUSTERSIZE_BITMASK) {
    error (g, "clustersize cannot be used for raw format disks");
    return -1;
  }
  if (size < 0) {
    error (g, "invalid size: %" PRIi64, size);
    return -1;
  }
  int fd = open (filename, O_WRONLY | O_CREAT | O_TRUNC | O_NOCTTY | O_CLOEXEC, 0666);
  if (fd == -1) {
    perrorf (g, "cannot create raw file: %s", filename);
    return -1;
  }
  struct stat st;
  bool regular = fstat (fd, &st) == 0 && S_ISREG (st.st_mode);
  int r = 0;
  if (regular) {   /* devices keep their size */
    if (ftruncate (fd, size) == -1) { perrorf (g, "%s: truncate", filename); r = -1; }
    else if (full && size > 0 && (errno = posix_fallocate (fd, 0, size)) != 0) {
      perrorf (g, "%s: fallocate", filename);
      r = -1;
    }
  }
  if (close (fd) == -1 && r == 0) { perrorf (g, "%s: close", filename); r = -1; }
  if (r == -1 && regular) unlink (filename);
  return r;
}

static int
create_qcow2 (guestfs_h *g, const char *filename, int64_t size,
              const struct guestfs_disk_create_argv *o)
{
  char *argv[20];
  size_t n = 0;
  CLEANUP_FREE char *opts = NULL, *sizestr = NULL;
  argv[n++] = (char *) "qemu-img";
  argv[n++] = (char *) "create";
  argv[n++] = (char *) "-q";
  argv[n++] = (char *) "-f";
  argv[n++] = (char *) "qcow2";
  if (o->bitmask & GUESTFS_DISK_CREATE_BACKINGFILE_BITMASK) {
    argv[n++] = (char *) "-b";
    argv[n++] = (char *) o->backingfile;
    if (o->bitmask & GUESTFS_DISK_CREATE_BACKINGFORMAT_BITMASK) {
      argv[n++] = (char *) "-F";
      argv[n++] = (char *) o->backingformat;
    }
  } else if (size < 0) {
    error (g, "invalid size: %" PRIi64, size);
    return -1;
  }
  const char *prealloc = NULL;
  if (o->bitmask & GUESTFS_DISK_CREATE_PREALLOCATION_BITMASK) {
    const char *p = o->preallocation;
    if (strcmp (p, "off") == 0 || strcmp (p, "sparse") == 0) prealloc = "off";
    else if (strcmp (p, "metadata") == 0) prealloc = "metadata";
    else if (strcmp (p, "full") == 0) prealloc = "falloc";
    else {
      error (g, "invalid value for preallocation parameter ‘%s’", p);
      return -1;
    }
  }
  const char *compat = (o->bitmask & GUESTFS_DISK_CREATE_COMPAT_BITMASK) ? o->compat : NULL;
  if (compat && strcmp (compat, "0.10") != 0 && strcmp (compat, "1.1") != 0) {
    error (g, "invalid value for compat parameter ‘%s’", compat);
    return -1;
  }
  int cluster = (o->bitmask & GUESTFS_DISK_CREATE_CLUSTERSIZE_BITMASK) ? o->clustersize : 0;
  if (cluster && (cluster < 512 || cluster > 2097152 || (cluster & (cluster - 1)))) {
    error (g, "invalid value for clustersize parameter ‘%d’", cluster);
    return -1;
  }
  opts = safe_asprintf (g, "preallocation=%s%s%s,cluster_size=%d", prealloc ? prealloc : "off",
                        compat ? ",compat=" : "", compat ? compat : "", cluster ? cluster : 65536);
  argv[n++] = (char *) "-o";
  argv[n++] = opts;
  argv[n++] = (char *) "--";
  argv[n++] = (char *) filename;
  if (size >= 0) {
    sizestr = safe_asprintf (g, "%" PRIi64, size);
    argv[n++] = sizestr;
  }
  argv[n] = NULL;
  CLEANUP_FREE char *err = NULL;
  int status = guestfs_int_run_command (g, argv, NULL, &err);
  if (status != 0) {
    guestfs_int_command_error (g, "qemu-img create", status, err);
    return -1;
  }
  return 0;
}

int
guestfs_impl_disk_create (guestfs_h *g, const char *filename, const char *format,
                          int64_t size, const struct guestfs_disk_create_argv *o)
{
  if (strcmp (format, "raw") == 0)
    return create_raw (g, filename, size, o);
  if (strcmp (format, "qcow2") == 0)
    return create_qcow2 (g, filename, size, o);
  error (g, "unsupported format ‘%s’", format);
  return -1;
}
