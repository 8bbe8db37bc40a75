/* apk's /lib/apk/db/installed: one "X:value" line per field, packages
 * separated by blank lines.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "inspect-apps-parse.h"
#include "inspect-apps-util.h"

struct apk_package {
  char *name, *version, *arch, *desc, *url;
};

static void
package_clear (struct apk_package *p)
{
  free (p->name); free (p->version); free (p->arch); free (p->desc);
  free (p->url);
  memset (p, 0, sizeof *p);
}

static int
emit (struct apk_package *p, app_found_fn found, void *opaque)
{
  if (!p->name || !p->version)
    return 0;
  /* "VERSION-rREL": split at the first '-' as the reference does (so
   * "1.0-r2-r3" has release "2-r3"), then drop the 'r'. */
  int epoch;
  const char *version, *release;
  split_version (p->version, SPLIT_FIRST_DASH, &epoch, &version, &release);
  if (epoch < 0)
    return 0;
  if (release[0] == 'r')
    release++;
  struct app_info info = {
    .name = p->name, .epoch = epoch, .version = version, .release = release,
    .arch = p->arch, .url = p->url, .description = p->desc,
  };
  return found (opaque, &info);
}

static char **
field_of (struct apk_package *p, char key)
{
  switch (key) {
  case 'P': return &p->name;
  case 'V': return &p->version;
  case 'A': return &p->arch;
  case 'T': return &p->desc;
  case 'U': return &p->url;
  default: return NULL;
  }
}

int
parse_apk_installed (const char *buf, size_t len,
                     app_found_fn found, void *opaque)
{
  struct apk_package p = { 0 };
  struct line line;
  size_t pos = 0;
  int r = 0;

  while (r == 0 && next_line (buf, len, &pos, &line)) {
    if (line.len == 0) {
      r = emit (&p, found, opaque);
      package_clear (&p);
      continue;
    }
    char **field = line.len >= 2 && line.s[1] == ':' ? field_of (&p, line.s[0]) : NULL;
    if (field)
      r = replace_string (field, line.s + 2, line.len - 2);
  }
  package_clear (&p);
  return r;
}
