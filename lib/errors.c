/* Per-handle errors, error handlers, debug/trace/warning messages and the
 * allocation helpers that call the out-of-memory handler. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "guestfs-internal.h"

/* ---- allocation ---- */

static void
out_of_memory (guestfs_h *g)
{
  if (g && g->abort_cb)
    g->abort_cb ();
  abort ();
}

void *
guestfs_int_safe_malloc (guestfs_h *g, size_t n)
{
  void *p = malloc (n ? n : 1);
  if (!p) out_of_memory (g);
  return p;
}

void *
guestfs_int_safe_calloc (guestfs_h *g, size_t n, size_t s)
{
  void *p = calloc (n ? n : 1, s ? s : 1);
  if (!p) out_of_memory (g);
  return p;
}

void *
guestfs_int_safe_realloc (guestfs_h *g, void *p, size_t n)
{
  void *r = realloc (p, n ? n : 1);
  if (!r) out_of_memory (g);
  return r;
}

char *
guestfs_int_safe_strdup (guestfs_h *g, const char *s)
{
  if (!s) return NULL;
  char *r = strdup (s);
  if (!r) out_of_memory (g);
  return r;
}

char *
guestfs_int_safe_asprintf (guestfs_h *g, const char *fmt, ...)
{
  va_list ap;
  char *r;
  va_start (ap, fmt);
  int n = vasprintf (&r, fmt, ap);
  va_end (ap);
  if (n < 0) out_of_memory (g);
  return r;
}

size_t
guestfs_int_count_strings (char *const *list)
{
  size_t n = 0;
  while (list && list[n]) n++;
  return n;
}

char **
guestfs_int_copy_string_list (guestfs_h *g, char *const *list)
{
  size_t n = guestfs_int_count_strings (list);
  char **r = guestfs_int_safe_calloc (g, n + 1, sizeof (char *));
  for (size_t i = 0; i < n; i++)
    r[i] = guestfs_int_safe_strdup (g, list[i]);
  return r;
}

void
guestfs_int_free_string_list (char **list)
{
  if (!list) return;
  for (size_t i = 0; list[i]; i++) free (list[i]);
  free (list);
}

/* ---- errors ---- */

static void
set_error (guestfs_h *g, int errnum, char *msg)
{
  free (g->last_error);
  g->last_error = msg;
  g->last_errnum = errnum;
  if (g->error_cb)
    g->error_cb (g, g->error_cb_data, msg);
}

static void
verror (guestfs_h *g, int errnum, const char *suffix, const char *fmt, va_list ap)
{
  char *msg;
  if (vasprintf (&msg, fmt, ap) < 0) out_of_memory (g);
  if (suffix) {
    char *m2;
    if (asprintf (&m2, "%s: %s", msg, suffix) < 0) out_of_memory (g);
    free (msg);
    msg = m2;
  }
  set_error (g, errnum, msg);
}

void
guestfs_int_error (guestfs_h *g, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  verror (g, 0, NULL, fmt, ap);
  va_end (ap);
}

void
guestfs_int_error_errno (guestfs_h *g, int errnum, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  verror (g, errnum, NULL, fmt, ap);
  va_end (ap);
}

/* Like perror: appends ": strerror(errno)" and keeps errno. */
void
guestfs_int_perrorf (guestfs_h *g, const char *fmt, ...)
{
  int errnum = errno;
  char buf[256];
  const char *s = strerror_r (errnum, buf, sizeof buf);
  va_list ap;
  va_start (ap, fmt);
  verror (g, errnum, s, fmt, ap);
  va_end (ap);
}

const char *
guestfs_last_error (guestfs_h *g)
{
  return g->last_error;
}

int
guestfs_last_errno (guestfs_h *g)
{
  return g->last_errnum;
}

void
guestfs_set_error_handler (guestfs_h *g, guestfs_error_handler_cb cb, void *data)
{
  g->error_cb = cb;
  g->error_cb_data = data;
}

guestfs_error_handler_cb
guestfs_get_error_handler (guestfs_h *g, void **data_rtn)
{
  if (data_rtn) *data_rtn = g->error_cb_data;
  return g->error_cb;
}

void
guestfs_push_error_handler (guestfs_h *g, guestfs_error_handler_cb cb, void *data)
{
  struct error_handler *e = guestfs_int_safe_malloc (g, sizeof *e);
  e->cb = g->error_cb;
  e->data = g->error_cb_data;
  e->next = g->error_stack;
  g->error_stack = e;
  guestfs_set_error_handler (g, cb, data);
}

void
guestfs_pop_error_handler (guestfs_h *g)
{
  struct error_handler *e = g->error_stack;
  if (!e) return;
  guestfs_set_error_handler (g, e->cb, e->data);
  g->error_stack = e->next;
  free (e);
}

void
guestfs_set_out_of_memory_handler (guestfs_h *g, guestfs_abort_cb cb)
{
  g->abort_cb = cb;
}

guestfs_abort_cb
guestfs_get_out_of_memory_handler (guestfs_h *g)
{
  return g->abort_cb;
}

/* ---- debug, warning, trace ---- */

/* Default output for an event nobody subscribed to. */
static void
print_default (guestfs_h *g, const char *kind, const char *msg)
{
  const char *id = g->identifier && g->identifier[0] ? g->identifier : NULL;
  fprintf (stderr, "libguestfs: %s%s%s%s%s\n", kind ? kind : "", kind ? ": " : "",
           id ? id : "", id ? ": " : "", msg);
}

static void
vmessage (guestfs_h *g, uint64_t event, const char *kind, const char *fmt, va_list ap)
{
  char *msg;
  if (vasprintf (&msg, fmt, ap) < 0) out_of_memory (g);
  if (!guestfs_int_call_callbacks (g, event, msg, strlen (msg), NULL, 0))
    print_default (g, kind, msg);
  free (msg);
}

void
guestfs_int_debug (guestfs_h *g, const char *fmt, ...)
{
  if (!g->verbose) return;
  int saved = errno;
  va_list ap;
  va_start (ap, fmt);
  vmessage (g, GUESTFS_EVENT_LIBRARY, NULL, fmt, ap);
  va_end (ap);
  errno = saved;
}

void
guestfs_int_warning (guestfs_h *g, const char *fmt, ...)
{
  int saved = errno;
  va_list ap;
  va_start (ap, fmt);
  vmessage (g, GUESTFS_EVENT_WARNING, "warning", fmt, ap);
  va_end (ap);
  errno = saved;
}

int
guestfs_int_trace_enabled (guestfs_h *g)
{
  return g->trace;
}

/* TRACE events exist only while tracing is on; without a TRACE callback
 * they go to stderr. */
void
guestfs_int_trace (guestfs_h *g, const char *fmt, ...)
{
  if (!g->trace) return;
  int saved = errno;
  char *msg;
  va_list ap;
  va_start (ap, fmt);
  if (vasprintf (&msg, fmt, ap) < 0) out_of_memory (g);
  va_end (ap);
  if (!guestfs_int_call_callbacks (g, GUESTFS_EVENT_TRACE, msg, strlen (msg), NULL, 0))
    print_default (g, "trace", msg);
  free (msg);
  errno = saved;
}

void
guestfs_int_call_enter (guestfs_h *g, const char *name)
{
  guestfs_int_call_callbacks (g, GUESTFS_EVENT_ENTER, name, strlen (name), NULL, 0);
}
