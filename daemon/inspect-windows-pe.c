/* The architecture of a Windows PE executable, from its COFF header. */

#include <config.h>

#include <stdint.h>
#include <unistd.h>

#include "inspect-windows.h"

static uint32_t
le32 (const unsigned char *p)
{
  return p[0] | (uint32_t) p[1] << 8 | (uint32_t) p[2] << 16
    | (uint32_t) p[3] << 24;
}

static const char *
machine_arch (unsigned machine)
{
  switch (machine) {
  case 0x014c: return "i386";
  case 0x8664: return "x86_64";
  case 0x0200: return "ia64";
  case 0xaa64: return "aarch64";
  case 0x01c0: case 0x01c2: case 0x01c4: return "arm";
  default: return NULL;
  }
}

const char *
win_pe_arch (int fd)
{
  unsigned char mz[64], pe[6];

  /* DOS stub "MZ", whose e_lfanew (at 0x3c) points to "PE\0\0" + machine. */
  if (pread (fd, mz, sizeof mz, 0) != (ssize_t) sizeof mz
      || mz[0] != 'M' || mz[1] != 'Z')
    return NULL;
  uint32_t off = le32 (mz + 0x3c);
  if (off > 16 * 1024 * 1024
      || pread (fd, pe, sizeof pe, off) != (ssize_t) sizeof pe
      || pe[0] != 'P' || pe[1] != 'E' || pe[2] != 0 || pe[3] != 0)
    return NULL;
  return machine_arch (pe[4] | pe[5] << 8);
}
