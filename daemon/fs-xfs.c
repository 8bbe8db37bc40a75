/* XFS: xfs_info (parsed into struct xfsinfo), xfs_growfs, xfs_admin,
 * xfs_repair. */

#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <mntent.h>
#include <string.h>
#include <sys/stat.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

/* Where DEVICE is mounted as xfs (malloc'd), or NULL. */
static char *
xfs_mountpoint_of (const char *device)
{
  FILE *f = setmntent ("/proc/self/mounts", "r");
  struct mntent *m;
  char *r = NULL;

  if (f == NULL)
    return NULL;
  while (r == NULL && (m = getmntent (f)) != NULL)
    if (strcmp (m->mnt_fsname, device) == 0 && strcmp (m->mnt_type, "xfs") == 0)
      r = strdup (m->mnt_dir);
  endmntent (f);
  return r;
}

/* Set one numeric field from a "key=value" token of SECTION. */
static void
set_field (guestfs_int_xfsinfo *x, const char *section, const char *key,
           const char *val)
{
  uint64_t v = strtoull (val, NULL, 10);
  struct { const char *sec, *key; uint32_t *u32; uint64_t *u64; } map[] = {
    { "meta-data", "isize", &x->xfs_inodesize, NULL },
    { "meta-data", "agcount", &x->xfs_agcount, NULL },
    { "meta-data", "agsize", &x->xfs_agsize, NULL },
    { "meta-data", "sectsz", &x->xfs_sectsize, NULL },
    { "meta-data", "attr", &x->xfs_attr, NULL },
    { "data", "bsize", &x->xfs_blocksize, NULL },
    { "data", "blocks", NULL, &x->xfs_datablocks },
    { "data", "imaxpct", &x->xfs_imaxpct, NULL },
    { "data", "sunit", &x->xfs_sunit, NULL },
    { "data", "swidth", &x->xfs_swidth, NULL },
    { "naming", "bsize", &x->xfs_dirblocksize, NULL },
    { "naming", "ascii-ci", &x->xfs_cimode, NULL },
    { "log", "bsize", &x->xfs_logblocksize, NULL },
    { "log", "blocks", &x->xfs_logblocks, NULL },
    { "log", "version", &x->xfs_logversion, NULL },
    { "log", "sectsz", &x->xfs_logsectsize, NULL },
    { "log", "sunit", &x->xfs_logsunit, NULL },
    { "log", "lazy-count", &x->xfs_lazycount, NULL },
    /* realtime extsz is left at -1, as libguestfs 1.48 reports it. */
    { "realtime", "blocks", NULL, &x->xfs_rtblocks },
    { "realtime", "rtextents", NULL, &x->xfs_rtextents },
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp (map[i].sec, section) == 0 && strcmp (map[i].key, key) == 0) {
      if (map[i].u32)
        *map[i].u32 = (uint32_t) v;
      else
        *map[i].u64 = v;
    }
}

/* The section header's value, its first word: "meta-data=/dev/sda1
 * isize=..." gives "/dev/sda1"; "log =internal log  bsize" gives
 * "internal" (as libguestfs reports it). */
static char *
header_value (const char *p)
{
  return strndup (p, strcspn (p, " "));
}

static int
parse_xfs_info (char *text, guestfs_int_xfsinfo *x)
{
  char section[32] = "";

  for (char *line = strtok (text, "\n"); line; line = strtok (NULL, "\n")) {
    char *eq = strchr (line, '=');
    if (eq == NULL)
      continue;
    /* A line's first "NAME =" names the section ("" = same as before). */
    char *q = eq;
    while (q > line && q[-1] == ' ')
      q--;
    if (q > line)
      snprintf (section, sizeof section, "%.*s", (int) (q - line), line);
    char *rest = eq + 1;
    while (*rest == ' ')
      rest++;
    if (q > line) {
      char *hv = header_value (rest);
      if (hv == NULL)
        return -1;
      if (strcmp (section, "meta-data") == 0) {
        free (x->xfs_mntpoint); x->xfs_mntpoint = hv;
      }
      else if (strcmp (section, "log") == 0) {
        free (x->xfs_logname); x->xfs_logname = hv;
      }
      else if (strcmp (section, "realtime") == 0) {
        free (x->xfs_rtname); x->xfs_rtname = hv;
      }
      else {
        if (strcmp (section, "naming") == 0 && strncmp (rest, "version ", 8) == 0)
          x->xfs_dirversion = strtoul (rest + 8, NULL, 10);
        free (hv);
      }
    }
    /* key=value tokens, separated by blanks or commas. */
    for (char *t = rest; *t; ) {
      t += strspn (t, " ,");
      size_t len = strcspn (t, " ,");
      char tok[128];
      snprintf (tok, sizeof tok, "%.*s", (int) len, t);
      char *e = strchr (tok, '=');
      if (e && e > tok) {
        *e = '\0';
        set_field (x, section, tok, e + 1);
      }
      t += len;
    }
  }
  return 0;
}

