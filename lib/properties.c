/* Handle properties: the set_* / get_* library calls. */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "guestfs-internal.h"

static void
replace_string (guestfs_h *g, char **field, const char *value)
{
  char *copy = guestfs_int_safe_strdup (g, value);
  free (*field);
  *field = copy;
}

#define BOOL_PROP(name) \
  int guestfs_impl_set_##name (guestfs_h *g, int v) { g->name = v != 0; return 0; } \
  int guestfs_impl_get_##name (guestfs_h *g) { return g->name; }

BOOL_PROP (verbose)
BOOL_PROP (trace)
BOOL_PROP (autosync)
BOOL_PROP (recovery_proc)
BOOL_PROP (pgroup)
BOOL_PROP (direct)
BOOL_PROP (selinux)
/* The appliance never gets a network device: set_network is stored, and
 * launch refuses a handle where it is true rather than ignoring it. */
BOOL_PROP (network)

int
guestfs_impl_set_memsize (guestfs_h *g, int memsize)
{
  if (memsize < 256) {
    error (g, "too small value for memsize (must be at least 256)");
    return -1;
  }
  g->memsize = memsize;
  return 0;
}

int guestfs_impl_get_memsize (guestfs_h *g) { return g->memsize; }

int
guestfs_impl_set_smp (guestfs_h *g, int smp)
{
  if (smp < 1 || smp > 255) {
    error (g, "invalid smp parameter: %d", smp);
    return -1;
  }
  g->smp = smp;
  return 0;
}

int guestfs_impl_get_smp (guestfs_h *g) { return g->smp; }

int
guestfs_impl_set_path (guestfs_h *g, const char *path)
{
  replace_string (g, &g->path, path ? path : GUESTFS_DEFAULT_PATH);
  return 0;
}

const char *guestfs_impl_get_path (guestfs_h *g) { return g->path; }

int
guestfs_impl_set_append (guestfs_h *g, const char *append)
{
  replace_string (g, &g->append, append);
  return 0;
}

const char *guestfs_impl_get_append (guestfs_h *g) { return g->append; }

int
guestfs_impl_set_program (guestfs_h *g, const char *program)
{
  replace_string (g, &g->program, program ? program : "");
  return 0;
}

const char *guestfs_impl_get_program (guestfs_h *g) { return g->program; }

int
guestfs_impl_set_identifier (guestfs_h *g, const char *id)
{
  for (const char *p = id; *p; p++)
    if (!isalnum ((unsigned char) *p) && *p != '_' && *p != '-') {
      error (g, "identifier must contain only alphanumeric characters, underscore or minus sign");
      return -1;
    }
  replace_string (g, &g->identifier, id);
  return 0;
}

const char *guestfs_impl_get_identifier (guestfs_h *g) { return g->identifier; }

int
guestfs_impl_set_backend (guestfs_h *g, const char *backend)
{
  const char *arg;
  if (!guestfs_int_find_backend (backend, &arg)) {
    error (g, "invalid backend: %s", backend);
    return -1;
  }
  replace_string (g, &g->backend, backend);
  return 0;
}

char *guestfs_impl_get_backend (guestfs_h *g) { return guestfs_int_safe_strdup (g, g->backend); }
int guestfs_impl_set_attach_method (guestfs_h *g, const char *b) { return guestfs_impl_set_backend (g, b); }
char *guestfs_impl_get_attach_method (guestfs_h *g) { return guestfs_impl_get_backend (g); }

int
guestfs_impl_set_hv (guestfs_h *g, const char *hv)
{
  replace_string (g, &g->hv, hv ? hv : QEMU_DEFAULT);
  return 0;
}

char *guestfs_impl_get_hv (guestfs_h *g) { return guestfs_int_safe_strdup (g, g->hv); }
int guestfs_impl_set_qemu (guestfs_h *g, const char *hv) { return guestfs_impl_set_hv (g, hv); }
const char *guestfs_impl_get_qemu (guestfs_h *g) { return g->hv; }

/* A directory property must name an existing directory; store it absolute. */
static int
set_dir (guestfs_h *g, const char *call, char **field, const char *dir)
{
  if (!dir) {
    free (*field);
    *field = NULL;
    return 0;
  }
  char *abs = realpath (dir, NULL);
  if (!abs) {
    perrorf (g, "converting path to absolute path: %s: %s: realpath", call, dir);
    return -1;
  }
  free (*field);
  *field = abs;
  return 0;
}

