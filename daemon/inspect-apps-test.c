/* Unit tests of the package database parsers (no appliance): the real
 * test data of ../shared/test-data, edge cases whose expected results
 * come from libguestfs 1.48 run on the same input, and garbage.
 *
 * Usage: inspect-apps-test SOURCE_ROOT
 */

#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "inspect-apps-parse.h"

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
  test_garbage ();
  if (failures) {
    fprintf (stderr, "%d failures\n", failures);
    return 1;
  }
  printf ("inspect-apps parsers: all tests passed\n");
  return 0;
}
