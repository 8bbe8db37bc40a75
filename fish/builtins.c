/* guestfish: the commands that are part of guestfish itself rather than
 * of the libguestfs API, and their table.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fish-internal.h"
#include "optcalls.h"

static int
run_help (const char *cmd, size_t argc, char *argv[])
{
  if (argc == 0) {
    printf ("Add disk images with the \u2018-a\u2019 or \u2018-d\u2019 options or the \u2018add\u2019\n"
            "command, or make new ones with \u2018-N\u2019, \u2018alloc\u2019 or \u2018sparse\u2019.\n"
            "Then start the appliance with the \u2018run\u2019 command.\n"
            "\n"
            "\u2018help cmd\u2019 describes one command, \u2018help -l\u2019 lists them all.\n"
            "\n"
            "\u2018man\u2019 opens the manual.\n"
            "\n");
    return 0;
  }
  if (argc == 1 && (strcmp (argv[0], "-l") == 0 || strcmp (argv[0], "--list") == 0)) {
    list_commands ();
    return 0;
  }
  if (argc == 1)
    return display_command (argv[0]);
  fprintf (stderr, "use 'help', 'help <cmd>' or 'help -l|--list' to list all commands\n");
  return -1;
}

static int
run_quit (const char *cmd, size_t argc, char *argv[])
{
  quit = 1;
  return 0;
}

static int
run_echo (const char *cmd, size_t argc, char *argv[])
{
  size_t i;

  for (i = 0; i < argc; ++i)
    printf (i ? " %s" : "%s", argv[i]);
  printf ("\n");
  return 0;
}

static int
run_time (const char *cmd, size_t argc, char *argv[])
{
  struct timeval start, end;
  long long usec;
  int r;

  if (argc < 1) {
    fprintf (stderr, "use 'time command [args...]'\n");
    return -1;
  }
  gettimeofday (&start, NULL);
  r = issue_command (argv[0], &argv[1], NULL, 1);
  gettimeofday (&end, NULL);
  if (r == -1)
    return -1;
  usec = (end.tv_sec - start.tv_sec) * 1000000LL + (end.tv_usec - start.tv_usec);
  printf ("elapsed time: %lld.%02lld seconds\n", usec / 1000000, (usec / 10000) % 100);
  return r;
}

static int
run_reopen (const char *cmd, size_t argc, char *argv[])
{
  guestfs_h *ng;
  guestfs_error_handler_cb cb;
  void *data;

  if (argc > 0) {
    fprintf (stderr, "\u2018reopen\u2019 command takes no parameters\n");
    return -1;
  }
  if (guestfs_shutdown (g) == -1)
    return -1;
  cb = guestfs_get_error_handler (g, &data);
  ng = guestfs_create ();
  if (!ng) {
    fprintf (stderr, "%s: failed to create a new handle\n", program_name);
    return -1;
  }
  /* keep the settings guestfish manages itself */
  guestfs_set_verbose (ng, guestfs_get_verbose (g));
  guestfs_set_trace (ng, guestfs_get_trace (g));
  guestfs_set_autosync (ng, guestfs_get_autosync (g));
  {
    const char *path = guestfs_get_path (g);
    if (path)
      guestfs_set_path (ng, path);
  }
  guestfs_set_pgroup (ng, guestfs_get_pgroup (g));
  guestfs_set_error_handler (ng, cb, data);
  guestfs_close (g);
  g = ng;
  return 0;
}

static int
run_lcd (const char *cmd, size_t argc, char *argv[])
{
  if (argc != 1) {
    fprintf (stderr, "use 'lcd directory' to change local directory\n");
    return -1;
  }
  if (chdir (argv[0]) == -1) {
    perror (argv[0]);
    return -1;
  }
  return 0;
}

static int
run_setenv (const char *cmd, size_t argc, char *argv[])
{
  if (argc != 2) {
    fprintf (stderr, "use 'setenv VAR value' to set an environment variable\n");
    return -1;
  }
  if (setenv (argv[0], argv[1], 1) == -1) {
    perror ("setenv");
    return -1;
  }
  return 0;
}