guestfs_int_xfsinfo *
do_xfs_info (const char *pathordevice)
{
  CLEANUP_FREE char *target = NULL, *out = NULL;
  int live;

  if (is_device_arg (pathordevice)) {
    target = xfs_mountpoint_of (pathordevice);
    live = target != NULL;
    if (!live && (target = strdup (pathordevice)) == NULL) {
      reply_with_perror ("strdup");
      return NULL;
    }
  }
  else {
    if ((target = fs_guest_path (pathordevice)) == NULL)
      return NULL;
    live = 1;
  }
  const char *live_argv[] = { "xfs_spaceman", "-p", "xfs_info", "-c", "info",
                              target, NULL };
  const char *db_argv[] = { "xfs_db", "-r", "-p", "xfs_info", "-c", "info",
                            target, NULL };
  out = fs_run_out (pathordevice, live ? live_argv : db_argv);
  if (out == NULL)
    return NULL;

  guestfs_int_xfsinfo *x = calloc (1, sizeof *x);
  if (x == NULL) {
    reply_with_perror ("calloc");
    return NULL;
  }
  /* Missing numbers are -1, missing strings "". */
  memset (&x->xfs_inodesize, 0xff,
          sizeof *x - offsetof (guestfs_int_xfsinfo, xfs_inodesize));
  x->xfs_logname = NULL;
  x->xfs_rtname = NULL;
  if (parse_xfs_info (out, x) == -1) {
    reply_with_perror ("xfs_info");
    xdr_free ((xdrproc_t) xdr_guestfs_int_xfsinfo, (char *) x);
    free (x);
    return NULL;
  }
  char **strs[] = { &x->xfs_mntpoint, &x->xfs_logname, &x->xfs_rtname };
  for (size_t i = 0; i < 3; i++)
    if (*strs[i] == NULL && (*strs[i] = strdup ("")) == NULL) {
      reply_with_perror ("strdup");
      xdr_free ((xdrproc_t) xdr_guestfs_int_xfsinfo, (char *) x);
      free (x);
      return NULL;
    }
  return x;
}

int
do_xfs_growfs (const char *path, int datasec, int logsec, int rtsec,
               int64_t datasize, int64_t logsize, int64_t rtsize,
               int64_t rtextsize, int maxpct)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  if ((HAS (3) && datasize < 0) || (HAS (4) && logsize < 0)
      || (HAS (5) && rtsize < 0) || (HAS (6) && rtextsize < 0)
      || (HAS (7) && maxpct < 0))
    return reply_with_error ("sizes and maxpct must be >= 0");
  CLEANUP_FREE char *mp = fs_guest_path (path);
  if (mp == NULL)
    return -1;
  fs_arg (&a, "xfs_growfs");
  if (HAS (0) && datasec) fs_arg (&a, "-d");
  if (HAS (1) && logsec) fs_arg (&a, "-l");
  if (HAS (2) && rtsec) fs_arg (&a, "-r");
  if (HAS (3)) fs_argf (&a, "-D%" PRIi64, datasize);
  if (HAS (4)) fs_argf (&a, "-L%" PRIi64, logsize);
  if (HAS (5)) fs_argf (&a, "-R%" PRIi64, rtsize);
  if (HAS (6)) fs_argf (&a, "-e%" PRIi64, rtextsize);
  if (HAS (7)) fs_argf (&a, "-m%d", maxpct);
  fs_arg (&a, mp);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (path, a.argv);
}

/* xfs_db in expert mode running CMD on DEVICE, the way xfs_admin does
 * it (xfs_admin itself is a shell script that evals its arguments). */
