/* Helpers shared by the package database parsers. */

#include <config.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "inspect-apps-parse.h"
#include "inspect-apps-util.h"

int
next_line (const char *buf, size_t len, size_t *pos, struct line *line)
{
  if (*pos >= len)
    return 0;
  const char *start = buf + *pos;
  const char *nl = memchr (start, '\n', len - *pos);
  size_t n = nl ? (size_t) (nl - start) : len - *pos;
  *pos += n + (nl != NULL);
  line->s = start;
  line->len = n;
  line->last = nl == NULL || *pos >= len;
  return 1;
}

int
line_has_prefix (const struct line *line, const char *prefix)
{
  size_t n = strlen (prefix);
  return line->len >= n && memcmp (line->s, prefix, n) == 0;
}

char *
copy_span (const char *s, size_t n)
{
  /* Embedded NULs would silently truncate: stop at the first one. */
  const char *nul = memchr (s, '\0', n);
  if (nul)
    n = nul - s;
  return strndup (s, n);
}

int
replace_string (char **dst, const char *s, size_t n)
{
  char *copy = copy_span (s, n);
  if (copy == NULL)
    return -1;
  free (*dst);
  *dst = copy;
  return 0;
}

int
append_line (char **dst, const char *s, size_t n)
{
  size_t old = *dst ? strlen (*dst) : 0;
  const char *nul = memchr (s, '\0', n);
  if (nul)
    n = nul - s;
  if (old + n + 2 > MAX_FIELD_LEN)
    return 0;                   /* keep what fits: bounded memory */
  char *p = realloc (*dst, old + n + 2);
  if (p == NULL)
    return -1;
  if (old > 0)
    p[old++] = '\n';
  memcpy (p + old, s, n);
  p[old + n] = '\0';
  *dst = p;
  return 0;
}

/* A non-negative decimal number that fits an int, or -1. */
int
parse_epoch (const char *s)
{
  if (*s == '\0')
    return -1;
  long v = 0;
  for (; *s; s++) {
    if (*s < '0' || *s > '9')
      return -1;
    v = v * 10 + (*s - '0');
    if (v > INT_MAX)
      return -1;
  }
  return (int) v;
}

void
split_version (char *buf, enum release_split how, int *epoch,
               const char **version, const char **release)
{
  char *v = buf;
  char *colon = strchr (buf, ':');
  *epoch = 0;
  if (colon) {
    *colon = '\0';
    *epoch = parse_epoch (buf);
    v = colon + 1;
  }
  char *dash = how == SPLIT_FIRST_DASH ? strchr (v, '-') : strrchr (v, '-');
  *release = "";
  if (dash) {
    *dash = '\0';
    *release = dash + 1;
  }
  *version = v;
}
