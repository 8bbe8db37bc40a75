/* Walking directories: find, find0, ls0, readdir. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define MAX_DEPTH 256

/* Open the directory PATH of the guest for reading; replies on error. */
static DIR *
open_dir (const char *path)
{
  int fd = sysroot_open (path, O_RDONLY | O_DIRECTORY, 0);
  DIR *d = fd == -1 ? NULL : fdopendir (fd);
  if (d == NULL) {
    reply_with_perror ("opendir: %s", path);
    if (fd >= 0)
      close (fd);
  }
  return d;
}

static int
is_dot (const char *n)
{
  return strcmp (n, ".") == 0 || strcmp (n, "..") == 0;
}

/* Add PREFIX+name of every entry under DFD to SB, depth first.  Symbolic
 * links are listed, never followed.  -1 after replying. */
static int
walk (int dfd, const char *prefix, struct stringsbuf *sb, int depth)
{
  int fd = openat (dfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  CLEANUP_CLOSEDIR DIR *d = fd == -1 ? NULL : fdopendir (fd);
  struct dirent *e;

  if (d == NULL) {
    if (fd >= 0)
      close (fd);
    return reply_with_perror ("opendir: %s", *prefix ? prefix : ".");
  }
  if (depth > MAX_DEPTH)
    return reply_with_error_errno (ELOOP, "%s: directory tree too deep",
                                   prefix);
  while ((errno = 0, e = readdir (d)) != NULL) {
    if (is_dot (e->d_name))
      continue;
    char *name;
    if (asprintf (&name, "%s%s", prefix, e->d_name) == -1)
      return reply_with_perror ("asprintf");
    if (add_string_nodup (sb, name) == -1)
      return -1;
    int isdir = e->d_type == DT_DIR;
    if (e->d_type == DT_UNKNOWN) {
      struct stat st;
      isdir = fstatat (dirfd (d), e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0
        && S_ISDIR (st.st_mode);
    }
    if (!isdir)
      continue;
    CLEANUP_CLOSE int sub = openat (dirfd (d), e->d_name,
                                    O_PATH | O_DIRECTORY | O_NOFOLLOW |
                                    O_CLOEXEC);
    CLEANUP_FREE char *p2 = NULL;
    if (sub == -1)
      return reply_with_perror ("%s%s", prefix, e->d_name);
    if (asprintf (&p2, "%s%s/", prefix, e->d_name) == -1)
      return reply_with_perror ("asprintf");
    if (walk (sub, p2, sb, depth + 1) == -1)
      return -1;
  }
  if (errno != 0)
    return reply_with_perror ("readdir: %s", prefix);
  return 0;
}

/* Every path under DIRECTORY, relative to it; NULL after replying. */
static char **
find_list (const char *directory, int sorted)
{
  DECLARE_STRINGSBUF (sb);
  CLEANUP_CLOSE int dfd = sysroot_open (directory, O_PATH | O_DIRECTORY, 0);
  if (dfd == -1) {
    reply_with_perror ("%s", directory);
    return NULL;
  }
  if (walk (dfd, "", &sb, 0) == -1) {
    free_stringsbuf (&sb);
    return NULL;
  }
  if (sorted)
    sort_strings (sb.argv, sb.size);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char **
do_find (const char *directory)
{
  return find_list (directory, 1);
}

/* Send each name followed by NUL as the FileOut content, in chunks of
 * up to 256 KiB. */
static int
send_names (char **names)
{
  static char buf[256 * 1024];
  size_t len = 0;

  reply (NULL, NULL);
  for (size_t i = 0; ; i++) {
    size_t n = names[i] ? strlen (names[i]) + 1 : 0;
    if (len > 0 && (names[i] == NULL || len + n > sizeof buf)) {
      /* -2: cancelled, already replied; -1: the channel is gone. */
      if (send_file_write (buf, len) < 0)
        return -1;
      len = 0;
    }
    if (names[i] == NULL)
      break;
    if (n > sizeof buf)
      continue;   /* a name longer than PATH_MAX cannot exist */
    memcpy (buf + len, names[i], n);
    len += n;
  }
  return send_file_end (0) == -1 ? -1 : 0;
}

int
do_find0 (const char *directory)
{
  CLEANUP_FREE_STRING_LIST char **names = find_list (directory, 0);
  if (names == NULL)
    return -1;
  return send_names (names);
}

int
do_ls0 (const char *dir)
{
  DECLARE_STRINGSBUF (sb);
  CLEANUP_CLOSEDIR DIR *d = open_dir (dir);
  struct dirent *e;

  if (d == NULL)
    return -1;
  while ((errno = 0, e = readdir (d)) != NULL) {
    if (!is_dot (e->d_name) && add_string (&sb, e->d_name) == -1)
      return -1;
  }
  if (errno != 0) {
    free_stringsbuf (&sb);
    return reply_with_perror ("readdir: %s", dir);
  }
  if (end_stringsbuf (&sb) == -1)
    return -1;
  CLEANUP_FREE_STRING_LIST char **names = take_stringsbuf (&sb);
  return send_names (names);
}

static char
ftyp_of (unsigned char t)
{
  switch (t) {
  case DT_BLK: return 'b';
  case DT_CHR: return 'c';
  case DT_DIR: return 'd';
  case DT_FIFO: return 'f';
  case DT_LNK: return 'l';
  case DT_REG: return 'r';
  case DT_SOCK: return 's';
  case DT_UNKNOWN: return 'u';
  default: return '?';
  }
}

guestfs_int_dirent_list *
do_readdir (const char *dir)
{
  CLEANUP_CLOSEDIR DIR *d = open_dir (dir);
  guestfs_int_dirent_list *r;
  struct dirent *e;
  size_t alloc = 16;

  if (d == NULL)
    return NULL;
  r = calloc (1, sizeof *r);
  if (r == NULL || (r->guestfs_int_dirent_list_val =
                    calloc (alloc, sizeof (guestfs_int_dirent))) == NULL)
    goto oom;
  while ((errno = 0, e = readdir (d)) != NULL) {
    size_t n = r->guestfs_int_dirent_list_len;
    if (n == alloc) {
      guestfs_int_dirent *p = realloc (r->guestfs_int_dirent_list_val,
                                       2 * alloc * sizeof *p);
      if (p == NULL)
        goto oom;
      r->guestfs_int_dirent_list_val = p;
      alloc *= 2;
    }
    guestfs_int_dirent *v = &r->guestfs_int_dirent_list_val[n];
    v->ino = e->d_ino;
    v->ftyp = ftyp_of (e->d_type);
    v->name = strdup (e->d_name);
    if (v->name == NULL)
      goto oom;
    r->guestfs_int_dirent_list_len++;
  }
  if (errno != 0) {
    reply_with_perror ("readdir: %s", dir);
    goto fail;
  }
  return r;

 oom:
  reply_with_perror ("malloc");
 fail:
  if (r) {
    for (size_t i = 0; i < r->guestfs_int_dirent_list_len; i++)
      free (r->guestfs_int_dirent_list_val[i].name);
    free (r->guestfs_int_dirent_list_val);
    free (r);
  }
  return NULL;
}
