/* lvm group: Linux software RAID (md) through mdadm and /proc/mdstat. */

#include <config.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define MD_CREATE_MISSINGBITMAP 0x01
#define MD_CREATE_NRDEVICES     0x02
#define MD_CREATE_SPARE         0x04
#define MD_CREATE_CHUNK         0x08
#define MD_CREATE_LEVEL         0x10

static int
mdadm (char **out, const char *const *argv)
{
  CLEANUP_FREE char *err = NULL;
  if (commandvf (out, &err, 0, argv) == -1) {
    if (err)
      trim_newlines (err);
    return reply_with_error ("%s", err && *err ? err : "mdadm failed");
  }
  return 0;
}

static int
check_level (const char *level)
{
  static const char *const ok[] = {
    "linear", "raid0", "0", "stripe", "raid1", "1", "mirror", "raid4", "4",
    "raid5", "5", "raid6", "6", "raid10", "10", NULL };
  for (size_t i = 0; ok[i]; i++)
    if (strcmp (level, ok[i]) == 0)
      return 0;
  return reply_with_error ("unknown level parameter: %s", level);
}

int
do_md_create (const char *name, char *const *devices, int64_t missingbitmap,
              int nrdevices, int spare, int64_t chunk, const char *level)
{
  uint64_t m = optargs_bitmask;
  size_t ndev = count_strings (devices);
  size_t nmissing = 0;

  if (*name == '\0' || strchr (name, '/'))
    return reply_with_error ("%s: invalid md device name", name);
  if (!(m & MD_CREATE_MISSINGBITMAP))
    missingbitmap = 0;
  for (int i = 0; i < 64; i++)
    if ((uint64_t) missingbitmap & (UINT64_C(1) << i))
      nmissing++;
  if (!(m & MD_CREATE_SPARE))
    spare = 0;
  if (!(m & MD_CREATE_NRDEVICES))
    nrdevices = ndev + nmissing - spare;
  if (nrdevices < 1 || spare < 0)
    return reply_with_error ("nrdevices and spare must be positive");
  if ((size_t) nrdevices + spare != ndev + nmissing)
    return reply_with_error ("devices + missing devices (%zu) must equal "
                             "nrdevices + spare (%d)", ndev + nmissing,
                             nrdevices + spare);
  if (!(m & MD_CREATE_LEVEL))
    level = "raid1";
  if (check_level (level) == -1)
    return -1;
  if ((m & MD_CREATE_CHUNK) && (chunk <= 0 || chunk % 1024))
    return reply_with_error ("chunk must be a positive multiple of 1024");

  char dev[PATH_MAX], lvl[64], nr[32], sp[32], ch[32];
  snprintf (dev, sizeof dev, "/dev/md/%s", name);
  snprintf (lvl, sizeof lvl, "--level=%s", level);
  snprintf (nr, sizeof nr, "--raid-devices=%d", nrdevices);
  snprintf (sp, sizeof sp, "--spare-devices=%d", spare);
  snprintf (ch, sizeof ch, "--chunk=%" PRIi64, chunk / 1024);

  size_t slots = ndev + nmissing;
  CLEANUP_FREE const char **argv = calloc (slots + 16, sizeof (char *));
  if (argv == NULL)
    return reply_with_perror ("calloc");
  size_t n = 0, d = 0;
  argv[n++] = "mdadm";
  argv[n++] = "--create";
  argv[n++] = "--run";
  argv[n++] = dev;
  argv[n++] = lvl;
  argv[n++] = nr;
  if (spare)
    argv[n++] = sp;
  if (m & MD_CREATE_CHUNK)
    argv[n++] = ch;
  for (size_t i = 0; i < slots; i++) {
    if (i < 64 && ((uint64_t) missingbitmap & (UINT64_C(1) << i)))
      argv[n++] = "missing";
    else
      argv[n++] = devices[d++];
  }
  argv[n] = NULL;
  return mdadm (NULL, argv);
}

int
do_md_stop (const char *md)
{
  const char *argv[] = { "mdadm", "--stop", md, NULL };
  return mdadm (NULL, argv);
}

