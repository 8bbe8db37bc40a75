/* guestfish: Key arguments of the generated commands, read as
 * common/keys.c reads every key (prompt, or stdin with
 * --keys-from-stdin).
 */
#include <config.h>

#include "fish-internal.h"
#include "keys.h"

char *
fish_read_key (const char *param)
{
  return read_key (param);
}

void
fish_free_key (char *key)
{
  free_key (key);
}
