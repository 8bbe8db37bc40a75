/* Internal declarations shared by the appliance builder's files. */
#ifndef GUESTFERRY_APPLIANCE_INTERNAL_H
#define GUESTFERRY_APPLIANCE_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "appliance.h"

/* Bump whenever the initrd layout or the key inputs change. */
#define APPLIANCE_FORMAT_VERSION "guestferry-appliance-6"

/* ---- cleanup helpers ---- */
static inline void cleanup_free_fn (void *p) { free (*(void **) p); }
void cleanup_close_fn (int *fd);
#define CLEANUP_FREE __attribute__((cleanup (cleanup_free_fn)))
#define CLEANUP_CLOSE __attribute__((cleanup (cleanup_close_fn)))

/* ---- context: error + debug reporting (util.c) ---- */
struct ctx {
  const struct appliance_request *req;
  char *error;                  /* first error message, malloc'd */
};
void ctx_debug (struct ctx *c, const char *fmt, ...)
  __attribute__((format (printf, 2, 3)));
int ctx_error (struct ctx *c, const char *fmt, ...)     /* returns -1 */
  __attribute__((format (printf, 2, 3)));
int ctx_perror (struct ctx *c, const char *fmt, ...)    /* appends ": strerror" */
  __attribute__((format (printf, 2, 3)));
int ctx_oom (struct ctx *c);

