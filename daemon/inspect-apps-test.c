/* Unit tests of the package database parsers (no appliance): the real
 * test data of ../shared/test-data, edge cases whose expected results
 * come from libguestfs 1.48 run on the same input, and garbage.
 *
 * Usage: inspect-apps-test SOURCE_ROOT
 */

#include <config.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "inspect-apps-parse.h"
#include "inspect-apps-rpmfile.h"

static int failures;

#define CHECK(cond, ...) do { if (!(cond)) { failures++;             \
      fprintf (stderr, "FAIL %s:%d: ", __FILE__, __LINE__);            \
      fprintf (stderr, __VA_ARGS__); fputc ('\n', stderr); } } while (0)

/* Collected applications, as one "name|epoch|version|release|arch|url|
 * source|summary|description" line each. */
struct collected {
  char *lines[256];
  size_t n;
};

static const char *
s (const char *p)
{
  return p ? p : "";
}

static int
collect (void *opaque, const struct app_info *a)
{
  struct collected *c = opaque;
  if (c->n >= 256)
    return -1;
  if (asprintf (&c->lines[c->n], "%s|%d|%s|%s|%s|%s|%s|%s|%s", s (a->name),
                a->epoch, s (a->version), s (a->release), s (a->arch),
                s (a->url), s (a->source_package), s (a->summary),
                s (a->description)) == -1)
    return -1;
  c->n++;
  return 0;
}

static void
collected_free (struct collected *c)
{
  for (size_t i = 0; i < c->n; i++)
    free (c->lines[i]);
  c->n = 0;
}

/* Checks that C holds exactly EXPECTED (NULL-terminated), in order. */
static void
expect (const char *what, struct collected *c, const char *const *expected)
{
  size_t i;
  for (i = 0; expected[i]; i++) {
    if (i >= c->n) {
      CHECK (0, "%s: missing [%zu] %s", what, i, expected[i]);
      continue;
    }
    CHECK (strcmp (c->lines[i], expected[i]) == 0,
           "%s: [%zu]\n  got      %s\n  expected %s", what, i, c->lines[i],
           expected[i]);
  }
  CHECK (c->n == i, "%s: %zu applications, expected %zu", what, c->n, i);
  collected_free (c);
}

static char *
read_file (const char *path, size_t *len)
{
  FILE *fp = fopen (path, "rb");
  if (fp == NULL)
    return NULL;
  char *buf = malloc (1 << 20);
  *len = fread (buf, 1, 1 << 20, fp);
  fclose (fp);
  return buf;
}

static void
test_dpkg_real (const char *data)
{
  char path[4096];
  snprintf (path, sizeof path, "%s/debian-packages", data);
  size_t len;
  char *buf = read_file (path, &len);
  CHECK (buf != NULL, "%s: cannot read", path);
  if (!buf)
    return;
  struct collected c = { 0 };
  CHECK (parse_dpkg_status (buf, len, collect, &c) == 0, "dpkg parse");
#define T(n) n "|0|1.2.3|1|amd64|http://libguestfs.org/|test|this is a test package|This is a test package.\n.\nDon't confuse it with a real package."
  static const char *const want[] = { T ("test1"), T ("test2"), T ("test3"), NULL };
#undef T
  expect ("debian-packages", &c, want);
  free (buf);
}

/* Cases checked against libguestfs 1.48's output for the same file. */
static void
test_dpkg_edges (void)
{
  static const char status[] =
    "Package: h1\nStatus: install ok half-installed\nVersion: 1.0-1\n\n"
    "Package: h2\nStatus: deinstall ok config-files\nVersion: 1.0-1\n\n"
    "Package: h4\nStatus: install ok installed\nVersion: x:1.0-1\n\n"
    "Status: install ok installed\nPackage: h5\nVersion: 1.0-1\n"
    "Source: src5 (1.0)\nDescription: summary5\n desc5 line\n .\n"
    "Conffiles:\n /etc/h5.conf 0123\nHomepage: http://h5/\n\n"
    "Package: h6\nStatus: install ok installed\nVersion: \n\n"
    "Package: h7\nVersion: 1.0-1\n\n"
    "Package: h8\nStatus: install ok installed\nVersion: 2:1.0-2-3\n"
    "Description: \ttab\n\tcontinued\n space\n\n\n\n"
    "Package: h9\nStatus: install ok installed\nVersion: 3:\n\n"
    "Package: zz\nStatus: install ok installed\nVersion: 1\n";
  static const char *const want[] = {
    "h1|0|1.0|1|||||",
    "h5|0|1.0|1||http://h5/|src5|summary5|desc5 line\n.",
    "h6|0|||||||",
    "h8|2|1.0|2-3||||\ttab|",
    "h9|3|||||||",
    NULL,
  };
  struct collected c = { 0 };
  CHECK (parse_dpkg_status (status, sizeof status - 1, collect, &c) == 0,
         "dpkg edges parse");
  expect ("dpkg edges", &c, want);
}

