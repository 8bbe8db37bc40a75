/* lvm group: running the lvm tool without udev, and reading its reports.
 * The device filter of lvm_set_filter lives here too, as an lvm.conf in
 * LVM_SYSTEM_DIR so that every lvm run of the daemon obeys it. */

#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "daemon.h"

/* No udev in the appliance: lvm must create the /dev nodes itself and not
 * wait for udev to confirm anything. */
#define LVM_NO_UDEV \
  "devices{obtain_device_list_from_udev=0 external_device_info_source=\"none\"} " \
  "activation{udev_sync=0 udev_rules=0 verify_udev_operations=1 monitoring=0} " \
  "global{use_lvmetad=0 locking_type=1}"

#define LVM_MAX_ARGS 64

int
lvm_run (char **out, char **err, const char *sub, const char *const *args)
{
  const char *argv[LVM_MAX_ARGS + 5];
  size_t n = 0;

  argv[n++] = "lvm";
  argv[n++] = sub;
  argv[n++] = "--config";
  argv[n++] = LVM_NO_UDEV;
  for (size_t i = 0; args && args[i]; i++) {
    if (i >= LVM_MAX_ARGS) {
      if (err)
        *err = strdup ("too many arguments");
      return -1;
    }
    argv[n++] = args[i];
  }
  argv[n] = NULL;
  int r = commandvf (out, err, 0, argv);
  if (r == -1 && err && *err)
    trim_newlines (*err);
  return r;
}

int
lvm_cmd (char **out, const char *sub, ...)
{
  const char *args[LVM_MAX_ARGS + 1];
  size_t n = 0;
  const char *s;
  va_list ap;
  CLEANUP_FREE char *err = NULL;

  va_start (ap, sub);
  while ((s = va_arg (ap, const char *)) != NULL && n < LVM_MAX_ARGS)
    args[n++] = s;
  va_end (ap);
  args[n] = NULL;
  if (lvm_run (out, &err, sub, args) == -1) {
    if (out) {
      free (*out);
      *out = NULL;
    }
    return reply_with_error ("%s", err && *err ? err : "lvm failed");
  }
  return 0;
}

char **
lvm_column (const char *sub, const char *field, const char *obj)
{
  CLEANUP_FREE char *out = NULL;
  DECLARE_STRINGSBUF (sb);

  CLEANUP_FREE char *err = NULL;
  const char *args[] = { "--noheadings", "-o", field, obj, NULL };
  if (lvm_run (&out, &err, sub, args) == -1) {
    const char *msg = err && *err ? err : "lvm failed";
    if (obj)
      reply_with_error ("%s: %s", obj, msg);
    else
      reply_with_error ("%s", msg);
    return NULL;
  }
  for (char *line = strtok (out, "\n"); line; line = strtok (NULL, "\n")) {
    line += strspn (line, " \t");
    size_t len = strlen (line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\r'))
      line[--len] = '\0';
    if (len > 0 && add_string (&sb, line) == -1)
      return NULL;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}
