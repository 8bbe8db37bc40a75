/* guestfish: `event`, `list-events`, `delete-event`: run shell fragments
 * when libguestfs events fire.
 */
#include <config.h>

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fish-internal.h"

struct handler {
  struct handler *next;
  char *name;
  char *eventset;      /* as the user wrote it */
  char *script;
  int id;              /* from guestfs_set_event_callback */
};

static struct handler *handlers;

static const struct { const char *name; uint64_t bit; } event_names[] = {
  { "close", GUESTFS_EVENT_CLOSE },
  { "subprocess_quit", GUESTFS_EVENT_SUBPROCESS_QUIT },
  { "launch_done", GUESTFS_EVENT_LAUNCH_DONE },
  { "progress", GUESTFS_EVENT_PROGRESS },
  { "appliance", GUESTFS_EVENT_APPLIANCE },
  { "library", GUESTFS_EVENT_LIBRARY },
  { "trace", GUESTFS_EVENT_TRACE },
  { "enter", GUESTFS_EVENT_ENTER },
  { "libvirt_auth", GUESTFS_EVENT_LIBVIRT_AUTH },
  { "warning", GUESTFS_EVENT_WARNING },
};
#define NEVENTS (sizeof event_names / sizeof event_names[0])

static const char *
event_name (uint64_t bit)
{
  size_t i;

  for (i = 0; i < NEVENTS; ++i)
    if (event_names[i].bit == bit)
      return event_names[i].name;
  return "unknown";
}

/* "close,trace" or "*" -> bitmask; 0 after printing an error. */
static uint64_t
parse_eventset (const char *s)
{
  uint64_t mask = 0;
  char *copy = strdup (s), *tok, *save = NULL;

  if (!copy)
    return 0;
  for (tok = strtok_r (copy, ",", &save); tok; tok = strtok_r (NULL, ",", &save)) {
    size_t i;
    int found = 0;
    if (strcmp (tok, "*") == 0) {
      mask |= GUESTFS_EVENT_ALL;
      continue;
    }
    for (i = 0; i < NEVENTS; ++i)
      if (strcmp (tok, event_names[i].name) == 0) {
        mask |= event_names[i].bit;
        found = 1;
      }
    if (!found) {
      fprintf (stderr, "unknown event name: %s\n", tok);
      free (copy);
      return 0;
    }
  }
  free (copy);
  return mask;
}

static void
event_callback (guestfs_h *h, void *opaque, uint64_t event, int event_handle,
                int flags, const char *buf, size_t buf_len,
                const uint64_t *array, size_t array_len)
{
  struct handler *hd = opaque;
  const char *shell = getenv ("SHELL");
  char **args = calloc (array_len + 6, sizeof *args);
  size_t n = 0, i;
  pid_t pid;

  if (!args)
    return;
  args[n++] = (char *) (shell ? shell : "/bin/sh");
  args[n++] = (char *) "-c";
  args[n++] = hd->script;
  args[n++] = (char *) "";               /* $0 */
  if (buf_len > 0)
    args[n++] = strndup (buf, buf_len);
  for (i = 0; i < array_len; ++i)
    if (asprintf (&args[n], "%" PRIu64, array[i]) != -1)
      n++;
  fflush (stdout);
  pid = fork ();
  if (pid == 0) {
    setenv ("EVENT", event_name (event), 1);
    execvp (args[0], args);
    perror (args[0]);
    _exit (EXIT_FAILURE);
  }
  if (pid > 0)
    waitpid (pid, NULL, 0);
  for (i = 4; i < n; ++i)
    free (args[i]);
  free (args);
}

int
run_event (const char *cmd, size_t argc, char *argv[])
{
  struct handler *hd;
  uint64_t mask;

  if (argc != 3) {
    fprintf (stderr, "use 'event <name> <eventset> <script>' to register an event handler\n");
    return -1;
  }
  mask = parse_eventset (argv[1]);
  if (mask == 0)
    return -1;
  hd = calloc (1, sizeof *hd);
  if (!hd)
    return -1;
  hd->name = strdup (argv[0]);
  hd->eventset = strdup (argv[1]);
  hd->script = strdup (argv[2]);
  hd->id = guestfs_set_event_callback (g, event_callback, mask, 0, hd);
  if (hd->id == -1) {
    free (hd->name); free (hd->eventset); free (hd->script); free (hd);
    return -1;
  }
  hd->next = handlers;
  handlers = hd;
  return 0;
}

static int
cmp_handlers (const void *a, const void *b)
{
  const struct handler *x = *(struct handler *const *) a;
  const struct handler *y = *(struct handler *const *) b;
  int c = strcmp (x->name, y->name);

  return c ? c : x->id - y->id;
}

int
run_list_events (const char *cmd, size_t argc, char *argv[])
{
  struct handler *hd, **v;
  size_t n = 0, i;

  if (argc != 0) {
    fprintf (stderr, "use \u2018list-events\u2019 to list event handlers\n");
    return -1;
  }
  for (hd = handlers; hd; hd = hd->next)
    n++;
  v = calloc (n + 1, sizeof *v);
  if (!v)
    return -1;
  for (i = 0, hd = handlers; hd; hd = hd->next)
    v[i++] = hd;
  qsort (v, n, sizeof *v, cmp_handlers);
  for (i = 0; i < n; ++i)
    printf ("\"%s\" (%d): %s: %s\n", v[i]->name, v[i]->id, v[i]->eventset,
            v[i]->script);
  free (v);
  return 0;
}

int
run_delete_event (const char *cmd, size_t argc, char *argv[])
{
  struct handler **pp = &handlers;
  int found = 0;

  if (argc != 1) {
    fprintf (stderr, "use 'delete-event <name>' to delete an event handler\n");
    return -1;
  }
  while (*pp) {
    struct handler *hd = *pp;
    if (strcmp (hd->name, argv[0]) == 0) {
      guestfs_delete_event_callback (g, hd->id);
      *pp = hd->next;
      free (hd->name); free (hd->eventset); free (hd->script); free (hd);
      found = 1;
    }
    else
      pp = &hd->next;
  }
  if (!found) {
    fprintf (stderr, "delete-event: %s: no such event handler\n", argv[0]);
    return -1;
  }
  return 0;
}

/* The close event may still fire from guestfs_close, so handlers are freed
 * only at the very end. */
void
free_event_handlers (void)
{
  while (handlers) {
    struct handler *hd = handlers;
    handlers = hd->next;
    free (hd->name); free (hd->eventset); free (hd->script); free (hd);
  }
}
