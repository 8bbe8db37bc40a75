/* Choosing the host kernel and preparing it for booting.
 *
 * Debian's /boot/vmlinuz is a bzImage whose payload is the xz-compressed
 * vmlinux.  Booting the uncompressed vmlinux through its PVH entry point
 * skips the in-guest decompression, which is seconds under TCG, so the
 * builder extracts it once into the cache. */
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <lzma.h>
#ifdef HAVE_ZLIB
#include <zlib.h>
#endif

#include "appliance-internal.h"

#define XEN_ELFNOTE_PHYS32_ENTRY 18

void
kernel_info_free (struct kernel_info *k)
{
  free (k->path);
  free (k->version);
  free (k->modules_dir);
  memset (k, 0, sizeof *k);
}

static int
is_dir (const char *p)
{
  struct stat st;
  return stat (p, &st) == 0 && S_ISDIR (st.st_mode);
}

/* Version string from the bzImage setup header (kernel_version field). */
static char *
bzimage_version (const char *path)
{
  CLEANUP_CLOSE int fd = open (path, O_RDONLY|O_CLOEXEC);
  unsigned char hdr[0x210];
  if (fd < 0 || pread (fd, hdr, sizeof hdr, 0) != sizeof hdr ||
      memcmp (hdr + 0x202, "HdrS", 4) != 0)
    return NULL;
  unsigned off = (hdr[0x20e] | hdr[0x20f] << 8) + 0x200;
  char buf[128] = { 0 };
  if (pread (fd, buf, sizeof buf - 1, off) <= 0)
    return NULL;
  buf[strcspn (buf, " ")] = '\0';
  return buf[0] ? strdup (buf) : NULL;
}

/* The newest /boot/vmlinuz-VER that has /lib/modules/VER. */
static int
kernel_find_in_boot (struct ctx *c, struct kernel_info *k)
{
  DIR *d = opendir ("/boot");
  if (!d)
    return ctx_perror (c, "appliance: no kernel found: cannot read /boot "
                       "(install a kernel, e.g. linux-image-amd64)");
  char *best = NULL;
  int saw_kernel = 0;
  struct dirent *de;
  while ((de = readdir (d)) != NULL) {
    if (strncmp (de->d_name, "vmlinuz-", 8) != 0)
      continue;
    const char *ver = de->d_name + 8;
    saw_kernel = 1;
    CLEANUP_FREE char *mods = xasprintf ("/lib/modules/%s", ver);
    if (!mods || !is_dir (mods))
      continue;
    if (!best || strverscmp (ver, best) > 0) {
      free (best);
      best = strdup (ver);
    }
  }
  closedir (d);
  if (!best) {
    if (saw_kernel)
      return ctx_error (c, "appliance: no usable kernel: /boot has vmlinuz-* files "
                        "but none has a matching /lib/modules/<version> directory "
                        "(reinstall linux-image-amd64, or set SUPERMIN_KERNEL and "
                        "SUPERMIN_MODULES)");
    return ctx_error (c, "appliance: no kernel found in /boot: install "
                      "linux-image-amd64 (or set SUPERMIN_KERNEL and SUPERMIN_MODULES)");
  }
  k->version = best;
  k->path = xasprintf ("/boot/vmlinuz-%s", best);
  k->modules_dir = xasprintf ("/lib/modules/%s", best);
  return k->path && k->modules_dir ? 0 : ctx_oom (c);
}

