/* copy_in and copy_out: whole files and trees between the host and the
 * guest, built on tar_in/tar_out and download with the host's tar(1)
 * doing the local side (through a tar file in the handle's temporary
 * directory).
 *
 * copy_out treats the archive as hostile (the guest, or a subverted
 * appliance, chooses its contents): GNU tar already strips leading "/"
 * and skips members with ".." (we never pass -P); we add --no-same-owner
 * so nothing is given to guest-chosen owners, and afterwards walk the
 * extracted tree without following symlinks, removing device nodes and
 * clearing set-user/group-ID bits, which would otherwise hand guest-made
 * setuid programs or raw disk access to whoever runs the program.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "guestfs-internal.h"
#include "actions-gen.h"

/* A new empty file in the handle's temporary directory; NULL + error. */
static char *
temp_tar (guestfs_h *g)
{
  if (guestfs_int_lazy_make_tmpdir (g) == -1)
    return NULL;
  char *name = safe_asprintf (g, "%s/copyXXXXXX", g->tmpdir);
  int fd = mkstemp (name);
  if (fd == -1) {
    perrorf (g, "mkstemp: %s", name);
    free (name);
    return NULL;
  }
  close (fd);
  return name;
}

/* Run the host's tar with ARGS; 0, or -1 with the error set. */
static int
run_tar (guestfs_h *g, char *const *args)
{
  CLEANUP_FREE char *err = NULL;
  int st = guestfs_int_run_command (g, args, NULL, &err);
  if (st == -1)
    return -1;
  if (!WIFEXITED (st) || WEXITSTATUS (st) != 0) {
    guestfs_int_command_error (g, "tar", st, err);
    return -1;
  }
  return 0;
}

int
guestfs_impl_copy_in (guestfs_h *g, const char *localpath,
                      const char *remotedir)
{
  int isdir = guestfs_is_dir (g, remotedir);
  if (isdir == -1)
    return -1;
  if (!isdir) {
    error (g, "copy_in: target '%s' is not a directory", remotedir);
    return -1;
  }
  if (access (localpath, R_OK) == -1) {
    perrorf (g, "copy_in: %s", localpath);
    return -1;
  }
  CLEANUP_FREE char *dircopy = safe_strdup (g, localpath);
  CLEANUP_FREE char *basecopy = safe_strdup (g, localpath);
  CLEANUP_FREE char *tmp = temp_tar (g);
  if (tmp == NULL)
    return -1;
  char *const args[] = { (char *) "tar", (char *) "-C", dirname (dircopy),
                         (char *) "-cf", tmp, basename (basecopy), NULL };
  int r = run_tar (g, args);
  if (r == 0)
    r = guestfs_tar_in (g, tmp, remotedir);
  unlink (tmp);
  return r;
}

/* nftw has no closure: the handle for warnings while defusing. */
static __thread guestfs_h *defuse_g;

static int
defuse_one (const char *path, const struct stat *st, int flag, struct FTW *f)
{
  (void) flag; (void) f;
  if (S_ISBLK (st->st_mode) || S_ISCHR (st->st_mode)) {
    guestfs_int_warning (defuse_g, "copy_out: %s: removing device node "
                         "from the guest", path);
    if (unlink (path) == -1)
      guestfs_int_warning (defuse_g, "%s: %s", path, strerror (errno));
  }
  else if (S_ISREG (st->st_mode) && (st->st_mode & (S_ISUID | S_ISGID))) {
    if (chmod (path, st->st_mode & 07777 & ~(mode_t) (S_ISUID | S_ISGID))
        == -1)
      guestfs_int_warning (defuse_g, "%s: %s", path, strerror (errno));
  }
  return 0;
}

/* Make what tar extracted under TARGET harmless (see the top). */
static void
defuse_tree (guestfs_h *g, const char *target)
{
  defuse_g = g;
  nftw (target, defuse_one, 16, FTW_PHYS | FTW_MOUNT);
  defuse_g = NULL;
}

static int
copy_out_dir (guestfs_h *g, const char *remote, const char *localdir)
{
  CLEANUP_FREE char *basecopy = safe_strdup (g, remote);
  CLEANUP_FREE char *target = NULL;
  const char *base = basename (basecopy);

  if (strcmp (base, "..") == 0) {
    error (g, "copy_out: %s: give the directory without \"..\"", remote);
    return -1;
  }
  if (strcmp (base, "/") == 0 || strcmp (base, ".") == 0 || *base == '\0')
    target = safe_strdup (g, localdir);
  else
    target = safe_asprintf (g, "%s/%s", localdir, base);
  if (mkdir (target, 0755) == -1 && errno != EEXIST) {
    perrorf (g, "copy_out: mkdir: %s", target);
    return -1;
  }
  CLEANUP_FREE char *tmp = temp_tar (g);
  if (tmp == NULL)
    return -1;
  int r = guestfs_tar_out (g, remote, tmp);
  if (r == 0) {
    char *const args[] = { (char *) "tar", (char *) "--no-same-owner",
                           (char *) "-C", target, (char *) "-xf", tmp, NULL };
    r = run_tar (g, args);
    defuse_tree (g, target);
  }
  unlink (tmp);
  return r;
}

int
guestfs_impl_copy_out (guestfs_h *g, const char *remotepath,
                       const char *localdir)
{
  struct stat st;

  if (stat (localdir, &st) == -1 || !S_ISDIR (st.st_mode)) {
    error (g, "copy_out: target '%s' is not a directory", localdir);
    return -1;
  }
  int isfile = guestfs_is_file (g, remotepath);
  if (isfile == -1)
    return -1;
  if (!isfile) {
    int isdir = guestfs_is_dir (g, remotepath);
    if (isdir == -1)
      return -1;
    if (!isdir) {
      error (g, "copy_out: %s: not a file or directory", remotepath);
      return -1;
    }
    return copy_out_dir (g, remotepath, localdir);
  }
  CLEANUP_FREE char *basecopy = safe_strdup (g, remotepath);
  CLEANUP_FREE char *target = safe_asprintf (g, "%s/%s", localdir,
                                             basename (basecopy));
  return guestfs_download (g, remotepath, target);
}
