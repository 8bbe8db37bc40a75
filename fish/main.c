/* guestfish: command-line options and the overall flow:
 * parse options -> add drives -> (launch, prepare -N disks, mount -m) ->
 * run commands from argv, a script or the interactive prompt.
 */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "drives.h"
#include "fish-internal.h"
#include "keys.h"
#include "version.h"

guestfs_h *g;
int read_only;
int live;
int quit;
int verbose;
int command_num;
int pipe_error;
int in_guestfish_shell;
int progress_bars = -1;
int remote_control;
int complete_dest_paths = 1;
int echo_commands;
const char *input_file;
int input_lineno;
const char *program_name = "guestfish";
static const char *libvirt_uri;

/* Option state. */
struct opts {
  struct drv *drvs, **drvs_tail;
  struct mp *mps, **mps_tail;
  struct drive_options drive_options;   /* --format, --blocksize */
  int inspector;
  int trace;
  int nr_N;
  int launch_needed;
};

static void
usage (int status)
{
  if (status != EXIT_SUCCESS) {
    fprintf (stderr, "Try \u2018%s --help\u2019 for more information.\n",
             program_name);
    exit (status);
  }
  printf ("%s: the guest filesystem shell\n"
          "Examine and change the files and filesystems of virtual machine disk images.\n"
          "Usage:\n"
          "  %s [--options] cmd [: cmd : cmd ...]\n"
          "Options:\n"
          "  -h|--cmd-help        List the guestfish commands\n"
          "  -h|--cmd-help cmd    Show the help of command 'cmd'\n"
          "  -a|--add image       Add a disk image\n"
          "  --blocksize[=512|4096]\n"
          "                       Sector size of the disks added by -a\n"
          "  -c|--connect uri     libvirt URI for -d\n"
          "  --csh                Print csh syntax with --listen\n"
          "  -d|--domain guest    Add the disks of a libvirt guest\n"
          "  --echo-keys          Echo passphrases as they are typed\n"
          "  -f|--file file       Read commands from a file\n"
          "  --format[=raw|..]    Disk format for the following -a options\n"
          "  --help               Show this help\n"
          "  -i|--inspector       Inspect the disks and mount the guest's filesystems\n"
          "  --key selector       LUKS key for a device\n"
          "  --keys-from-stdin    Read passphrases from stdin\n"
          "  --listen             Run in the background, listening for --remote\n"
          "  -m|--mount dev[:mnt[:opts[:fstype]]]\n"
          "                       Mount dev on mnt (default: /)\n"
          "  --network            Give the appliance a network\n"
          "  -N|--new [filename=]type\n"
          "                       Create a prepared disk (test<N>.img by default)\n"
          "  -n|--no-sync         Turn off autosync\n"
          "  --no-dest-paths      No tab-completion of guest paths\n"
          "  --pipe-error         Failures writing to a pipe command are errors\n"
          "  --progress-bars      Progress bars even when not interactive\n"
          "  --no-progress-bars   No progress bars\n"
          "  --remote[=pid]       Send the commands to a --listen guestfish\n"
          "  -r|--ro              Open disks read-only\n"
          "  --selinux            Accepted for compatibility, no effect\n"
          "  -v|--verbose         Debugging messages\n"
          "  -V|--version         Print the version and exit\n"
          "  -w|--rw              Open disks read-write\n"
          "  -x                   Trace each API call\n"
          "\n"
          "To look inside a disk image or a libvirt guest:\n"
          "  %s [--ro|--rw] -i -a /path/to/disk.img\n"
          "  %s [--ro|--rw] -i -d name-of-libvirt-domain\n"
          "(--ro is the safe choice unless you mean to change the disk.)\n"
          "\n"
          "Without -i, use 'run', 'list-filesystems' and 'mount'.\n"
          "\n"
          "Manual page: guestfish(1).\n",
          program_name, program_name, program_name, program_name);
  exit (EXIT_SUCCESS);
}

guestfs_h *
fish_create_handle (void)
{
  guestfs_h *h = guestfs_create ();

  if (!h) {
    fprintf (stderr, "%s: failed to create handle\n", program_name);
    exit (EXIT_FAILURE);
  }
  return h;
}

static void
not_supported (const char *what)
{
  fprintf (stderr, "%s: %s is not supported by this version of guestfish\n",
           program_name, what);
  exit (EXIT_FAILURE);
}

static void
add_drive_option (struct opts *o, const char *arg)
{
  struct drive drive;
  struct drv *d = calloc (1, sizeof *d);

  if (!d) {
    perror ("calloc");
    exit (EXIT_FAILURE);
  }
  drive_options_take (&o->drive_options, arg, &drive);
  d->type = drv_a;
  d->filename = drive.filename;
  d->format = drive.format;
  if (drive.blocksize && asprintf (&d->blocksize, "%d", drive.blocksize) == -1) {
    perror ("asprintf");
    exit (EXIT_FAILURE);
  }
  *o->drvs_tail = d;
  o->drvs_tail = &d->next;
}

