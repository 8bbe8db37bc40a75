/* struct inspect_os: lifetime and small helpers. */

#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "inspect.h"

static void
free_list (char **l)
{
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
}

void
inspect_os_free (struct inspect_os *os)
{
  char **fields[] = {
    &os->root, &os->type, &os->distro, &os->product_name,
    &os->product_variant, &os->arch, &os->hostname, &os->osinfo,
    &os->format, &os->package_format, &os->package_management,
    &os->windows_systemroot, &os->windows_current_control_set,
    &os->windows_software_hive, &os->windows_system_hive,
  };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    free (*fields[i]);
  free_list (os->mountpoints);
  free_list (os->filesystems);
  free_list (os->drive_mappings);
  memset (os, 0, sizeof *os);
}

int
inspect_list_add (char ***list, const char *s)
{
  size_t n = 0;
  while (*list && (*list)[n])
    n++;
  char **nl = realloc (*list, (n + 2) * sizeof (char *));
  if (nl == NULL)
    return -1;
  *list = nl;
  nl[n] = strdup (s);
  nl[n + 1] = NULL;
  return nl[n] ? 0 : -1;
}

void
inspect_set (char **field, const char *value)
{
  char *v = value ? strdup (value) : NULL;
  free (*field);
  *field = v;
}
