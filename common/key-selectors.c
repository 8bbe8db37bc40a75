/* guestferry common code: --key ID:key:STRING and ID:file:FILENAME,
 * where ID is a device name or a LUKS UUID.  A file is read only when
 * its key is needed, as the reference does.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"

struct key_selector {
  char *id;
  int from_file;
  char *value;                  /* the key, or the file holding it */
};

static struct key_selector *selectors;
static size_t nr_selectors;

static void __attribute__((noreturn))
out_of_memory (void)
{
  perror ("malloc");
  exit (EXIT_FAILURE);
}

/* Splits "ID:TYPE:VALUE"; returns the reason it is malformed, or NULL. */
static const char *
split_selector (const char *selector, size_t *id_len, int *from_file,
                const char **value)
{
  const char *type = strchr (selector, ':');

  if (type == NULL)
    return "missing TYPE";
  if (type == selector)
    return "missing ID";
  *id_len = type++ - selector;
  if (strcmp (type, "key") == 0)
    return "missing KEY_STRING";
  if (strcmp (type, "file") == 0)
    return "missing FILENAME";
  if (strncmp (type, "key:", 4) == 0)
    *from_file = 0, *value = type + 4;
  else if (strncmp (type, "file:", 5) == 0)
    *from_file = 1, *value = type + 5;
  else
    return "invalid TYPE";
  return NULL;
}

int
add_key_selector (const char *selector, const char **why)
{
  struct key_selector *s;
  size_t id_len;
  int from_file;
  const char *value;

  if ((*why = split_selector (selector, &id_len, &from_file, &value)))
    return -1;
  selectors = realloc (selectors, (nr_selectors + 1) * sizeof *selectors);
  if (selectors == NULL)
    out_of_memory ();
  s = &selectors[nr_selectors++];
  s->id = strndup (selector, id_len);
  s->from_file = from_file;
  s->value = strdup (value);
  if (s->id == NULL || s->value == NULL)
    out_of_memory ();
  return 0;
}

/* The first line of FILENAME, without its newline. */
static char *
key_from_file (const char *filename)
{
  FILE *fp = fopen (filename, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;

  if (fp == NULL) {
    fprintf (stderr, "%s: open: %s: %s\n", program_invocation_short_name,
             filename, strerror (errno));
    return NULL;
  }
  len = getline (&line, &cap, fp);
  fclose (fp);
  if (len == -1) {
    fprintf (stderr, "%s: could not read a key from %s\n",
             program_invocation_short_name, filename);
    free (line);
    return NULL;
  }
  if (len > 0 && line[len - 1] == '\n')
    line[len - 1] = '\0';
  return line;
}

static int
names (const struct key_selector *s, const char *device, const char *uuid)
{
  return strcmp (s->id, device) == 0 || (uuid && strcmp (s->id, uuid) == 0);
}

static char *
selector_key (const struct key_selector *s)
{
  char *key = s->from_file ? key_from_file (s->value) : strdup (s->value);

  if (key == NULL && !s->from_file)
    out_of_memory ();
  return key;
}

char **
keys_for_device (const char *device, const char *uuid)
{
  char **keys = calloc (nr_selectors + 2, sizeof *keys);
  size_t i, n = 0;

  if (keys == NULL)
    out_of_memory ();
  for (i = 0; i < nr_selectors; i++) {
    if (!names (&selectors[i], device, uuid))
      continue;
    if ((keys[n++] = selector_key (&selectors[i])) == NULL)
      goto error;
  }
  if (n == 0 && (keys[n++] = read_key (device)) == NULL)
    goto error;
  return keys;

 error:
  free_keys (keys);
  return NULL;
}

void
free_keys (char **keys)
{
  size_t i;

  if (keys == NULL)
    return;
  for (i = 0; keys[i]; i++)
    free_key (keys[i]);
  free (keys);
}