/* --key ID:key:STRING or ID:file:FILENAME */
static void
key_option (const char *selector)
{
  const char *why;

  if (add_key_selector (selector, &why) == -1) {
    fprintf (stderr, "%s: selector '%s': %s\n", program_name, selector, why);
    exit (EXIT_FAILURE);
  }
}

static void
new_drive_option (struct opts *o, const char *arg)
{
  struct drv *d;

  if (strcmp (arg, "help") == 0 || strcmp (arg, "list") == 0) {
    prep_list ();
    exit (EXIT_SUCCESS);
  }
  d = calloc (1, sizeof *d);
  if (!d) {
    perror ("calloc");
    exit (EXIT_FAILURE);
  }
  o->nr_N++;
  if (prep_parse (arg, o->nr_N, d) == -1 || prep_create (d) == -1)
    exit (EXIT_FAILURE);
  *o->drvs_tail = d;
  o->drvs_tail = &d->next;
  o->launch_needed = 1;
}

/* -m dev[:mountpoint[:options[:fstype]]] */
static void
mount_option (struct opts *o, const char *arg)
{
  struct mp *m = calloc (1, sizeof *m);
  char *copy = strdup (arg), *p;

  if (!m || !copy) {
    perror ("malloc");
    exit (EXIT_FAILURE);
  }
  p = strchr (copy, ':');
  if (p) {
    *p++ = '\0';
    char *opts = strchr (p, ':');
    if (opts) {
      *opts++ = '\0';
      char *fstype = strchr (opts, ':');
      if (fstype) {
        *fstype++ = '\0';
        m->fstype = strdup (fstype);
      }
      m->options = strdup (opts);
    }
    m->mountpoint = strdup (p);
  }
  else
    m->mountpoint = strdup ("/");
  m->device = strdup (copy);
  free (copy);
  *o->mps_tail = m;
  o->mps_tail = &m->next;
  o->launch_needed = 1;
}

