/* libFuzzer targets for daemon/inspect-parse.c: FUZZ_TARGET 1 fuzzes the
 * os-release style key=value parser (and the version parsers on its
 * results), 2 the fstab parser. */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inspect-parse.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

#if FUZZ_TARGET == 1
static void
os_release (const char *buf, size_t len)
{
  static const char *const keys[] = { "ID", "VERSION_ID", "PRETTY_NAME", "NAME", NULL };
  for (size_t i = 0; keys[i]; i++) {
    for (int unquote = 0; unquote <= 1; unquote++) {
      char *v = inspect_parse_kv (buf, len, keys[i], unquote);
      int major, minor;
      if (v) {
        inspect_parse_version (v, &major, &minor);
        inspect_parse_release_version (v, &major, &minor);
      }
      free (v);
    }
  }
  free (inspect_parse_first_line (buf, len));
  int major, minor;
  inspect_parse_suse_release (buf, len, &major, &minor);
}
#else
static void
fstab (const char *buf, size_t len)
{
  struct fstab_entry *entries = NULL;
  int n = inspect_parse_fstab (buf, len, &entries);
  for (int i = 0; i < n; i++) {
    free (inspect_mount_option (entries[i].mntops ? entries[i].mntops : "", "subvol"));
    free (inspect_canonical_mountpoint (entries[i].file));
  }
  if (n >= 0)
    inspect_free_fstab (entries, n);
}
#endif

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
#if FUZZ_TARGET == 1
  os_release ((const char *) data, size);
#else
  fstab ((const char *) data, size);
#endif
  return 0;
}
