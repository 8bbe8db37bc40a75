/* guestferry common code: LUKS keys, shared by guestfish and the virt
 * tools.
 *
 * A key is either given on the command line (--key ID:key:STRING or
 * ID:file:FILENAME) or asked from the user: on /dev/tty with echo off,
 * or from stdin with --keys-from-stdin.
 */
#ifndef GUESTFERRY_COMMON_KEYS_H
#define GUESTFERRY_COMMON_KEYS_H

#include <guestfs.h>

extern int keys_from_stdin;     /* --keys-from-stdin */
extern int echo_keys;           /* --echo-keys */

/* keys.c: asks for the key of WHAT (a device, a parameter name).
 * Returns it malloc'd, or NULL after printing an error.  free_key
 * wipes it before freeing.
 */
char *read_key (const char *what);
void free_key (char *key);

/* key-selectors.c: records one --key selector.  On a malformed one,
 * returns -1 and sets *WHY to the reason ("missing TYPE", ...).
 */
int add_key_selector (const char *selector, const char **why);

/* The keys to try for DEVICE whose LUKS UUID is UUID (may be NULL):
 * those of the selectors naming either, in command-line order, or if
 * none does, one read from the user.  NULL-terminated, NULL after an
 * error (already printed).  free_keys wipes and frees.
 */
char **keys_for_device (const char *device, const char *uuid);
void free_keys (char **keys);

/* decrypt.c: opens every LUKS/BitLocker device of the launched handle
 * with keys_for_device, then rescans LVM inside them.  Exits with the
 * reference's message when no key opens a device.
 */
void decrypt_devices (guestfs_h *g);

#endif