/* -h [cmd]: the command list or one command's help. */
static void
cmd_help (const char *cmd)
{
  if (cmd) {
    exit (display_command (cmd) == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
  }
  list_commands ();
  exit (EXIT_SUCCESS);
}

enum {
  OPT_BLOCKSIZE = 256, OPT_CSH, OPT_ECHO_KEYS, OPT_FORMAT, OPT_HELP, OPT_KEY,
  OPT_KEYS_FROM_STDIN, OPT_LISTEN, OPT_LIVE, OPT_NETWORK, OPT_NO_DEST_PATHS,
  OPT_NO_PROGRESS, OPT_PIPE_ERROR, OPT_PROGRESS, OPT_REMOTE, OPT_SELINUX,
};

static const char short_options[] = "a:c:d:Df:h::im:nN:rvVwx";
static const struct option long_options[] = {
  { "add", 1, 0, 'a' },
  { "blocksize", 2, 0, OPT_BLOCKSIZE },
  { "cmd-help", 2, 0, 'h' },
  { "connect", 1, 0, 'c' },
  { "csh", 0, 0, OPT_CSH },
  { "domain", 1, 0, 'd' },
  { "echo-keys", 0, 0, OPT_ECHO_KEYS },
  { "file", 1, 0, 'f' },
  { "format", 2, 0, OPT_FORMAT },
  { "help", 0, 0, OPT_HELP },
  { "inspector", 0, 0, 'i' },
  { "key", 1, 0, OPT_KEY },
  { "keys-from-stdin", 0, 0, OPT_KEYS_FROM_STDIN },
  { "listen", 0, 0, OPT_LISTEN },
  { "live", 0, 0, OPT_LIVE },
  { "mount", 1, 0, 'm' },
  { "network", 0, 0, OPT_NETWORK },
  { "new", 1, 0, 'N' },
  { "no-dest-paths", 0, 0, OPT_NO_DEST_PATHS },
  { "no-sync", 0, 0, 'n' },
  { "no-progress-bars", 0, 0, OPT_NO_PROGRESS },
  { "pipe-error", 0, 0, OPT_PIPE_ERROR },
  { "progress-bars", 0, 0, OPT_PROGRESS },
  { "remote", 2, 0, OPT_REMOTE },
  { "ro", 0, 0, 'r' },
  { "rw", 0, 0, 'w' },
  { "selinux", 0, 0, OPT_SELINUX },
  { "verbose", 0, 0, 'v' },
  { "version", 0, 0, 'V' },
  { 0, 0, 0, 0 }
};

static void
parse_options (int argc, char *argv[], struct opts *o)
{
  int c;

  for (;;) {
    c = getopt_long (argc, argv, short_options, long_options, NULL);
    if (c == -1)
      break;
    switch (c) {
    case 'a': add_drive_option (o, optarg); break;
    case 'c': libvirt_uri = optarg; break;   /* only used by -d */
    case 'd': not_supported ("-d (adding libvirt domains)"); break;
    case 'D': fprintf (stderr, "%s: -D is obsolete and ignored\n", program_name); break;
    case 'f':
      if (input_file) {
        fprintf (stderr, "%s: only one -f parameter can be given\n", program_name);
        exit (EXIT_FAILURE);
      }
      input_file = optarg;
      break;
    case 'h':
      cmd_help (optarg ? optarg : optind < argc ? argv[optind] : NULL);
      break;
    case 'i': o->inspector = 1; o->launch_needed = 1; break;
    case OPT_KEY: key_option (optarg); break;
    case 'm': mount_option (o, optarg); break;
    case 'n': guestfs_set_autosync (g, 0); break;
    case 'N': new_drive_option (o, optarg); break;
    case 'r': read_only = 1; break;
    case 'w': read_only = 0; break;
    case 'v': verbose++; guestfs_set_verbose (g, verbose); break;
    case 'V': print_version_and_exit (program_name);
    case 'x': o->trace = 1; break;
    case OPT_BLOCKSIZE:
      drive_options_set_blocksize (&o->drive_options, optarg);
      break;
    case OPT_CSH: break;
    case OPT_ECHO_KEYS: echo_keys = 1; break;
    case OPT_FORMAT:
      drive_options_set_format (&o->drive_options, optarg);
      break;
    case OPT_HELP: usage (EXIT_SUCCESS); break;
    case OPT_KEYS_FROM_STDIN: keys_from_stdin = 1; break;
    case OPT_LISTEN: not_supported ("--listen"); break;
    case OPT_LIVE: not_supported ("--live"); break;
    case OPT_NETWORK: guestfs_set_network (g, 1); break;
    case OPT_NO_DEST_PATHS: complete_dest_paths = 0; break;
    case OPT_NO_PROGRESS: progress_bars = 0; break;
    case OPT_PIPE_ERROR: pipe_error = 1; break;
    case OPT_PROGRESS: progress_bars = 1; break;
    case OPT_REMOTE: not_supported ("--remote"); break;
    case OPT_SELINUX: break;
    default: usage (EXIT_FAILURE);
    }
  }
  drive_options_check_used (&o->drive_options);
}

/* Old syntax: "guestfish -i disk.img" / "guestfish -i domain". */
static void
old_style_inspector (int argc, char *argv[], struct opts *o)
{
  if (!o->inspector || o->drvs || optind >= argc)
    return;
  if (strchr (argv[optind], '/'))
    add_drive_option (o, argv[optind]);
  else
    not_supported ("-d (adding libvirt domains)");
  optind++;
}

static void
error_handler (guestfs_h *h, void *data, const char *msg)
{
  if (!in_guestfish_shell)
    fprintf (stderr, "%s:%d: ", input_file ? input_file : "*stdin*", input_lineno);
  fprintf (stderr, "libguestfs: error: %s\n", msg);
}

int inspect_mount (void);   /* inspect.c */

/* Everything between option parsing and the first command. */
static int
setup_guest (struct opts *o)
{
  struct drv *d;

  if (o->trace && guestfs_set_trace (g, 1) == -1)
    return -1;
  if (add_drives (o->drvs) == -1)
    return -1;
  if (!o->launch_needed)
    return 0;
  if (guestfs_is_config (g) && guestfs_launch (g) == -1)
    return -1;
  if (o->inspector) {
    decrypt_devices (g);        /* exits when a device will not open */
    if (inspect_mount () == -1)
      return -1;
  }
  for (d = o->drvs; d; d = d->next)
    if (d->type == drv_N && prep_after_launch (d) == -1)
      return -1;
  if (mount_mps (o->mps) == -1)
    return -1;
  return 0;
}

int
main (int argc, char *argv[])
{
  struct opts o = { 0 };
  int r;

  setlocale (LC_ALL, "");
  signal (SIGPIPE, SIG_IGN);
  o.drvs_tail = &o.drvs;
  o.mps_tail = &o.mps;

  /* getopt's messages name argv[0]; the reference's read "guestfish:" */
  argv[0] = (char *) program_name;
  g = fish_create_handle ();
  parse_options (argc, argv, &o);
  old_style_inspector (argc, argv, &o);

  if (setup_guest (&o) == -1) {
    guestfs_close (g);
    exit (EXIT_FAILURE);
  }
  free_drvs (o.drvs);
  free_mps (o.mps);

  guestfs_set_error_handler (g, error_handler, NULL);
  if (optind < argc)
    r = run_argv_commands (argc - optind, argv + optind);
  else
    r = script (input_file == NULL && isatty (STDIN_FILENO));

  if (g) {
    /* the reference shuts the appliance down cleanly only after success */
    if (r == 0)
      guestfs_shutdown (g);
    guestfs_close (g);
  }
  free_event_handlers ();
  exit (r == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
