/* Until inspect-windows.c is linked in, no filesystem is a Windows
 * systemroot: this weak definition gives way to the real one. */

#include <config.h>

#include "inspect.h"

__attribute__((weak)) int
inspect_windows_check (const char *mountable, const char *dir,
                       struct inspect_os *os)
{
  (void) mountable; (void) dir; (void) os;
  return 0;
}