static int
run_unsetenv (const char *cmd, size_t argc, char *argv[])
{
  if (argc != 1) {
    fprintf (stderr, "use 'unsetenv VAR' to unset an environment variable\n");
    return -1;
  }
  if (unsetenv (argv[0]) == -1) {
    perror ("unsetenv");
    return -1;
  }
  return 0;
}

static int
run_man (const char *cmd, size_t argc, char *argv[])
{
  pid_t pid;
  int st;

  if (argc != 0) {
    fprintf (stderr, "use \u2018man\u2019 without parameters to open the manual\n");
    return -1;
  }
  fflush (stdout);
  pid = fork ();
  if (pid == -1) {
    perror ("fork");
    return -1;
  }
  if (pid == 0) {
    execlp ("man", "man", "1", "guestfish", (char *) NULL);
    perror ("man");
    _exit (EXIT_FAILURE);
  }
  if (waitpid (pid, &st, 0) == -1)
    return -1;
  return WIFEXITED (st) && WEXITSTATUS (st) == 0 ? 0 : -1;
}


static int
run_supported (const char *cmd, size_t argc, char *argv[])
{
  char **groups;
  size_t i;

  groups = opt_available_all_groups (g);
  if (!groups)
    return -1;
  for (i = 0; groups[i]; ++i) {
    char *one[] = { groups[i], NULL };
    int r = opt_feature_available (g, one);
    printf ("%16s %s\n", groups[i], r == 1 ? "yes" : "no");
  }
  fish_free_strings (groups);
  return 0;
}

#define HELP(name, desc, syn, text) \
  "NAME\n    " name " - " desc "\n\nDESCRIPTION\n     " syn "\n\n" text "\n"

