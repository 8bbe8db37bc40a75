/* The rpm database of the guest mounted on /sysroot, in the format the
 * guest's rpm would use: rpmdb.sqlite (rpm >= 4.16; table Packages
 * (hnum, blob), one package header per blob), else the ndb Packages.db,
 * else the Berkeley DB Packages (inspect-apps-ndb.c, inspect-apps-bdb.c).
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "daemon.h"
#include "inspect-apps-io.h"
#include "inspect-apps-parse.h"
#include "inspect-apps-rpmfile.h"

/* Where rpm keeps its database: the traditional place first, then the
 * one newer Fedora and openSUSE use (/var/lib/rpm is often a symlink). */
static const char *const rpmdb_dirs[] = {
  "/var/lib/rpm", "/usr/lib/sysimage/rpm", NULL,
};

/* Opens the database read-only through an fd opened safely inside the
 * sysroot; "immutable" stops sqlite from creating -wal / -shm files on
 * the guest's (read-only) filesystem. */
static sqlite3 *
open_rpmdb (int fd)
{
  char uri[64];
  snprintf (uri, sizeof uri, "file:/proc/self/fd/%d?immutable=1", fd);
  sqlite3 *db = NULL;
  int r = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
                           NULL);
  if (r != SQLITE_OK) {
    debug ("list applications: rpmdb.sqlite: %s", db ? sqlite3_errmsg (db)
           : sqlite3_errstr (r));
    sqlite3_close (db);
    return NULL;
  }
  return db;
}

static int
list_rpmdb_sqlite (sqlite3 *db, struct app_sink *sink)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, "SELECT blob FROM Packages ORDER BY hnum",
                          -1, &stmt, NULL) != SQLITE_OK) {
    /* Not an rpm database (or not sqlite at all): no applications. */
    debug ("list applications: rpmdb.sqlite: %s", sqlite3_errmsg (db));
    return 0;
  }
  int r = 0, step;
  while (r != -1 && (step = sqlite3_step (stmt)) == SQLITE_ROW) {
    const void *blob = sqlite3_column_blob (stmt, 0);
    int len = sqlite3_column_bytes (stmt, 0);
    if (blob == NULL || len <= 0)
      continue;
    r = parse_rpm_header (blob, len, apps_found, sink);
    if (r == 1)
      debug ("list applications: rpmdb.sqlite: skipping a bad header");
  }
  if (r != -1 && step != SQLITE_DONE)
    debug ("list applications: rpmdb.sqlite: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return r == -1 ? -1 : 0;
}

static int
list_sqlite (int fd, struct app_sink *sink)
{
  sqlite3 *db = open_rpmdb (fd);
  int r = db ? list_rpmdb_sqlite (db, sink) : 0;
  sqlite3_close (db);
  return r;
}

/* The binary databases, read with pread: they may be large. */
static int
list_binary (int fd, const char *path, off_t size, struct app_sink *sink,
             int (*reader) (const struct db_file *, app_found_fn, void *))
{
  struct db_file f = { .size = size, .mem = NULL, .fd = fd };
  switch (reader (&f, apps_found, sink)) {
  case RPMDB_OK:
    return 0;
  case RPMDB_NOT_DB:
    debug ("list applications: %s: not an rpm database of this format", path);
    return 0;
  case RPMDB_NOMEM:
    reply_with_error ("%s: out of memory reading the rpm database", path);
    return -1;
  default:                      /* RPMDB_STOPPED: the sink has replied */
    return -1;
  }
}

enum rpmdb_format { RPMDB_SQLITE, RPMDB_NDB, RPMDB_BDB };

/* In the order rpm prefers them when more than one is present. */
static const struct {
  const char *file;
  enum rpmdb_format format;
} rpmdb_files[] = {
  { "rpmdb.sqlite", RPMDB_SQLITE },
  { "Packages.db", RPMDB_NDB },
  { "Packages", RPMDB_BDB },
};

/* Lists the database PATH if it is a regular file: 1 if it is not there,
 * else 0 or -1 as apps_list_rpm. */
static int
list_rpmdb_file (const char *path, enum rpmdb_format format,
                 struct app_sink *sink)
{
  int fd = sysroot_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd == -1)
    return 1;
  struct stat st;
  if (fstat (fd, &st) == -1 || !S_ISREG (st.st_mode)) {
    close (fd);
    return 1;
  }
  debug ("list applications: reading %s", path);
  int r;
  switch (format) {
  case RPMDB_SQLITE:
    r = list_sqlite (fd, sink);
    break;
  case RPMDB_NDB:
    r = list_binary (fd, path, st.st_size, sink, read_rpm_ndb);
    break;
  default:
    r = list_binary (fd, path, st.st_size, sink, read_rpm_bdb);
    break;
  }
  close (fd);
  return r;
}

int
apps_list_rpm (struct app_sink *sink)
{
  for (size_t i = 0; rpmdb_dirs[i]; i++) {
    for (size_t j = 0; j < sizeof rpmdb_files / sizeof rpmdb_files[0]; j++) {
      char path[64];
      snprintf (path, sizeof path, "%s/%s", rpmdb_dirs[i], rpmdb_files[j].file);
      int r = list_rpmdb_file (path, rpmdb_files[j].format, sink);
      if (r != 1)
        return r;
    }
  }
  debug ("list applications: no rpm database found");
  return 0;
}
