/* Directory calls: ls, ll, mkdir, mkdir_p, rmdir, rm_rf. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

char **
do_ls (const char *directory)
{
  DECLARE_STRINGSBUF (sb);
  int fd = sysroot_open (directory, O_RDONLY | O_DIRECTORY, 0);
  CLEANUP_CLOSEDIR DIR *d = fd == -1 ? NULL : fdopendir (fd);
  struct dirent *e;

  if (d == NULL) {
    reply_with_perror ("opendir: %s", directory);
    if (fd >= 0)
      close (fd);
    return NULL;
  }
  errno = 0;
  while ((e = readdir (d)) != NULL) {
    if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
      continue;
    if (add_string (&sb, e->d_name) == -1)
      return NULL;
    errno = 0;
  }
  if (errno != 0) {
    reply_with_perror ("readdir: %s", directory);
    free_stringsbuf (&sb);
    return NULL;
  }
  sort_strings (sb.argv, sb.size);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* ls -la on the appliance path of DIRECTORY.  Only the parent is resolved
 * (inside the sysroot), so ls sees the last component itself and never
 * follows a guest symlink out of the sysroot. */
char *
do_ll (const char *directory)
{
  CLEANUP_FREE char *base = NULL, *parent = NULL, *path = NULL, *err = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (directory, &base);
  struct stat st;
  char *out;

  if (dfd == -1 || fstatat (dfd, base, &st, AT_SYMLINK_NOFOLLOW) == -1) {
    reply_with_perror ("%s", directory);
    return NULL;
  }
  char link[64];
  snprintf (link, sizeof link, "/proc/self/fd/%d", dfd);
  parent = realpath (link, NULL);
  if (parent == NULL) {
    reply_with_perror ("realpath: %s", directory);
    return NULL;
  }
  if (strcmp (base, ".") == 0)
    path = strdup (parent);
  else if (asprintf (&path, "%s%s%s", parent,
                     parent[strlen (parent) - 1] == '/' ? "" : "/", base) == -1)
    path = NULL;
  if (path == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  if (command (&out, &err, "ls", "-la", path, NULL) == -1) {
    trim_newlines (err);
    reply_with_error ("%s", err ? err : directory);
    free (out);
    return NULL;
  }
  return out;
}

int
do_mkdir (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1 || mkdirat (dfd, base, 0777) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

/* 0 created or already a directory; else -1 with errno. */
static int
mkdir_p_rec (const char *path, int depth)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);

  if (depth > 256) {
    errno = ELOOP;
    return -1;
  }
  if (dfd == -1 && errno == ENOENT) {
    CLEANUP_FREE char *parent = strdup (path);
    if (parent == NULL)
      return -1;
    size_t n = strlen (parent);
    while (n > 1 && parent[n - 1] == '/')
      parent[--n] = '\0';
    char *slash = strrchr (parent, '/');
    if (slash == NULL || slash == parent)
      return -1;
    *slash = '\0';
    if (mkdir_p_rec (parent, depth + 1) == -1)
      return -1;
    dfd = sysroot_open_parent (path, &base);
  }
  if (dfd == -1)
    return -1;
  if (strcmp (base, ".") == 0)
    return 0;
  if (mkdirat (dfd, base, 0777) == 0)
    return 0;
  if (errno == EEXIST) {
    struct stat st;
    if (fstatat (dfd, base, &st, 0) == 0 && S_ISDIR (st.st_mode))
      return 0;
    errno = EEXIST;
  }
  return -1;
}

int
do_mkdir_p (const char *path)
{
  if (mkdir_p_rec (path, 0) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

int
do_rmdir (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  if (dfd == -1 || unlinkat (dfd, base, AT_REMOVEDIR) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}

/* Remove the contents of the directory open on FD, without following any
 * symlink (unlinkat / openat with O_NOFOLLOW). */
static int
remove_contents (int fd, int depth)
{
  int dup_fd = dup (fd);
  if (dup_fd == -1)
    return -1;
  CLEANUP_CLOSEDIR DIR *d = fdopendir (dup_fd);
  struct dirent *e;
  int r = 0;

  if (d == NULL) {
    close (dup_fd);
    return -1;
  }
  if (depth > 4096) {
    errno = ELOOP;
    return -1;
  }
  while ((e = readdir (d)) != NULL) {
    if (strcmp (e->d_name, ".") == 0 || strcmp (e->d_name, "..") == 0)
      continue;
    if (unlinkat (fd, e->d_name, 0) == 0)
      continue;
    if (errno != EISDIR && errno != EPERM) {
      if (errno == ENOENT)
        continue;
      r = -1;
      continue;
    }
    int sub = openat (fd, e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (sub == -1) {
      r = -1;
      continue;
    }
    if (remove_contents (sub, depth + 1) == -1)
      r = -1;
    close (sub);
    if (unlinkat (fd, e->d_name, AT_REMOVEDIR) == -1)
      r = -1;
  }
  return r;
}

int
do_rm_rf (const char *path)
{
  CLEANUP_FREE char *base = NULL;
  CLEANUP_CLOSE int dfd = sysroot_open_parent (path, &base);
  struct stat st;

  if (dfd == -1) {
    if (errno == ENOENT || errno == ENOTDIR)
      return 0;
    return reply_with_perror ("%s", path);
  }
  if (fstatat (dfd, base, &st, AT_SYMLINK_NOFOLLOW) == -1) {
    if (errno == ENOENT)
      return 0;
    return reply_with_perror ("%s", path);
  }
  if (!S_ISDIR (st.st_mode)) {
    if (unlinkat (dfd, base, 0) == -1)
      return reply_with_perror ("%s", path);
    return 0;
  }
  CLEANUP_CLOSE int fd = openat (dfd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd == -1 || remove_contents (fd, 0) == -1)
    return reply_with_perror ("%s", path);
  /* "/" itself cannot go (it is the mount point): emptying it is enough. */
  if (strcmp (base, ".") != 0 && unlinkat (dfd, base, AT_REMOVEDIR) == -1)
    return reply_with_perror ("%s", path);
  return 0;
}