const struct fish_command fish_builtins[] = {
  { "help", NULL, "display a list of commands or help on a command",
    "help [cmd]",
    "help - display a list of commands or help on a command\n"
    "     help --list\n     help cmd\n     help\n", run_help },
  { "quit", "exit q", "quit guestfish", "quit",
    "quit - quit guestfish\n     quit\n", run_quit },
  { "alloc", "allocate", "allocate and add a disk file", "alloc filename size",
    HELP ("alloc", "allocate and add a disk file", "alloc filename size",
          "    Create a file of the given size filled with zeroes (all blocks\n"
          "    allocated) and add it as a drive.  The size takes the usual\n"
          "    suffixes, such as \"1M\".  See also \"sparse\" and \"disk-create\".\n"
          "\n    You can use 'allocate' as an alias for this command.\n"),
    run_alloc },
  { "copy-in", NULL, "copy local files or directories into an image",
    "copy-in local [local ...] /remotedir",
    HELP ("copy-in", "copy local files or directories into an image",
          "copy-in local [local ...] /remotedir",
          "    Copy the local files and directories (recursively) into the\n"
          "    existing directory /remotedir of the guest filesystem.  The last\n"
          "    argument is always the guest directory.\n"),
    run_copy_in },
  { "copy-out", NULL, "copy remote files or directories out of an image",
    "copy-out remote [remote ...] localdir",
    HELP ("copy-out", "copy remote files or directories out of an image",
          "copy-out remote [remote ...] localdir",
          "    Copy the guest files and directories (recursively) into the\n"
          "    existing local directory localdir.  Use \"glob copy-out\" to\n"
          "    expand wildcards.\n"),
    run_copy_out },
  { "delete-event", NULL, "delete a previously registered event handler",
    "delete-event name",
    HELP ("delete-event", "delete a previously registered event handler",
          "delete-event name",
          "    Remove every event handler registered under this name with\n"
          "    \"event\".  See also \"list-events\".\n"),
    run_delete_event },
  { "display", NULL, "display an image", "display filename",
    HELP ("display", "display an image", "display filename",
          "    Download an image file and show it with display(1), or with the\n"
          "    program named by $GUESTFISH_DISPLAY_IMAGE.\n"),
    run_display },
  { "echo", NULL, "display a line of text", "echo [params ...]",
    HELP ("echo", "display a line of text", "echo [params ...]",
          "    Print the parameters, separated by spaces.\n"),
    run_echo },
  { "edit", "vi emacs", "edit a file", "edit filename",
    HELP ("edit", "edit a file", "edit filename",
          "    Download the file, run an editor on the local copy, and upload\n"
          "    the result.  \"edit\" uses $EDITOR (default vi); \"vi\" and\n"
          "    \"emacs\" use those editors.\n"
          "\n    You can use 'vi' or 'emacs' as an alias for this command.\n"),
    run_edit },
  { "event", NULL, "register a handler for an event or events",
    "event name eventset \"shell script ...\"",
    HELP ("event", "register a handler for an event or events",
          "event name eventset \"shell script ...\"",
          "    Run a shell script fragment (with $SHELL -c, or /bin/sh -c) each\n"
          "    time one of the events happens.  eventset is a comma-separated\n"
          "    list of event names, or \"*\" for all of them.  The callback's\n"
          "    values are passed as $1, $2, ... and the event name as $EVENT.\n"
          "    name is a label used by \"delete-event\".\n"),
    run_event },
  { "glob", NULL, "expand wildcards in command", "glob command args...",
    HELP ("glob", "expand wildcards in command", "glob command args...",
          "    Expand the wildcards of each guest path argument and run the\n"
          "    command once for each combination of matches.\n"),
    run_glob },
  { "hexedit", NULL, "edit with a hex editor",
    "hexedit <filename|device> [<start>] [<max>]",
    HELP ("hexedit", "edit with a hex editor",
          "hexedit <filename|device> [<start>] [<max>]",
          "    Download all or part (max bytes from start) of a file or device,\n"
          "    run $HEXEDITOR (default hexedit) on it and write it back.\n"),
    run_hexedit },
  { "lcd", NULL, "change working directory", "lcd directory",
    HELP ("lcd", "change working directory", "lcd directory",
          "    Change the current directory of guestfish itself, on the host.\n"),
    run_lcd },
  { "list-events", NULL, "list event handlers", "list-events",
    HELP ("list-events", "list event handlers", "list-events",
          "    Show the handlers registered with \"event\".\n"),
    run_list_events },
  { "man", "manual", "open the manual", "man",
    HELP ("man", "open the manual", "man",
          "    Show the guestfish manual page.\n"
          "\n    You can use 'manual' as an alias for this command.\n"),
    run_man },
  { "more", "less", "view a file", "more filename",
    HELP ("more", "view a file", "more filename",
          "    Show a guest file with $PAGER (default more); \"less\" uses less.\n"
          "\n    You can use 'less' as an alias for this command.\n"),
    run_more },
  { "reopen", NULL, "close and reopen libguestfs handle", "reopen",
    HELP ("reopen", "close and reopen libguestfs handle", "reopen",
          "    Close the handle and open a fresh one (mostly useful in tests).\n"),
    run_reopen },
  { "setenv", NULL, "set an environment variable", "setenv VAR value",
    HELP ("setenv", "set an environment variable", "setenv VAR value",
          "    Set the environment variable VAR to value.\n"),
    run_setenv },
  { "sparse", NULL, "create a sparse disk image and add", "sparse filename size",
    HELP ("sparse", "create a sparse disk image and add", "sparse filename size",
          "    Like \"alloc\", but the file is sparse: no disk blocks are used\n"
          "    until data is written.  The size takes the usual suffixes.\n"),
    run_sparse },
  { "supported", NULL, "list supported groups of commands", "supported",
    HELP ("supported", "list supported groups of commands", "supported",
          "    List the optional groups of the API and whether the appliance\n"
          "    supports each.  The appliance must be running.\n"),
    run_supported },
  { "time", NULL, "print elapsed time taken to run a command",
    "time command args...",
    HELP ("time", "print elapsed time taken to run a command",
          "time command args...",
          "    Run the command, then print how long it took.\n"),
    run_time },
  { "unsetenv", NULL, "unset an environment variable", "unsetenv VAR",
    HELP ("unsetenv", "unset an environment variable", "unsetenv VAR",
          "    Remove VAR from the environment.\n"),
    run_unsetenv },
  { NULL }
};
