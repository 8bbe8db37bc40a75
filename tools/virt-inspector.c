/* virt-inspector: print what inspection finds in a disk image, as the
 * XML of libguestfs's virt-inspector(1), or as JSON (--json).
 *
 * Uses only the public guestfs.h API.  Flow: parse options -> add the
 * disks read-only -> launch -> open LUKS devices -> inspect_os ->
 * collect each root -> print.
 */
#include <config.h>

#include <errno.h>
#include <error.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "drives.h"
#include "inspector.h"
#include "keys.h"
#include "version.h"

#define PROGRAM "virt-inspector"

struct options {
  struct drive_options drive_options;   /* --format, --blocksize */
  struct drive_list drives;             /* -a */
  const char *domain;
  const char *xpath;
  int json;
  int want_apps;
  int want_icon;
  int verbose;
  int trace;
};

static void __attribute__((noreturn))
usage (int status)
{
  if (status != EXIT_SUCCESS) {
    fprintf (stderr, "Try \u2018%s --help\u2019 for more information.\n",
             program_invocation_short_name);
    exit (status);
  }
  printf ("%s: display information about a virtual machine\n"
          "Usage:\n"
          "  %s [--options] -a disk.img [-a disk.img ...]\n"
          "  %s --xpath QUERY < output.xml\n"
          "Options:\n"
          "  -a|--add image       Add a disk image (read-only)\n"
          "  --blocksize[=512|4096]\n"
          "                       Sector size of the following -a images\n"
          "  -c|--connect uri     libvirt URI for -d (libvirt is not supported yet)\n"
          "  -d|--domain guest    Add the disks of a libvirt guest (not supported yet)\n"
          "  --echo-keys          Don't turn off echo for passphrases\n"
          "  --format[=raw|..]    Format of the following -a images\n"
          "  --help               Display brief help\n"
          "  --json               Print JSON instead of XML (see below)\n"
          "  --key selector       LUKS key: ID:key:KEY_STRING or ID:file:FILENAME\n"
          "                       (ID is a device name or a LUKS UUID)\n"
          "  --keys-from-stdin    Read passphrases from stdin\n"
          "  --no-applications    Do not output the installed applications\n"
          "  --no-icon            Do not output the guest icon\n"
          "  -v|--verbose         Verbose messages\n"
          "  -V|--version         Display version and exit\n"
          "  -x                   Trace libguestfs API calls\n"
          "  --xpath query        Run an XPath query over the XML on stdin\n"
          "--json prints {\"operatingsystems\": [ {...} ]}: each object has the\n"
          "keys of the XML elements (root, name, arch, distro, ..., osinfo),\n"
          "major_version/minor_version/epoch as numbers, mountpoints as\n"
          "[{\"dev\",\"mountpoint\"}], filesystems as [{\"dev\",\"type\",\"label\",\n"
          "\"uuid\"}], drive_mappings as [{\"dev\",\"name\"}], applications as a\n"
          "list of objects and icon as a base64 string.  Absent fields are\n"
          "left out, as in the XML.\n"
          "For more information, see the manpage %s(1).\n",
          program_invocation_short_name, program_invocation_short_name,
          program_invocation_short_name, PROGRAM);
  exit (EXIT_SUCCESS);
}

static void
add_key_option (const char *selector)
{
  const char *why;

  if (add_key_selector (selector, &why) == -1)
    error (EXIT_FAILURE, 0, "invalid selector for --key: %s", selector);
}

enum { OPT_BLOCKSIZE = 256, OPT_ECHO_KEYS, OPT_FORMAT, OPT_HELP, OPT_JSON,
       OPT_KEY, OPT_KEYS_FROM_STDIN, OPT_NO_APPS, OPT_NO_ICON, OPT_XPATH };

static const struct option long_options[] = {
  { "add", 1, 0, 'a' },
  { "blocksize", 2, 0, OPT_BLOCKSIZE },
  { "connect", 1, 0, 'c' },
  { "domain", 1, 0, 'd' },
  { "echo-keys", 0, 0, OPT_ECHO_KEYS },
  { "format", 2, 0, OPT_FORMAT },
  { "help", 0, 0, OPT_HELP },
  { "json", 0, 0, OPT_JSON },
  { "key", 1, 0, OPT_KEY },
  { "keys-from-stdin", 0, 0, OPT_KEYS_FROM_STDIN },
  { "no-applications", 0, 0, OPT_NO_APPS },
  { "no-icon", 0, 0, OPT_NO_ICON },
  { "verbose", 0, 0, 'v' },
  { "version", 0, 0, 'V' },
  { "xpath", 1, 0, OPT_XPATH },
  { 0, 0, 0, 0 }
};

