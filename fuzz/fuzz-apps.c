/* libFuzzer targets for the package database parsers; FUZZ_TARGET picks
 * the parser (one binary per parser, built by fuzz/meson.build). */

#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "inspect-apps-parse.h"
#include "inspect-apps-rpmfile.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Reads every string, so that ASan sees any that is not terminated. */
static int
touch (void *opaque, const struct app_info *a)
{
  size_t *total = opaque;
  const char *fields[] = { a->name, a->display_name, a->version, a->release,
                           a->arch, a->url, a->source_package, a->summary,
                           a->description };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    if (fields[i])
      *total += strlen (fields[i]);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  size_t total = 0;
#if FUZZ_TARGET == 1
  parse_dpkg_status ((const char *) data, size, touch, &total);
#elif FUZZ_TARGET == 2
  parse_rpm_header (data, size, touch, &total);
#elif FUZZ_TARGET == 3
  parse_pacman_desc ((const char *) data, size, touch, &total);
#elif FUZZ_TARGET == 4
  parse_apk_installed ((const char *) data, size, touch, &total);
#elif FUZZ_TARGET == 5 || FUZZ_TARGET == 6
  struct db_file f = { .size = size, .mem = data, .fd = -1 };
# if FUZZ_TARGET == 5
  read_rpm_bdb (&f, touch, &total);
# else
  read_rpm_ndb (&f, touch, &total);
# endif
#else
# error "FUZZ_TARGET"
#endif
  return 0;
}
