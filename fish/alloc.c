/* guestfish: `alloc` and `sparse`, which create a raw disk image on the
 * host and add it to the handle.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fish-internal.h"

static int
create_and_add (const char *cmd, size_t argc, char *argv[],
                const char *prealloc)
{
  int64_t size;

  if (argc != 2) {
    fprintf (stderr, "use '%s file size' to create an image\n", cmd);
    return -1;
  }
  if (fish_parse_size (argv[1], &size) == -1)
    return -1;
  if (guestfs_disk_create (g, argv[0], "raw", size,
                           GUESTFS_DISK_CREATE_PREALLOCATION, prealloc,
                           -1) == -1)
    return -1;
  if (guestfs_add_drive_opts (g, argv[0],
                              GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == -1)
    return -1;
  return 0;
}

int
run_alloc (const char *cmd, size_t argc, char *argv[])
{
  return create_and_add (cmd, argc, argv, "full");
}

int
run_sparse (const char *cmd, size_t argc, char *argv[])
{
  return create_and_add (cmd, argc, argv, "sparse");
}
