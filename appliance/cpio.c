/* Writes the fileset as an uncompressed newc cpio archive (the format the
 * kernel unpacks as initramfs).  File bodies are copied in-kernel with
 * copy_file_range at explicit offsets. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "appliance-internal.h"

struct cpio_out {
  struct ctx *c;
  int fd;
  off_t off;
  uint32_t ino;
  char *buf; size_t len, cap;   /* pending header bytes */
};

static int
flush_buf (struct cpio_out *o)
{
  size_t done = 0;
  while (done < o->len) {
    ssize_t r = pwrite (o->fd, o->buf + done, o->len - done, o->off);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    done += r;
    o->off += r;
  }
  o->len = 0;
  return 0;
}

static int
put (struct cpio_out *o, const void *data, size_t len)
{
  if (o->len + len > o->cap) {
    if (flush_buf (o) < 0)
      return -1;
    if (len > o->cap)
      return pwrite (o->fd, data, len, o->off) == (ssize_t) len
        ? (o->off += len, 0) : -1;
  }
  memcpy (o->buf + o->len, data, len);
  o->len += len;
  return 0;
}

static int
pad4 (struct cpio_out *o)
{
  static const char zeros[4];
  size_t pos = o->off + o->len;
  return put (o, zeros, (4 - (pos & 3)) & 3);
}

static int
header (struct cpio_out *o, const char *name, mode_t mode, uint32_t nlink,
        uint32_t mtime, uint32_t size, unsigned rmaj, unsigned rmin)
{
  char h[128];
  size_t namesz = strlen (name) + 1;
  snprintf (h, sizeof h,
            "070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
            ++o->ino, (unsigned) mode, 0u, 0u, nlink, mtime, size,
            0u, 0u, rmaj, rmin, (unsigned) namesz, 0u);
  if (put (o, h, 110) < 0 || put (o, name, namesz) < 0)
    return -1;
  return pad4 (o);
}

static int
write_file_body (struct cpio_out *o, const struct entry *e)
{
  CLEANUP_CLOSE int in = open (e->src, O_RDONLY|O_CLOEXEC);
  struct stat st;
  if (in < 0 || fstat (in, &st) < 0)
    return ctx_perror (o->c, "appliance: %s", e->src);
  off_t size = module_unsigned_size (in, e->path, st.st_size);
  if (size > UINT32_MAX)
    return ctx_error (o->c, "appliance: %s is too large for cpio", e->src);
  if (header (o, e->path + 1, S_IFREG | e->mode, 1, st.st_mtime, size, 0, 0) < 0 ||
      flush_buf (o) < 0)
    return ctx_perror (o->c, "appliance: write initrd");
  if (copy_fd_range (in, 0, o->fd, o->off, size) < 0)
    return ctx_perror (o->c, "appliance: copy %s into initrd", e->src);
  o->off += size;
  return pad4 (o) < 0 ? ctx_perror (o->c, "appliance: write initrd") : 0;
}

static int
write_entry (struct cpio_out *o, const struct entry *e)
{
  const char *name = e->path + 1;       /* archive names are relative */
  uint32_t mtime = e->st.st_mtime;
  int r;
  switch (e->type) {
  case ENT_DIR:
    r = header (o, name, S_IFDIR | e->mode, 2, mtime, 0, 0, 0);
    break;
  case ENT_SYMLINK:
    r = header (o, name, S_IFLNK | 0777, 1, mtime, e->data_len, 0, 0);
    if (r == 0) r = put (o, e->data, e->data_len);
    if (r == 0) r = pad4 (o);
    break;
  case ENT_CHR:
    r = header (o, name, S_IFCHR | e->mode, 1, 0, 0, e->rmajor, e->rminor);
    break;
  case ENT_FILE:
    if (e->src)
      return write_file_body (o, e);
    r = header (o, name, S_IFREG | e->mode, 1, mtime, e->data_len, 0, 0);
    if (r == 0) r = put (o, e->data, e->data_len);
    if (r == 0) r = pad4 (o);
    break;
  default:
    r = 0;
  }
  return r < 0 ? ctx_perror (o->c, "appliance: write initrd") : 0;
}

int
cpio_write (struct ctx *c, struct fileset *fs, const char *dst,
            int (*keep) (const struct entry *, void *), void *opaque)
{
  struct cpio_out o = { .c = c, .cap = 1 << 16 };
  o.buf = malloc (o.cap);
  if (!o.buf)
    return ctx_oom (c);
  o.fd = open (dst, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
  if (o.fd < 0) {
    free (o.buf);
    return ctx_perror (c, "appliance: create %s", dst);
  }
  fileset_sort (fs);
  int r = 0;
  for (size_t i = 0; r == 0 && i < fs->n; i++)
    if (!keep || keep (&fs->e[i], opaque))
      r = write_entry (&o, &fs->e[i]);
  if (r == 0 && (header (&o, "TRAILER!!!", 0, 1, 0, 0, 0, 0) < 0 || flush_buf (&o) < 0))
    r = ctx_perror (c, "appliance: write initrd");
  if (close (o.fd) < 0 && r == 0)
    r = ctx_perror (c, "appliance: close %s", dst);
  free (o.buf);
  return r;
}
