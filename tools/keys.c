/* virt-inspector: LUKS keys (--key, --keys-from-stdin, --echo-keys)
 * and opening the guest's encrypted devices before inspection, so
 * that filesystems inside them (and LVM on top) can be inspected.
 */
#include <config.h>

#include <errno.h>
#include <error.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "inspector.h"

int keys_from_stdin;
int echo_keys;

/* --key ID:key:STRING or ID:file:FILENAME; ID is a device or LUKS UUID. */
struct key_selector {
  char *id;
  char *key;
};

static struct key_selector *selectors;
static size_t nr_selectors;

static char *
first_line_of_file (const char *filename)
{
  FILE *fp = fopen (filename, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  if (fp == NULL)
    error (EXIT_FAILURE, errno, "open: %s", filename);
  len = getline (&line, &cap, fp);
  fclose (fp);
  if (len == -1) {
    free (line);
    error (EXIT_FAILURE, 0, "could not read a key from %s", filename);
  }
  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  return line;
}

void
add_key_selector (const char *selector)
{
  const char *type, *value;
  struct key_selector *s;

  type = strchr (selector, ':');
  value = type ? strchr (type + 1, ':') : NULL;
  if (type == NULL || value == NULL || type == selector)
    error (EXIT_FAILURE, 0, "invalid selector for --key: %s", selector);
  type++;
  value++;

  selectors = realloc (selectors, (nr_selectors + 1) * sizeof *selectors);
  if (selectors == NULL)
    error (EXIT_FAILURE, errno, "realloc");
  s = &selectors[nr_selectors];
  s->id = strndup (selector, type - 1 - selector);
  if (strncmp (type, "key:", 4) == 0)
    s->key = strdup (value);
  else if (strncmp (type, "file:", 5) == 0)
    s->key = first_line_of_file (value);
  else
    error (EXIT_FAILURE, 0, "invalid selector for --key: %s", selector);
  if (s->id == NULL || s->key == NULL)
    error (EXIT_FAILURE, errno, "strdup");
  nr_selectors++;
}

/* Asks the user (on /dev/tty, or stdin with --keys-from-stdin). */
static char *
read_key (const char *device)
{
  FILE *in = stdin, *tty = NULL;
  struct termios old, noecho;
  int restore = 0;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  if (!keys_from_stdin && (tty = fopen ("/dev/tty", "w+")) != NULL)
    in = tty;
  if (tty || isatty (fileno (in))) {
    fprintf (tty ? tty : stdout, "Enter key or passphrase (\"%s\"): ", device);
    fflush (tty ? tty : stdout);
    if (!echo_keys && tcgetattr (fileno (in), &old) == 0) {
      noecho = old;
      noecho.c_lflag &= ~ECHO;
      restore = tcsetattr (fileno (in), TCSAFLUSH, &noecho) == 0;
    }
  }
  len = getline (&line, &cap, in);
  if (restore) {
    tcsetattr (fileno (in), TCSAFLUSH, &old);
    fprintf (tty ? tty : stdout, "\n");
  }
  if (tty)
    fclose (tty);
  if (len == -1)
    error (EXIT_FAILURE, 0, "could not read the key for %s", device);
  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  return line;
}

static void
free_key (char *key)
{
  memset (key, 0, strlen (key));
  free (key);
}

/* "/dev/sda2" -> "lukssda2": a device-mapper name unique per device. */
static void
make_mapname (const char *device, char *name, size_t size)
{
  size_t n = 0;
  const char *p = device;

  if (strncmp (p, "/dev/", 5) == 0)
    p += 5;
  n = snprintf (name, size, "luks");
  for (; *p && n + 1 < size; p++)
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')
        || (*p >= '0' && *p <= '9'))
      name[n++] = *p;
  name[n] = '\0';
}

static int
try_key (guestfs_h *g, const char *device, const char *key,
         const char *mapname)
{
  return guestfs_cryptsetup_open (g, device, key, mapname, -1);
}

/* Opens DEVICE with the first key that works: the --key keys for it
 * (by name or UUID) if any were given, else one asked from the user.
 */
static void
open_encrypted (guestfs_h *g, const char *device)
{
  char mapname[64], *uuid, *asked;
  size_t i;
  int matched = 0;

  make_mapname (device, mapname, sizeof mapname);
  guestfs_push_error_handler (g, NULL, NULL);
  uuid = guestfs_luks_uuid (g, device);
  for (i = 0; i < nr_selectors; i++) {
    if (strcmp (selectors[i].id, device) != 0
        && (uuid == NULL || strcmp (selectors[i].id, uuid) != 0))
      continue;
    matched = 1;
    if (try_key (g, device, selectors[i].key, mapname) == 0)
      goto opened;
  }
  if (!matched) {
    asked = read_key (device);
    if (try_key (g, device, asked, mapname) == 0) {
      free_key (asked);
      goto opened;
    }
    free_key (asked);
  }
  error (EXIT_FAILURE, 0,
         "could not find key to open LUKS encrypted %s.\n\n"
         "Try using --key on the command line.\n\n"
         "Original error: %s (%d)",
         device, guestfs_last_error (g) ? guestfs_last_error (g) : "",
         guestfs_last_errno (g));
 opened:
  guestfs_pop_error_handler (g);
  free (uuid);
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