int
fs_xfs_db (const char *device, int imgfile, const char *const *cmds)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };
  CLEANUP_FREE char *out = NULL, *err = NULL;

  fs_arg (&a, "xfs_db");
  fs_arg (&a, "-x");
  fs_arg (&a, "-p");
  fs_arg (&a, "xfs_admin");
  if (imgfile)
    fs_arg (&a, "-f");
  for (size_t i = 0; cmds[i]; i++) {
    fs_arg (&a, "-c");
    fs_arg (&a, cmds[i]);
  }
  fs_arg (&a, device);
  int r = commandrvf (&out, &err, CMD_STDERR_TO_OUT, a.argv);
  trim_newlines (out);
  /* xfs_db exits 0 even when a command fails: look at what it said. */
  if (r != 0 || (out && (strstr (out, "error") || strstr (out, "failed")
                         || strstr (out, "invalid") || strstr (out, "Usage"))))
    return reply_with_error ("%s: %s", device, out && *out ? out : "xfs_db failed");
  return 0;
}

int
do_xfs_admin (const char *device, int extunwritten, int imgfile, int v2log,
              int projid32bit, int lazycounter, const char *label,
              const char *uuid)
{
  CLEANUP_FS_ARGV struct fs_argv c = { .n = 0 };

  if (HAS (5) && strlen (label) > 12)
    return reply_with_error ("%s: xfs labels are limited to 12 bytes", label);
  if (HAS (5) && strpbrk (label, " \t\n"))
    return reply_with_error ("%s: xfs labels cannot contain blanks", label);
  if (HAS (6) && strpbrk (uuid, " \t\n"))
    return reply_with_error ("%s: invalid UUID", uuid);
  if (HAS (0) && extunwritten) fs_arg (&c, "version extflg");
  if (HAS (2) && v2log) fs_arg (&c, "version log2");
  if (HAS (3) && projid32bit) fs_arg (&c, "version projid32bit");
  if (HAS (5)) fs_argf (&c, "label %s", *label ? label : "--");
  if (HAS (6)) fs_argf (&c, "uuid %s", uuid);
  if (c.failed)
    return reply_with_perror ("malloc");
  if (c.n > 0 && fs_xfs_db (device, HAS (1) && imgfile, c.argv) == -1)
    return -1;
  /* The lazy superblock counter is switched by xfs_repair. */
  if (HAS (4)) {
    const char *argv[] = { "xfs_repair", "-c",
                           lazycounter ? "lazycount=1" : "lazycount=0",
                           device, NULL };
    return fs_run (device, argv);
  }
  return 0;
}

int
do_xfs_repair (const char *device, int forcelogzero, int nomodify,
               int noprefetch, int forcegeometry, int64_t maxmem,
               int64_t ihashsize, int64_t bhashsize, int64_t agstride,
               const char *logdev, const char *rtdev)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };
  CLEANUP_FREE char *target = NULL, *out = NULL, *err = NULL;

  if ((HAS (4) && maxmem < 0) || (HAS (5) && ihashsize < 0)
      || (HAS (6) && bhashsize < 0) || (HAS (7) && agstride < 0))
    return reply_with_error ("maxmem, ihashsize, bhashsize and agstride must be >= 0");
  fs_arg (&a, "xfs_repair");
  if (HAS (0) && forcelogzero) fs_arg (&a, "-L");
  if (HAS (1) && nomodify) fs_arg (&a, "-n");
  if (HAS (2) && noprefetch) fs_arg (&a, "-P");
  if (HAS (3) && forcegeometry) { fs_arg (&a, "-o"); fs_arg (&a, "force_geometry"); }
  if (HAS (4)) fs_argf (&a, "-m%" PRIi64, maxmem);
  if (HAS (5)) { fs_arg (&a, "-o"); fs_argf (&a, "ihash=%" PRIi64, ihashsize); }
  if (HAS (6)) { fs_arg (&a, "-o"); fs_argf (&a, "bhash=%" PRIi64, bhashsize); }
  if (HAS (7)) { fs_arg (&a, "-o"); fs_argf (&a, "ag_stride=%" PRIi64, agstride); }
  if (HAS (8)) { fs_arg (&a, "-l"); fs_arg (&a, logdev); }
  if (HAS (9)) { fs_arg (&a, "-r"); fs_arg (&a, rtdev); }
  if (is_device_arg (device))
    target = strdup (device);
  else {
    /* An image file inside the guest. */
    if ((target = fs_guest_path (device)) == NULL)
      return -1;
    fs_arg (&a, "-f");
  }
  if (target == NULL)
    return reply_with_perror ("strdup");
  fs_arg (&a, target);
  if (a.failed)
    return reply_with_perror ("malloc");
  int r = commandrvf (&out, &err, 0, a.argv);
  if (r == -1) {
    trim_newlines (err);
    return reply_with_error ("%s: %s", device, err && *err ? err : "xfs_repair failed");
  }
  return r;
}
