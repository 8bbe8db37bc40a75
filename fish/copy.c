/* guestfish: copy-in and copy-out, taking several sources: each is one
 * guestfs_copy_in / guestfs_copy_out (lib/copy-in-out.c, which also
 * makes what comes out of the guest harmless).
 */
#include <config.h>

#include <stdio.h>
#include <sys/stat.h>

#include "fish-internal.h"

int
run_copy_in (const char *cmd, size_t argc, char *argv[])
{
  const char *remotedir;
  int isdir;

  if (argc < 2) {
    fprintf (stderr, "use 'copy-in <local> [<local>...] <remotedir>' to copy files into the image\n");
    return -1;
  }
  remotedir = argv[argc - 1];
  isdir = guestfs_is_dir (g, remotedir);
  if (isdir == -1)
    return -1;
  if (!isdir) {
    fprintf (stderr, "copy-in: target \u2018%s\u2019 is not a directory\n", remotedir);
    return -1;
  }
  for (size_t i = 0; i < argc - 1; ++i)
    if (guestfs_copy_in (g, argv[i], remotedir) == -1)
      return -1;
  return 0;
}

int
run_copy_out (const char *cmd, size_t argc, char *argv[])
{
  const char *localdir;
  struct stat st;

  if (argc < 2) {
    fprintf (stderr, "use 'copy-out <remote> [<remote>...] <localdir>' to copy files out of the image\n");
    return -1;
  }
  localdir = argv[argc - 1];
  if (stat (localdir, &st) == -1 || !S_ISDIR (st.st_mode)) {
    fprintf (stderr, "copy-out: target \u2018%s\u2019 is not a directory\n", localdir);
    return -1;
  }
  for (size_t i = 0; i < argc - 1; ++i)
    if (guestfs_copy_out (g, argv[i], localdir) == -1)
      return -1;
  return 0;
}
