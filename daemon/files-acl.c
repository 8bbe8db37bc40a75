/* POSIX ACLs and file capabilities: acl_get_file, acl_set_file,
 * acl_delete_def_file, cap_get_file, cap_set_file.  The daemon has no
 * libacl/libcap: getfacl/setfacl and getcap/setcap do the work on the
 * path resolved inside the sysroot, and their output is brought to the
 * text forms acl_to_text(3) and cap_to_text(3) give. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* "access" -> 0, "default" -> 1; -1 after replying. */
static int
acl_is_default (const char *acltype)
{
  if (strcmp (acltype, "access") == 0)
    return 0;
  if (strcmp (acltype, "default") == 0)
    return 1;
  return reply_with_error_errno (EINVAL, "invalid acltype parameter: %s",
                                 acltype);
}

/* Resolve PATH; a default ACL needs a directory (EACCES, as
 * acl_get_file(3) says).  NULL after replying. */
static char *
acl_target (const char *path, int is_default)
{
  char *real = files_real (path);
  struct stat st;

  if (real == NULL)
    return NULL;
  if (is_default && (stat (real, &st) == -1 || !S_ISDIR (st.st_mode))) {
    reply_with_error_errno (EACCES, "%s: %s", path, strerror (EACCES));
    free (real);
    return NULL;
  }
  return real;
}

char *
do_acl_get_file (const char *path, const char *acltype)
{
  int is_default = acl_is_default (acltype);
  if (is_default == -1)
    return NULL;
  CLEANUP_FREE char *real = acl_target (path, is_default);
  if (real == NULL)
    return NULL;
  const char *argv[] = { "getfacl", is_default ? "--default" : "--access",
                         "--omit-header", "--numeric", "--no-effective",
                         "--absolute-names", "--", real, NULL };
  char *out = files_run ("getfacl", -1, argv);
  if (out == NULL)
    return NULL;
  /* getfacl ends the listing with an empty line; acl_to_text does not. */
  size_t n = strlen (out);
  while (n >= 2 && out[n - 1] == '\n' && out[n - 2] == '\n')
    out[--n] = '\0';
  if (n == 1 && out[0] == '\n')
    out[0] = '\0';
  return out;
}

/* setfacl's "Invalid argument near character N" is a parse error. */
static int
acl_run_setfacl (const char *acl, const char *const *argv)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  if (commandvf (&out, &err, 0, argv) == 0)
    return 0;
  trim_newlines (err);
  if (err && strstr (err, "near character"))
    return reply_with_error_errno (EINVAL, "could not parse acl string: %s: "
                                   "%s", acl, err);
  return reply_with_error ("%s", err && *err ? err : "setfacl failed");
}

int
do_acl_set_file (const char *path, const char *acltype, const char *acl)
{
  int is_default = acl_is_default (acltype);
  if (is_default == -1)
    return -1;
  CLEANUP_FREE char *real = acl_target (path, is_default);
  if (real == NULL)
    return -1;
  /* --no-mask: the ACL is set as given, like acl_set_file(3). */
  const char *access_argv[] = { "setfacl", "--no-mask", "--set", acl,
                                "--", real, NULL };
  const char *default_argv[] = { "setfacl", "--no-mask", "--default",
                                 "--set", acl, "--", real, NULL };
  return acl_run_setfacl (acl, is_default ? default_argv : access_argv);
}

int
do_acl_delete_def_file (const char *dir)
{
  CLEANUP_FREE char *real = files_real (dir);
  if (real == NULL)
    return -1;
  const char *argv[] = { "setfacl", "--remove-default", "--", real, NULL };
  return acl_run_setfacl ("", argv);
}

char *
do_cap_get_file (const char *path)
{
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return NULL;
  const char *argv[] = { "getcap", "--", real, NULL };
  CLEANUP_FREE char *out = files_run ("getcap", -1, argv);
  if (out == NULL)
    return NULL;
  trim_newlines (out);
  /* "REAL CAPS", or nothing when the file has no capabilities. */
  size_t rl = strlen (real);
  const char *caps = "";
  if (strncmp (out, real, rl) == 0 && out[rl] == ' ')
    caps = out + rl + 1;
  char *r = strdup (caps);
  if (r == NULL)
    reply_with_perror ("strdup");
  return r;
}

int
do_cap_set_file (const char *path, const char *cap)
{
  /* setcap reads "-" as "from stdin" and "-r" as "remove": neither is a
   * capability text. */
  if (cap[0] == '-' || cap[0] == '\0')
    return reply_with_error_errno (EINVAL, "could not parse cap string: %s: "
                                   "cap_from_text: %s", cap,
                                   strerror (EINVAL));
  CLEANUP_FREE char *real = files_real (path);
  if (real == NULL)
    return -1;
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "setcap", "-q", cap, real, NULL };
  if (commandvf (&out, &err, CMD_STDERR_TO_OUT, argv) == 0)
    return 0;
  if (out && strstr (out, "fatal error: Invalid argument"))
    return reply_with_error_errno (EINVAL, "could not parse cap string: %s: "
                                   "cap_from_text: %s", cap,
                                   strerror (EINVAL));
  trim_newlines (out);
  return reply_with_error ("%s: %s", path, out && *out ? out : "setcap failed");
}
