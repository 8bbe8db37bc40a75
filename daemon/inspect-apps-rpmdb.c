/* The rpm database of the guest mounted on /sysroot: rpmdb.sqlite (rpm
 * >= 4.16), table Packages (hnum, blob), one package header per blob.
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

int
apps_list_rpm (struct app_sink *sink)
{
  for (size_t i = 0; rpmdb_dirs[i]; i++) {
    char path[64];
    snprintf (path, sizeof path, "%s/rpmdb.sqlite", rpmdb_dirs[i]);
    int fd = sysroot_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
    if (fd == -1)
      continue;
    struct stat st;
    if (fstat (fd, &st) == -1 || !S_ISREG (st.st_mode)) {
      close (fd);
      continue;
    }
    sqlite3 *db = open_rpmdb (fd);
    int r = db ? list_rpmdb_sqlite (db, sink) : 0;
    sqlite3_close (db);
    close (fd);
    return r;
  }
  debug ("list applications: no rpmdb.sqlite found");
  return 0;
}
