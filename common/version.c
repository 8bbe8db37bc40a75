/* guestferry common code: --version, the version of this build (the
 * same as the library's, which is built from the same tree).
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#include "version.h"

void
print_version_and_exit (const char *program)
{
  printf ("%s %s%s\n", program, PACKAGE_VERSION, PACKAGE_VERSION_EXTRA);
  exit (EXIT_SUCCESS);
}
