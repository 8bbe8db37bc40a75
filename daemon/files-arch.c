/* file_architecture: the CPU architecture of an executable or library,
 * from the description file(1) gives of it. */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* file(1)'s machine names -> libguestfs's names; the first match in the
 * description wins, so longer names come first. */
static const struct { const char *needle; const char *arch32, *arch64; }
machines[] = {
  { "x86-64", "x86_64", "x86_64" },
  { "Intel 80386", "i386", "i386" },
  { "Intel i386", "i386", "i386" },
  { "ARM aarch64", "aarch64", "aarch64" },
  { "Aarch64", "aarch64", "aarch64" },
  { "64-bit PowerPC", "ppc64", "ppc64" },
  { "PowerPC", "ppc", "ppc64" },
  { "IBM S/390", "s390", "s390x" },
  { "RISC-V", "riscv32", "riscv64" },
  { "IA-64", "ia64", "ia64" },
  { "SPARC", "sparc", "sparc64" },
  { "MIPS", "mips", "mips64" },
  { "ARM", "arm", "aarch64" },
};

static const char *
arch_of (const char *desc)
{
  int is64 = strstr (desc, "64-bit") != NULL || strstr (desc, "PE32+") != NULL;
  int lsb = strstr (desc, "LSB") != NULL;

  if (strncmp (desc, "ELF", 3) != 0 && strncmp (desc, "PE32", 4) != 0)
    return NULL;
  for (size_t i = 0; i < sizeof machines / sizeof machines[0]; i++) {
    if (strstr (desc, machines[i].needle) == NULL)
      continue;
    const char *a = is64 ? machines[i].arch64 : machines[i].arch32;
    if (strcmp (a, "ppc64") == 0 && lsb)
      return "ppc64le";
    return a;
  }
  return NULL;
}

char *
do_file_architecture (const char *filename)
{
  CLEANUP_FREE char *real = files_real (filename);
  if (real == NULL)
    return NULL;
  const char *argv[] = { "file", "-bL", "--", real, NULL };
  CLEANUP_FREE char *desc = files_run ("file", -1, argv);
  if (desc == NULL)
    return NULL;
  trim_newlines (desc);
  const char *a = arch_of (desc);
  if (a == NULL) {
    reply_with_error_errno (EINVAL, "%s: unknown architecture: %s",
                            filename, desc);
    return NULL;
  }
  char *r = strdup (a);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}
