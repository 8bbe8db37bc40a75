/* Kernel module signatures.  The kernel checks an appended signature at
 * every finit_module (sha256 of the whole module plus an RSA verify),
 * which under TCG costs a few ms per module.  The appliance's kernel does
 * not enforce signatures (an unsigned module only taints it), so modules
 * are copied without theirs. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "appliance-internal.h"

#define SIG_MAGIC "~Module signature appended~\n"
#define SIG_INFO_LEN 12   /* struct module_signature; sig_len is its last 4 bytes, BE */

static int
is_module (const char *path)
{
  size_t n = strlen (path);
  return n > 3 && strcmp (path + n - 3, ".ko") == 0;
}

off_t
module_unsigned_size (int fd, const char *path, off_t size)
{
  const size_t mlen = sizeof SIG_MAGIC - 1;
  char tail[sizeof SIG_MAGIC - 1 + SIG_INFO_LEN];
  if (!is_module (path) || size < (off_t) sizeof tail)
    return size;
  if (pread (fd, tail, sizeof tail, size - sizeof tail) != (ssize_t) sizeof tail ||
      memcmp (tail + SIG_INFO_LEN, SIG_MAGIC, mlen) != 0)
    return size;
  uint32_t be;
  memcpy (&be, tail + SIG_INFO_LEN - 4, 4);
  off_t siglen = ntohl (be);
  off_t payload = size - (off_t) sizeof tail - siglen;
  return payload > 0 ? payload : size;
}

int
copy_file_unsigned (const char *src, const char *dst, mode_t mode)
{
  CLEANUP_CLOSE int in = open (src, O_RDONLY|O_CLOEXEC);
  struct stat st;
  if (in < 0 || fstat (in, &st) < 0)
    return -1;
  CLEANUP_CLOSE int out = open (dst, O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, mode);
  if (out < 0)
    return -1;
  if (copy_fd_range (in, 0, out, 0, module_unsigned_size (in, src, st.st_size)) < 0)
    return -1;
  int r = close (out);
  out = -1;
  return r;
}
