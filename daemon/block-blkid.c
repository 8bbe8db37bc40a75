/* blkid: every attribute blkid(8) finds on a device, as a hashtable.  The
 * program is run (not libblkid) so that keys and values are exactly those
 * of "blkid -p -i -o export". */

#include <config.h>

#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

char **
do_blkid (const char *device)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "blkid", "-c", "/dev/null", "-p", "-i", "-o", "export",
                         "--", device, NULL };
  DECLARE_STRINGSBUF (sb);

  /* Status 2: nothing was found, which is an empty answer here. */
  int r = commandrvf (&out, &err, 0, argv);
  if (r != 0 && r != 2) {
    trim_newlines (err);
    reply_with_error ("blkid: %s: %s", device, err && err[0] ? err : "failed");
    return NULL;
  }
  if (out == NULL && (out = strdup ("")) == NULL) {
    reply_with_perror ("strdup");
    return NULL;
  }
  CLEANUP_FREE_STRING_LIST char **lines = split_lines (out);
  if (lines == NULL)
    return NULL;
  for (size_t i = 0; lines[i]; i++) {
    char *eq = strchr (lines[i], '=');
    if (eq == NULL)
      continue;
    *eq = '\0';
    if (add_string (&sb, lines[i]) == -1 || add_string (&sb, eq + 1) == -1) {
      free_stringsbuf (&sb);
      return NULL;
    }
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}
