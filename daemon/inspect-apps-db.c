/* Reading the text package databases (dpkg, pacman, apk) of the guest
 * mounted on /sysroot and handing them to their parsers.
 */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "inspect-apps-io.h"
#include "inspect-apps-parse.h"

#define MAX_DB_FILE (256u * 1024 * 1024)
/* As the reference: bigger desc files are taken as corrupt and skipped. */
#define MAX_DESC_FILE 8192

int
read_guest_file (const char *path, size_t max, char **buf, size_t *len)
{
  int fd = sysroot_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd == -1)
    return -1;
  struct stat st;
  if (fstat (fd, &st) == -1) {
    int e = errno;
    close (fd);
    errno = e;
    return -1;
  }
  if (!S_ISREG (st.st_mode)) {
    close (fd);
    errno = EINVAL;
    return -1;
  }
  size_t alloc = st.st_size < (off_t) max ? (size_t) st.st_size + 1 : max + 1;
  char *p = malloc (alloc);
  size_t n = 0;
  ssize_t r = 0;
  while (p && n < alloc && (r = read (fd, p + n, alloc - n)) > 0)
    n += r;
  int e = errno;
  close (fd);
  if (p == NULL || r == -1) {
    free (p);
    errno = p ? e : ENOMEM;
    return -1;
  }
  if (n > max) {                /* the file grew, or is larger than MAX */
    free (p);
    errno = EFBIG;
    return -1;
  }
  *buf = p;
  *len = n;
  return 0;
}

/* Reads PATH and parses it; an absent or unreadable file is no
 * applications, with a debug message. */
static int
parse_guest_file (const char *path, size_t max, struct app_sink *sink,
                  int (*parse) (const char *, size_t, app_found_fn, void *))
{
  char *buf;
  size_t len;
  if (read_guest_file (path, max, &buf, &len) == -1) {
    if (errno == EFBIG && max == MAX_DB_FILE) {
      reply_with_error ("%s: package database is too large", path);
      return -1;
    }
    debug ("list applications: %s: %m", path);
    return 0;
  }
  int r = parse (buf, len, apps_found, sink);
  free (buf);
  return r;
}

int
apps_list_dpkg (struct app_sink *sink)
{
  return parse_guest_file ("/var/lib/dpkg/status", MAX_DB_FILE, sink,
                           parse_dpkg_status);
}

int
apps_list_apk (struct app_sink *sink)
{
  return parse_guest_file ("/lib/apk/db/installed", MAX_DB_FILE, sink,
                           parse_apk_installed);
}

/* pacman: one directory per package under /var/lib/pacman/local, each
 * with a desc file. */
int
apps_list_pacman (struct app_sink *sink)
{
  static const char local[] = "/var/lib/pacman/local";
  int fd = sysroot_open (local, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd == -1) {
    debug ("list applications: %s: %m", local);
    return 0;
  }
  DIR *dir = fdopendir (fd);
  if (dir == NULL) {
    close (fd);
    return 0;
  }
  int r = 0;
  struct dirent *d;
  while (r == 0 && (d = readdir (dir)) != NULL) {
    if (d->d_name[0] == '.')
      continue;
    char *path;
    if (asprintf (&path, "%s/%s/desc", local, d->d_name) == -1) {
      reply_with_perror ("asprintf");
      r = -1;
      break;
    }
    r = parse_guest_file (path, MAX_DESC_FILE, sink, parse_pacman_desc);
    free (path);
  }
  closedir (dir);
  return r;
}
