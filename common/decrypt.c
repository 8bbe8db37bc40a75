/* guestferry common code: opening the guest's encrypted devices before
 * inspection, so that the filesystems inside them (and LVM on top) can
 * be inspected and mounted.
 */
#include <config.h>

#include <errno.h>
#include <error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"

/* The device-mapper name, as the reference names it: "luks-UUID", or
 * for a device without a LUKS UUID "luks" and its name's letters and
 * digits ("/dev/sda2" -> "lukssda2").
 */
static void
make_mapname (const char *device, const char *uuid, char *name, size_t size)
{
  size_t n;
  const char *p = device;

  if (uuid && *uuid) {
    snprintf (name, size, "luks-%s", uuid);
    return;
  }
  if (strncmp (p, "/dev/", 5) == 0)
    p += 5;
  n = snprintf (name, size, "luks");
  for (; *p && n + 1 < size; p++)
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
        || (*p >= '0' && *p <= '9'))
      name[n++] = *p;
  name[n] = '\0';
}

/* The reference's message, after error(3)'s "PROGRAM: ". */
static void __attribute__((noreturn))
no_key_opens (guestfs_h *g, const char *device)
{
  const char *err = guestfs_last_error (g);

  error (EXIT_FAILURE, 0, "could not find key to open LUKS encrypted %s.\n\n"
         "Try using --key on the command line.\n\n"
         "Original error: %s (%d)",
         device, err ? err : "", guestfs_last_errno (g));
  abort ();                     /* not reached */
}

/* Opens DEVICE with the first of its keys that works. */
static void
open_encrypted (guestfs_h *g, const char *device)
{
  char mapname[64], *uuid, **keys;
  size_t i;

  guestfs_push_error_handler (g, NULL, NULL);
  uuid = guestfs_luks_uuid (g, device);
  make_mapname (device, uuid, mapname, sizeof mapname);
  keys = keys_for_device (device, uuid);
  free (uuid);
  if (keys == NULL)
    exit (EXIT_FAILURE);
  for (i = 0; keys[i]; i++)
    if (guestfs_cryptsetup_open (g, device, keys[i], mapname, -1) == 0)
      break;
  if (keys[i] == NULL)
    no_key_opens (g, device);
  free_keys (keys);
  guestfs_pop_error_handler (g);
}

static int
is_encrypted (guestfs_h *g, const char *device)
{
  char *type;
  int r;

  guestfs_push_error_handler (g, NULL, NULL);
  type = guestfs_vfs_type (g, device);
  guestfs_pop_error_handler (g);
  r = type && (strcmp (type, "crypto_LUKS") == 0
               || strcmp (type, "BitLocker") == 0);
  free (type);
  return r;
}

/* Opens the encrypted ones of DEVICES (and frees the list); returns
 * whether any was.
 */
static int
open_all_in (guestfs_h *g, char **devices)
{
  size_t i;
  int opened = 0;

  if (devices == NULL)
    exit (EXIT_FAILURE);
  for (i = 0; devices[i]; i++) {
    if (is_encrypted (g, devices[i])) {
      open_encrypted (g, devices[i]);
      opened = 1;
    }
    free (devices[i]);
  }
  free (devices);
  return opened;
}

void
decrypt_devices (guestfs_h *g)
{
  int opened = open_all_in (g, guestfs_list_devices (g));

  opened |= open_all_in (g, guestfs_list_partitions (g));
  /* LVM volume groups inside the opened devices appear only now. */
  if (opened && guestfs_lvm_scan (g, 1) == -1)
    exit (EXIT_FAILURE);
}
