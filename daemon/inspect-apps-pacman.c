/* pacman's /var/lib/pacman/local/PKG/desc: "%KEY%" lines, each followed
 * by its value lines.  Like the reference, the first value line is kept.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "inspect-apps-parse.h"
#include "inspect-apps-util.h"

struct pacman_desc {
  char *name, *version, *desc, *url, *arch;
};

/* The field a "%KEY%" line starts, or NULL if it is not one we keep. */
static char **
key_field (struct pacman_desc *d, const struct line *line)
{
  static const struct { const char *key; size_t off; } keys[] = {
    { "%NAME%", offsetof (struct pacman_desc, name) },
    { "%VERSION%", offsetof (struct pacman_desc, version) },
    { "%DESC%", offsetof (struct pacman_desc, desc) },
    { "%URL%", offsetof (struct pacman_desc, url) },
    { "%ARCH%", offsetof (struct pacman_desc, arch) },
  };
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
    if (line->len == strlen (keys[i].key) &&
        memcmp (line->s, keys[i].key, line->len) == 0)
      return (char **) ((char *) d + keys[i].off);
  return NULL;
}

static int
is_key_line (const struct line *line)
{
  return line->len >= 2 && line->s[0] == '%' && line->s[line->len - 1] == '%';
}

static int
emit (struct pacman_desc *d, app_found_fn found, void *opaque)
{
  /* Name, version and arch are mandatory, and the version must have a
   * release: otherwise the entry is corrupt and skipped. */
  if (!d->name || !d->version || !d->arch || !strchr (d->version, '-'))
    return 0;
  int epoch;
  const char *version, *release;
  split_version (d->version, SPLIT_FIRST_DASH, &epoch, &version, &release);
  if (epoch < 0)
    return 0;
  struct app_info info = {
    .name = d->name, .epoch = epoch, .version = version, .release = release,
    .arch = d->arch, .url = d->url, .description = d->desc,
  };
  return found (opaque, &info);
}

int
parse_pacman_desc (const char *buf, size_t len,
                   app_found_fn found, void *opaque)
{
  struct pacman_desc d = { 0 };
  char **field = NULL;          /* waiting for this key's first value */
  struct line line;
  size_t pos = 0;
  int r = 0;

  while (r == 0 && next_line (buf, len, &pos, &line)) {
    if (line.len == 0)
      continue;
    if (is_key_line (&line))
      field = key_field (&d, &line);
    else if (field) {
      r = replace_string (field, line.s, line.len);
      field = NULL;
    }
  }
  if (r == 0)
    r = emit (&d, found, opaque);
  free (d.name); free (d.version); free (d.desc); free (d.url); free (d.arch);
  return r;
}
