/* guestferry-appliance: build (or find) the appliance and print the
 * directory holding its kernel and initrd. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "appliance.h"

static void
debug_cb (void *opaque, const char *msg)
{
  fprintf (stderr, "%s\n", msg);
}

static void
usage (FILE *f)
{
  fprintf (f,
           "Usage: guestferry-appliance [--path DIR[:DIR...]] [--cachedir DIR] [-v]\n"
           "Builds (or finds in the cache) the guestferry appliance and prints\n"
           "the directory holding 'kernel' and 'initrd'.\n"
           "  --path DIRS     appliance search path (default: $LIBGUESTFS_PATH, else %s)\n"
           "  --cachedir DIR  cache parent directory (default: $LIBGUESTFS_CACHEDIR,\n"
           "                  else $TMPDIR, else /var/tmp)\n"
           "  -v, --verbose   print what is done\n",
           GUESTFS_DEFAULT_PATH);
}

int
main (int argc, char *argv[])
{
  static const struct option longopts[] = {
    { "path", required_argument, NULL, 'p' },
    { "cachedir", required_argument, NULL, 'c' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  struct appliance_request req = { 0 };
  int opt;
  while ((opt = getopt_long (argc, argv, "vh", longopts, NULL)) != -1) {
    switch (opt) {
    case 'p': req.path = optarg; break;
    case 'c': req.cachedir = optarg; break;
    case 'v': req.debug = debug_cb; break;
    case 'h': usage (stdout); return EXIT_SUCCESS;
    default: usage (stderr); return EXIT_FAILURE;
    }
  }
  if (optind != argc) {
    usage (stderr);
    return EXIT_FAILURE;
  }
  if (!req.path)
    req.path = getenv ("LIBGUESTFS_PATH");
  if (!req.path || !*req.path)
    req.path = GUESTFS_DEFAULT_PATH;

  struct appliance_paths p;
  char *err = NULL;
  if (appliance_find_or_build (&req, &p, &err) < 0) {
    fprintf (stderr, "guestferry-appliance: %s\n", err ? err : "failed");
    free (err);
    return EXIT_FAILURE;
  }
  if (req.debug)
    fprintf (stderr, "kernel: %s%s\ninitrd: %s\nroot image: %s\nhost TSC: %lu kHz\n",
             p.kernel, p.kernel_is_elf ? " (vmlinux, PVH)" : "", p.initrd,
             p.root ? p.root : "none", appliance_host_tsc_khz ());
  printf ("%s\n", p.dir);
  appliance_paths_free (&p);
  return EXIT_SUCCESS;
}
