/* Kernel modules for the appliance: the wanted names plus their
 * dependencies (modules.dep) and pre/post soft dependencies
 * (modules.softdep, names resolved through modules.alias), in load order.
 * Built-in modules (modules.builtin) need no file. */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "appliance-internal.h"

struct mod {
  char *name;                   /* normalised: '-' -> '_' */
  const char *rel;              /* path as in modules.dep (points into dep text) */
  char *deps;                   /* space-separated paths (points into dep text) */
  struct strvec pre, post;      /* soft dependencies (module or alias names) */
  int state;                    /* 0 new, 1 visiting, 2 done */
};

struct modctx {
  struct ctx *c;
  const struct kernel_info *k;
  char *dep_text, *builtin_text, *alias_text, *softdep_text;
  size_t dep_len, builtin_len, alias_len, softdep_len;
  struct mod *m; size_t n, alloc;
  size_t *idx; size_t idx_size;
  int alias_loaded;
  struct strvec alias_name, alias_mod;
  struct strvec order;          /* rel paths in load order */
  size_t nboot;                 /* the first nboot of order load at boot */
};

/* Module name from a path or name: basename, no .ko*, '-' -> '_'. */
static char *
mod_name (const char *s, size_t len)
{
  const char *b = memrchr (s, '/', len);
  if (b) { len -= b + 1 - s; s = b + 1; }
  const char *ko = memmem (s, len, ".ko", 3);
  if (ko)
    len = ko - s;
  char *n = strndup (s, len);
  for (char *p = n; p && *p; p++)
    if (*p == '-') *p = '_';
  return n;
}

static struct mod *
mod_lookup (struct modctx *mc, const char *name)
{
  if (!mc->idx_size)
    return NULL;
  size_t mask = mc->idx_size - 1;
  for (size_t s = fnv64_str (FNV64_INIT, name) & mask; mc->idx[s]; s = (s + 1) & mask)
    if (strcmp (mc->m[mc->idx[s] - 1].name, name) == 0)
      return &mc->m[mc->idx[s] - 1];
  return NULL;
}

static int
mod_index (struct modctx *mc)
{
  mc->idx_size = 1;
  while (mc->idx_size < mc->n * 2 + 2)
    mc->idx_size <<= 1;
  mc->idx = calloc (mc->idx_size, sizeof *mc->idx);
  if (!mc->idx)
    return -1;
  for (size_t i = 0; i < mc->n; i++) {
    size_t s = fnv64_str (FNV64_INIT, mc->m[i].name) & (mc->idx_size - 1);
    while (mc->idx[s])
      s = (s + 1) & (mc->idx_size - 1);
    mc->idx[s] = i + 1;
  }
  return 0;
}

static int
load_text (struct modctx *mc, const char *file, char **text, size_t *len, int required)
{
  CLEANUP_FREE char *p = path_join (mc->k->modules_dir, file);
  if (!p)
    return ctx_oom (mc->c);
  if (read_whole_file (p, text, len) < 0) {
    if (!required && errno == ENOENT) {
      *text = strdup ("");
      *len = 0;
      return *text ? 0 : ctx_oom (mc->c);
    }
    return ctx_perror (mc->c, "appliance: cannot read %s (run depmod?)", p);
  }
  return 0;
}

static int
parse_dep (struct modctx *mc)
{
  for (char *line = mc->dep_text, *next; line && *line; line = next) {
    next = strchr (line, '\n');
    if (next)
      *next++ = '\0';
    char *colon = strchr (line, ':');
    if (!colon)
      continue;
    *colon = '\0';
    if (mc->n + 1 >= mc->alloc) {
      size_t na = mc->alloc ? mc->alloc * 2 : 4096;
      struct mod *nm = realloc (mc->m, na * sizeof *nm);
      if (!nm)
        return ctx_oom (mc->c);
      mc->m = nm; mc->alloc = na;
    }
    struct mod *m = &mc->m[mc->n];
    memset (m, 0, sizeof *m);
    m->rel = line;
    m->deps = colon + 1;
    if (!(m->name = mod_name (line, strlen (line))))
      return ctx_oom (mc->c);
    mc->n++;
  }
  return mod_index (mc) < 0 ? ctx_oom (mc->c) : 0;
}