int
kernel_find (struct ctx *c, struct kernel_info *k)
{
  memset (k, 0, sizeof *k);
  const char *ek = getenv ("SUPERMIN_KERNEL");
  const char *em = getenv ("SUPERMIN_MODULES");
  const char *ev = getenv ("SUPERMIN_KERNEL_VERSION");
  if (ek && *ek) {
    if (access (ek, R_OK) == -1)
      return ctx_error (c, "appliance: kernel SUPERMIN_KERNEL=%s: %s", ek, strerror (errno));
    k->path = strdup (ek);
    if (ev && *ev)
      k->version = strdup (ev);
    else if (em && *em) {
      CLEANUP_FREE char *m = path_normalize (em);
      k->version = m ? strdup (strrchr (m, '/') + 1) : NULL;
    }
    else if (!(k->version = bzimage_version (ek))) {
      const char *b = strrchr (ek, '/');
      b = b ? b + 1 : ek;
      if (strncmp (b, "vmlinuz-", 8) == 0)
        k->version = strdup (b + 8);
    }
    if (!k->version)
      return ctx_error (c, "appliance: cannot tell the version of SUPERMIN_KERNEL=%s: "
                        "set SUPERMIN_MODULES or SUPERMIN_KERNEL_VERSION", ek);
    k->modules_dir = em && *em ? strdup (em) : xasprintf ("/lib/modules/%s", k->version);
  }
  else if (kernel_find_in_boot (c, k) < 0)
    return -1;
  else if (em && *em) {
    free (k->modules_dir);
    k->modules_dir = strdup (em);
  }
  if (!k->path || !k->modules_dir)
    return ctx_oom (c);
  if (stat (k->path, &k->st) < 0)
    return ctx_perror (c, "appliance: kernel %s", k->path);
  if (!is_dir (k->modules_dir))
    return ctx_error (c, "appliance: kernel modules directory %s does not exist "
                      "(it must match kernel %s)", k->modules_dir, k->path);
  ctx_debug (c, "appliance: kernel %s, version %s, modules %s",
             k->path, k->version, k->modules_dir);
  return 0;
}

/* ---- payload decompression ---- */

struct out { int fd; off_t off; };

static int
out_write (struct out *o, const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0) {
    ssize_t r = pwrite (o->fd, p, len, o->off);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    p += r; len -= r; o->off += r;
  }
  return 0;
}

static int
unxz (const unsigned char *in, size_t len, struct out *o)
{
  lzma_stream s = LZMA_STREAM_INIT;
  if (lzma_stream_decoder (&s, UINT64_MAX, 0) != LZMA_OK)
    return -1;
  enum { BUFSZ = 1 << 20 };
  CLEANUP_FREE unsigned char *buf = malloc (BUFSZ);
  if (!buf) { lzma_end (&s); return -1; }
  s.next_in = in;
  s.avail_in = len;
  lzma_ret r;
  do {
    s.next_out = buf;
    s.avail_out = BUFSZ;
    r = lzma_code (&s, LZMA_FINISH);
    if ((r == LZMA_OK || r == LZMA_STREAM_END) &&
        out_write (o, buf, BUFSZ - s.avail_out) < 0)
      r = LZMA_PROG_ERROR;
  } while (r == LZMA_OK);
  lzma_end (&s);
  return r == LZMA_STREAM_END ? 0 : -1;   /* trailing size word ignored */
}

#ifdef HAVE_ZLIB
static int
ungzip (const unsigned char *in, size_t len, struct out *o)
{
  z_stream s = { 0 };
  if (inflateInit2 (&s, 16 + MAX_WBITS) != Z_OK)
    return -1;
  enum { BUFSZ = 1 << 20 };
  CLEANUP_FREE unsigned char *buf = malloc (BUFSZ);
  if (!buf) { inflateEnd (&s); return -1; }
  s.next_in = (unsigned char *) in;
  s.avail_in = len;
  int r;
  do {
    s.next_out = buf;
    s.avail_out = BUFSZ;
    r = inflate (&s, Z_NO_FLUSH);
    if ((r == Z_OK || r == Z_STREAM_END) &&
        out_write (o, buf, BUFSZ - s.avail_out) < 0)
      r = Z_ERRNO;
  } while (r == Z_OK);
  inflateEnd (&s);
  return r == Z_STREAM_END ? 0 : -1;
}
#endif

/* Decompresses the bzImage payload into fd.  Returns 0, or -1 if the
 * payload cannot be extracted here (then the bzImage is used). */
static int
extract_vmlinux (struct ctx *c, const unsigned char *img, size_t size, int fd)
{
  if (size < 0x250 || memcmp (img + 0x202, "HdrS", 4) != 0)
    return -1;
  unsigned version = img[0x206] | img[0x207] << 8;
  if (version < 0x208)          /* payload fields appeared in 2.08 */
    return -1;
  unsigned setup_sects = img[0x1f1] ? img[0x1f1] : 4;
  uint32_t poff, plen;
  memcpy (&poff, img + 0x248, 4);
  memcpy (&plen, img + 0x24c, 4);
  uint64_t start = (uint64_t) (setup_sects + 1) * 512 + poff;
  if (start > size || plen > size - start || plen < 6)
    return -1;
  const unsigned char *p = img + start;
  struct out o = { fd, 0 };
  if (memcmp (p, "\xfd" "7zXZ\0", 6) == 0)
    return unxz (p, plen, &o);
#ifdef HAVE_ZLIB
  if (p[0] == 0x1f && p[1] == 0x8b)
    return ungzip (p, plen, &o);
#endif
  ctx_debug (c, "appliance: kernel payload compression %02x %02x %02x %02x "
             "not supported here, booting the bzImage", p[0], p[1], p[2], p[3]);
  return -1;
}

