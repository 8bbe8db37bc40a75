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
#include "xstrtol.h"


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

/* A new empty file under $TMPDIR (or /tmp); its malloc'd name. */
static char *
make_temp_file (void)
{
  const char *tmpdir = getenv ("TMPDIR");
  char *name;
  int fd;

  if (asprintf (&name, "%s/guestfishXXXXXX", tmpdir ? tmpdir : "/tmp") == -1)
    return NULL;
  fd = mkstemp (name);
  if (fd == -1) {
    perror (name);
    free (name);
    return NULL;
  }
  close (fd);
  return name;
}

/* Download REMOTE (or, if MAX >= 0, its MAX bytes from START) into a new
 * temporary file; returns its name. */
static char *
fetch_part (const char *remote, int64_t start, int64_t max)
{
  char *name = make_temp_file ();

  if (name == NULL)
    return NULL;
  if ((max < 0 ? guestfs_download (g, remote, name)
               : guestfs_download_offset (g, remote, name, start, max)) == -1) {
    unlink (name);
    free (name);
    return NULL;
  }
  return name;
}

static char *
fetch (const char *remote)
{
  return fetch_part (remote, 0, -1);
}

static int
same_stat (const struct stat *a, const struct stat *b)
{
  return a->st_size == b->st_size &&
    a->st_mtim.tv_sec == b->st_mtim.tv_sec &&
    a->st_mtim.tv_nsec == b->st_mtim.tv_nsec;
}

/* Edit REMOTE (or, if MAX >= 0, its MAX bytes from START) with PROG on a
 * local copy, and write it back if PROG changed it. */
static int
edit_with (const char *prog, const char *remote, int64_t start, int64_t max)
{
  CLEANUP_FREE char *tmp = fetch_part (remote, start, max);
  struct stat before, after;
  int r = -1;

  if (tmp == NULL)
    return -1;
  if (stat (tmp, &before) == -1 || run_program (prog, tmp) == -1 ||
      stat (tmp, &after) == -1)
    goto out;
  if (same_stat (&before, &after))
    r = 0;                      /* nothing to write back */
  else if (max < 0)
    r = guestfs_upload (g, tmp, remote);
  else if (after.st_size != before.st_size)
    fprintf (stderr, "%s: the size of the edited part changed: not "
             "written back\n", program_name);
  else
    r = guestfs_upload_offset (g, tmp, remote, start);
 out:
  unlink (tmp);
  return r;
}

int
run_edit (const char *cmd, size_t argc, char *argv[])
{
  const char *editor;

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
  return edit_with (editor, argv[0], 0, -1);
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

/* A byte count or offset of hexedit ("1M", "0x400"); -1 if invalid. */
static int64_t
hexedit_number (const char *what, const char *s)
{
  long long v;
  if (fish_xstrtoll (s, &v) != 0 || v < 0) {
    fprintf (stderr, "hexedit: %s: invalid %s\n", s, what);
    return -1;
  }
  return v;
}

int
run_hexedit (const char *cmd, size_t argc, char *argv[])
{
  const char *prog = getenv ("HEXEDITOR");
  int64_t start = 0, max = -1;

  if (argc == 0 || argc > 3) {
    fprintf (stderr, "hexedit (device|filename) [max | start max]\n");
    return -1;
  }
  if (argc == 3 && (start = hexedit_number ("start", argv[1])) == -1)
    return -1;
  if (argc >= 2 && (max = hexedit_number ("max", argv[argc - 1])) == -1)
    return -1;
  return edit_with (prog ? prog : "hexedit", argv[0], start, max);
}
