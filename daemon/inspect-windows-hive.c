/* Reading registry hives for inspection with libhivex, defensively: every
 * value is size-checked before libhivex allocates it. */

#include <config.h>

#include <errno.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "inspect-windows.h"

hive_h *
win_hive_open_fd (int fd)
{
  char path[64];
  /* libhivex opens by name; the fd's /proc link names exactly the file
   * we resolved inside the guest, so no second lookup can be raced. */
  snprintf (path, sizeof path, "/proc/self/fd/%d", fd);
  return hivex_open (path, verbose ? HIVEX_OPEN_VERBOSE : 0);
}

hive_node_h
win_hive_node (hive_h *h, hive_node_h from, const char *path)
{
  hive_node_h node = from ? from : hivex_root (h);
  CLEANUP_FREE char *copy = strdup (path);
  char *save = NULL;

  if (copy == NULL)
    return 0;
  for (char *c = strtok_r (copy, "\\", &save); c != NULL && node != 0;
       c = strtok_r (NULL, "\\", &save))
    node = hivex_node_get_child (h, node, c);
  return node;
}

char *
win_hive_data (hive_h *h, hive_value_h v, size_t max, hive_type *t,
               size_t *len)
{
  if (hivex_value_type (h, v, t, len) == -1 || *len > max)
    return NULL;
  return hivex_value_value (h, v, t, len);
}

char *
win_hive_string (hive_h *h, hive_node_h node, const char *key)
{
  hive_value_h v = hivex_node_get_value (h, node, key);
  hive_type t;
  size_t len;

  if (v == 0 || hivex_value_type (h, v, &t, &len) == -1)
    return NULL;
  if (len > WIN_MAX_STRING)
    return NULL;
  if (t != hive_t_REG_SZ && t != hive_t_REG_EXPAND_SZ)
    return NULL;
  return hivex_value_string (h, v);
}

int
win_hive_dword (hive_h *h, hive_node_h node, const char *key, int32_t *r)
{
  hive_value_h v = hivex_node_get_value (h, node, key);
  if (v == 0)
    return -1;
  errno = 0;
  int32_t d = hivex_value_dword (h, v);
  if (d == -1 && errno != 0)
    return -1;
  *r = d;
  return 0;
}
