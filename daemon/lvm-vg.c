/* lvm group: volume groups, activation and scanning. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

/* Run "lvm SUB FIXED... LIST..." (FIXED NULL-terminated). */
static int
lvm_cmd_list (const char *sub, const char *const *fixed, char *const *list)
{
  size_t nf = count_strings ((char *const *) fixed), nl = count_strings (list);
  CLEANUP_FREE const char **args = calloc (nf + nl + 1, sizeof (char *));
  CLEANUP_FREE char *err = NULL;

  if (args == NULL)
    return reply_with_perror ("calloc");
  memcpy (args, fixed, nf * sizeof (char *));
  memcpy (args + nf, list, nl * sizeof (char *));
  if (lvm_run (NULL, &err, sub, args) == -1)
    return reply_with_error ("%s", err && *err ? err : "lvm failed");
  return 0;
}

int
do_vgcreate (const char *volgroup, char *const *physvols)
{
  const char *fixed[] = { "--yes", volgroup, NULL };
  if (physvols[0] == NULL)
    return reply_with_error ("no physical volumes given");
  return lvm_cmd_list ("vgcreate", fixed, physvols);
}

int
do_vgremove (const char *vgname)
{
  return lvm_cmd (NULL, "vgremove", "-f", "--yes", vgname, NULL);
}

int
do_vgrename (const char *volgroup, const char *newvolgroup)
{
  return lvm_cmd (NULL, "vgrename", volgroup, newvolgroup, NULL);
}

char **
do_vgs (void)
{
  return lvm_column ("vgs", "vg_name", NULL);
}

char **
do_vgpvuuids (const char *vgname)
{
  return lvm_column ("vgs", "pv_uuid", vgname);
}

char **
do_vglvuuids (const char *vgname)
{
  return lvm_column ("vgs", "lv_uuid", vgname);
}

int
do_vg_activate (int activate, char *const *volgroups)
{
  const char *fixed[] = { "-a", activate ? "y" : "n", NULL };
  return lvm_cmd_list ("vgchange", fixed, volgroups);
}

int
do_vg_activate_all (int activate)
{
  return lvm_cmd (NULL, "vgchange", "-a", activate ? "y" : "n", NULL);
}

int
do_vgscan (void)
{
  return lvm_cmd (NULL, "vgscan", NULL);
}

int
do_lvm_scan (int activate)
{
  if (lvm_cmd (NULL, "vgscan", "--mknodes", NULL) == -1)
    return -1;
  if (activate && lvm_cmd (NULL, "vgchange", "-a", "ay", NULL) == -1)
    return -1;
  return 0;
}

int
do_vgchange_uuid (const char *vg)
{
  return lvm_cmd (NULL, "vgchange", "-u", vg, NULL);
}

int
do_vgchange_uuid_all (void)
{
  return lvm_cmd (NULL, "vgchange", "-u", NULL);
}

/* Read a whole file (vgcfgbackup's output). */
static char *
read_whole (int fd, size_t *size_r)
{
  struct stat st;
  if (fstat (fd, &st) == -1)
    return NULL;
  char *buf = malloc (st.st_size + 1);
  size_t got = 0;
  if (buf == NULL)
    return NULL;
  while (got < (size_t) st.st_size) {
    ssize_t r = read (fd, buf + got, st.st_size - got);
    if (r == -1 && errno == EINTR)
      continue;
    if (r <= 0)
      break;
    got += r;
  }
  *size_r = got;
  return buf;
}

char *
do_vgmeta (const char *vgname, size_t *size_r)
{
  char tmpl[] = "/tmp/vgmetaXXXXXX";
  int fd = mkstemp (tmpl);
  if (fd == -1) {
    reply_with_perror ("mkstemp");
    return NULL;
  }
  close (fd);
  unlink (tmpl);    /* vgcfgbackup creates it anew */
  CLEANUP_FREE char *err = NULL;
  const char *args[] = { "-f", tmpl, vgname, NULL };
  if (lvm_run (NULL, &err, "vgcfgbackup", args) == -1) {
    reply_with_error ("vgcfgbackup: %s", err && *err ? err : "failed");
    unlink (tmpl);
    return NULL;
  }
  fd = open (tmpl, O_RDONLY | O_CLOEXEC);
  if (fd == -1) {
    reply_with_perror ("%s", tmpl);
    unlink (tmpl);
    return NULL;
  }
  char *buf = read_whole (fd, size_r);
  if (buf == NULL)
    reply_with_perror ("read: %s", tmpl);
  close (fd);
  unlink (tmpl);
  return buf;
}
