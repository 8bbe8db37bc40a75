/* The per-user appliance cache: <cachedir>/.guestferry-<uid>/.
 * It must be a real directory owned by the caller and private (0700):
 * another user who could write there could plant a kernel or initrd. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/file.h>

#include "appliance-internal.h"

/* Appliance dirs unused for this long may be removed by another build. */
#define CACHE_GRACE_SECONDS 60
/* Temporary build dirs older than this were left by a crashed build. */
#define CACHE_STALE_TMP_SECONDS 3600

int
cache_open_root (struct ctx *c, const char *cachedir, char **root)
{
  if (!cachedir || !*cachedir) cachedir = getenv ("LIBGUESTFS_CACHEDIR");
  if (!cachedir || !*cachedir) cachedir = getenv ("TMPDIR");
  if (!cachedir || !*cachedir) cachedir = "/var/tmp";
  char base[PATH_MAX];
  if (!realpath (cachedir, base))
    return ctx_perror (c, "appliance: cache directory %s", cachedir);
  uid_t uid = geteuid ();
  char *r = xasprintf ("%s/.guestferry-%u", strcmp (base, "/") ? base : "", (unsigned) uid);
  if (!r)
    return ctx_oom (c);
  if (mkdir (r, 0700) < 0 && errno != EEXIST) {
    ctx_perror (c, "appliance: cannot create cache directory %s", r);
    free (r);
    return -1;
  }
  struct stat st;
  if (lstat (r, &st) < 0) {
    ctx_perror (c, "appliance: cache directory %s", r);
    free (r);
    return -1;
  }
  if (!S_ISDIR (st.st_mode) || st.st_uid != uid) {
    ctx_error (c, "appliance: cache directory %s is not a directory owned by uid %u "
               "(owner uid %u): refusing to use it; remove it or set "
               "LIBGUESTFS_CACHEDIR to a private directory",
               r, (unsigned) uid, (unsigned) st.st_uid);
    free (r);
    return -1;
  }
  if ((st.st_mode & 077) && chmod (r, 0700) < 0) {
    ctx_perror (c, "appliance: chmod 0700 %s", r);
    free (r);
    return -1;
  }
  *root = r;
  return 0;
}

int
cache_lock (struct ctx *c, const char *root)
{
  CLEANUP_FREE char *p = path_join (root, "lock");
  if (!p)
    return ctx_oom (c);
  int fd = open (p, O_RDWR|O_CREAT|O_CLOEXEC|O_NOFOLLOW, 0600);
  if (fd < 0)
    return ctx_perror (c, "appliance: open %s", p);
  while (flock (fd, LOCK_EX) < 0) {
    if (errno != EINTR) {
      ctx_perror (c, "appliance: lock %s", p);
      close (fd);
      return -1;
    }
  }
  return fd;
}

/* Removes a directory holding only files (what the builder writes). */
static void
remove_flat_dir (int rootfd, const char *name)
{
  int dfd = openat (rootfd, name, O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC);
  if (dfd >= 0) {
    DIR *d = fdopendir (dfd);
    if (d) {
      struct dirent *de;
      while ((de = readdir (d)) != NULL)
        if (strcmp (de->d_name, ".") && strcmp (de->d_name, ".."))
          unlinkat (dfd, de->d_name, 0);
      closedir (d);
    }
    else
      close (dfd);
  }
  unlinkat (rootfd, name, AT_REMOVEDIR);
}

void
cache_cleanup (struct ctx *c, const char *root, const char *keep_app,
               const char *keep_kernel)
{
  int rootfd = open (root, O_RDONLY|O_DIRECTORY|O_CLOEXEC);
  if (rootfd < 0)
    return;
  DIR *d = fdopendir (dup (rootfd));
  if (!d) {
    close (rootfd);
    return;
  }
  time_t now = time (NULL);
  struct dirent *de;
  while ((de = readdir (d)) != NULL) {
    struct stat st;
    const char *n = de->d_name;
    if (fstatat (rootfd, n, &st, AT_SYMLINK_NOFOLLOW) < 0)
      continue;
    if (strncmp (n, "appliance-", 10) == 0 && strcmp (n, keep_app) != 0 &&
        now - st.st_mtime > CACHE_GRACE_SECONDS) {
      ctx_debug (c, "appliance: removing old %s/%s", root, n);
      remove_flat_dir (rootfd, n);
    }
    else if (strncmp (n, "kernel-", 7) == 0 && strcmp (n, keep_kernel) != 0)
      unlinkat (rootfd, n, 0);  /* appliance dirs hold their own hard link */
    else if (strncmp (n, "tmp-", 4) == 0 && now - st.st_mtime > CACHE_STALE_TMP_SECONDS)
      remove_flat_dir (rootfd, n);
  }
  closedir (d);
  close (rootfd);
}
