/* The handle's private temporary directory (0700, removed on close). */
#include <config.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>

#include "guestfs-internal.h"

static char *
make_private_dir (guestfs_h *g, const char *parent)
{
  char *templ = safe_asprintf (g, "%s/libguestfsXXXXXX", parent);
  if (!mkdtemp (templ)) {   /* mkdtemp creates it 0700 */
    perrorf (g, "%s: cannot create temporary directory", templ);
    free (templ);
    return NULL;
  }
  return templ;
}

int
guestfs_int_lazy_make_tmpdir (guestfs_h *g)
{
  if (g->tmpdir) return 0;
  CLEANUP_FREE char *parent = guestfs_impl_get_tmpdir (g);
  g->tmpdir = make_private_dir (g, parent);
  return g->tmpdir ? 0 : -1;
}

/* A unix socket path must fit in sun_path: fall back to the sockdir
 * ($XDG_RUNTIME_DIR or /tmp) when the tmpdir path is too long. */
char *
guestfs_int_make_sockpath (guestfs_h *g, const char *name)
{
  struct sockaddr_un sun;
  if (guestfs_int_lazy_make_tmpdir (g) == -1) return NULL;
  char *path = safe_asprintf (g, "%s/%s", g->tmpdir, name);
  if (strlen (path) < sizeof sun.sun_path) return path;
  free (path);
  if (!g->sockdir) {
    CLEANUP_FREE char *parent = guestfs_impl_get_sockdir (g);
    g->sockdir = make_private_dir (g, parent);
    if (!g->sockdir) return NULL;
  }
  path = safe_asprintf (g, "%s/%s", g->sockdir, name);
  if (strlen (path) >= sizeof sun.sun_path) {
    error (g, "socket path too long: %s", path);
    free (path);
    return NULL;
  }
  return path;
}

static int
remove_entry (const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
  (void) st; (void) ftw;
  if (flag == FTW_DP || flag == FTW_D)
    rmdir (path);
  else
    unlink (path);
  return 0;
}

int
guestfs_int_rmtree (const char *dir)
{
  return nftw (dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

void
guestfs_int_remove_tmpdirs (guestfs_h *g)
{
  if (g->tmpdir) {
    guestfs_int_rmtree (g->tmpdir);
    free (g->tmpdir);
    g->tmpdir = NULL;
  }
  if (g->sockdir) {
    guestfs_int_rmtree (g->sockdir);
    free (g->sockdir);
    g->sockdir = NULL;
  }
}
