/* command, command_lines, sh, sh_lines: programs run chrooted in the
 * guest, with the appliance's /dev, /proc and /sys bound in (as
 * libguestfs does) so that they behave as on a booted guest. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static const char *const binds[] = { "/dev", "/dev/pts", "/proc", "/sys", NULL };

/* Bind the appliance dirs onto the guest's own (if the guest has them):
 * the target is resolved inside the sysroot, so a guest symlink /dev ->
 * /etc cannot make us mount over the appliance's /etc.  Records what
 * was mounted in *done (newest last). */
static void
bind_mount_all (char **done)
{
  size_t n = 0;
  for (size_t i = 0; binds[i]; i++) {
    char *target = sysroot_realpath (binds[i]);
    struct stat st;
    if (target == NULL)
      continue;
    if (strncmp (target, sysroot, sysroot_len) != 0 || target[sysroot_len] != '/'
        || stat (target, &st) == -1 || !S_ISDIR (st.st_mode)
        || mount (binds[i], target, NULL, MS_BIND, NULL) == -1) {
      debug ("bind mount %s on %s: %m", binds[i], target);
      free (target);
      continue;
    }
    done[n++] = target;
  }
  done[n] = NULL;
}

static void
unbind_all (char **done)
{
  size_t n = count_strings (done);
  while (n > 0) {
    n--;
    if (umount2 (done[n], 0) == -1)
      umount2 (done[n], MNT_DETACH);
    free (done[n]);
  }
}

static char *
run_in_guest (const char *const *argv)
{
  char *done[8];
  char *out = NULL;
  CLEANUP_FREE char *err = NULL;

  if (argv[0] == NULL) {
    reply_with_error ("passed an empty list");
    return NULL;
  }
  bind_mount_all (done);
  int r = commandrvf (&out, &err, CMD_CHROOT, argv);
  int e = errno;
  unbind_all (done);
  if (r != 0) {
    trim_newlines (err);
    if (r == -1 && err == NULL) {
      errno = e;
      reply_with_perror ("%s", argv[0]);
    }
    else if (err && *err)
      reply_with_error ("%s", err);
    else
      reply_with_error ("%s: command failed with exit status %d", argv[0], r);
    free (out);
    return NULL;
  }
  return out;
}

char *
do_command (char *const *arguments)
{
  return run_in_guest ((const char *const *) arguments);
}

char **
do_command_lines (char *const *arguments)
{
  CLEANUP_FREE char *out = do_command (arguments);
  if (out == NULL)
    return NULL;
  return split_lines (out);
}

char *
do_sh (const char *cmd)
{
  const char *argv[] = { "/bin/sh", "-c", cmd, NULL };
  return run_in_guest (argv);
}

char **
do_sh_lines (const char *cmd)
{
  CLEANUP_FREE char *out = do_sh (cmd);
  if (out == NULL)
    return NULL;
  return split_lines (out);
}
