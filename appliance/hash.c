/* FNV-1a 64-bit: the cache key hash.  Not cryptographic: the cache is
 * private to the user (0700), so collisions are only an accident risk. */
#include <fcntl.h>
#include <unistd.h>
#include <errno.h>
#include <string.h>

#include "appliance-internal.h"

#define FNV64_PRIME 0x100000001b3ULL

uint64_t
fnv64 (uint64_t h, const void *data, size_t len)
{
  const unsigned char *p = data;
  for (size_t i = 0; i < len; i++) {
    h ^= p[i];
    h *= FNV64_PRIME;
  }
  return h;
}

uint64_t
fnv64_str (uint64_t h, const char *s)
{
  return fnv64 (h, s ? s : "", (s ? strlen (s) : 0) + 1);
}

uint64_t
fnv64_u64 (uint64_t h, uint64_t v)
{
  return fnv64 (h, &v, sizeof v);
}

int
fnv64_file (const char *path, uint64_t *h)
{
  CLEANUP_CLOSE int fd = open (path, O_RDONLY|O_CLOEXEC);
  if (fd < 0)
    return -1;
  char buf[65536];
  for (;;) {
    ssize_t r = read (fd, buf, sizeof buf);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -1;
    }
    if (r == 0)
      return 0;
    *h = fnv64 (*h, buf, r);
  }
}