int guestfs_impl_set_tmpdir (guestfs_h *g, const char *d) { return set_dir (g, "set_tmpdir", &g->int_tmpdir, d); }
int guestfs_impl_set_cachedir (guestfs_h *g, const char *d) { return set_dir (g, "set_cachedir", &g->int_cachedir, d); }

char *
guestfs_impl_get_tmpdir (guestfs_h *g)
{
  const char *d = g->int_tmpdir ? g->int_tmpdir : g->env_tmpdir ? g->env_tmpdir : "/tmp";
  return guestfs_int_safe_strdup (g, d);
}

char *
guestfs_impl_get_cachedir (guestfs_h *g)
{
  return guestfs_int_safe_strdup (g, guestfs_int_cachedir (g));
}

const char *
guestfs_int_cachedir (guestfs_h *g)
{
  return g->int_cachedir ? g->int_cachedir : g->env_cachedir ? g->env_cachedir : "/var/tmp";
}

char *
guestfs_impl_get_sockdir (guestfs_h *g)
{
  return guestfs_int_safe_strdup (g, g->env_sockdir ? g->env_sockdir : "/tmp");
}

/* ---- backend settings: a list of "name" or "name=value" ---- */

static bool
setting_matches (const char *setting, const char *name)
{
  size_t n = strlen (name);
  return strncmp (setting, name, n) == 0 && (setting[n] == '\0' || setting[n] == '=');
}

int
guestfs_impl_set_backend_settings (guestfs_h *g, char *const *settings)
{
  char **copy = guestfs_int_copy_string_list (g, settings);
  guestfs_int_free_string_list (g->backend_settings);
  g->backend_settings = copy;
  return 0;
}

char **
guestfs_impl_get_backend_settings (guestfs_h *g)
{
  return guestfs_int_copy_string_list (g, g->backend_settings);
}

/* Value of a setting ("" for a bare name), NULL if absent.  Later entries win. */
const char *
guestfs_int_get_backend_setting (guestfs_h *g, const char *name)
{
  const char *found = NULL;
  for (char **s = g->backend_settings; *s; s++)
    if (setting_matches (*s, name))
      found = (*s)[strlen (name)] == '=' ? *s + strlen (name) + 1 : "";
  return found;
}

char *
guestfs_impl_get_backend_setting (guestfs_h *g, const char *name)
{
  const char *v = guestfs_int_get_backend_setting (g, name);
  if (!v) {
    guestfs_int_error_errno (g, ESRCH, "setting not found");
    return NULL;
  }
  return guestfs_int_safe_strdup (g, v);
}

int
guestfs_impl_clear_backend_setting (guestfs_h *g, const char *name)
{
  int removed = 0;
  size_t j = 0;
  for (size_t i = 0; g->backend_settings[i]; i++) {
    if (setting_matches (g->backend_settings[i], name)) {
      free (g->backend_settings[i]);
      removed++;
    } else
      g->backend_settings[j++] = g->backend_settings[i];
  }
  g->backend_settings[j] = NULL;
  return removed;
}

int
guestfs_impl_set_backend_setting (guestfs_h *g, const char *name, const char *val)
{
  guestfs_impl_clear_backend_setting (g, name);
  size_t n = guestfs_int_count_strings (g->backend_settings);
  g->backend_settings = guestfs_int_safe_realloc (g, g->backend_settings, (n + 2) * sizeof (char *));
  g->backend_settings[n] = safe_asprintf (g, "%s=%s", name, val);
  g->backend_settings[n + 1] = NULL;
  return 0;
}

/* ---- version ---- */

struct guestfs_version *
guestfs_impl_version (guestfs_h *g)
{
  struct guestfs_version *v = guestfs_int_safe_malloc (g, sizeof *v);
  v->major = PACKAGE_VERSION_MAJOR;
  v->minor = PACKAGE_VERSION_MINOR;
  v->release = PACKAGE_VERSION_RELEASE;
  v->extra = guestfs_int_safe_strdup (g, PACKAGE_VERSION_EXTRA);
  return v;
}
