/* dpkg's /var/lib/dpkg/status: stanzas of "Field: value" lines separated
 * by blank lines; continuation lines start with a space.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "inspect-apps-parse.h"
#include "inspect-apps-util.h"

struct dpkg_stanza {
  char *name, *status, *version, *arch, *url, *source, *summary, *description;
  int in_description;           /* continuation lines belong to Description */
};

static void
stanza_clear (struct dpkg_stanza *st)
{
  free (st->name); free (st->status); free (st->version); free (st->arch);
  free (st->url); free (st->source); free (st->summary); free (st->description);
  memset (st, 0, sizeof *st);
}

/* Status is "WANT FLAG STATUS".  Like the reference, any mention of
 * "installed" counts (so "half-installed" does too). */
static int
is_installed (const char *status)
{
  return strstr (status, "installed") != NULL;
}

static int
stanza_emit (struct dpkg_stanza *st, app_found_fn found, void *opaque)
{
  if (!st->name || !st->version || !st->status || !is_installed (st->status))
    return 0;
  int epoch;
  const char *version, *release;
  char *v = strdup (st->version);
  if (v == NULL)
    return -1;
  split_version (v, SPLIT_FIRST_DASH, &epoch, &version, &release);
  int r = 0;
  if (epoch >= 0) {
    /* "Source: name (version)": the name only. */
    if (st->source)
      st->source[strcspn (st->source, " ")] = '\0';
    struct app_info info = {
      .name = st->name, .epoch = epoch, .version = version,
      .release = release, .arch = st->arch, .url = st->url,
      .source_package = st->source, .summary = st->summary,
      .description = st->description,
    };
    r = found (opaque, &info);
  }
  free (v);
  return r;
}

/* Sets the field LINE names, if it is one we keep.  Any other line
 * (including one starting with a tab) ends the Description. */
static int
stanza_field (struct dpkg_stanza *st, const struct line *line)
{
  static const struct { const char *prefix; size_t off; } fields[] = {
    { "Package: ", offsetof (struct dpkg_stanza, name) },
    { "Status: ", offsetof (struct dpkg_stanza, status) },
    { "Version: ", offsetof (struct dpkg_stanza, version) },
    { "Architecture: ", offsetof (struct dpkg_stanza, arch) },
    { "Homepage: ", offsetof (struct dpkg_stanza, url) },
    { "Source: ", offsetof (struct dpkg_stanza, source) },
    { "Description: ", offsetof (struct dpkg_stanza, summary) },
  };
  st->in_description = 0;
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    if (!line_has_prefix (line, fields[i].prefix))
      continue;
    size_t n = strlen (fields[i].prefix);
    char **dst = (char **) ((char *) st + fields[i].off);
    if (replace_string (dst, line->s + n, line->len - n) == -1)
      return -1;
    if (dst == &st->summary) {
      free (st->description);
      st->description = NULL;
      st->in_description = 1;
    }
    return 0;
  }
  return 0;
}

int
parse_dpkg_status (const char *buf, size_t len,
                   app_found_fn found, void *opaque)
{
  struct dpkg_stanza st = { 0 };
  struct line line;
  size_t pos = 0;
  int r = 0;

  while (r == 0 && next_line (buf, len, &pos, &line)) {
    if (line.len == 0)
      r = stanza_emit (&st, found, opaque), stanza_clear (&st);
    else if (line.s[0] == ' ') {
      if (st.in_description)
        r = append_line (&st.description, line.s + 1, line.len - 1);
    }
    else
      r = stanza_field (&st, &line);
  }
  /* A last stanza without the blank line after it is not emitted, as the
   * reference does. */
  stanza_clear (&st);
  return r;
}
