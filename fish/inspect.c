/* guestfish: -i, find the guest operating system and mount its
 * filesystems where the guest mounts them.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fish-internal.h"
#include "optcalls.h"


int inspect_mount (void);

/* Shorter mountpoints first so that "/" is mounted before "/boot". */
static int
cmp_mountpoints (const void *a, const void *b)
{
  const char *const *x = a, *const *y = b;
  size_t lx = strlen (x[0]), ly = strlen (y[0]);

  return lx < ly ? -1 : lx > ly ? 1 : 0;
}

static int
mount_root (const char *root)
{
  char **mps = opt_inspect_get_mountpoints (g, root);
  size_t n = 0, i;
  int r = 0;

  if (!mps)
    return -1;
  while (mps[n])
    n++;
  qsort (mps, n / 2, 2 * sizeof (char *), cmp_mountpoints);
  for (i = 0; i + 1 < n; i += 2) {
    if (guestfs_mount_options (g, read_only ? "ro" : "", mps[i + 1], mps[i]) == -1) {
      /* like the reference, a filesystem that will not mount is not fatal */
      fprintf (stderr, "%s: some filesystems could not be mounted (ignored)\n",
               program_name);
    }
  }
  fish_free_strings (mps);
  return r;
}

int
inspect_mount (void)
{
  char **roots;
  int r;

  roots = opt_inspect_os (g);
  if (!roots)
    return -1;
  if (roots[0] == NULL) {
    /* the reference's error message, kept identical for scripts */
    fprintf (stderr,
             "%s: no operating system was found on this disk\n"
             "\n"
             "If using guestfish \u2018-i\u2019 option, remove this option and instead\n"
             "use the commands \u2018run\u2019 followed by \u2018list-filesystems\u2019.\n"
             "You can then mount filesystems you want by hand using the\n"
             "\u2018mount\u2019 or \u2018mount-ro\u2019 command.\n"
             "\n"
             "If using guestmount \u2018-i\u2019, remove this option and choose the\n"
             "filesystem(s) you want to see by manually adding \u2018-m\u2019 option(s).\n"
             "Use \u2018virt-filesystems\u2019 to see what filesystems are available.\n"
             "\n"
             "If using other virt tools, this disk image won\u2019t work\n"
             "with these tools.  Use the guestfish equivalent commands\n"
             "(see the virt tool manual page).\n", program_name);
    fish_free_strings (roots);
    return -1;
  }
  if (roots[1] != NULL) {
    fprintf (stderr, "%s: multi-boot operating systems are not supported by "
             "the -i option\n", program_name);
    fish_free_strings (roots);
    return -1;
  }
  r = mount_root (roots[0]);
  fish_free_strings (roots);
  return r;
}
