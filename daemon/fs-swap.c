/* Swap areas: mkswap (device or file), swapon/swapoff by device, file,
 * label or UUID. */

#include <config.h>

#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define MKSWAP_LABEL (1 << 0)
#define MKSWAP_UUID  (1 << 1)

static int
mkswap (const char *target, const char *label, const char *uuid)
{
  const char *argv[8];
  size_t i = 0;

  argv[i++] = "mkswap";
  argv[i++] = "-f";   /* whole disks and small areas too */
  if (label) {
    argv[i++] = "-L";
    argv[i++] = label;
  }
  if (uuid) {
    argv[i++] = "-U";
    argv[i++] = uuid;
  }
  argv[i++] = target;
  argv[i] = NULL;
  return fs_run (target, argv);
}

int
do_mkswap (const char *device, const char *label, const char *uuid)
{
  if ((optargs_bitmask & MKSWAP_LABEL) && strlen (label) > 16)
    return reply_with_error ("%s: Linux swap labels are limited to 16 bytes", label);
  return mkswap (device, optargs_bitmask & MKSWAP_LABEL ? label : NULL,
                 optargs_bitmask & MKSWAP_UUID ? uuid : NULL);
}

int
do_mkswap_L (const char *label, const char *device)
{
  if (strlen (label) > 16)
    return reply_with_error ("%s: Linux swap labels are limited to 16 bytes", label);
  return mkswap (device, label, NULL);
}

int
do_mkswap_U (const char *uuid, const char *device)
{
  return mkswap (device, NULL, uuid);
}

int
do_mkswap_file (const char *path)
{
  CLEANUP_FREE char *p = fs_guest_path (path);

  if (p == NULL)
    return -1;
  return mkswap (p, NULL, NULL);
}

/* swapon/swapoff PROG with an optional flag (-L, -U) and the target. */
static int
swap_cmd (const char *prog, const char *flag, const char *target,
          const char *what)
{
  const char *argv[] = { prog, flag ? flag : target, flag ? target : NULL, NULL };
  return fs_run (what, argv);
}

int
do_swapon_device (const char *device)
{
  return swap_cmd ("swapon", NULL, device, device);
}

int
do_swapoff_device (const char *device)
{
  return swap_cmd ("swapoff", NULL, device, device);
}

int
do_swapon_file (const char *file)
{
  CLEANUP_FREE char *p = fs_guest_path (file);

  if (p == NULL)
    return -1;
  return swap_cmd ("swapon", NULL, p, file);
}

int
do_swapoff_file (const char *file)
{
  CLEANUP_FREE char *p = fs_guest_path (file);

  if (p == NULL)
    return -1;
  return swap_cmd ("swapoff", NULL, p, file);
}

int
do_swapon_label (const char *label)
{
  return swap_cmd ("swapon", "-L", label, label);
}

int
do_swapoff_label (const char *label)
{
  return swap_cmd ("swapoff", "-L", label, label);
}

int
do_swapon_uuid (const char *uuid)
{
  return swap_cmd ("swapon", "-U", uuid, uuid);
}

int
do_swapoff_uuid (const char *uuid)
{
  return swap_cmd ("swapoff", "-U", uuid, uuid);
}