/* "softdep NAME pre: a b post: c" */
static void
parse_softdep (struct modctx *mc)
{
  for (char *line = mc->softdep_text, *next; line && *line; line = next) {
    next = strchr (line, '\n');
    if (next)
      *next++ = '\0';
    char *save = NULL;
    char *w = strtok_r (line, " \t", &save);
    if (!w || strcmp (w, "softdep") != 0 || !(w = strtok_r (NULL, " \t", &save)))
      continue;
    CLEANUP_FREE char *name = mod_name (w, strlen (w));
    struct mod *m = name ? mod_lookup (mc, name) : NULL;
    if (!m)
      continue;
    struct strvec *dst = NULL;
    while ((w = strtok_r (NULL, " \t", &save)) != NULL) {
      if (strcmp (w, "pre:") == 0) dst = &m->pre;
      else if (strcmp (w, "post:") == 0) dst = &m->post;
      else if (dst) strvec_push (dst, strdup (w));
    }
  }
}

static int
is_builtin (struct modctx *mc, const char *name)
{
  for (const char *l = mc->builtin_text; l && *l; ) {
    const char *e = strchrnul (l, '\n');
    CLEANUP_FREE char *n = mod_name (l, e - l);
    if (n && strcmp (n, name) == 0)
      return 1;
    l = *e ? e + 1 : e;
  }
  return 0;
}

/* Exact (non-glob) aliases, loaded on first need. */
static int
load_aliases (struct modctx *mc)
{
  if (mc->alias_loaded)
    return 0;
  mc->alias_loaded = 1;
  if (load_text (mc, "modules.alias", &mc->alias_text, &mc->alias_len, 0) < 0)
    return -1;
  for (char *line = mc->alias_text, *next; line && *line; line = next) {
    next = strchr (line, '\n');
    if (next)
      *next++ = '\0';
    if (strncmp (line, "alias ", 6) != 0 || strpbrk (line, "*?["))
      continue;
    char *a = line + 6, *sp = strchr (a, ' ');
    if (!sp)
      continue;
    *sp = '\0';
    strvec_push (&mc->alias_name, strdup (a));
    strvec_push (&mc->alias_mod, mod_name (sp + 1, strlen (sp + 1)));
  }
  return 0;
}

static int visit (struct modctx *mc, struct mod *m);

/* A soft dependency names a module or an alias (maybe several modules). */
static int
visit_name (struct modctx *mc, const char *raw)
{
  CLEANUP_FREE char *name = mod_name (raw, strlen (raw));
  if (!name)
    return ctx_oom (mc->c);
  struct mod *m = mod_lookup (mc, name);
  if (m)
    return visit (mc, m);
  if (load_aliases (mc) < 0)
    return -1;
  for (size_t i = 0; i < mc->alias_name.n; i++)
    if (strcmp (mc->alias_name.v[i], raw) == 0 && mc->alias_mod.v[i] &&
        (m = mod_lookup (mc, mc->alias_mod.v[i])) != NULL && visit (mc, m) < 0)
      return -1;
  return 0;
}

static int
visit (struct modctx *mc, struct mod *m)
{
  if (m->state)
    return 0;                   /* done, or a cycle */
  m->state = 1;
  for (size_t i = 0; i < m->pre.n; i++)
    if (visit_name (mc, m->pre.v[i]) < 0)
      return -1;
  CLEANUP_FREE char *deps = strdup (m->deps);
  if (!deps)
    return ctx_oom (mc->c);
  char *save = NULL;
  for (char *d = strtok_r (deps, " \t", &save); d; d = strtok_r (NULL, " \t", &save)) {
    CLEANUP_FREE char *dn = mod_name (d, strlen (d));
    struct mod *dm = dn ? mod_lookup (mc, dn) : NULL;
    if (dm && visit (mc, dm) < 0)
      return -1;
  }
  m->state = 2;
  if (strvec_push (&mc->order, strdup (m->rel)) < 0)
    return ctx_oom (mc->c);
  for (size_t i = 0; i < m->post.n; i++)
    if (visit_name (mc, m->post.v[i]) < 0)
      return -1;
  return 0;
}

static int
emit (struct fileset *fs, struct modctx *mc)
{
  size_t cap = 64, len = 0;
  CLEANUP_FREE char *list = malloc (cap);
  if (!list)
    return ctx_oom (mc->c);
  list[0] = '\0';
  for (size_t i = 0; i < mc->order.n; i++) {
    const char *rel = mc->order.v[i];
    CLEANUP_FREE char *src = rel[0] == '/' ? strdup (rel)
      : path_join (mc->k->modules_dir, rel);
    CLEANUP_FREE char *dst = rel[0] == '/' ? strdup (rel)
      : xasprintf ("/lib/modules/%s/%s", mc->k->version, rel);
    if (!src || !dst)
      return ctx_oom (mc->c);
    if (fileset_add_file_as (fs, dst, src) < 0)
      return -1;
    if (i >= mc->nboot)
      continue;                 /* loaded on demand by the kernel's modprobe */
    size_t dl = strlen (dst);
    if (len + dl + 2 > cap) {
      while (len + dl + 2 > cap) cap *= 2;
      char *nl = realloc (list, cap);
      if (!nl)
        return ctx_oom (mc->c);
      list = nl;
    }
    memcpy (list + len, dst, dl);
    len += dl;
    list[len++] = '\n';
    list[len] = '\0';
  }
  return fileset_add_data (fs, "/etc/guestferry/modules", 0644, list, len);
}

