/* Windows icons for inspect_get_icon.  XP and 7 keep their logo as a
 * bitmap resource of explorer.exe, converted with icoutils and netpbm as
 * the reference does (no converters: no icon); 8 has a PNG file.
 */

#include <config.h>

#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guestfs-internal.h"
#include "actions-gen.h"
#include "inspect-icon.h"

extern char **environ;

#define MAX_EXPLORER_SIZE (20 * 1024 * 1024)
#define MAX_WIN8_ICON_SIZE 8192
#define MAX_CONVERTED_ICON_SIZE (1024 * 1024)

/* Runs the commands CMDS (NULL-terminated argvs) as a pipeline, the first
 * reading from IN, the last writing to OUT.  0 if every stage succeeded. */
static int
run_pipeline (guestfs_h *g, char *const *const *cmds, const char *in,
              const char *out)
{
  int in_fd = open (in, O_RDONLY | O_CLOEXEC);
  int out_fd = open (out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int null_fd = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  pid_t pids[8];
  size_t n = 0;
  int ok = in_fd >= 0 && out_fd >= 0 && null_fd >= 0;
  int prev = in_fd;

  for (size_t i = 0; ok && cmds[i] && n < 8; i++) {
    int p[2] = { -1, -1 };
    int last = cmds[i + 1] == NULL;
    if (!last && pipe2 (p, O_CLOEXEC) == -1) {
      ok = 0;
      break;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init (&fa);
    posix_spawn_file_actions_adddup2 (&fa, prev, 0);
    posix_spawn_file_actions_adddup2 (&fa, last ? out_fd : p[1], 1);
    posix_spawn_file_actions_adddup2 (&fa, null_fd, 2);
    debug (g, "icon: running %s", cmds[i][0]);
    if (posix_spawnp (&pids[n], cmds[i][0], &fa, NULL, cmds[i], environ) == 0)
      n++;
    else
      ok = 0;
    posix_spawn_file_actions_destroy (&fa);
    if (prev != in_fd)
      close (prev);
    if (!last) {
      close (p[1]);
      prev = p[0];
    }
  }
  if (prev != in_fd && prev >= 0)
    close (prev);
  for (size_t i = 0; i < n; i++) {
    int status;
    if (waitpid (pids[i], &status, 0) == -1 || !WIFEXITED (status) ||
        WEXITSTATUS (status) != 0)
      ok = 0;
  }
  if (in_fd >= 0) close (in_fd);
  if (out_fd >= 0) close (out_fd);
  if (null_fd >= 0) close (null_fd);
  return ok ? 0 : -1;
}

static char *
read_local_file (guestfs_h *g, const char *path, size_t *size_r)
{
  FILE *fp = fopen (path, "re");
  if (fp == NULL)
    return NOT_FOUND;
  char *buf = guestfs_int_safe_malloc (g, MAX_CONVERTED_ICON_SIZE + 1);
  size_t n = fread (buf, 1, MAX_CONVERTED_ICON_SIZE + 1, fp);
  fclose (fp);
  if (n == 0 || n > MAX_CONVERTED_ICON_SIZE) {
    free (buf);
    return NOT_FOUND;
  }
  *size_r = n;
  return buf;
}

/* The bitmap resource NAME of explorer.exe, as a PNG; CUT is an extra
 * pamcut argument list (or NULL). */
static char *
explorer_bitmap (guestfs_h *g, const char *root, const char *name,
                 char *const *cut, size_t *size_r)
{
  CLEANUP_FREE char *systemroot = guestfs_inspect_get_windows_systemroot (g, root);
  if (systemroot == NULL)
    return NULL;
  CLEANUP_FREE char *path = safe_asprintf (g, "%s/explorer.exe", systemroot);
  guestfs_push_error_handler (g, NULL, NULL);
  CLEANUP_FREE char *real = guestfs_case_sensitive_path (g, path);
  int64_t size = real ? guestfs_filesize (g, real) : -1;
  guestfs_pop_error_handler (g);
  if (size < 0 || size > MAX_EXPLORER_SIZE)
    return NOT_FOUND;
  if (guestfs_int_lazy_make_tmpdir (g) == -1)
    return NULL;
  CLEANUP_FREE char *exe = safe_asprintf (g, "%s/explorer.exe", g->tmpdir);
  CLEANUP_FREE char *png = safe_asprintf (g, "%s/icon.png", g->tmpdir);
  guestfs_push_error_handler (g, NULL, NULL);
  int r = guestfs_download (g, real, exe);
  guestfs_pop_error_handler (g);
  if (r == -1)
    return NOT_FOUND;

  CLEANUP_FREE char *name_opt = safe_asprintf (g, "--name=%s", name);
  char *wrestool[] = { "wrestool", "-x", "--type=2", name_opt, exe, NULL };
  char *bmptopnm[] = { "bmptopnm", NULL };
  char *pnmtopng[] = { "pnmtopng", NULL };
  char *const *cmds[] = { wrestool, bmptopnm, cut, pnmtopng, NULL };
  if (cut == NULL) {
    cmds[2] = pnmtopng;
    cmds[3] = NULL;
  }
  /* wrestool reads the file it is given; stdin is just /dev/null. */
  char *ret = run_pipeline (g, cmds, "/dev/null", png) == 0
    ? read_local_file (g, png, size_r) : NOT_FOUND;
  unlink (exe);
  unlink (png);
  return ret;
}

static char *
icon_windows_8 (guestfs_h *g, size_t *size_r)
{
  guestfs_push_error_handler (g, NULL, NULL);
  CLEANUP_FREE char *path = guestfs_case_sensitive_path
    (g, "/ProgramData/Microsoft/Windows Live/WLive48x48.png");
  int is_file = path ? guestfs_is_file (g, path) : 0;
  guestfs_pop_error_handler (g);
  if (is_file != 1)
    return NOT_FOUND;
  return icon_read_file (g, path, MAX_WIN8_ICON_SIZE, size_r);
}

char *
icon_windows (guestfs_h *g, const char *root, size_t *size_r)
{
  int major = guestfs_inspect_get_major_version (g, root);
  if (major == -1)
    return NULL;
  int minor = guestfs_inspect_get_minor_version (g, root);
  if (minor == -1)
    return NULL;

  if (major == 5 && minor == 1)           /* XP */
    return explorer_bitmap (g, root, "143", NULL, size_r);
  if (major == 6 && minor == 1) {         /* 7 */
    static char *pamcut[] = { "pamcut", "-bottom", "54", NULL };
    return explorer_bitmap (g, root, "6801", pamcut, size_r);
  }
  if (major == 6 && minor == 2)           /* 8 */
    return icon_windows_8 (g, size_r);
  return NOT_FOUND;
}
