/* grep and its deprecated variants (egrep, fgrep, grepi, ..., zfgrepi). */

#include <config.h>

#include <errno.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

enum { G_EXT = 1, G_FIXED = 2, G_ICASE = 4, G_Z = 8 };

static char **
grep_with (const char *regex, const char *path, unsigned flags)
{
  if ((flags & G_EXT) && (flags & G_FIXED)) {
    reply_with_error_errno (EINVAL, "can't use 'extended' and 'fixed' "
                            "flags at the same time");
    return NULL;
  }
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return NULL;
  const char *argv[8];
  size_t n = 0;
  argv[n++] = (flags & G_Z) ? "zgrep" : "grep";
  if (flags & G_EXT) argv[n++] = "-E";
  if (flags & G_FIXED) argv[n++] = "-F";
  if (flags & G_ICASE) argv[n++] = "-i";
  argv[n++] = "-e";
  argv[n++] = regex;
  argv[n++] = real;
  argv[n] = NULL;
  /* Exit status 1 only means that nothing matched. */
  CLEANUP_FREE char *out = files_run (argv[0], 1, argv);
  if (out == NULL)
    return NULL;
  return split_lines (out);
}

char **
do_grep (const char *regex, const char *path, int extended, int fixed,
         int insensitive, int compressed)
{
  unsigned f = 0;
  if ((optargs_bitmask & 1) && extended) f |= G_EXT;
  if ((optargs_bitmask & 2) && fixed) f |= G_FIXED;
  if ((optargs_bitmask & 4) && insensitive) f |= G_ICASE;
  if ((optargs_bitmask & 8) && compressed) f |= G_Z;
  return grep_with (regex, path, f);
}

#define VARIANT(name, flags) \
  char **do_##name (const char *re, const char *path) \
  { return grep_with (re, path, (flags)); }

VARIANT (egrep, G_EXT)
VARIANT (fgrep, G_FIXED)
VARIANT (grepi, G_ICASE)
VARIANT (egrepi, G_EXT | G_ICASE)
VARIANT (fgrepi, G_FIXED | G_ICASE)
VARIANT (zgrep, G_Z)
VARIANT (zegrep, G_Z | G_EXT)
VARIANT (zfgrep, G_Z | G_FIXED)
VARIANT (zgrepi, G_Z | G_ICASE)
VARIANT (zegrepi, G_Z | G_EXT | G_ICASE)
VARIANT (zfgrepi, G_Z | G_FIXED | G_ICASE)
