/* Parsers of guest package databases.  They work on memory buffers and
 * depend on nothing else of the daemon, so the unit tests and the fuzz
 * targets link them alone.  Each hands every application it finds to a
 * callback; malformed records are skipped, never fatal.
 */
#ifndef GUESTFERRY_DAEMON_INSPECT_APPS_PARSE_H
#define GUESTFERRY_DAEMON_INSPECT_APPS_PARSE_H

#include <stddef.h>

#include "inspect-apps.h"

/* Returns 0 to go on, -1 to stop the parse (the parser then returns -1). */
typedef int (*app_found_fn) (void *opaque, const struct app_info *info);

/* /var/lib/dpkg/status: installed packages only. */
int parse_dpkg_status (const char *buf, size_t len,
                       app_found_fn found, void *opaque);

/* One /var/lib/pacman/local/PKG/desc file. */
int parse_pacman_desc (const char *buf, size_t len,
                       app_found_fn found, void *opaque);

/* /lib/apk/db/installed. */
int parse_apk_installed (const char *buf, size_t len,
                         app_found_fn found, void *opaque);

/* One rpm header blob as the rpm database stores it (index entry count,
 * data length, index entries, data store; no lead, no magic).  Returns
 * 0 after calling FOUND, 1 if the blob is not a valid package header,
 * -1 if FOUND failed.
 */
int parse_rpm_header (const void *blob, size_t len,
                      app_found_fn found, void *opaque);

/* "[EPOCH:]VERSION[-RELEASE]" split as the reference splits dpkg,
 * pacman and apk versions: the epoch before the first ':' and the release
 * after the first '-' that follows (SPLIT_FIRST_DASH; SPLIT_LAST_DASH
 * takes the last one).  Writes into BUF (a copy of the string the caller
 * owns); *EPOCH is -1 if the epoch is not a number.
 */
enum release_split { SPLIT_FIRST_DASH, SPLIT_LAST_DASH };
void split_version (char *buf, enum release_split how, int *epoch,
                    const char **version, const char **release);

#endif
