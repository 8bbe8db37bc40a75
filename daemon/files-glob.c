/* Name matching inside the guest tree: glob_expand, case_sensitive_path. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* In a child chrooted into the sysroot (so that guest symlinks resolve
 * inside it), glob PATTERN and write the matches NUL-terminated to FD. */
static void __attribute__((noreturn))
glob_child (int fd, const char *pattern, int flags)
{
  glob_t g;
  if (chroot (sysroot) == -1 || chdir ("/") == -1)
    _exit (2);
  int r = glob (pattern, flags, NULL, &g);
  if (r == GLOB_NOMATCH)
    _exit (0);
  if (r != 0)
    _exit (r == GLOB_NOSPACE ? 3 : 4);
  for (size_t i = 0; i < g.gl_pathc; i++)
    if (write_all (fd, g.gl_pathv[i], strlen (g.gl_pathv[i]) + 1) == -1)
      _exit (5);
  _exit (0);
}

/* Read everything from FD (malloc'd, *LEN bytes), or NULL. */
static char *
read_all (int fd, size_t *len)
{
  size_t alloc = 4096, n = 0;
  char *buf = malloc (alloc);
  while (buf) {
    if (n == alloc) {
      char *p = alloc < GUESTFS_MESSAGE_MAX ? realloc (buf, alloc * 2) : NULL;
      if (p == NULL) {
        free (buf);
        return NULL;
      }
      buf = p;
      alloc *= 2;
    }
    ssize_t r = read (fd, buf + n, alloc - n);
    if (r == -1 && errno == EINTR)
      continue;
    if (r == -1) {
      free (buf);
      return NULL;
    }
    if (r == 0)
      break;
    n += r;
  }
  *len = n;
  return buf;
}

char **
do_glob_expand (const char *pattern, int directoryslash)
{
  int slash = (optargs_bitmask & 1) ? directoryslash : 1;
  int flags = GLOB_BRACE | (slash ? GLOB_MARK : 0);
  int p[2];

  if (pipe2 (p, O_CLOEXEC) == -1) {
    reply_with_perror ("pipe");
    return NULL;
  }
  pid_t pid = fork ();
  if (pid == 0) {
    close (p[0]);
    glob_child (p[1], pattern, flags);
  }
  close (p[1]);
  if (pid == -1) {
    close (p[0]);
    reply_with_perror ("fork");
    return NULL;
  }
  size_t len = 0;
  CLEANUP_FREE char *out = read_all (p[0], &len);
  close (p[0]);
  int status;
  while (waitpid (pid, &status, 0) == -1 && errno == EINTR)
    ;
  if (out == NULL || !WIFEXITED (status) || WEXITSTATUS (status) != 0) {
    reply_with_error ("glob: %s: failed", pattern);
    return NULL;
  }
  DECLARE_STRINGSBUF (sb);
  for (size_t i = 0; i < len; i += strlen (out + i) + 1)
    if (add_string (&sb, out + i) == -1)
      return NULL;
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* The entry of directory DIR (a guest path) whose name equals NAME
 * ignoring case (an exact match wins); malloc'd, NULL if none. */
static char *
find_case (const char *dir, const char *name)
{
  int fd = sysroot_open (dir, O_RDONLY | O_DIRECTORY, 0);
  CLEANUP_CLOSEDIR DIR *d = fd == -1 ? NULL : fdopendir (fd);
  struct dirent *e;
  char *found = NULL;

  if (d == NULL) {
    if (fd >= 0)
      close (fd);
    return NULL;
  }
  while ((e = readdir (d)) != NULL) {
    if (strcmp (e->d_name, name) == 0) {
      free (found);
      return strdup (e->d_name);
    }
    if (found == NULL && strcasecmp (e->d_name, name) == 0)
      found = strdup (e->d_name);
  }
  if (found == NULL)
    errno = ENOENT;
  return found;
}

char *
do_case_sensitive_path (const char *path)
{
  CLEANUP_FREE char *copy = strdup (path);
  char *out = malloc (strlen (path) + 2);
  size_t olen = 0;
  char *save = NULL;

  if (copy == NULL || out == NULL) {
    free (out);
    reply_with_perror ("malloc");
    return NULL;
  }
  out[0] = '\0';
  for (char *el = strtok_r (copy, "/", &save); el;
       el = strtok_r (NULL, "/", &save)) {
    if (strcmp (el, ".") == 0 || strcmp (el, "..") == 0) {
      reply_with_error_errno (EINVAL, "%s: path element is '.' or '..'",
                              path);
      free (out);
      return NULL;
    }
    int last = save == NULL || *save == '\0' || strspn (save, "/") == strlen (save);
    CLEANUP_FREE char *real = find_case (olen ? out : "/", el);
    if (real == NULL && !last) {
      reply_with_error_errno (ENOENT, "%s: not found", el);
      free (out);
      return NULL;
    }
    const char *use = real ? real : el;
    if (strlen (use) != strlen (el)) {   /* cannot happen, but be safe */
      reply_with_error ("%s: name changed length", path);
      free (out);
      return NULL;
    }
    out[olen++] = '/';
    strcpy (out + olen, use);
    olen += strlen (use);
  }
  if (olen == 0)
    strcpy (out, "/");
  return out;
}
