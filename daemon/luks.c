/* lvm group: LUKS and other encrypted devices, through cryptsetup.
 * Keys travel to cryptsetup in 0600 files in the appliance's /tmp
 * (never on a command line, where ps could see them). */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

char *
write_key_file (const char *key)
{
  char *path = strdup ("/tmp/luksXXXXXX");
  if (path == NULL) {
    reply_with_perror ("strdup");
    return NULL;
  }
  int fd = mkstemp (path);    /* mode 0600 */
  if (fd == -1) {
    reply_with_perror ("mkstemp");
    free (path);
    return NULL;
  }
  if (write_all (fd, key, strlen (key)) == -1 || close (fd) == -1) {
    reply_with_perror ("write: %s", path);
    unlink (path);
    free (path);
    return NULL;
  }
  return path;
}

void
remove_key_file (char **path)
{
  if (*path) {
    unlink (*path);
    free (*path);
  }
}

/* Run cryptsetup ARGS...; on failure reply with its exit status and
 * stderr (callers such as virt-inspector show this to users). */
static int
cryptsetup (char **out, const char *const *argv)
{
  CLEANUP_FREE char *err = NULL;
  int r = commandrvf (out, &err, 0, argv);
  if (r != 0) {
    if (err)
      trim_newlines (err);
    if (r > 0)
      return reply_with_error ("cryptsetup exited with status %d: %s", r,
                               err ? err : "");
    return reply_with_error ("%s", err && *err ? err : "cryptsetup failed");
  }
  return 0;
}

static int
check_keyslot (int keyslot)
{
  if (keyslot < 0 || keyslot > 31)
    return reply_with_error ("keyslot %d: out of range", keyslot);
  return 0;
}

static int
luks_format_common (const char *device, const char *key, int keyslot,
                    const char *cipher)
{
  char slot[16];
  if (check_keyslot (keyslot) == -1)
    return -1;
  CLEANUP_KEY_FILE char *kf = write_key_file (key);
  if (kf == NULL)
    return -1;
  snprintf (slot, sizeof slot, "%d", keyslot);
  const char *argv[16];
  size_t n = 0;
  argv[n++] = "cryptsetup";
  argv[n++] = "-q";
  if (cipher) {
    argv[n++] = "--cipher";
    argv[n++] = cipher;
  }
  argv[n++] = "--key-slot";
  argv[n++] = slot;
  argv[n++] = "--key-file";
  argv[n++] = kf;
  argv[n++] = "luksFormat";
  argv[n++] = device;
  argv[n] = NULL;
  return cryptsetup (NULL, argv);
}

int
do_luks_format (const char *device, const char *key, int keyslot)
{
  return luks_format_common (device, key, keyslot, NULL);
}

int
do_luks_format_cipher (const char *device, const char *key, int keyslot,
                       const char *cipher)
{
  return luks_format_common (device, key, keyslot, cipher);
}

static int
check_mapname (const char *mapname)
{
  if (*mapname == '\0' || strchr (mapname, '/')
      || strcmp (mapname, ".") == 0 || strcmp (mapname, "..") == 0)
    return reply_with_error_errno (EINVAL, "%s: invalid mapname", mapname);
  if (strcmp (mapname, "control") == 0)
    return reply_with_error_errno (EINVAL, "%s: reserved by device-mapper",
                                   mapname);
  return 0;
}

static int
open_common (const char *device, const char *key, const char *mapname,
             int readonly, const char *crypttype)
{
  if (check_mapname (mapname) == -1)
    return -1;
  CLEANUP_KEY_FILE char *kf = write_key_file (key);
  if (kf == NULL)
    return -1;
  const char *argv[16];
  size_t n = 0;
  argv[n++] = "cryptsetup";
  argv[n++] = "--key-file";
  argv[n++] = kf;
  if (readonly)
    argv[n++] = "--readonly";
  if (crypttype) {
    argv[n++] = "--type";
    argv[n++] = crypttype;
  }
  argv[n++] = "open";
  argv[n++] = device;
  argv[n++] = mapname;
  argv[n] = NULL;
  return cryptsetup (NULL, argv);
}

int
do_luks_open (const char *device, const char *key, const char *mapname)
{
  return open_common (device, key, mapname, 0, "luks");
}

int
do_luks_open_ro (const char *device, const char *key, const char *mapname)
{
  return open_common (device, key, mapname, 1, "luks");
}

int
do_cryptsetup_open (const char *device, const char *key, const char *mapname,
                    int readonly, const char *crypttype)
{
  uint64_t m = optargs_bitmask;
  if ((m & 2) && strcmp (crypttype, "luks") != 0
      && strcmp (crypttype, "bitlk") != 0)
    return reply_with_error ("%s: unknown crypttype (luks or bitlk)",
                             crypttype);
  return open_common (device, key, mapname, (m & 1) ? readonly : 0,
                      (m & 2) ? crypttype : NULL);
}

static int
close_common (const char *device)
{
  const char *name = NULL;
  if (strncmp (device, "/dev/mapper/", 12) == 0)
    name = device + 12;
  if (name == NULL || *name == '\0' || strchr (name, '/'))
    return reply_with_error ("%s: you must call this on the /dev/mapper "
                             "device created by cryptsetup-open", device);
  const char *argv[] = { "cryptsetup", "close", name, NULL };
  return cryptsetup (NULL, argv);
}

int
do_luks_close (const char *device)
{
  return close_common (device);
}

int
do_cryptsetup_close (const char *device)
{
  return close_common (device);
}

int
do_luks_add_key (const char *device, const char *key, const char *newkey,
                 int keyslot)
{
  char slot[16];
  if (check_keyslot (keyslot) == -1)
    return -1;
  CLEANUP_KEY_FILE char *kf = write_key_file (key);
  if (kf == NULL)
    return -1;
  CLEANUP_KEY_FILE char *nkf = write_key_file (newkey);
  if (nkf == NULL)
    return -1;
  snprintf (slot, sizeof slot, "%d", keyslot);
  const char *argv[] = { "cryptsetup", "-q", "--key-file", kf, "--key-slot",
                         slot, "luksAddKey", device, nkf, NULL };
  return cryptsetup (NULL, argv);
}

int
do_luks_kill_slot (const char *device, const char *key, int keyslot)
{
  char slot[16];
  if (check_keyslot (keyslot) == -1)
    return -1;
  CLEANUP_KEY_FILE char *kf = write_key_file (key);
  if (kf == NULL)
    return -1;
  snprintf (slot, sizeof slot, "%d", keyslot);
  const char *argv[] = { "cryptsetup", "-q", "--key-file", kf,
                         "luksKillSlot", device, slot, NULL };
  return cryptsetup (NULL, argv);
}

char *
do_luks_uuid (const char *device)
{
  char *out = NULL;
  const char *argv[] = { "cryptsetup", "luksUUID", device, NULL };
  if (cryptsetup (&out, argv) == -1) {
    free (out);
    return NULL;
  }
  trim_newlines (out);
  return out;
}