/* Walks the notes of one PT_NOTE segment. */
static int
notes_have_pvh (const unsigned char *n, size_t len)
{
  size_t off = 0;
  while (off + sizeof (Elf64_Nhdr) <= len) {
    const Elf64_Nhdr *h = (const Elf64_Nhdr *) (n + off);
    size_t name = off + sizeof *h;
    size_t desc = name + ((h->n_namesz + 3) & ~3u);
    size_t next = desc + ((h->n_descsz + 3) & ~3u);
    if (desc > len || next > len || next <= off)
      return 0;
    if (h->n_type == XEN_ELFNOTE_PHYS32_ENTRY && h->n_namesz == 4 &&
        memcmp (n + name, "Xen", 4) == 0)
      return 1;
    off = next;
  }
  return 0;
}

int
elf_has_pvh_note (const char *path)
{
  CLEANUP_CLOSE int fd = open (path, O_RDONLY|O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat (fd, &st) < 0 || st.st_size < (off_t) sizeof (Elf64_Ehdr))
    return 0;
  const unsigned char *b = mmap (NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (b == MAP_FAILED)
    return 0;
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *) b;
  int found = 0;
  if (memcmp (b, ELFMAG, SELFMAG) == 0 && b[EI_CLASS] == ELFCLASS64 &&
      eh->e_machine == EM_X86_64 && eh->e_phentsize == sizeof (Elf64_Phdr) &&
      eh->e_phoff < (uint64_t) st.st_size &&
      eh->e_phnum * sizeof (Elf64_Phdr) <= st.st_size - eh->e_phoff) {
    const Elf64_Phdr *ph = (const Elf64_Phdr *) (b + eh->e_phoff);
    for (int i = 0; !found && i < eh->e_phnum; i++)
      if (ph[i].p_type == PT_NOTE && ph[i].p_offset <= (uint64_t) st.st_size &&
          ph[i].p_filesz <= st.st_size - ph[i].p_offset)
        found = notes_have_pvh (b + ph[i].p_offset, ph[i].p_filesz);
  }
  munmap ((void *) b, st.st_size);
  return found;
}

int
kernel_prepare (struct ctx *c, const struct kernel_info *k, const char *dst, int *is_elf)
{
  *is_elf = 0;
  if (file_is_elf (k->path) && elf_has_pvh_note (k->path)) {
    *is_elf = 1;                /* already a vmlinux */
    return copy_file (k->path, dst, 0644) < 0
      ? ctx_perror (c, "appliance: copy %s to %s", k->path, dst) : 0;
  }
  CLEANUP_CLOSE int in = open (k->path, O_RDONLY|O_CLOEXEC);
  struct stat st;
  if (in < 0 || fstat (in, &st) < 0)
    return ctx_perror (c, "appliance: open %s", k->path);
  void *img = mmap (NULL, st.st_size, PROT_READ, MAP_PRIVATE, in, 0);
  if (img == MAP_FAILED)
    return ctx_perror (c, "appliance: mmap %s", k->path);
  int fd = open (dst, O_RDWR|O_CREAT|O_TRUNC|O_CLOEXEC, 0644);
  if (fd < 0) {
    munmap (img, st.st_size);
    return ctx_perror (c, "appliance: create %s", dst);
  }
  int r = extract_vmlinux (c, img, st.st_size, fd);
  munmap (img, st.st_size);
  if (close (fd) < 0)
    r = -1;
  if (r == 0 && elf_has_pvh_note (dst)) {
    *is_elf = 1;
    return 0;
  }
  ctx_debug (c, "appliance: %s: no PVH-bootable vmlinux inside, using the bzImage",
             k->path);
  return copy_file (k->path, dst, 0644) < 0
    ? ctx_perror (c, "appliance: copy %s to %s", k->path, dst) : 0;
}