static void
modctx_free (struct modctx *mc)
{
  for (size_t i = 0; i < mc->n; i++) {
    free (mc->m[i].name);
    strvec_free (&mc->m[i].pre);
    strvec_free (&mc->m[i].post);
  }
  free (mc->m);
  free (mc->idx);
  free (mc->dep_text); free (mc->builtin_text);
  free (mc->alias_text); free (mc->softdep_text);
  strvec_free (&mc->alias_name); strvec_free (&mc->alias_mod);
  strvec_free (&mc->order);
}

/* The kernel loads on-demand modules itself, by running /sbin/modprobe
 * (request_module: "fs-xfs", "crypto-aes", "md-level-1", "dm-crypt" ...),
 * which needs kmod's index files and the modprobe program. */
static const char *const modprobe_indexes[] = {
  "modules.dep.bin", "modules.alias.bin", "modules.symbols.bin",
  "modules.builtin.bin", "modules.builtin.alias.bin", "modules.builtin.modinfo",
  "modules.softdep", "modules.devname", NULL
};

static int
add_modprobe (struct fileset *fs, const struct kernel_info *k)
{
  for (size_t i = 0; modprobe_indexes[i]; i++) {
    CLEANUP_FREE char *src = path_join (k->modules_dir, modprobe_indexes[i]);
    CLEANUP_FREE char *dst = xasprintf ("/lib/modules/%s/%s", k->version,
                                        modprobe_indexes[i]);
    if (!src || !dst)
      return ctx_oom (fs->c);
    if (access (src, R_OK) == 0 && fileset_add_file_as (fs, dst, src) < 0)
      return -1;
  }
  static const char *const modprobe[] = { "/sbin/modprobe", "/usr/sbin/modprobe", NULL };
  for (size_t i = 0; modprobe[i]; i++) {
    int r = fileset_add_host_path (fs, modprobe[i], 0);
    if (r <= 0)
      return r;
  }
  ctx_debug (fs->c, "appliance: no modprobe on this host: on-demand modules "
             "will not load (install kmod)");
  return 0;
}

static int
visit_wanted (struct modctx *mc, const struct strvec *wanted)
{
  for (size_t i = 0; i < wanted->n; i++) {
    CLEANUP_FREE char *name = mod_name (wanted->v[i], strlen (wanted->v[i]));
    struct mod *m = name ? mod_lookup (mc, name) : NULL;
    if (m) {
      if (visit (mc, m) < 0)
        return -1;
    }
    else if (name && is_builtin (mc, name))
      ctx_debug (mc->c, "appliance: module %s is built into the kernel", name);
    else
      ctx_debug (mc->c, "appliance: module %s not found for kernel %s, skipped",
                 wanted->v[i], mc->k->version);
  }
  return 0;
}

int
modules_add (struct fileset *fs, const struct kernel_info *k,
             const struct strvec *boot, const struct strvec *lazy)
{
  struct modctx mc = { .c = fs->c, .k = k };
  int r = -1;
  if (load_text (&mc, "modules.dep", &mc.dep_text, &mc.dep_len, 1) < 0 ||
      load_text (&mc, "modules.builtin", &mc.builtin_text, &mc.builtin_len, 0) < 0 ||
      load_text (&mc, "modules.softdep", &mc.softdep_text, &mc.softdep_len, 0) < 0 ||
      parse_dep (&mc) < 0)
    goto out;
  parse_softdep (&mc);
  if (visit_wanted (&mc, boot) < 0)
    goto out;
  mc.nboot = mc.order.n;
  if (visit_wanted (&mc, lazy) < 0)
    goto out;
  /* /lib may be a symlink (usrmerge): copy it first so paths follow it. */
  if (fileset_add_host_path (fs, "/lib", 0) < 0)
    goto out;
  if (lazy->n > 0 && add_modprobe (fs, k) < 0)
    goto out;
  r = emit (fs, &mc);
 out:
  modctx_free (&mc);
  return r;
}