/* ---- small utilities (util.c) ---- */
char *xasprintf (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
char *path_join (const char *dir, const char *name);
char *path_normalize (const char *path);   /* absolute in, no //, ., .. */
char *path_dirname (const char *path);
int read_whole_file (const char *path, char **data, size_t *len);
int write_whole_file (const char *path, const void *data, size_t len, mode_t mode);
int copy_fd_range (int in, off_t in_off, int out, off_t out_off, size_t len);
int copy_file (const char *src, const char *dst, mode_t mode);

struct strvec { char **v; size_t n, alloc; };
int strvec_push (struct strvec *sv, char *s);    /* takes ownership */
void strvec_free (struct strvec *sv);

/* ---- hashing (hash.c) ---- */
#define FNV64_INIT 0xcbf29ce484222325ULL
uint64_t fnv64 (uint64_t h, const void *data, size_t len);
uint64_t fnv64_str (uint64_t h, const char *s);  /* includes the NUL */
uint64_t fnv64_u64 (uint64_t h, uint64_t v);
int fnv64_file (const char *path, uint64_t *h);

/* ---- appliance.conf (conf.c) ---- */
struct conf {
  char *text;                   /* whole file, hashed into the key */
  size_t text_len;
  char *daemon;                 /* "daemon PATH", absolute, or NULL */
  struct strvec programs;       /* optional programs */
  struct strvec required;       /* required programs */
  struct strvec files;          /* optional files/dirs */
  struct strvec modules;        /* module names loaded at boot */
  struct strvec lazy_modules;   /* module names loaded on demand */
};
int conf_load (struct ctx *c, const char *dir, struct conf *conf);
void conf_free (struct conf *conf);

/* ---- the set of things going into the initrd (fileset.c) ---- */
enum ent_type { ENT_DIR, ENT_FILE, ENT_SYMLINK, ENT_CHR };
struct entry {
  char *path;                   /* absolute path inside the appliance */
  enum ent_type type;
  mode_t mode;                  /* permission bits */
  char *src;                    /* ENT_FILE from the host */
  char *data; size_t data_len;  /* ENT_FILE synthetic content, or symlink target */
  struct stat st;               /* host identity (zero for synthetic) */
  unsigned rmajor, rminor;      /* ENT_CHR */
};
struct fileset {
  struct entry *e; size_t n, alloc;
  size_t *index; size_t index_size;   /* open addressing: entry idx + 1 */
  struct ctx *c;
  /* resolved library names -> host paths */
  struct strvec libname, libpath;
};
void fileset_init (struct fileset *fs, struct ctx *c);
void fileset_free (struct fileset *fs);
struct entry *fileset_lookup (struct fileset *fs, const char *path);
/* Appliance-side entries; parents must exist or are created (following
 * appliance symlinks already in the set). */
int fileset_add_dir (struct fileset *fs, const char *path, mode_t mode);
int fileset_add_data (struct fileset *fs, const char *path, mode_t mode,
                      const char *data, size_t len);
int fileset_add_symlink (struct fileset *fs, const char *path, const char *target);
int fileset_add_chr (struct fileset *fs, const char *path, mode_t mode,
                     unsigned major, unsigned minor);
int fileset_add_file_as (struct fileset *fs, const char *path, const char *src);
/* Copies a host path into the same place in the appliance, with every
 * symlink on the way.  Directories are copied recursively when recurse.
 * ELF files pull in their interpreter and libraries.  Returns 0, 1 if the
 * path does not exist, -1 on error. */
int fileset_add_host_path (struct fileset *fs, const char *path, int recurse);
void fileset_sort (struct fileset *fs);

/* ---- ELF dependencies (elf.c) ---- */
/* Adds interpreter + DT_NEEDED closure of the ELF file at host path
 * 'path' (not an ELF: nothing, 0). */
int elf_add_deps (struct fileset *fs, const char *path);
int file_is_elf (const char *path);

/* ---- kernel (kernel.c) ---- */
struct kernel_info {
  char *path;                   /* host bzImage (or vmlinux) */
  char *version;
  char *modules_dir;            /* host dir, e.g. /lib/modules/<ver> */
  struct stat st;
};
int kernel_find (struct ctx *c, struct kernel_info *k);
void kernel_info_free (struct kernel_info *k);
/* Writes the kernel to boot into 'dst': the extracted vmlinux if it has a
 * PVH note (*is_elf = 1), else a copy of the bzImage. */
int kernel_prepare (struct ctx *c, const struct kernel_info *k,
                    const char *dst, int *is_elf);
int elf_has_pvh_note (const char *path);

/* ---- kernel modules (modules.c) ---- */
/* Resolves the wanted modules with dependencies and soft dependencies,
 * adds their files (at /lib/modules/<ver>/...) and /etc/guestferry/modules
 * listing the boot ones in load order.  When lazy is not empty, also
 * modprobe and its index files so that the kernel loads those on demand. */
int modules_add (struct fileset *fs, const struct kernel_info *k,
                 const struct strvec *boot, const struct strvec *lazy);

/* ---- module signatures (modsig.c) ---- */
/* The size of a .ko file without its appended signature (else size). */
off_t module_unsigned_size (int fd, const char *path, off_t size);
/* copy_file, dropping a .ko's signature */
int copy_file_unsigned (const char *src, const char *dst, mode_t mode);

/* ---- cpio writer (cpio.c) ---- */
/* Writes the entries for which keep (if not NULL) returns nonzero. */
int cpio_write (struct ctx *c, struct fileset *fs, const char *dst,
                int (*keep) (const struct entry *, void *), void *opaque);

/* ---- root image (rootimg.c) ---- */
/* The mksquashfs to build it with, or NULL (no root image). */
const char *rootimg_tool (void);
/* Can the appliance kernel mount it? */
struct kernel_info;
int rootimg_kernel_ok (const struct kernel_info *k);
/* Does this entry go into the image (it is under /usr)? */
int rootimg_in_image (const struct entry *e);
/* Writes the /usr part of fs as a squashfs at dst (staged in tmpdir). */
int rootimg_write (struct ctx *c, const struct fileset *fs, const char *tmpdir,
                   const char *dst);
#define ROOTIMG_MARKER "/etc/guestferry/root"

/* ---- cache (cache.c) ---- */
int cache_open_root (struct ctx *c, const char *cachedir, char **root);
int cache_lock (struct ctx *c, const char *root);      /* returns fd */
void cache_cleanup (struct ctx *c, const char *root, const char *keep_app,
                    const char *keep_kernel);

#endif