/* "mdadm -D --export": MD_LEVEL=raid1 ... -> level, raid1, ... */
char **
do_md_detail (const char *md)
{
  CLEANUP_FREE char *out = NULL;
  DECLARE_STRINGSBUF (sb);
  const char *argv[] = { "mdadm", "-D", "--export", md, NULL };

  if (mdadm (&out, argv) == -1)
    return NULL;
  for (char *line = strtok (out, "\n"); line; line = strtok (NULL, "\n")) {
    char *eq = strchr (line, '=');
    if (eq == NULL)
      continue;
    *eq = '\0';
    if (strncmp (line, "MD_", 3) == 0)
      line += 3;
    for (char *p = line; *p; p++)
      *p = tolower ((unsigned char) *p);
    if (add_string (&sb, line) == -1 || add_string (&sb, eq + 1) == -1)
      return NULL;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* One member token of /proc/mdstat: "sda1[0](F)". */
static int
add_member (guestfs_int_mdstat_list *l, const char *tok)
{
  const char *br = strchr (tok, '[');
  char *end;
  if (br == NULL)
    return 0;
  long idx = strtol (br + 1, &end, 10);
  if (*end != ']')
    return 0;
  guestfs_int_mdstat *v = realloc (l->guestfs_int_mdstat_list_val,
                                   (l->guestfs_int_mdstat_list_len + 1)
                                   * sizeof *v);
  if (v == NULL)
    return reply_with_perror ("realloc");
  l->guestfs_int_mdstat_list_val = v;
  v += l->guestfs_int_mdstat_list_len++;
  memset (v, 0, sizeof *v);
  v->mdstat_index = idx;
  char flags[16] = "";
  size_t nf = 0;
  for (const char *p = end + 1; *p && nf < sizeof flags - 1; p++)
    if (isupper ((unsigned char) *p))
      flags[nf++] = *p;
  flags[nf] = '\0';
  if (asprintf (&v->mdstat_device, "/dev/%.*s", (int) (br - tok), tok) == -1
      || (v->mdstat_flags = strdup (flags)) == NULL)
    return reply_with_perror ("malloc");
  return 0;
}

static int
parse_mdstat_line (guestfs_int_mdstat_list *l, char *rest)
{
  char *save = NULL;
  for (char *tok = strtok_r (rest, " \t\n", &save); tok;
       tok = strtok_r (NULL, " \t\n", &save))
    if (add_member (l, tok) == -1)
      return -1;
  return 0;
}

guestfs_int_mdstat_list *
do_md_stat (const char *md)
{
  CLEANUP_FREE char *real = realpath (md, NULL);
  CLEANUP_FCLOSE FILE *f = NULL;
  char *line = NULL;
  size_t alloc = 0;
  int found = 0;

  if (real == NULL) {
    reply_with_perror ("%s", md);
    return NULL;
  }
  const char *name = strrchr (real, '/') + 1;
  size_t nlen = strlen (name);
  guestfs_int_mdstat_list *l = calloc (1, sizeof *l);
  if (l == NULL || (f = fopen ("/proc/mdstat", "re")) == NULL) {
    reply_with_perror ("/proc/mdstat");
    free (l);
    return NULL;
  }
  while (!found && getline (&line, &alloc, f) != -1) {
    if (strncmp (line, name, nlen) != 0 || strncmp (line + nlen, " : ", 3))
      continue;
    found = 1;
    if (parse_mdstat_line (l, line + nlen + 3) == -1) {
      free (line);
      xdr_free ((xdrproc_t) xdr_guestfs_int_mdstat_list, (char *) l);
      free (l);
      return NULL;
    }
  }
  free (line);
  if (!found) {
    reply_with_error ("%s: device not found in /proc/mdstat", md);
    free (l);
    return NULL;
  }
  return l;
}

static int
is_md_array (const char *name)
{
  char path[PATH_MAX];
  if (strncmp (name, "md", 2) != 0 || !isdigit ((unsigned char) name[2]))
    return 0;
  /* a stopped array may linger in /sys with array_state "clear" */
  snprintf (path, sizeof path, "/sys/block/%s/md/array_state", name);
  CLEANUP_FCLOSE FILE *f = fopen (path, "re");
  char state[32] = "";
  if (f == NULL || fgets (state, sizeof state, f) == NULL)
    return 0;
  return strncmp (state, "clear", 5) != 0 && strncmp (state, "inactive", 8) != 0;
}

char **
do_list_md_devices (void)
{
  DECLARE_STRINGSBUF (sb);
  CLEANUP_CLOSEDIR DIR *d = opendir ("/sys/block");
  struct dirent *e;

  if (d == NULL) {
    reply_with_perror ("opendir: /sys/block");
    return NULL;
  }
  while ((e = readdir (d)) != NULL)
    if (is_md_array (e->d_name)
        && add_sprintf (&sb, "/dev/%s", e->d_name) == -1)
      return NULL;
  sort_strings (sb.argv, sb.size);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}
