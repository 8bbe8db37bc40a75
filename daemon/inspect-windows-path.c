/* Case-insensitive path lookup below a mounted guest filesystem: Windows
 * paths ("/Windows/System32") may be spelled in any case on disk. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect-windows.h"

/* REL (relative, already spelled as on disk) below ROOTFD, as if ROOTFD
 * were "/": absolute symlinks and ".." stay inside. */
static int
open_in_root (int rootfd, const char *rel, int flags)
{
  struct open_how how = {
    .flags = (uint64_t) (flags | O_CLOEXEC),
    .resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
  };
  int fd;
  do
    fd = syscall (SYS_openat2, rootfd, *rel ? rel : ".", &how, sizeof how);
  while (fd == -1 && errno == EAGAIN);
  return fd;
}

/* The entry of directory DIRFD whose name equals NAME ignoring case (an
 * exact match wins).  malloc'd, or NULL + errno. */
static char *
find_entry_ci (int dirfd, const char *name)
{
  int fd = dup (dirfd);
  if (fd == -1)
    return NULL;
  DIR *d = fdopendir (fd);
  if (d == NULL) {
    close (fd);
    return NULL;
  }
  char *found = NULL;
  struct dirent *e;
  size_t seen = 0;
  while ((e = readdir (d)) != NULL && seen++ < WIN_MAX_ENTRIES) {
    if (strcmp (e->d_name, name) == 0) {
      free (found);
      found = strdup (e->d_name);
      break;
    }
    if (found == NULL && strcasecmp (e->d_name, name) == 0)
      found = strdup (e->d_name);
  }
  closedir (d);
  if (found == NULL)
    errno = ENOENT;
  return found;
}

static int
append_component (char **acc, const char *name)
{
  char *n;
  if (asprintf (&n, "%s%s%s", *acc, **acc ? "/" : "", name) == -1)
    return -1;
  free (*acc);
  *acc = n;
  return 0;
}

int
win_open_ci (int rootfd, const char *path, int flags, char **real_r)
{
  CLEANUP_FREE char *copy = strdup (path);
  CLEANUP_FREE char *acc = strdup ("");
  char *save = NULL;

  if (copy == NULL || acc == NULL)
    return -1;
  for (char *c = strtok_r (copy, "/", &save); c != NULL;
       c = strtok_r (NULL, "/", &save)) {
    if (strcmp (c, ".") == 0 || strcmp (c, "..") == 0) {
      errno = EINVAL;
      return -1;
    }
    int dirfd = open_in_root (rootfd, acc, O_RDONLY | O_DIRECTORY);
    if (dirfd == -1)
      return -1;
    CLEANUP_FREE char *name = find_entry_ci (dirfd, c);
    close (dirfd);
    if (name == NULL || append_component (&acc, name) == -1)
      return -1;
  }
  int fd = open_in_root (rootfd, acc, flags);
  if (fd == -1)
    return -1;
  if (real_r != NULL && asprintf (real_r, "/%s", acc) == -1) {
    close (fd);
    return -1;
  }
  return fd;
}
