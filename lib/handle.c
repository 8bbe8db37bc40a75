/* Handle lifetime (create, close, close-on-exit), private data and state. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "guestfs-internal.h"

/* Handles to close at exit.  The only mutable global of the library. */
static pthread_mutex_t handles_lock = PTHREAD_MUTEX_INITIALIZER;
static guestfs_h *handles;
static bool atexit_registered;

static void
close_handles_at_exit (void)
{
  for (;;) {
    pthread_mutex_lock (&handles_lock);
    guestfs_h *g = handles;
    while (g && !g->close_on_exit)
      g = g->next_handle;
    pthread_mutex_unlock (&handles_lock);
    if (!g) break;
    guestfs_close (g);
  }
}

static void
register_handle (guestfs_h *g)
{
  pthread_mutex_lock (&handles_lock);
  g->next_handle = handles;
  handles = g;
  if (!atexit_registered) {
    atexit (close_handles_at_exit);
    atexit_registered = true;
  }
  pthread_mutex_unlock (&handles_lock);
}

static void
unregister_handle (guestfs_h *g)
{
  pthread_mutex_lock (&handles_lock);
  for (guestfs_h **pp = &handles; *pp; pp = &(*pp)->next_handle)
    if (*pp == g) {
      *pp = g->next_handle;
      break;
    }
  pthread_mutex_unlock (&handles_lock);
}

static void
default_error_handler (guestfs_h *g, void *data, const char *msg)
{
  fprintf (stderr, "libguestfs: error: %s\n", msg);
}

static const char *
default_program (void)
{
  extern char *program_invocation_short_name;
  return program_invocation_short_name ? program_invocation_short_name : "";
}

guestfs_h *
guestfs_create_flags (unsigned flags, ...)
{
  if (flags & ~(unsigned) (GUESTFS_CREATE_NO_ENVIRONMENT | GUESTFS_CREATE_NO_CLOSE_ON_EXIT)) {
    errno = EINVAL;
    return NULL;
  }
  guestfs_h *g = calloc (1, sizeof *g);
  if (!g) return NULL;

  g->state = CONFIG;
  g->error_cb = default_error_handler;
  g->autosync = true;
  g->recovery_proc = true;
  g->memsize = 1280;
  g->smp = 1;
  g->sock = -1;
  g->console_fd = -1;
  g->next_serial = 0x12345;
  g->close_on_exit = !(flags & GUESTFS_CREATE_NO_CLOSE_ON_EXIT);
  g->program = strdup (default_program ());
  g->identifier = strdup ("");
  g->backend = strdup ("direct");
  g->backend_settings = calloc (1, sizeof (char *));
  g->path = strdup (GUESTFS_DEFAULT_PATH);
  g->hv = strdup (QEMU_DEFAULT);
  if (!g->program || !g->identifier || !g->backend || !g->backend_settings
      || !g->path || !g->hv)
    goto fail;

  if (!(flags & GUESTFS_CREATE_NO_ENVIRONMENT)
      && guestfs_impl_parse_environment (g) == -1)
    goto fail;

  register_handle (g);
  debug (g, "create: flags = %u, handle = %p, program = %s", flags, (void *) g, g->program);
  return g;

 fail:
  free (g->program); free (g->identifier); free (g->backend);
  guestfs_int_free_string_list (g->backend_settings);
  free (g->path); free (g->hv); free (g->last_error);
  free (g->env_tmpdir); free (g->env_cachedir); free (g->env_sockdir); free (g->append);
  free (g);
  return NULL;
}

guestfs_h *
guestfs_create (void)
{
  return guestfs_create_flags (0);
}

static void
free_handle (guestfs_h *g)
{
  guestfs_int_free_drives (g);
  guestfs_int_free_inspect_roots (g);
  free (g->program); free (g->identifier); free (g->backend);
  guestfs_int_free_string_list (g->backend_settings);
  free (g->path); free (g->hv); free (g->append);
  free (g->int_tmpdir); free (g->env_tmpdir);
  free (g->int_cachedir); free (g->env_cachedir); free (g->env_sockdir);
  free (g->tmpdir); free (g->sockdir);
  free (g->last_error);
  while (g->error_stack) {
    struct error_handler *e = g->error_stack;
    g->error_stack = e->next;
    free (e);
  }
  free (g->events);
  for (size_t i = 0; i < g->nr_privates; i++)
    free (g->privates[i].key);
  free (g->privates);
  free (g);
}

void
guestfs_close (guestfs_h *g)
{
  if (!g) return;
  if (g->state == NO_HANDLE) {
    fprintf (stderr, "guestfs_close: called twice on the same handle\n");
    return;
  }
  guestfs_int_trace (g, "close");
  debug (g, "closing guestfs handle %p (state %d)", (void *) g, (int) g->state);

  if (g->backend_ops && g->state != CONFIG)
    g->backend_ops->shutdown (g, false);
  g->backend_ops = NULL;
  guestfs_int_close_conn (g);

  guestfs_int_call_callbacks (g, GUESTFS_EVENT_CLOSE, NULL, 0, NULL, 0);
  g->state = NO_HANDLE;
  guestfs_int_remove_tmpdirs (g);
  unregister_handle (g);
  free_handle (g);
}

/* ---- private data ---- */

void
guestfs_set_private (guestfs_h *g, const char *key, void *data)
{
  for (size_t i = 0; i < g->nr_privates; i++)
    if (strcmp (g->privates[i].key, key) == 0) {
      g->privates[i].data = data;
      return;
    }
  g->privates = guestfs_int_safe_realloc (g, g->privates, (g->nr_privates + 1) * sizeof *g->privates);
  g->privates[g->nr_privates].key = guestfs_int_safe_strdup (g, key);
  g->privates[g->nr_privates].data = data;
  g->nr_privates++;
}

void *
guestfs_get_private (guestfs_h *g, const char *key)
{
  for (size_t i = 0; i < g->nr_privates; i++)
    if (strcmp (g->privates[i].key, key) == 0)
      return g->privates[i].data;
  return NULL;
}

/* Iteration skips entries whose data was set back to NULL. */
static void *
private_from (guestfs_h *g, size_t i, const char **key_rtn)
{
  for (; i < g->nr_privates; i++)
    if (g->privates[i].data) {
      g->private_iter = i;
      *key_rtn = g->privates[i].key;
      return g->privates[i].data;
    }
  g->private_iter = g->nr_privates;
  *key_rtn = NULL;
  return NULL;
}

void *
guestfs_first_private (guestfs_h *g, const char **key_rtn)
{
  return private_from (g, 0, key_rtn);
}

void *
guestfs_next_private (guestfs_h *g, const char **key_rtn)
{
  return private_from (g, g->private_iter + 1, key_rtn);
}

/* ---- state ---- */

int guestfs_int_is_ready (guestfs_h *g) { return g->state == READY; }
int guestfs_impl_get_state (guestfs_h *g) { return (int) g->state; }
int guestfs_impl_is_config (guestfs_h *g) { return g->state == CONFIG; }
int guestfs_impl_is_launching (guestfs_h *g) { return g->state == LAUNCHING; }
int guestfs_impl_is_ready (guestfs_h *g) { return g->state == READY; }
int guestfs_impl_is_busy (guestfs_h *g) { return g->state == BUSY; }

const char *
guestfs_int_state_name (int state)
{
  switch (state) {
  case CONFIG: return "config";
  case LAUNCHING: return "launching";
  case READY: return "ready";
  case BUSY: return "busy";
  case NO_HANDLE: return "closed";
  }
  return "unknown";
}
