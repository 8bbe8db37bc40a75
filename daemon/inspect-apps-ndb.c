/* rpm's own "ndb" database Packages.db (openSUSE Tumbleweed, SLES 16).
 * All integers are little-endian.
 *
 *   header (32 bytes): "RpmP" version:4 (0) generation:4 slotnpages:4 ...
 *   slots: the first SLOTNPAGES pages of 4096 bytes hold 16-byte slots
 *          "Slot" pkgidx:4 blkoff:4 blkcnt:4 (after the header on page 0;
 *          blkoff 0 is a free slot)
 *   blobs: at blkoff * 16, blkcnt * 16 bytes:
 *          "BlbS" pkgidx:4 timestamp:4 bloblen:4, BLOBLEN bytes (the rpm
 *          header), zero padding, adler32:4 bloblen:4 "BlbE"
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "inspect-apps-rpmfile.h"

#define MAGIC(a, b, c, d) ((uint32_t) (a) | (uint32_t) (b) << 8 | \
                           (uint32_t) (c) << 16 | (uint32_t) (d) << 24)
#define DB_MAGIC MAGIC ('R', 'p', 'm', 'P')
#define SLOT_MAGIC MAGIC ('S', 'l', 'o', 't')
#define HEAD_MAGIC MAGIC ('B', 'l', 'b', 'S')
#define TAIL_MAGIC MAGIC ('B', 'l', 'b', 'E')

enum {
  HEADER_SIZE = 32, SLOT_PAGE = 4096, SLOT_SIZE = 16, BLK = 16,
  BLOB_HEAD = 16, BLOB_TAIL = 12,
};

struct slot {
  uint32_t pkgidx, blkoff, blkcnt;
  size_t seq;                   /* slot order, for a stable sort */
};

static uint32_t
le32 (const unsigned char *p)
{
  return (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16 |
         (uint32_t) p[1] << 8 | p[0];
}

/* The number of slot pages, or 0 if this is not an ndb database. */
static uint32_t
read_db_header (const struct db_file *f)
{
  unsigned char h[HEADER_SIZE];
  if (db_file_read (f, h, sizeof h, 0) == -1 ||
      le32 (h) != DB_MAGIC || le32 (h + 4) != 0)
    return 0;
  uint32_t npages = le32 (h + 12);
  if (npages == 0 || (uint64_t) npages * SLOT_PAGE > f->size)
    return 0;
  return npages;
}

/* A used slot whose blob lies after the slot pages and inside the file. */
static int
slot_is_valid (const struct db_file *f, uint32_t npages, const struct slot *s)
{
  uint64_t first_blk = (uint64_t) npages * (SLOT_PAGE / BLK);
  uint64_t end = ((uint64_t) s->blkoff + s->blkcnt) * BLK;
  return s->pkgidx != 0 && s->blkoff >= first_blk &&
         s->blkcnt >= (BLOB_HEAD + BLOB_TAIL + BLK - 1) / BLK &&
         end <= f->size;
}

struct slots {
  struct slot *v;
  size_t n, alloc;
};

static int
add_slot (struct slots *ss, const struct slot *s)
{
  if (ss->n == ss->alloc) {
    size_t n = ss->alloc ? 2 * ss->alloc : 256;
    struct slot *v = realloc (ss->v, n * sizeof *v);
    if (v == NULL)
      return -1;
    ss->v = v;
    ss->alloc = n;
  }
  ss->v[ss->n] = *s;
  ss->v[ss->n].seq = ss->n;
  ss->n++;
  return 0;
}

/* The used slots of the NPAGES slot pages; bad ones are skipped.  0, or
 * -1 if out of memory. */
static int
read_slots (const struct db_file *f, uint32_t npages, struct slots *ss)
{
  unsigned char page[SLOT_PAGE];
  for (uint32_t p = 0; p < npages; p++) {
    if (db_file_read (f, page, SLOT_PAGE, (uint64_t) p * SLOT_PAGE) == -1)
      break;
    for (size_t o = p ? 0 : HEADER_SIZE; o < SLOT_PAGE; o += SLOT_SIZE) {
      const unsigned char *e = page + o;
      struct slot s = { le32 (e + 4), le32 (e + 8), le32 (e + 12), 0 };
      if (le32 (e) == SLOT_MAGIC && s.blkoff != 0 &&
          slot_is_valid (f, npages, &s) && add_slot (ss, &s) == -1)
        return -1;
    }
  }
  return 0;
}

static int
compare_slots (const void *a, const void *b)
{
  const struct slot *x = a, *y = b;
  if (x->pkgidx != y->pkgidx)
    return x->pkgidx < y->pkgidx ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Reads the blob of S into a malloc'd *BUF, and points *HDR at the rpm
 * header in it: 0, 1 if the blob is corrupt, -1 if out of memory. */
static int
read_blob (const struct db_file *f, const struct slot *s,
           unsigned char **buf, const unsigned char **hdr, uint32_t *hdrlen)
{
  uint64_t size = (uint64_t) s->blkcnt * BLK;
  if (size > RPMDB_MAX_BLOB + BLOB_HEAD + BLOB_TAIL + BLK)
    return 1;
  *buf = malloc (size);
  if (*buf == NULL)
    return -1;
  const unsigned char *b = *buf, *tail = b + size - BLOB_TAIL;
  uint32_t len = 0;
  int ok = db_file_read (f, *buf, size, (uint64_t) s->blkoff * BLK) == 0 &&
    le32 (b) == HEAD_MAGIC && le32 (b + 4) == s->pkgidx &&
    (len = le32 (b + 12)) <= size - BLOB_HEAD - BLOB_TAIL &&
    (BLOB_HEAD + (uint64_t) len + BLOB_TAIL + BLK - 1) / BLK == s->blkcnt &&
    le32 (tail + 4) == len && le32 (tail + 8) == TAIL_MAGIC;
  if (!ok) {
    free (*buf);
    return 1;
  }
  *hdr = b + BLOB_HEAD;
  *hdrlen = len;
  return 0;
}

static int
hand_over (const struct db_file *f, const struct slot *slots, size_t n,
           app_found_fn found, void *opaque)
{
  for (size_t i = 0; i < n; i++) {
    unsigned char *buf;
    const unsigned char *hdr;
    uint32_t len;
    int r = read_blob (f, &slots[i], &buf, &hdr, &len);
    if (r == -1)
      return RPMDB_NOMEM;
    if (r == 1)
      continue;
    r = parse_rpm_header (hdr, len, found, opaque);
    free (buf);
    if (r == -1)
      return RPMDB_STOPPED;
  }
  return RPMDB_OK;
}

int
read_rpm_ndb (const struct db_file *f, app_found_fn found, void *opaque)
{
  uint32_t npages = read_db_header (f);
  if (npages == 0)
    return RPMDB_NOT_DB;
  struct slots ss = { 0 };
  int r = RPMDB_NOMEM;
  if (read_slots (f, npages, &ss) == 0) {
    if (ss.n > 1)
      qsort (ss.v, ss.n, sizeof *ss.v, compare_slots);
    r = hand_over (f, ss.v, ss.n, found, opaque);
  }
  free (ss.v);
  return r;
}
