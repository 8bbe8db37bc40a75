/* Windows dynamic disk (LDM) volumes and partitions, as mapped by
 * ldmtool: /dev/mapper/ldm_vol_* and /dev/mapper/ldm_part_*. */

#include <config.h>

#include <dirent.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

static char **
list_mapper (const char *prefix)
{
  DECLARE_STRINGSBUF (sb);
  DIR *d = opendir ("/dev/mapper");
  struct dirent *e;

  while (d && (e = readdir (d)) != NULL) {
    if (strncmp (e->d_name, prefix, strlen (prefix)) != 0)
      continue;
    if (add_sprintf (&sb, "/dev/mapper/%s", e->d_name) == -1) {
      closedir (d);
      free_stringsbuf (&sb);
      return NULL;
    }
  }
  if (d)
    closedir (d);
  if (sb.size > 1)
    qsort (sb.argv, sb.size, sizeof (char *), cmp_str);
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

char **
do_list_ldm_volumes (void)
{
  return list_mapper ("ldm_vol_");
}

char **
do_list_ldm_partitions (void)
{
  return list_mapper ("ldm_part_");
}
