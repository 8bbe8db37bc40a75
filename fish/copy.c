/* guestfish: copy-in and copy-out, built on tar-in/tar-out and download
 * with the host's tar(1) doing the local side.
 *
 * copy-out treats the archive as hostile (the guest, or a subverted
 * appliance, chooses its contents): GNU tar already strips leading "/"
 * and skips members with ".." (we never pass -P); we add --no-same-owner
 * so nothing is given to guest-chosen owners, and afterwards walk the
 * extracted tree without following symlinks, removing device nodes and
 * clearing set-user/group-ID bits, which would otherwise hand guest-made
 * setuid programs or raw disk access to whoever runs guestfish.
 */
#include <config.h>

#include <errno.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fish-internal.h"
#include "optcalls.h"


static int
run_argv (char *const args[])
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
    execvp (args[0], args);
    perror (args[0]);
    _exit (127);
  }
  if (waitpid (pid, &st, 0) == -1)
    return -1;
  return WIFEXITED (st) && WEXITSTATUS (st) == 0 ? 0 : -1;
}

char *
fish_make_temp_file (void)
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

static int
copy_in_one (const char *local, const char *remotedir)
{
  CLEANUP_FREE char *dircopy = strdup (local), *basecopy = strdup (local);
  CLEANUP_FREE char *tmp = fish_make_temp_file ();
  int r;

  if (!dircopy || !basecopy || !tmp)
    return -1;
  if (access (local, R_OK) == -1) {
    perror (local);
    unlink (tmp);
    return -1;
  }
  char *const args[] = { (char *) "tar", (char *) "-C", dirname (dircopy),
                         (char *) "-cf", tmp, basename (basecopy), NULL };
  r = run_argv (args);
  if (r == 0)
    r = opt_tar_in (g, tmp, remotedir);
  unlink (tmp);
  return r;
}

int
run_copy_in (const char *cmd, size_t argc, char *argv[])
{
  const char *remotedir;
  size_t i;
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
  for (i = 0; i < argc - 1; ++i)
    if (copy_in_one (argv[i], remotedir) == -1)
      return -1;
  return 0;
}

static int
defuse_one (const char *path, const struct stat *st, int flag, struct FTW *f)
{
  (void) flag; (void) f;
  if (S_ISBLK (st->st_mode) || S_ISCHR (st->st_mode)) {
    fprintf (stderr, "copy-out: %s: removing device node from the guest\n",
             path);
    if (unlink (path) == -1)
      perror (path);
  }
  else if (S_ISREG (st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID))) {
    if (chmod (path, st->st_mode & 07777 & ~(mode_t) (S_ISUID | S_ISGID)) == -1)
      perror (path);
  }
  return 0;
}

/* Make what tar extracted under TARGET harmless (see the top). */
static void
defuse_tree (const char *target)
{
  nftw (target, defuse_one, 16, FTW_PHYS | FTW_MOUNT);
}

static int
copy_out_dir (const char *remote, const char *localdir)
{
  CLEANUP_FREE char *basecopy = strdup (remote);
  CLEANUP_FREE char *target = NULL;
  CLEANUP_FREE char *tmp = fish_make_temp_file ();
  const char *base;
  int r;

  if (!basecopy || !tmp)
    return -1;
  base = basename (basecopy);
  if (strcmp (base, "..") == 0) {
    fprintf (stderr, "copy-out: %s: give the directory without \"..\"\n",
             remote);
    unlink (tmp);
    return -1;
  }
  if (strcmp (base, "/") == 0 || strcmp (base, ".") == 0 || *base == '\0')
    target = strdup (localdir);
  else if (asprintf (&target, "%s/%s", localdir, base) == -1)
    target = NULL;
  if (!target)
    return -1;
  if (mkdir (target, 0755) == -1 && errno != EEXIST) {
    perror (target);
    unlink (tmp);
    return -1;
  }
  r = opt_tar_out (g, remote, tmp);
  if (r == 0) {
    char *const args[] = { (char *) "tar", (char *) "--no-same-owner",
                           (char *) "-C", target, (char *) "-xf", tmp, NULL };
    r = run_argv (args);
    defuse_tree (target);
  }
  unlink (tmp);
  return r;
}

static int
copy_out_one (const char *remote, const char *localdir)
{
  int isfile = guestfs_is_file (g, remote);

  if (isfile == -1)
    return -1;
  if (isfile) {
    CLEANUP_FREE char *basecopy = strdup (remote);
    CLEANUP_FREE char *target = NULL;
    if (!basecopy || asprintf (&target, "%s/%s", localdir, basename (basecopy)) == -1)
      return -1;
    return guestfs_download (g, remote, target);
  }
  return copy_out_dir (remote, localdir);
}

int
run_copy_out (const char *cmd, size_t argc, char *argv[])
{
  const char *localdir;
  struct stat st;
  size_t i;

  if (argc < 2) {
    fprintf (stderr, "use 'copy-out <remote> [<remote>...] <localdir>' to copy files out of the image\n");
    return -1;
  }
  localdir = argv[argc - 1];
  if (stat (localdir, &st) == -1 || !S_ISDIR (st.st_mode)) {
    fprintf (stderr, "copy-out: target \u2018%s\u2019 is not a directory\n", localdir);
    return -1;
  }
  for (i = 0; i < argc - 1; ++i)
    if (copy_out_one (argv[i], localdir) == -1)
      return -1;
  return 0;
}
