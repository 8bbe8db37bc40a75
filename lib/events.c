/* Event callbacks: registration, dispatch, and event_to_string. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "guestfs-internal.h"

int
guestfs_set_event_callback (guestfs_h *g, guestfs_event_callback cb,
                            uint64_t event_bitmask, int flags, void *opaque)
{
  if (flags != 0) {
    error (g, "set_event_callback: called with unknown flags");
    return -1;
  }
  if ((event_bitmask & ~(uint64_t) GUESTFS_EVENT_ALL) || event_bitmask == 0) {
    error (g, "set_event_callback: called with unknown event bitmask");
    return -1;
  }
  size_t i;
  for (i = 0; i < g->nr_events; i++)
    if (g->events[i].bitmask == 0)
      break;
  if (i == g->nr_events) {
    g->events = guestfs_int_safe_realloc (g, g->events, (g->nr_events + 1) * sizeof *g->events);
    g->nr_events++;
  }
  g->events[i] = (struct event_slot) { event_bitmask, cb, opaque, flags };
  return (int) i;
}

void
guestfs_delete_event_callback (guestfs_h *g, int event_handle)
{
  if (event_handle < 0 || (size_t) event_handle >= g->nr_events)
    return;
  g->events[event_handle].bitmask = 0;
  g->events[event_handle].cb = NULL;
}

bool
guestfs_int_has_callback (guestfs_h *g, uint64_t event)
{
  for (size_t i = 0; i < g->nr_events; i++)
    if (g->events[i].bitmask & event)
      return true;
  return false;
}

/* Callbacks may delete themselves (or others) while we iterate: re-read
 * the slot every time and skip freed ones. */
bool
guestfs_int_call_callbacks (guestfs_h *g, uint64_t event, const char *buf,
                            size_t buf_len, const uint64_t *array, size_t array_len)
{
  bool called = false;
  for (size_t i = 0; i < g->nr_events; i++) {
    struct event_slot s = g->events[i];
    if (!(s.bitmask & event) || !s.cb)
      continue;
    s.cb (g, s.opaque, event, (int) i, s.flags, buf ? buf : "", buf_len,
          array, array_len);
    called = true;
  }
  return called;
}

/* Console output of the appliance: APPLIANCE event, or stderr when verbose
 * and nobody listens.  The tail is kept for launch error messages. */
void
guestfs_int_appliance_output (guestfs_h *g, const char *buf, size_t len)
{
  size_t cap = sizeof g->console_tail;
  if (len >= cap) {
    memcpy (g->console_tail, buf + len - cap, cap);
    g->console_tail_len = cap;
  } else {
    if (g->console_tail_len + len > cap) {
      size_t drop = g->console_tail_len + len - cap;
      memmove (g->console_tail, g->console_tail + drop, g->console_tail_len - drop);
      g->console_tail_len -= drop;
    }
    memcpy (g->console_tail + g->console_tail_len, buf, len);
    g->console_tail_len += len;
  }

  if (!guestfs_int_call_callbacks (g, GUESTFS_EVENT_APPLIANCE, buf, len, NULL, 0)
      && g->verbose) {
    ssize_t r = write (STDERR_FILENO, buf, len);
    (void) r;
  }
}

static const struct { uint64_t bit; const char *name; } event_names[] = {
  /* sorted by name: event_to_string lists names alphabetically */
  { GUESTFS_EVENT_APPLIANCE, "appliance" },
  { GUESTFS_EVENT_CLOSE, "close" },
  { GUESTFS_EVENT_ENTER, "enter" },
  { GUESTFS_EVENT_LAUNCH_DONE, "launch_done" },
  { GUESTFS_EVENT_LIBRARY, "library" },
  { GUESTFS_EVENT_LIBVIRT_AUTH, "libvirt_auth" },
  { GUESTFS_EVENT_PROGRESS, "progress" },
  { GUESTFS_EVENT_SUBPROCESS_QUIT, "subprocess_quit" },
  { GUESTFS_EVENT_TRACE, "trace" },
  { GUESTFS_EVENT_WARNING, "warning" },
};

char *
guestfs_event_to_string (uint64_t event)
{
  size_t cap = 1;
  for (size_t i = 0; i < sizeof event_names / sizeof event_names[0]; i++)
    cap += strlen (event_names[i].name) + 1;
  char *r = malloc (cap);
  if (!r) return NULL;
  r[0] = '\0';
  for (size_t i = 0; i < sizeof event_names / sizeof event_names[0]; i++) {
    if (!(event & event_names[i].bit))
      continue;
    if (r[0]) strcat (r, ",");
    strcat (r, event_names[i].name);
  }
  return r;
}
