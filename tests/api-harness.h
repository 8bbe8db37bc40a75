/* Runtime for the generated API tests (api-tests-gen.c): one launched
 * handle shared by every test, disk preparation, and result checks. */
#ifndef API_HARNESS_H
#define API_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include "guestfs.h"

struct harness_test {
  int (*fn) (void);
  const char *name;
};

extern const struct harness_test harness_tests[];
extern guestfs_h *g;

int harness_prepare (const char *init);
/* The running test uses /dev/sdb: blank it before the next test. */
void harness_second_disk_used (void);
int harness_fail (const char *what);
int harness_failf (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
void harness_expect_error (void);
void harness_end_expect_error (void);
int harness_check_string (const char *desc, const char *got, const char *want);
int harness_check_buffer (const char *desc, const char *got, size_t got_len,
                          size_t want_len, const char *want);
int harness_check_lines (const char *desc, char **got, const char **want);
int harness_check_int (const char *desc, int64_t got, int64_t want);
int harness_check_hash (const char *desc, char **got, const char *key,
                        const char *value);
void harness_free_strings (char **l);
const char *harness_host_file (void);
const char *harness_host_out (void);
/* ../shared/test-data/NAME beside the source tree (a static buffer). */
const char *harness_test_data (const char *name);
int harness_check_host_out (const char *want);

#endif
