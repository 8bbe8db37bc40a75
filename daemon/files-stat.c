/* File status: statns, lstatns, lstatnslist, stat, lstat, lstatlist, filesize,
 * is_symlink, is_blockdev, is_chardev, is_fifo, is_socket. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* stat PATH inside the sysroot; -1 with errno. */
static int
stat_in_root (const char *path, int follow, struct stat *st)
{
  int fd = sysroot_open (path, O_PATH | (follow ? 0 : O_NOFOLLOW), 0);
  if (fd == -1)
    return -1;
  int r = fstat (fd, st);
  int e = errno;
  close (fd);
  errno = e;
  return r;
}

static void
fill_statns (guestfs_int_statns *r, const struct stat *st)
{
  memset (r, 0, sizeof *r);
  r->st_dev = st->st_dev;
  r->st_ino = st->st_ino;
  r->st_mode = st->st_mode;
  r->st_nlink = st->st_nlink;
  r->st_uid = st->st_uid;
  r->st_gid = st->st_gid;
  r->st_rdev = st->st_rdev;
  r->st_size = st->st_size;
  r->st_blksize = st->st_blksize;
  r->st_blocks = st->st_blocks;
  r->st_atime_sec = st->st_atim.tv_sec;
  r->st_atime_nsec = st->st_atim.tv_nsec;
  r->st_mtime_sec = st->st_mtim.tv_sec;
  r->st_mtime_nsec = st->st_mtim.tv_nsec;
  r->st_ctime_sec = st->st_ctim.tv_sec;
  r->st_ctime_nsec = st->st_ctim.tv_nsec;
}

static guestfs_int_statns *
statns_path (const char *path, int follow)
{
  struct stat st;
  if (stat_in_root (path, follow, &st) == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  guestfs_int_statns *r = malloc (sizeof *r);
  if (r == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  fill_statns (r, &st);
  return r;
}

guestfs_int_statns *
do_statns (const char *path)
{
  return statns_path (path, 1);
}

guestfs_int_statns *
do_lstatns (const char *path)
{
  return statns_path (path, 0);
}

guestfs_int_statns_list *
do_lstatnslist (const char *path, char *const *names)
{
  size_t n = count_strings (names);
  CLEANUP_CLOSE int dfd = sysroot_open (path, O_PATH | O_DIRECTORY, 0);
  if (dfd == -1) {
    reply_with_perror ("%s", path);
    return NULL;
  }
  guestfs_int_statns_list *r = malloc (sizeof *r);
  if (r == NULL || (r->guestfs_int_statns_list_val =
                    calloc (n + 1, sizeof (guestfs_int_statns))) == NULL) {
    reply_with_perror ("malloc");
    free (r);
    return NULL;
  }
  r->guestfs_int_statns_list_len = n;
  for (size_t i = 0; i < n; i++) {
    guestfs_int_statns *s = &r->guestfs_int_statns_list_val[i];
    CLEANUP_FREE char *full = NULL;
    struct stat st;
    if (asprintf (&full, "%s/%s", path, names[i]) != -1 &&
        stat_in_root (full, 0, &st) == 0)
      fill_statns (s, &st);
    else {
      /* An entry that cannot be read is marked, not an error. */
      memset (s, 0, sizeof *s);
      s->st_ino = -1;
    }
  }
  return r;
}

/* The old stat struct: whole-second times. */
static void
stat_of_statns (guestfs_int_stat *r, const guestfs_int_statns *s)
{
  r->dev = s->st_dev;
  r->ino = s->st_ino;
  r->mode = s->st_mode;
  r->nlink = s->st_nlink;
  r->uid = s->st_uid;
  r->gid = s->st_gid;
  r->rdev = s->st_rdev;
  r->size = s->st_size;
  r->blksize = s->st_blksize;
  r->blocks = s->st_blocks;
  r->atime = s->st_atime_sec;
  r->mtime = s->st_mtime_sec;
  r->ctime = s->st_ctime_sec;
}

static guestfs_int_stat *
stat_path (const char *path, int follow)
{
  struct stat st;
  guestfs_int_statns ns;
  if (stat_in_root (path, follow, &st) == -1) {
    reply_with_perror ("%s: %s", follow ? "stat" : "lstat", path);
    return NULL;
  }
  guestfs_int_stat *r = malloc (sizeof *r);
  if (r == NULL) {
    reply_with_perror ("malloc");
    return NULL;
  }
  fill_statns (&ns, &st);
  stat_of_statns (r, &ns);
  return r;
}

/* lstatnslist, in the old struct (unreadable entries keep ino -1). */
guestfs_int_stat_list *
do_lstatlist (const char *path, char *const *names)
{
  guestfs_int_statns_list *ns = do_lstatnslist (path, names);
  if (ns == NULL)
    return NULL;
  size_t n = ns->guestfs_int_statns_list_len;
  guestfs_int_stat_list *r = malloc (sizeof *r);
  if (r == NULL || (r->guestfs_int_stat_list_val =
                    calloc (n + 1, sizeof (guestfs_int_stat))) == NULL) {
    reply_with_perror ("malloc");
    free (r);
    r = NULL;
  }
  else {
    r->guestfs_int_stat_list_len = n;
    for (size_t i = 0; i < n; i++)
      stat_of_statns (&r->guestfs_int_stat_list_val[i],
                      &ns->guestfs_int_statns_list_val[i]);
  }
  xdr_free ((xdrproc_t) xdr_guestfs_int_statns_list, (char *) ns);
  free (ns);
  return r;
}

guestfs_int_stat *
do_stat (const char *path)
{
  return stat_path (path, 1);
}

guestfs_int_stat *
do_lstat (const char *path)
{
  return stat_path (path, 0);
}

int64_t
do_filesize (const char *file)
{
  struct stat st;
  if (stat_in_root (file, 1, &st) == -1)
    return reply_with_perror ("filesize: %s", file);
  return st.st_size;
}

/* Type test: 0 when missing, -1 after replying on other errors. */
static int
is_type (const char *path, int follow, mode_t type)
{
  struct stat st;
  if (stat_in_root (path, follow, &st) == -1) {
    if (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)
      return 0;
    return reply_with_perror ("stat: %s", path);
  }
  return (st.st_mode & S_IFMT) == type;
}

int
do_is_symlink (const char *path)
{
  return is_type (path, 0, S_IFLNK);
}

int
do_is_blockdev (const char *path, int followsymlinks)
{
  return is_type (path, followsymlinks, S_IFBLK);
}

int
do_is_chardev (const char *path, int followsymlinks)
{
  return is_type (path, followsymlinks, S_IFCHR);
}

int
do_is_fifo (const char *path, int followsymlinks)
{
  return is_type (path, followsymlinks, S_IFIFO);
}

int
do_is_socket (const char *path, int followsymlinks)
{
  return is_type (path, followsymlinks, S_IFSOCK);
}
