/* Shared-library closure of ELF programs, read from the files themselves
 * (PT_INTERP, DT_NEEDED, DT_RUNPATH/DT_RPATH) rather than by running ldd. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include "appliance-internal.h"

static const char *const default_lib_dirs[] = {
  "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
  "/lib64", "/usr/lib64", "/lib", "/usr/lib", NULL
};

int
file_is_elf (const char *path)
{
  CLEANUP_CLOSE int fd = open (path, O_RDONLY|O_CLOEXEC);
  unsigned char m[4];
  return fd >= 0 && pread (fd, m, 4, 0) == 4 && memcmp (m, ELFMAG, SELFMAG) == 0;
}

struct elf_view {
  const unsigned char *base;
  size_t size;
  const Elf64_Ehdr *eh;
  const Elf64_Phdr *ph;
};

static int
in_bounds (const struct elf_view *v, uint64_t off, uint64_t len)
{
  return off <= v->size && len <= v->size - off;
}

/* File offset of a virtual address, through the PT_LOAD segments. */
static int
vaddr_to_off (const struct elf_view *v, uint64_t vaddr, uint64_t *off)
{
  for (int i = 0; i < v->eh->e_phnum; i++) {
    const Elf64_Phdr *p = &v->ph[i];
    if (p->p_type == PT_LOAD && vaddr >= p->p_vaddr &&
        vaddr < p->p_vaddr + p->p_filesz) {
      *off = vaddr - p->p_vaddr + p->p_offset;
      return 0;
    }
  }
  return -1;
}

/* Finds a library by name in RUNPATH dirs then the default dirs. */
static char *
find_library (struct fileset *fs, const char *name, const struct strvec *runpath)
{
  if (strchr (name, '/'))
    return strdup (name);
  for (size_t i = 0; i < fs->libname.n; i++)
    if (strcmp (fs->libname.v[i], name) == 0)
      return strdup (fs->libpath.v[i]);
  char *found = NULL;
  for (size_t i = 0; !found && i < runpath->n; i++) {
    char *p = path_join (runpath->v[i], name);
    if (p && access (p, F_OK) == 0) found = p; else free (p);
  }
  for (size_t i = 0; !found && default_lib_dirs[i]; i++) {
    char *p = path_join (default_lib_dirs[i], name);
    if (p && access (p, F_OK) == 0) found = p; else free (p);
  }
  if (found && runpath->n == 0) {     /* only cache runpath-independent results */
    strvec_push (&fs->libname, strdup (name));
    strvec_push (&fs->libpath, strdup (found));
  }
  return found;
}

/* Splits a RUNPATH string, expanding $ORIGIN to the object's directory. */
static int
parse_runpath (const char *rp, const char *origin, struct strvec *out)
{
  CLEANUP_FREE char *copy = strdup (rp);
  if (!copy)
    return -1;
  for (char *save = NULL, *d = strtok_r (copy, ":", &save); d;
       d = strtok_r (NULL, ":", &save)) {
    char *dir;
    if (strncmp (d, "$ORIGIN", 7) == 0)
      dir = xasprintf ("%s%s", origin, d + 7);
    else if (strncmp (d, "${ORIGIN}", 9) == 0)
      dir = xasprintf ("%s%s", origin, d + 9);
    else
      dir = strdup (d);
    if (strvec_push (out, dir) < 0)
      return -1;
  }
  return 0;
}

/* Collects interpreter, needed names and runpath from a mapped ELF. */
static int
read_dynamic (const struct elf_view *v, const char *path,
              struct strvec *needed, struct strvec *runpath)
{
  const Elf64_Phdr *dyn = NULL;
  for (int i = 0; i < v->eh->e_phnum; i++) {
    const Elf64_Phdr *p = &v->ph[i];
    if (p->p_type == PT_INTERP && in_bounds (v, p->p_offset, p->p_filesz) &&
        p->p_filesz > 1)
      strvec_push (needed, strndup ((const char *) v->base + p->p_offset,
                                    p->p_filesz - 1));
    else if (p->p_type == PT_DYNAMIC && in_bounds (v, p->p_offset, p->p_filesz))
      dyn = p;
  }
  if (!dyn)
    return 0;
  const Elf64_Dyn *d = (const Elf64_Dyn *) (v->base + dyn->p_offset);
  size_t nd = dyn->p_filesz / sizeof *d;
  uint64_t strtab = 0, strsz = 0, stroff;
  for (size_t i = 0; i < nd && d[i].d_tag != DT_NULL; i++) {
    if (d[i].d_tag == DT_STRTAB) strtab = d[i].d_un.d_ptr;
    if (d[i].d_tag == DT_STRSZ) strsz = d[i].d_un.d_val;
  }
  if (!strtab || vaddr_to_off (v, strtab, &stroff) < 0 || !in_bounds (v, stroff, strsz))
    return 0;
  const char *str = (const char *) v->base + stroff;
  CLEANUP_FREE char *origin = path_dirname (path);
  for (size_t i = 0; i < nd && d[i].d_tag != DT_NULL; i++) {
    uint64_t o = d[i].d_un.d_val;
    if (o >= strsz || !memchr (str + o, '\0', strsz - o))
      continue;
    if (d[i].d_tag == DT_NEEDED)
      strvec_push (needed, strdup (str + o));
    else if ((d[i].d_tag == DT_RUNPATH || d[i].d_tag == DT_RPATH) && origin)
      parse_runpath (str + o, origin, runpath);
  }
  return 0;
}

static int
elf_scan (const char *path, struct strvec *needed, struct strvec *runpath)
{
  CLEANUP_CLOSE int fd = open (path, O_RDONLY|O_CLOEXEC);
  if (fd < 0)
    return 0;
  struct stat st;
  if (fstat (fd, &st) < 0 || st.st_size < (off_t) sizeof (Elf64_Ehdr))
    return 0;
  unsigned char ident[EI_NIDENT];
  if (pread (fd, ident, sizeof ident, 0) != sizeof ident ||
      memcmp (ident, ELFMAG, SELFMAG) != 0 || ident[EI_CLASS] != ELFCLASS64)
    return 0;
  void *base = mmap (NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (base == MAP_FAILED)
    return 0;
  struct elf_view v = { base, st.st_size, base, NULL };
  if (v.eh->e_phentsize == sizeof (Elf64_Phdr) &&
      in_bounds (&v, v.eh->e_phoff, (uint64_t) v.eh->e_phnum * sizeof (Elf64_Phdr))) {
    v.ph = (const Elf64_Phdr *) (v.base + v.eh->e_phoff);
    read_dynamic (&v, path, needed, runpath);
  }
  munmap (base, st.st_size);
  return 0;
}

int
elf_add_deps (struct fileset *fs, const char *path)
{
  struct strvec needed = { 0 }, runpath = { 0 };
  elf_scan (path, &needed, &runpath);
  int r = 0;
  for (size_t i = 0; r >= 0 && i < needed.n; i++) {
    CLEANUP_FREE char *lib = find_library (fs, needed.v[i], &runpath);
    if (!lib) {
      ctx_debug (fs->c, "appliance: %s: library %s not found, skipped", path, needed.v[i]);
      continue;
    }
    r = fileset_add_host_path (fs, lib, 0);
  }
  strvec_free (&needed);
  strvec_free (&runpath);
  return r < 0 ? -1 : 0;
}
