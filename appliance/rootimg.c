/* The root image: the appliance's /usr as a read-only squashfs.
 *
 * The kernel unpacks the initrd into tmpfs before running /init, which
 * under TCG costs ~1 s for ~70 MB.  So the bulk (programs, libraries, lazy
 * modules) goes into an uncompressed squashfs that qemu attaches as a
 * read-only virtio-blk disk and the daemon mounts on /usr; only what the
 * daemon needs before that mount (itself, its libraries, the boot modules,
 * everything outside /usr) stays in the initrd.  mksquashfs is a host tool
 * run by argv; without it the appliance is a single initrd as before. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "appliance-internal.h"

static const char *const mksquashfs_paths[] = {
  "/usr/bin/mksquashfs", "/usr/sbin/mksquashfs", "/bin/mksquashfs", "/sbin/mksquashfs", NULL
};

const char *
rootimg_tool (void)
{
  if (getenv ("GUESTFERRY_NO_ROOT_IMAGE"))
    return NULL;
  for (size_t i = 0; mksquashfs_paths[i]; i++)
    if (access (mksquashfs_paths[i], X_OK) == 0)
      return mksquashfs_paths[i];
  return NULL;
}

/* The appliance kernel must be able to mount it: squashfs as a module
 * (the conf lists it as a boot module) or built in. */
int
rootimg_kernel_ok (const struct kernel_info *k)
{
  static const char *const ext[] = { "", ".xz", ".zst", ".gz", NULL };
  for (size_t i = 0; ext[i]; i++) {
    CLEANUP_FREE char *p = xasprintf ("%s/kernel/fs/squashfs/squashfs.ko%s", k->modules_dir, ext[i]);
    if (p && access (p, R_OK) == 0)
      return 1;
  }
  CLEANUP_FREE char *builtin = path_join (k->modules_dir, "modules.builtin");
  CLEANUP_FREE char *text = NULL;
  size_t len;
  if (!builtin || read_whole_file (builtin, &text, &len) < 0)
    return 0;
  return memmem (text, len, "/squashfs.ko", 12) != NULL;
}

int
rootimg_in_image (const struct entry *e)
{
  return strncmp (e->path, "/usr/", 5) == 0;
}

/* Recreate one /usr entry under STAGE (its path minus "/usr"). */
static int
stage_entry (struct ctx *c, const char *stage, const struct entry *e)
{
  CLEANUP_FREE char *p = xasprintf ("%s%s", stage, e->path + 4);
  if (!p)
    return ctx_oom (c);
  switch (e->type) {
  case ENT_DIR:
    if (mkdir (p, e->mode | 0700) < 0 && errno != EEXIST)
      return ctx_perror (c, "appliance: mkdir %s", p);
    return 0;
  case ENT_SYMLINK:
    if (symlink (e->data, p) < 0)
      return ctx_perror (c, "appliance: symlink %s", p);
    return 0;
  case ENT_FILE:
    if (!e->src)
      return write_whole_file (p, e->data, e->data_len, e->mode) < 0
        ? ctx_perror (c, "appliance: write %s", p) : 0;
    if (strstr (e->path, ".ko") == NULL && link (e->src, p) == 0)
      return 0;
    return copy_file_unsigned (e->src, p, e->mode) < 0
      ? ctx_perror (c, "appliance: copy %s", e->src) : 0;
  default:
    return 0;
  }
}

static int
rm_one (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void) st; (void) flag; (void) ftw;
  remove (path);
  return 0;
}

static int
run_argv (struct ctx *c, char *const argv[])
{
  pid_t pid = fork ();
  if (pid == 0) {
    int null = open ("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
      dup2 (null, 0);
      dup2 (null, 1);
    }
    execv (argv[0], argv);
    _exit (127);
  }
  if (pid < 0)
    return ctx_perror (c, "appliance: fork");
  int status;
  while (waitpid (pid, &status, 0) < 0)
    if (errno != EINTR)
      return ctx_perror (c, "appliance: waitpid");
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    return ctx_error (c, "appliance: %s failed (status %d)", argv[0], status);
  return 0;
}

int
rootimg_write (struct ctx *c, const struct fileset *fs, const char *tmpdir, const char *dst)
{
  const char *tool = rootimg_tool ();
  CLEANUP_FREE char *stage = path_join (tmpdir, "usr-stage");
  if (!tool)
    return ctx_error (c, "appliance: mksquashfs not found");
  if (!stage)
    return ctx_oom (c);
  int r = -1;
  if (mkdir (stage, 0755) < 0) {
    ctx_perror (c, "appliance: mkdir %s", stage);
    goto out;
  }
  /* fileset entries are sorted, so parents come first */
  for (size_t i = 0; i < fs->n; i++)
    if (rootimg_in_image (&fs->e[i]) && stage_entry (c, stage, &fs->e[i]) < 0)
      goto out;
  char *argv[] = {
    (char *) tool, stage, (char *) dst, (char *) "-noappend", (char *) "-no-progress",
    (char *) "-all-root", (char *) "-no-xattrs",
    /* uncompressed: decompressing costs more than reading under TCG */
    (char *) "-noI", (char *) "-noD", (char *) "-noF", (char *) "-noX", NULL
  };
  r = run_argv (c, argv);
 out:
  nftw (stage, rm_one, 16, FTW_DEPTH | FTW_PHYS);
  return r;
}
