/* Readers of the binary rpm databases older than rpmdb.sqlite: the
 * Berkeley DB hash file /var/lib/rpm/Packages and rpm's own ndb
 * Packages.db.  Both hand each package header blob, in record number
 * order, to parse_rpm_header.  They depend on nothing else of the
 * daemon, so the unit tests and the fuzz targets link them alone.
 */
#ifndef GUESTFERRY_DAEMON_INSPECT_APPS_RPMFILE_H
#define GUESTFERRY_DAEMON_INSPECT_APPS_RPMFILE_H

#include <stddef.h>
#include <stdint.h>

#include "inspect-apps-parse.h"

/* A database file read on demand: from MEM when it is not NULL (tests,
 * fuzzing), else with pread on FD (the daemon: the file may be large). */
struct db_file {
  uint64_t size;
  const unsigned char *mem;
  int fd;
};

/* Reads LEN bytes at OFF.  0, or -1 if that is outside the file or the
 * read failed: callers take both as a corrupt record. */
int db_file_read (const struct db_file *f, void *buf, size_t len, uint64_t off);

/* What the readers return. */
enum rpmdb_result {
  RPMDB_OK = 0,                 /* every readable header was handed over */
  RPMDB_NOT_DB = 1,             /* not a database of this format */
  RPMDB_STOPPED = -1,           /* FOUND failed */
  RPMDB_NOMEM = -2,             /* out of memory */
};

/* Largest header blob taken (as rpm's own limit on a header). */
#define RPMDB_MAX_BLOB (256u * 1024 * 1024)

int read_rpm_bdb (const struct db_file *f, app_found_fn found, void *opaque);
int read_rpm_ndb (const struct db_file *f, app_found_fn found, void *opaque);

/* Visited-page set: bounds every walk of a corrupt file, whose page
 * links may form cycles, to one visit per page. */
struct page_set {
  unsigned char *bits;
  uint64_t npages;
};
int page_set_init (struct page_set *s, uint64_t npages);   /* -1: ENOMEM */
/* Marks PAGE; 0 if it was new, -1 if out of range or already marked. */
int page_set_mark (struct page_set *s, uint64_t page);
void page_set_free (struct page_set *s);

#endif