static void
test_pacman (const char *data)
{
  char path[4096];
  snprintf (path, sizeof path, "%s/archlinux-package", data);
  size_t len;
  char *buf = read_file (path, &len);
  CHECK (buf != NULL, "%s: cannot read", path);
  struct collected c = { 0 };
  if (buf) {
    CHECK (parse_pacman_desc (buf, len, collect, &c) == 0, "pacman parse");
    static const char *const want[] = {
      "test-package|1|0.1|1|x86_64|http://libguestfs.org/|||Test package for libguestfs",
      NULL,
    };
    expect ("archlinux-package", &c, want);
    free (buf);
  }
  static const struct { const char *desc, *want; } cases[] = {
    { "%NAME%\nm\n\n%VERSION%\n1.0-beta-2\n\n%ARCH%\nany\n", "m|0|1.0|beta-2|any||||" },
    { "%NAME%\nn\n\n%VERSION%\n1.0\n\n%ARCH%\nany\n", NULL },       /* no release */
    { "%NAME%\nn\n\n%VERSION%\nx:1.0-1\n\n%ARCH%\nany\n", NULL },   /* bad epoch */
    { "%VERSION%\n1.0-1\n\n%ARCH%\nany\n", NULL },                    /* no name */
    { "%NAME%\nn\n\n%VERSION%\n1.0-1\n", NULL },                      /* no arch */
    { "%NAME%\na\n%VERSION%\n2.0-1\n%ARCH%\nx\n%DESC%\n\n%URL%\nu\n%NAME%\nb\n",
      "b|0|2.0|1|x|u|||" },
    { "%NAME%\ns\n\n%VERSION%\n 1.0-1 \n\n%ARCH%\nany\n\n%DESC%\n  d  \nmore\n",
      "s|0| 1.0|1 |any||||  d  " },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    CHECK (parse_pacman_desc (cases[i].desc, strlen (cases[i].desc), collect, &c) == 0,
           "pacman case %zu", i);
    const char *want[] = { cases[i].want, NULL };
    expect ("pacman case", &c, want);
  }
}

static void
test_apk (void)
{
  static const char db[] =
    "C:Q1=\nP:musl\nV:1.2.2-r7\nA:x86_64\nS:383152\n"
    "T:the musl c library (libc) implementation\nU:https://musl.libc.org/\n\n"
    "P:busybox\nV:1.34.1-r3\nA:x86_64\nT:Size optimized toolbox\n\n"
    "P:noversion\nA:x86_64\n\n"
    "P:multir\nV:1.0-r2-r3\nA:x86_64\n\n"
    "P:dashnor\nV:1.0-2\n\n"
    "P:norelease\nV:2:1.0\n\n"
    "V:1.0-r1\nP:vfirst\n\n"
    "P:last\nV:1.0-r0\n";
  static const char *const want[] = {
    "musl|0|1.2.2|7|x86_64|https://musl.libc.org/|||the musl c library (libc) implementation",
    "busybox|0|1.34.1|3|x86_64||||Size optimized toolbox",
    "multir|0|1.0|2-r3|x86_64||||",
    "dashnor|0|1.0|2|||||",
    "norelease|2|1.0||||||",
    "vfirst|0|1.0|1|||||",
    NULL,
  };
  struct collected c = { 0 };
  CHECK (parse_apk_installed (db, sizeof db - 1, collect, &c) == 0, "apk parse");
  expect ("apk", &c, want);
}

struct blobs {
  unsigned char *blob[64];
  size_t len[64];
  size_t n;
};

