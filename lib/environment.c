/* parse_environment: handle properties from LIBGUESTFS_* variables. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "guestfs-internal.h"

typedef const char *(*getenv_fn) (const void *ctx, const char *name);

static const char *
from_process (const void *ctx, const char *name)
{
  return getenv (name);
}

static const char *
from_list (const void *ctx, const char *name)
{
  char *const *env = ctx;
  size_t n = strlen (name);
  for (; *env; env++)
    if (strncmp (*env, name, n) == 0 && (*env)[n] == '=')
      return *env + n + 1;
  return NULL;
}

static void
set_env_string (guestfs_h *g, char **field, const char *value)
{
  char *copy = guestfs_int_safe_strdup (g, value);
  free (*field);
  *field = copy;
}

/* Colon-separated settings string -> list. */
static int
parse_backend_settings (guestfs_h *g, const char *str)
{
  char *copy = guestfs_int_safe_strdup (g, str);
  size_t n = 0;
  char **list = guestfs_int_safe_calloc (g, strlen (str) + 2, sizeof (char *));
  char *save = NULL;
  for (char *tok = strtok_r (copy, ":", &save); tok; tok = strtok_r (NULL, ":", &save))
    list[n++] = guestfs_int_safe_strdup (g, tok);
  free (copy);
  int r = guestfs_impl_set_backend_settings (g, list);
  guestfs_int_free_string_list (list);
  return r;
}

static int
parse (guestfs_h *g, getenv_fn get, const void *ctx)
{
  const char *s;

  if ((s = get (ctx, "LIBGUESTFS_TRACE")))
    g->trace = strcmp (s, "1") == 0;
  if ((s = get (ctx, "LIBGUESTFS_DEBUG")))
    g->verbose = strcmp (s, "1") == 0;

  s = get (ctx, "LIBGUESTFS_TMPDIR");
  if (!s || !*s) s = get (ctx, "TMPDIR");
  if (s && *s) set_env_string (g, &g->env_tmpdir, s);

  s = get (ctx, "LIBGUESTFS_CACHEDIR");
  if (!s || !*s) s = get (ctx, "TMPDIR");
  if (s && *s) set_env_string (g, &g->env_cachedir, s);

  if ((s = get (ctx, "XDG_RUNTIME_DIR")) && *s)
    set_env_string (g, &g->env_sockdir, s);

  if ((s = get (ctx, "LIBGUESTFS_PATH")) && *s)
    guestfs_impl_set_path (g, s);

  if (((s = get (ctx, "LIBGUESTFS_HV")) && *s) || ((s = get (ctx, "LIBGUESTFS_QEMU")) && *s))
    guestfs_impl_set_hv (g, s);

  if ((s = get (ctx, "LIBGUESTFS_APPEND")))
    guestfs_impl_set_append (g, s);

  if ((s = get (ctx, "LIBGUESTFS_MEMSIZE"))) {
    char *end;
    errno = 0;
    long v = strtol (s, &end, 10);
    if (errno || end == s || *end || v < 256 || v > 1 << 30) {
      error (g, "non-numeric or too small value for LIBGUESTFS_MEMSIZE");
      return -1;
    }
    g->memsize = (int) v;
  }

  if (((s = get (ctx, "LIBGUESTFS_BACKEND")) && *s)
      || ((s = get (ctx, "LIBGUESTFS_ATTACH_METHOD")) && *s)) {
    if (guestfs_impl_set_backend (g, s) == -1)
      return -1;
  }

  if ((s = get (ctx, "LIBGUESTFS_BACKEND_SETTINGS")))
    if (parse_backend_settings (g, s) == -1)
      return -1;

  return 0;
}

int
guestfs_impl_parse_environment (guestfs_h *g)
{
  return parse (g, from_process, NULL);
}

int
guestfs_impl_parse_environment_list (guestfs_h *g, char *const *env)
{
  return parse (g, from_list, env);
}