static void
parse_option (struct options *o, int c)
{
  switch (c) {
  case 'a': drive_list_add (&o->drives, &o->drive_options, optarg); break;
  case 'c': /* only meaningful with -d */ break;
  case 'd': o->domain = optarg; break;
  case 'v': o->verbose = 1; break;
  case 'x': o->trace = 1; break;
  case 'V': print_version_and_exit (PROGRAM);
  case OPT_BLOCKSIZE:
    drive_options_set_blocksize (&o->drive_options, optarg);
    break;
  case OPT_ECHO_KEYS: echo_keys = 1; break;
  case OPT_FORMAT: drive_options_set_format (&o->drive_options, optarg); break;
  case OPT_HELP: usage (EXIT_SUCCESS);
  case OPT_JSON: o->json = 1; break;
  case OPT_KEY: add_key_option (optarg); break;
  case OPT_KEYS_FROM_STDIN: keys_from_stdin = 1; break;
  case OPT_NO_APPS: o->want_apps = 0; break;
  case OPT_NO_ICON: o->want_icon = 0; break;
  case OPT_XPATH: o->xpath = optarg; break;
  default: usage (EXIT_FAILURE);
  }
}

/* Old style: "virt-inspector disk.img ..." or "virt-inspector guest". */
static void
parse_operands (struct options *o, int argc, char **argv)
{
  if (optind >= argc)
    return;
  if (o->drives.nr_drives > 0 || o->domain)
    usage (EXIT_FAILURE);
  if (strchr (argv[optind], '/') || access (argv[optind], F_OK) == 0) {
    for (; optind < argc; optind++)
      drive_list_add (&o->drives, &o->drive_options, argv[optind]);
  } else {
    if (optind + 1 < argc)
      usage (EXIT_FAILURE);
    o->domain = argv[optind++];
  }
}

static void
check_options (const struct options *o)
{
  drive_options_check_used (&o->drive_options);
  if (o->domain)
    error (EXIT_FAILURE, 0,
           "libvirt is not supported yet: cannot add the disks of guest "
           "\u2018%s\u2019; use -a with its disk images instead", o->domain);
  if (o->drives.nr_drives == 0) {
    fprintf (stderr, "%s: error: you must specify at least one -a or -d "
             "option.\n", program_invocation_short_name);
    usage (EXIT_FAILURE);
  }
}

static void
inspect_and_print (guestfs_h *g, const struct options *o)
{
  char **roots;
  struct os_entry **oses;
  size_t i, n = 0;

  roots = guestfs_inspect_os (g);
  if (roots == NULL)
    exit (EXIT_FAILURE);
  while (roots[n])
    n++;
  oses = calloc (n ? n : 1, sizeof *oses);
  if (oses == NULL)
    error (EXIT_FAILURE, errno, "calloc");
  for (i = 0; i < n; i++)
    oses[i] = collect_os (g, roots[i], o->want_apps, o->want_icon);
  if (o->json)
    output_json (oses, n);
  else
    output_xml (oses, n);
  for (i = 0; i < n; i++) {
    free_os (oses[i]);
    free (roots[i]);
  }
  free (oses);
  free (roots);
}

int
main (int argc, char *argv[])
{
  struct options o = { .want_apps = 1, .want_icon = 1 };
  guestfs_h *g;
  int c;

  LIBXML_TEST_VERSION;
  while ((c = getopt_long (argc, argv, "a:c:d:vVx", long_options, NULL)) != -1)
    parse_option (&o, c);
  if (o.xpath) {
    if (optind < argc || o.drives.nr_drives > 0 || o.domain)
      error (EXIT_FAILURE, 0, "cannot use --xpath together with other options");
    do_xpath (o.xpath);
  }
  parse_operands (&o, argc, argv);
  check_options (&o);

  g = guestfs_create ();
  if (g == NULL)
    error (EXIT_FAILURE, errno, "guestfs_create");
  if (o.verbose)
    guestfs_set_verbose (g, 1);
  if (o.trace)
    guestfs_set_trace (g, 1);
  if (drive_list_add_to_handle (g, &o.drives, 1) == -1
      || guestfs_launch (g) == -1)
    exit (EXIT_FAILURE);
  decrypt_devices (g);
  inspect_and_print (g, &o);
  if (guestfs_shutdown (g) == -1)
    exit (EXIT_FAILURE);
  guestfs_close (g);
  drive_list_free (&o.drives);
  xmlCleanupParser ();
  return EXIT_SUCCESS;
}