/* The rpm headers of fedora-db.sql.xz (an SQL dump of rpmdb.sqlite). */
static int
load_fedora_blobs (const char *data, struct blobs *b)
{
  char cmd[4200];
  snprintf (cmd, sizeof cmd, "xz -dc '%s/fedora-db.sql.xz'", data);
  FILE *fp = popen (cmd, "r");
  if (fp == NULL)
    return -1;
  size_t alloc = 1 << 20, n = 0;
  char *sql = malloc (alloc);
  size_t r;
  while ((r = fread (sql + n, 1, alloc - n - 1, fp)) > 0) {
    n += r;
    if (alloc - n < 2)
      sql = realloc (sql, alloc *= 2);
  }
  sql[n] = '\0';
  if (pclose (fp) != 0) {
    free (sql);
    return -1;
  }
  sqlite3 *db;
  sqlite3_open (":memory:", &db);
  int ok = sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
  free (sql);
  sqlite3_stmt *st;
  if (ok && sqlite3_prepare_v2 (db, "SELECT blob FROM Packages ORDER BY hnum",
                                -1, &st, NULL) == SQLITE_OK) {
    while (sqlite3_step (st) == SQLITE_ROW && b->n < 64) {
      size_t len = sqlite3_column_bytes (st, 0);
      b->blob[b->n] = malloc (len);
      memcpy (b->blob[b->n], sqlite3_column_blob (st, 0), len);
      b->len[b->n++] = len;
    }
    sqlite3_finalize (st);
  }
  sqlite3_close (db);
  return ok ? 0 : -1;
}

