/* rpm package headers as the rpm database stores them:
 *
 *   be32 il, be32 dl, il x { be32 tag, type, offset, count }, dl bytes
 *
 * String tags point at NUL-terminated strings in the data store.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inspect-apps-parse.h"

enum {
  TAG_NAME = 1000, TAG_VERSION = 1001, TAG_RELEASE = 1002, TAG_EPOCH = 1003,
  TAG_SUMMARY = 1004, TAG_DESCRIPTION = 1005, TAG_URL = 1020, TAG_ARCH = 1022,
};
enum {
  TYPE_INT32 = 4, TYPE_STRING = 6, TYPE_STRING_ARRAY = 8, TYPE_I18NSTRING = 9,
};

/* rpm's own limits on a header. */
#define MAX_INDEX_ENTRIES 0xffff
#define MAX_DATA_LEN (256u * 1024 * 1024)

/* What librpm's headerFormat prints for an absent tag. */
#define NONE "(none)"

struct header {
  const unsigned char *index, *data;
  uint32_t il, dl;
};

static uint32_t
be32 (const unsigned char *p)
{
  return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
         (uint32_t) p[2] << 8 | p[3];
}

/* The index entry of TAG, or NULL. */
static const unsigned char *
find_entry (const struct header *h, uint32_t tag)
{
  for (uint32_t i = 0; i < h->il; i++)
    if (be32 (h->index + 16 * i) == tag)
      return h->index + 16 * i;
  return NULL;
}

/* The first string of a string tag; NULL if absent or malformed. */
static const char *
get_string (const struct header *h, uint32_t tag)
{
  const unsigned char *e = find_entry (h, tag);
  if (e == NULL)
    return NULL;
  uint32_t type = be32 (e + 4), off = be32 (e + 8), count = be32 (e + 12);
  if (type != TYPE_STRING && type != TYPE_STRING_ARRAY && type != TYPE_I18NSTRING)
    return NULL;
  if (count == 0 || off >= h->dl)
    return NULL;
  const char *s = (const char *) h->data + off;
  if (memchr (s, '\0', h->dl - off) == NULL)
    return NULL;                /* would run past the data store */
  return s;
}

/* EPOCH as librpm's headerGetNumber gives it: 0 when absent. */
static int
get_epoch (const struct header *h)
{
  const unsigned char *e = find_entry (h, TAG_EPOCH);
  if (e == NULL)
    return 0;
  uint32_t type = be32 (e + 4), off = be32 (e + 8), count = be32 (e + 12);
  if (type != TYPE_INT32 || count < 1 || off > h->dl || h->dl - off < 4)
    return 0;
  return (int32_t) be32 (h->data + off);
}

static int
header_init (struct header *h, const unsigned char *p, size_t len)
{
  if (len < 8)
    return -1;
  h->il = be32 (p);
  h->dl = be32 (p + 4);
  if (h->il < 1 || h->il > MAX_INDEX_ENTRIES || h->dl > MAX_DATA_LEN)
    return -1;
  if ((uint64_t) 8 + 16 * (uint64_t) h->il + h->dl > len)
    return -1;
  h->index = p + 8;
  h->data = h->index + 16 * (size_t) h->il;
  return 0;
}

int
parse_rpm_header (const void *blob, size_t len,
                  app_found_fn found, void *opaque)
{
  struct header h;
  if (header_init (&h, blob, len) == -1)
    return 1;
  const char *name = get_string (&h, TAG_NAME);
  if (name == NULL || *name == '\0')
    return 1;

#define OR_NONE(tag) (get_string (&h, (tag)) ? get_string (&h, (tag)) : NONE)
  struct app_info info = {
    .name = name,
    .epoch = get_epoch (&h),
    .version = OR_NONE (TAG_VERSION),
    .release = OR_NONE (TAG_RELEASE),
    .arch = OR_NONE (TAG_ARCH),
    .url = OR_NONE (TAG_URL),
    .summary = OR_NONE (TAG_SUMMARY),
    .description = OR_NONE (TAG_DESCRIPTION),
  };
#undef OR_NONE
  return found (opaque, &info) == -1 ? -1 : 0;
}
