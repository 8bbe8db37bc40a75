/* Berkeley DB hash databases: rpm's /var/lib/rpm/Packages before rpm
 * 4.16 (RHEL/CentOS 7 and 8, SLES 12/15), whose keys are 4-byte record
 * numbers and whose values are rpm header blobs.
 *
 * Page 0 is the hash meta page.  Every page starts with a 26-byte header
 *
 *   lsn[8] pgno:4 prev_pgno:4 next_pgno:4 entries:2 hf_offset:2 level:1 type:1
 *
 * A bucket's first page is bucket + spares[number of bits of bucket],
 * its further pages follow next_pgno.  After the header a hash page has
 * ENTRIES 2-byte item offsets; items are packed from the end of the page
 * downward, key then data, so that an item ends where the previous one
 * starts.  An item is a type byte then its bytes (H_KEYDATA) or, for a
 * big one (H_OFFPAGE), pad[3] pgno:4 length:4: a chain of overflow pages
 * linked by next_pgno, each holding hf_offset bytes after its header.
 * Integers are in the byte order of the machine that wrote the file,
 * which the meta page's magic tells.
 */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "inspect-apps-rpmfile.h"

enum {
  HASH_MAGIC = 0x061561,
  META_SIZE = 512,              /* the smallest page size */
  PAGE_HEADER = 26,
  P_HASH_UNSORTED = 2, P_OVERFLOW = 7, P_HASHMETA = 8, P_HASH = 13,
  H_KEYDATA = 1, H_OFFPAGE = 3,
  OFFPAGE_SIZE = 12,
};

struct bdb {
  const struct db_file *f;
  int big_endian;
  uint32_t pagesize, max_bucket, spares[32];
  uint64_t npages;
  struct page_set seen;         /* every page is read at most once */
  unsigned char *page;
};

/* Where one package's header is: on a hash page, or in an overflow chain
 * starting at PGNO. */
struct record {
  uint32_t recno, pgno, off, len;
  int overflow;
  size_t seq;                   /* discovery order, for a stable sort */
};

struct records {
  struct record *v;
  size_t n, alloc;
};

static uint32_t
get16 (const struct bdb *db, const unsigned char *p)
{
  return db->big_endian ? (uint32_t) p[0] << 8 | p[1]
                        : (uint32_t) p[1] << 8 | p[0];
}

static uint32_t
get32 (const struct bdb *db, const unsigned char *p)
{
  if (db->big_endian)
    return (uint32_t) p[0] << 24 | (uint32_t) p[1] << 16 |
           (uint32_t) p[2] << 8 | p[3];
  return (uint32_t) p[3] << 24 | (uint32_t) p[2] << 16 |
         (uint32_t) p[1] << 8 | p[0];
}

/* Reads the meta page: -1 if this is not a hash database we can read. */
static int
read_meta (struct bdb *db)
{
  unsigned char m[META_SIZE];
  if (db_file_read (db->f, m, sizeof m, 0) == -1)
    return -1;
  db->big_endian = 0;
  if (get32 (db, m + 12) != HASH_MAGIC) {
    db->big_endian = 1;
    if (get32 (db, m + 12) != HASH_MAGIC)
      return -1;
  }
  uint32_t version = get32 (db, m + 16);
  db->pagesize = get32 (db, m + 20);
  if (version < 8 || version > 10 || m[25] != P_HASHMETA)
    return -1;                  /* hash formats of Berkeley DB 4.0 to 6 */
  if (db->pagesize < META_SIZE || db->pagesize > 65536 ||
      (db->pagesize & (db->pagesize - 1)))
    return -1;
  if (m[24] != 0)
    return -1;                  /* encrypted */
  db->npages = db->f->size / db->pagesize;
  db->max_bucket = get32 (db, m + 72);
  if (db->max_bucket >= db->npages)
    return -1;                  /* each bucket needs a page */
  for (int i = 0; i < 32; i++)
    db->spares[i] = get32 (db, m + 96 + 4 * i);
  return 0;
}

static uint64_t
bucket_page (const struct bdb *db, uint32_t bucket)
{
  unsigned bits = 0;
  for (uint32_t b = bucket; b; b >>= 1)
    bits++;
  if (bits >= 32)
    return 0;
  return (uint64_t) bucket + db->spares[bits];
}

/* Reads page PGNO (once only) into db->page: -1 if out of the file,
 * already read, unreadable or not what its header says. */
static int
read_page (struct bdb *db, uint64_t pgno)
{
  if (pgno == 0 || page_set_mark (&db->seen, pgno) == -1)
    return -1;
  if (db_file_read (db->f, db->page, db->pagesize, pgno * db->pagesize) == -1)
    return -1;
  return get32 (db, db->page + 8) == pgno ? 0 : -1;
}

/* Item I of a hash page of N items: its offset and length, or -1. */
static int
find_item (const struct bdb *db, uint32_t n, uint32_t i,
           uint32_t *off, uint32_t *len)
{
  const unsigned char *inp = db->page + PAGE_HEADER;
  uint32_t start = get16 (db, inp + 2 * i);
  uint32_t end = i == 0 ? db->pagesize : get16 (db, inp + 2 * (i - 1));
  if (start < PAGE_HEADER + 2 * n || start >= end || end > db->pagesize)
    return -1;
  *off = start;
  *len = end - start;
  return 0;
}