static void
test_rpm (const char *data)
{
  struct blobs b = { .n = 0 };
  CHECK (load_fedora_blobs (data, &b) == 0, "cannot load fedora-db.sql.xz");
  CHECK (b.n == 17, "%zu rpm headers, expected 17", b.n);
  struct collected c = { 0 };
  for (size_t i = 0; i < b.n; i++)
    CHECK (parse_rpm_header (b.blob[i], b.len[i], collect, &c) == 0,
           "header %zu rejected", i);
  if (c.n == 17) {
    CHECK (strncmp (c.lines[0], "gpg-pubkey|0|9570ff31|5e3006fb|(none)|(none)||Fedora (33)",
                    57) == 0, "gpg-pubkey: %s", c.lines[0]);
    CHECK (strncmp (c.lines[11], "basesystem|0|11|10.fc33|noarch|(none)||"
                    "The skeleton package which defines a simple Fedora system|",
                    96) == 0, "basesystem: %s", c.lines[11]);
    CHECK (strncmp (c.lines[13], "glibc|0|2.32|4.fc33|x86_64|"
                    "http://www.gnu.org/software/glibc/||The GNU libc libraries|"
                    "The glibc package", 103) == 0, "glibc: %s", c.lines[13]);
  }
  collected_free (&c);

  /* Every truncation of a real header is rejected or parsed safely (run
   * under ASan in the test suite), and so are corrupted copies. */
  for (size_t i = 0; i < b.n; i++) {
    for (size_t len = 0; len < b.len[i]; len += 7) {
      parse_rpm_header (b.blob[i], len, collect, &c);
      collected_free (&c);
    }
    unsigned char *copy = malloc (b.len[i]);
    uint32_t seed = 12345 + i;
    for (int round = 0; round < 200; round++) {
      memcpy (copy, b.blob[i], b.len[i]);
      for (int k = 0; k < 8; k++) {
        seed = seed * 1103515245 + 12345;
        copy[(seed >> 8) % b.len[i]] = seed >> 24;
      }
      parse_rpm_header (copy, b.len[i], collect, &c);
      collected_free (&c);
    }
    free (copy);
    free (b.blob[i]);
  }
  static const unsigned char bad[][16] = {
    { 0, 0, 0, 0, 0, 0, 0, 0 },                         /* no entries */
    { 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 1 },             /* huge il */
    { 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff },             /* huge dl */
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    CHECK (parse_rpm_header (bad[i], sizeof bad[i], collect, &c) == 1,
           "bad header %zu accepted", i);
}

/* ---- the binary rpm databases (Berkeley DB hash, ndb) ---- */

static char tmpdir[] = "/tmp/inspect-apps-test.XXXXXX";

/* Builds DB with daemon/tests/make-rpmdb.py ARGS from fedora-db.sql.xz;
 * returns its path in tmpdir (static), or NULL. */
static const char *
make_rpmdb (const char *src, const char *data, const char *format,
            const char *name, const char *opts)
{
  static char path[4400];
  snprintf (path, sizeof path, "%s/%s", tmpdir, name);
  char cmd[13000];
  snprintf (cmd, sizeof cmd,
            "python3 '%s/daemon/tests/make-rpmdb.py' %s '%s/fedora-db.sql.xz' "
            "'%s' %s", src, format, data, path, opts);
  if (system (cmd) != 0) {
    CHECK (0, "cannot build %s (needs python3 and db_load from db5.3-util)",
           name);
    return NULL;
  }
  return path;
}

static unsigned char *
read_whole (const char *path, size_t *len)
{
  struct stat st;
  FILE *fp = fopen (path, "rb");
  if (fp == NULL || fstat (fileno (fp), &st) == -1) {
    if (fp)
      fclose (fp);
    return NULL;
  }
  unsigned char *buf = malloc (st.st_size + 1);
  *len = fread (buf, 1, st.st_size, fp);
  fclose (fp);
  return buf;
}

typedef int (*rpmdb_reader) (const struct db_file *, app_found_fn, void *);

static int
read_mem (rpmdb_reader reader, const unsigned char *buf, size_t len,
          struct collected *c)
{
  struct db_file f = { .size = len, .mem = buf, .fd = -1 };
  return reader (&f, collect, c);
}

/* C holds exactly the lines of WANT, in order (WANT is kept). */
static void
expect_same (const char *what, struct collected *c, const struct collected *want)
{
  CHECK (c->n == want->n, "%s: %zu applications, expected %zu", what, c->n,
         want->n);
  for (size_t i = 0; i < c->n && i < want->n; i++)
    CHECK (strcmp (c->lines[i], want->lines[i]) == 0,
           "%s: [%zu]\n  got      %.60s\n  expected %.60s", what, i,
           c->lines[i], want->lines[i]);
  collected_free (c);
}

/* Every line of C is one of WANT's: a damaged database may lose
 * packages but never invent or garble one. */
static void
expect_subset (const char *what, struct collected *c,
               const struct collected *want)
{
  for (size_t i = 0; i < c->n; i++) {
    int known = 0;
    for (size_t j = 0; j < want->n && !known; j++)
      known = strcmp (c->lines[i], want->lines[j]) == 0;
    CHECK (known, "%s: unexpected application %.60s", what, c->lines[i]);
  }
  collected_free (c);
}

/* Random damage: whatever the reader makes of it, it must return. */
static void
mangle (rpmdb_reader reader, const unsigned char *buf, size_t len,
        uint32_t seed, int rounds)
{
  unsigned char *copy = malloc (len);
  struct collected c = { 0 };
  for (int round = 0; round < rounds; round++) {
    memcpy (copy, buf, len);
    for (int k = 0; k < 16; k++) {
      seed = seed * 1103515245 + 12345;
      /* Most damage near the start, where meta data and slots are. */
      size_t at = (seed >> 4) % (k < 8 ? (len < 8192 ? len : 8192) : len);
      copy[at] = seed >> 24;
    }
    int r = read_mem (reader, copy, len, &c);
    CHECK (r == RPMDB_OK || r == RPMDB_NOT_DB || r == RPMDB_STOPPED,
           "mangled database: result %d", r);
    collected_free (&c);
  }
  free (copy);
}

/* Every prefix of a database loses records but never garbles one. */
static void
truncations (const char *what, rpmdb_reader reader, const unsigned char *buf,
             size_t len, size_t step, const struct collected *want)
{
  struct collected c = { 0 };
  for (size_t n = 0; n < len; n += step) {
    int r = read_mem (reader, buf, n, &c);
    CHECK (r == RPMDB_OK || r == RPMDB_NOT_DB, "%s truncated at %zu: %d",
           what, n, r);
    CHECK (c.n < want->n, "%s truncated at %zu: %zu applications", what, n,
           c.n);
    expect_subset (what, &c, want);
  }
}

static uint32_t
get32 (const unsigned char *p, int big_endian)
{
  return big_endian ? (uint32_t) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
    : (uint32_t) p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

static void
put32 (unsigned char *p, uint32_t v, int big_endian)
{
  for (int i = 0; i < 4; i++)
    p[big_endian ? 3 - i : i] = v >> (8 * i);
}

/* Points the next_pgno of every overflow page of type TYPE (7: overflow,
 * 13: hash) in a copy of the database back at the page itself or at the
 * previous page: cycles, that the reader must break. */
static unsigned char *
make_cycles (const unsigned char *buf, size_t len, int type, int to_prev)
{
  int be = buf[12] == 0;        /* the magic 0x00061561 */
  uint32_t pagesize = get32 (buf + 20, be);
  unsigned char *copy = malloc (len);
  memcpy (copy, buf, len);
  for (size_t pg = 1; pg < len / pagesize; pg++) {
    unsigned char *p = copy + pg * pagesize;
    if (p[25] == type && (type != 7 || get32 (p + 16, be) != 0))
      put32 (p + 16, to_prev && pg > 1 ? pg - 1 : pg, be);
  }
  return copy;
}

static void
test_rpm_bdb (const char *src, const char *data, const struct collected *want)
{
  static const struct { const char *name, *opts; } variants[] = {
    { "Packages", "" },                                  /* 4 KiB, LE */
    { "Packages-be", "--pagesize 512 --ffactor 1 --big-endian" },
    { "Packages-64k", "--pagesize 65536" },        /* headers on page too */
  };
  struct collected c = { 0 };
  for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
    const char *path = make_rpmdb (src, data, "bdb", variants[v].name,
                                   variants[v].opts);
    size_t len;
    unsigned char *buf = path ? read_whole (path, &len) : NULL;
    if (buf == NULL)
      continue;
    CHECK (read_mem (read_rpm_bdb, buf, len, &c) == RPMDB_OK, "%s", path);
    expect_same (variants[v].name, &c, want);
    CHECK (read_mem (read_rpm_ndb, buf, len, &c) == RPMDB_NOT_DB,
           "%s taken as ndb", path);

    /* Through pread, as the daemon reads it. */
    int fd = open (path, O_RDONLY);
    struct db_file f = { .size = len, .fd = fd };
    CHECK (read_rpm_bdb (&f, collect, &c) == RPMDB_OK, "%s: pread", path);
    expect_same ("pread", &c, want);
    f.size = len + 65536;       /* the file is shorter than said */
    CHECK (read_rpm_bdb (&f, collect, &c) == RPMDB_OK, "%s: short", path);
    expect_same ("short", &c, want);
    close (fd);

    size_t pagesize = get32 (buf + 20, buf[12] == 0);
    truncations (variants[v].name, read_rpm_bdb, buf, len,
                 pagesize * 7 + 13, want);
    for (int type = 7; type <= 13; type += 6)
      for (int prev = 0; prev < 2; prev++) {
        unsigned char *cyc = make_cycles (buf, len, type, prev);
        int r = read_mem (read_rpm_bdb, cyc, len, &c);
        CHECK (r == RPMDB_OK, "cycles %d %d: %d", type, prev, r);
        CHECK (type != 7 || c.n < want->n,
               "%s: all headers read through cyclic overflow chains",
               variants[v].name);
        expect_subset ("cycles", &c, want);
        free (cyc);
      }
    mangle (read_rpm_bdb, buf, len, 77 + v, 300);
    free (buf);
  }
}

static void
test_rpm_ndb (const char *src, const char *data, const struct collected *want)
{
  const char *path = make_rpmdb (src, data, "ndb", "Packages.db", "");
  size_t len;
  unsigned char *buf = path ? read_whole (path, &len) : NULL;
  if (buf == NULL)
    return;
  struct collected c = { 0 };
  CHECK (read_mem (read_rpm_ndb, buf, len, &c) == RPMDB_OK, "%s", path);
  expect_same ("Packages.db", &c, want);
  CHECK (read_mem (read_rpm_bdb, buf, len, &c) == RPMDB_NOT_DB,
         "Packages.db taken as bdb");

  int fd = open (path, O_RDONLY);
  struct db_file f = { .size = len, .fd = fd };
  CHECK (read_rpm_ndb (&f, collect, &c) == RPMDB_OK, "%s: pread", path);
  expect_same ("ndb pread", &c, want);
  close (fd);

  truncations ("Packages.db", read_rpm_ndb, buf, len, 1009, want);

  /* Slots that point at each other's blob, outside the file, or at a
   * blob of another package: those packages are skipped. */
  unsigned char *copy = malloc (len);
  memcpy (copy, buf, len);
  memcpy (copy + 3 * 16 + 8, copy + 4 * 16 + 8, 8);    /* another's blob */
  put32 (copy + 5 * 16 + 8, 0xfffffff0, 0);            /* past the end */
  put32 (copy + 6 * 16 + 4, 999, 0);                   /* wrong pkgidx */
  put32 (copy + 12, 0x7fffffff, 0);                    /* slot pages */
  CHECK (read_mem (read_rpm_ndb, copy, len, &c) == RPMDB_NOT_DB,
         "ndb: absurd slot page count accepted");
  put32 (copy + 12, 1, 0);
  CHECK (read_mem (read_rpm_ndb, copy, len, &c) == RPMDB_OK, "ndb: bad slots");
  CHECK (c.n == want->n - 3, "ndb: bad slots: %zu applications", c.n);
  expect_subset ("ndb bad slots", &c, want);
  free (copy);

  mangle (read_rpm_ndb, buf, len, 99, 300);
  free (buf);
}

/* The sqlite path's list: the headers of fedora-db.sql.xz by hnum. */
static void
rpm_reference (const char *data, struct collected *want)
{
  struct blobs b = { .n = 0 };
  load_fedora_blobs (data, &b);
  for (size_t i = 0; i < b.n; i++) {
    parse_rpm_header (b.blob[i], b.len[i], collect, want);
    free (b.blob[i]);
  }
}

static void
test_rpm_files (const char *src, const char *data)
{
  if (mkdtemp (tmpdir) == NULL) {
    CHECK (0, "mkdtemp");
    return;
  }
  struct collected want = { 0 };
  rpm_reference (data, &want);
  CHECK (want.n == 17, "reference: %zu applications", want.n);
  test_rpm_bdb (src, data, &want);
  test_rpm_ndb (src, data, &want);
  collected_free (&want);

  static const unsigned char empty[1];
  struct collected c = { 0 };
  CHECK (read_mem (read_rpm_bdb, empty, 0, &c) == RPMDB_NOT_DB, "empty bdb");
  CHECK (read_mem (read_rpm_ndb, empty, 0, &c) == RPMDB_NOT_DB, "empty ndb");

  char cmd[200];
  snprintf (cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
  if (system (cmd) != 0)
    fprintf (stderr, "warning: cannot remove %s\n", tmpdir);
}

/* Random pages behind valid-looking headers of both formats. */
static void
test_rpmdb_garbage (void)
{
  static unsigned char buf[65536];
  uint32_t seed = 4242;
  struct collected c = { 0 };
  for (int round = 0; round < 400; round++) {
    size_t len = 512 + round * 157 % (sizeof buf - 512);
    for (size_t i = 0; i < len; i++) {
      seed = seed * 1103515245 + 12345;
      buf[i] = seed >> 16;
    }
    int be = round & 1;
    put32 (buf + 12, 0x061561, be);          /* hash meta page */
    put32 (buf + 16, 9, be);
    put32 (buf + 20, 512, be);
    buf[24] = 0;
    buf[25] = 8;
    put32 (buf + 72, round % 7, be);        /* max_bucket */
    for (int i = 0; i < 32; i++)
      put32 (buf + 96 + 4 * i, round % 3, be);
    read_mem (read_rpm_bdb, buf, len, &c);
    collected_free (&c);
    memcpy (buf, "RpmP\0\0\0\0", 8);
    put32 (buf + 12, 1 + round % 3, 0);
    read_mem (read_rpm_ndb, buf, len, &c);
    collected_free (&c);
  }
}

static void
test_garbage (void)
{
  static unsigned char buf[65536];
  uint32_t seed = 42;
  struct collected c = { 0 };
  for (int round = 0; round < 300; round++) {
    size_t len = round * 211 % sizeof buf;
    for (size_t i = 0; i < len; i++) {
      seed = seed * 1103515245 + 12345;
      /* Mostly text with the parsers' separators, to reach deep states. */
      static const char alphabet[] = "Package: Status: installed Version:1-:\n\n %NAME%%VERSION%%ARCH%P:V:A:\t";
      buf[i] = round % 3 ? alphabet[(seed >> 16) % (sizeof alphabet - 1)]
                         : (unsigned char) (seed >> 16);
    }
    parse_dpkg_status ((char *) buf, len, collect, &c);
    collected_free (&c);
    parse_pacman_desc ((char *) buf, len, collect, &c);
    collected_free (&c);
    parse_apk_installed ((char *) buf, len, collect, &c);
    collected_free (&c);
    parse_rpm_header (buf, len, collect, &c);
    collected_free (&c);
  }
}

int
main (int argc, char **argv)
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s SOURCE_ROOT\n", argv[0]);
    return 2;
  }
  char data[2048];
  snprintf (data, sizeof data, "%s/../shared/test-data", argv[1]);

  test_dpkg_real (data);
  test_dpkg_edges ();
  test_pacman (data);
  test_apk ();
  test_rpm (data);
  test_rpm_files (argv[1], data);
  test_rpmdb_garbage ();
  test_garbage ();
  if (failures) {
    fprintf (stderr, "%d failures\n", failures);
    return 1;
  }
  printf ("inspect-apps parsers: all tests passed\n");
  return 0;
}
