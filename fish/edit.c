/* guestfish: commands that run a host program on a local copy of a guest
 * file: edit/vi/emacs, more/less, display, hexedit.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fish-internal.h"


/* Run "PROG FILE" through the shell, since $EDITOR etc. may hold options. */
static int
run_program (const char *prog, const char *file)
{
  pid_t pid;
  int st;

  fflush (stdout);
  pid = fork ();
  if (pid == -1) {
    perror ("fork");
    return -1;
  }
  if (pid == 0) {
    execl ("/bin/sh", "sh", "-c", "exec $0 \"$1\"", prog, file, (char *) NULL);
    _exit (127);
  }
  if (waitpid (pid, &st, 0) == -1) {
    perror ("waitpid");
    return -1;
  }
  if (!WIFEXITED (st) || WEXITSTATUS (st) != 0) {
    fprintf (stderr, "%s: %s exited with an error\n", program_name, prog);
    return -1;
  }
  return 0;
}

/* Download REMOTE into a new temporary file; returns its name. */
static char *
fetch (const char *remote)
{
  char *name = fish_make_temp_file ();

  if (name == NULL)
    return NULL;
  if (guestfs_download (g, remote, name) == -1) {
    unlink (name);
    free (name);
    return NULL;
  }
  return name;
}

static int
same_stat (const struct stat *a, const struct stat *b)
{
  return a->st_size == b->st_size &&
    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

int
run_edit (const char *cmd, size_t argc, char *argv[])
{
  const char *editor;
  CLEANUP_FREE char *tmp = NULL;
  struct stat before, after;
  int r = -1;

  if (argc != 1) {
    fprintf (stderr, "use '%s filename' to edit a file\n", cmd);
    return -1;
  }
  if (strcmp (cmd, "vi") == 0)
    editor = "vi";
  else if (strcmp (cmd, "emacs") == 0)
    editor = "emacs -nw";
  else {
    editor = getenv ("EDITOR");
    if (!editor)
      editor = "vi";
  }
  if (!(tmp = fetch (argv[0])))
    return -1;
  if (stat (tmp, &before) == -1 || run_program (editor, tmp) == -1 ||
      stat (tmp, &after) == -1)
    goto out;
  /* nothing to write back if the file was not changed */
  r = same_stat (&before, &after) ? 0 : guestfs_upload (g, tmp, argv[0]);
 out:
  unlink (tmp);
  return r;
}

static int
view_with (const char *prog, const char *remote)
{
  CLEANUP_FREE char *tmp = NULL;
  int r;

  if (!(tmp = fetch (remote)))
    return -1;
  r = run_program (prog, tmp);
  unlink (tmp);
  return r;
}

int
run_more (const char *cmd, size_t argc, char *argv[])
{
  const char *pager;

  if (argc != 1) {
    fprintf (stderr, "use '%s filename' to page a file\n", cmd);
    return -1;
  }
  if (strcmp (cmd, "less") == 0)
    pager = "less";
  else {
    pager = getenv ("PAGER");
    if (!pager)
      pager = "more";
  }
  return view_with (pager, argv[0]);
}

int
run_display (const char *cmd, size_t argc, char *argv[])
{
  const char *prog = getenv ("GUESTFISH_DISPLAY_IMAGE");

  if (argc != 1) {
    fprintf (stderr, "display filename\n");
    return -1;
  }
  return view_with (prog ? prog : "display", argv[0]);
}

int
run_hexedit (const char *cmd, size_t argc, char *argv[])
{
  const char *prog = getenv ("HEXEDITOR");
  CLEANUP_FREE char *tmp = NULL;
  struct stat before, after;
  int r = -1;

  if (argc != 1) {
    if (argc == 0 || argc > 3)
      fprintf (stderr, "hexedit (device|filename) [max | start max]\n");
    else
      fprintf (stderr, "hexedit: editing part of a file is not supported yet\n");
    return -1;
  }
  if (!(tmp = fetch (argv[0])))
    return -1;
  if (stat (tmp, &before) == -1 || run_program (prog ? prog : "hexedit", tmp) == -1 ||
      stat (tmp, &after) == -1)
    goto out;
  r = same_stat (&before, &after) ? 0 : guestfs_upload (g, tmp, argv[0]);
 out:
  unlink (tmp);
  return r;
}