static int
add_record (struct records *rs, const struct record *r)
{
  if (rs->n == rs->alloc) {
    size_t n = rs->alloc ? 2 * rs->alloc : 256;
    struct record *v = realloc (rs->v, n * sizeof *v);
    if (v == NULL)
      return -1;
    rs->v = v;
    rs->alloc = n;
  }
  rs->v[rs->n] = *r;
  rs->v[rs->n].seq = rs->n;
  rs->n++;
  return 0;
}

/* The record of the key/data pair at items I, I+1 of the hash page PGNO
 * in db->page; 0 if the pair is not a package (skipped). */
static int
pair_record (const struct bdb *db, uint32_t pgno, uint32_t n, uint32_t i,
             struct record *r)
{
  const unsigned char *p = db->page;
  uint32_t koff, klen, doff, dlen;
  if (find_item (db, n, i, &koff, &klen) == -1 ||
      find_item (db, n, i + 1, &doff, &dlen) == -1)
    return 0;
  if (p[koff] != H_KEYDATA || klen != 5)
    return 0;
  *r = (struct record) { .recno = get32 (db, p + koff + 1), .pgno = pgno };
  if (r->recno == 0)
    return 0;                   /* rpm's "next record number" entry */
  if (p[doff] == H_KEYDATA && dlen > 1) {
    r->off = doff + 1;
    r->len = dlen - 1;
    return 1;
  }
  if (p[doff] == H_OFFPAGE && dlen >= OFFPAGE_SIZE) {
    r->overflow = 1;
    r->pgno = get32 (db, p + doff + 4);
    r->len = get32 (db, p + doff + 8);
    return 1;
  }
  return 0;
}

static int
scan_hash_page (const struct bdb *db, uint32_t pgno, struct records *rs)
{
  uint32_t n = get16 (db, db->page + 20);
  if (PAGE_HEADER + 2 * n > db->pagesize)
    return 0;
  for (uint32_t i = 0; i + 1 < n; i += 2) {
    struct record r;
    if (pair_record (db, pgno, n, i, &r) && add_record (rs, &r) == -1)
      return -1;
  }
  return 0;
}

/* Every bucket's chain of pages; a chain stops at the first bad page. */
static int
collect_records (struct bdb *db, struct records *rs)
{
  for (uint64_t b = 0; b <= db->max_bucket; b++) {
    uint64_t pgno = bucket_page (db, (uint32_t) b);
    while (read_page (db, pgno) == 0) {
      uint8_t type = db->page[25];
      if (type != P_HASH && type != P_HASH_UNSORTED)
        break;
      if (scan_hash_page (db, (uint32_t) pgno, rs) == -1)
        return -1;
      pgno = get32 (db, db->page + 16);
    }
  }
  return 0;
}

static int
compare_records (const void *a, const void *b)
{
  const struct record *x = a, *y = b;
  if (x->recno != y->recno)
    return x->recno < y->recno ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Copies the overflow chain of R into BLOB: -1 if it is broken. */
static int
read_overflow (struct bdb *db, const struct record *r, unsigned char *blob)
{
  uint32_t done = 0;
  uint64_t pgno = r->pgno;
  while (done < r->len) {
    if (read_page (db, pgno) == -1 || db->page[25] != P_OVERFLOW)
      return -1;
    uint32_t n = get16 (db, db->page + 22);
    if (n == 0 || n > db->pagesize - PAGE_HEADER || n > r->len - done)
      return -1;
    memcpy (blob + done, db->page + PAGE_HEADER, n);
    done += n;
    pgno = get32 (db, db->page + 16);
  }
  return 0;
}

/* The header blob of R in a malloc'd buffer: 0, 1 if corrupt, -1 if out
 * of memory. */
static int
fetch_record (struct bdb *db, const struct record *r, unsigned char **blob)
{
  if (r->len == 0 || r->len > RPMDB_MAX_BLOB || r->len > db->f->size)
    return 1;
  *blob = malloc (r->len);
  if (*blob == NULL)
    return -1;
  int bad = r->overflow
    ? read_overflow (db, r, *blob)
    : db_file_read (db->f, *blob, r->len,
                    (uint64_t) r->pgno * db->pagesize + r->off);
  if (bad) {
    free (*blob);
    return 1;
  }
  return 0;
}

static int
hand_over (struct bdb *db, const struct records *rs,
           app_found_fn found, void *opaque)
{
  for (size_t i = 0; i < rs->n; i++) {
    unsigned char *blob;
    int r = fetch_record (db, &rs->v[i], &blob);
    if (r == -1)
      return RPMDB_NOMEM;
    if (r == 1)
      continue;
    r = parse_rpm_header (blob, rs->v[i].len, found, opaque);
    free (blob);
    if (r == -1)
      return RPMDB_STOPPED;
  }
  return RPMDB_OK;
}

int
read_rpm_bdb (const struct db_file *f, app_found_fn found, void *opaque)
{
  struct bdb db = { .f = f };
  if (read_meta (&db) == -1)
    return RPMDB_NOT_DB;
  struct records rs = { 0 };
  int ret = RPMDB_NOMEM;
  db.page = malloc (db.pagesize);
  if (db.page == NULL || page_set_init (&db.seen, db.npages) == -1)
    goto out;
  if (collect_records (&db, &rs) == -1)
    goto out;
  if (rs.n > 1)
    qsort (rs.v, rs.n, sizeof *rs.v, compare_records);
  ret = hand_over (&db, &rs, found, opaque);
 out:
  free (rs.v);
  free (db.page);
  page_set_free (&db.seen);
  return ret;
}
