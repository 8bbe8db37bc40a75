/* inspect_get_icon: a PNG icon of the guest, found where each distro
 * keeps its logo, as the reference looks for it.  No icon is not an
 * error: the result is then an empty buffer.  The guest's filesystems
 * must be mounted.
 */

#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "guestfs-internal.h"
#include "actions-gen.h"
#include "inspect-icon.h"

/* Returned by the finders when there is no icon (as opposed to NULL, an
 * error). */
char icon_not_found[1];

/* PNG signature and the IHDR chunk that must follow it. */
static int
png_dimensions (const char *buf, size_t len, uint32_t *w, uint32_t *h)
{
  static const unsigned char sig[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  const unsigned char *p = (const unsigned char *) buf;
  if (len < 24 || memcmp (p, sig, 8) != 0 || memcmp (p + 12, "IHDR", 4) != 0)
    return -1;
  *w = (uint32_t) p[16] << 24 | p[17] << 16 | p[18] << 8 | p[19];
  *h = (uint32_t) p[20] << 24 | p[21] << 16 | p[22] << 8 | p[23];
  return 0;
}

char *
icon_read_file (guestfs_h *g, const char *path, int64_t max_size,
                size_t *size_r)
{
  guestfs_push_error_handler (g, NULL, NULL);
  int64_t size = guestfs_filesize (g, path);
  char *r = NULL;
  if (size >= 0 && size <= max_size)
    r = guestfs_read_file (g, path, size_r);
  guestfs_pop_error_handler (g);
  return r ? r : NOT_FOUND;
}

char *
icon_get_png (guestfs_h *g, const char *path, int64_t max_size,
              size_t *size_r)
{
  int r = guestfs_is_file_opts (g, path, GUESTFS_IS_FILE_OPTS_FOLLOWSYMLINKS, 1, -1);
  if (r == -1)
    return NULL;
  if (r == 0)
    return NOT_FOUND;

  guestfs_push_error_handler (g, NULL, NULL);
  CLEANUP_FREE char *real = guestfs_realpath (g, path);
  size_t hlen = 0;
  CLEANUP_FREE char *head = real ? guestfs_pread (g, real, 24, 0, &hlen) : NULL;
  guestfs_pop_error_handler (g);
  uint32_t w, h;
  if (head == NULL || png_dimensions (head, hlen, &w, &h) == -1)
    return NOT_FOUND;
  if (w < ICON_MIN_SIDE || h < ICON_MIN_SIDE ||
      w > ICON_MAX_SIDE || h > ICON_MAX_SIDE)
    return NOT_FOUND;
  /* A reasonable file size for those dimensions. */
  if (max_size == 0)
    max_size = 4 * (int64_t) w * h;
  return icon_read_file (g, real, max_size, size_r);
}

static char *
icon_favicon (guestfs_h *g, const char *type, size_t *size_r)
{
  if (strcmp (type, "linux") != 0)
    return NOT_FOUND;
  return icon_get_png (g, "/etc/favicon.png", 0, size_r);
}

static char *
icon_rhel (guestfs_h *g, const char *root, size_t *size_r)
{
  int major = guestfs_inspect_get_major_version (g, root);
  if (major == -1)
    return NULL;
  const char *path = major < 7
    ? "/usr/share/pixmaps/redhat/shadowman-transparent.png"
    : "/usr/share/icons/hicolor/96x96/apps/system-logo-icon.png";
  return icon_get_png (g, path, 0, size_r);
}

static int
is_rhel_like (const char *distro)
{
  static const char *const names[] = {
    "rhel", "redhat-based", "centos", "rocky", "almalinux",
    "scientificlinux", "oraclelinux", NULL,
  };
  for (size_t i = 0; names[i]; i++)
    if (strcmp (distro, names[i]) == 0)
      return 1;
  return 0;
}

/* Distros whose logo is one PNG file at a fixed path, with the largest
 * file size accepted (0: four bytes per pixel). */
static const struct {
  const char *distro, *path;
  int64_t max_size;
  int low_quality;              /* never returned with highquality */
} logos[] = {
  { "fedora", "/usr/share/icons/hicolor/96x96/apps/fedora-logo-icon.png", 0, 0 },
  { "debian", "/usr/share/pixmaps/debian-logo.png", 2048, 0 },
  { "ubuntu", "/usr/share/icons/gnome/24x24/places/ubuntu-logo.png", 2048, 1 },
  { "mageia", "/usr/share/icons/mageia.png", 2048, 0 },
  { "opensuse", "/usr/share/icons/hicolor/24x24/apps/distributor.png", 2048, 0 },
  { "sles", "/usr/share/icons/hicolor/24x24/apps/distributor.png", 2048, 0 },
  { "voidlinux", "/usr/share/void-artwork/void-logo.png", 20480, 0 },
  { "altlinux", "/usr/share/icons/hicolor/48x48/apps/altlinux.png", 20480, 0 },
  { "gentoo", "/usr/share/pixmaps/gentoo-logo.png", 10240, 0 },
  { "openmandriva", "/usr/share/icons/large/mandriva.png", 20480, 0 },
};

static char *
icon_linux (guestfs_h *g, const char *root, const char *distro,
            int highquality, size_t *size_r)
{
  if (is_rhel_like (distro))
    return icon_rhel (g, root, size_r);
  for (size_t i = 0; i < sizeof logos / sizeof logos[0]; i++) {
    if (strcmp (distro, logos[i].distro) != 0)
      continue;
    if (highquality && logos[i].low_quality)
      return NOT_FOUND;
    return icon_get_png (g, logos[i].path, logos[i].max_size, size_r);
  }
  return NOT_FOUND;
}

char *
guestfs_impl_inspect_get_icon (guestfs_h *g, const char *root, size_t *size_r,
                               const struct guestfs_inspect_get_icon_argv *optargs)
{
  int favicon = optargs->bitmask & GUESTFS_INSPECT_GET_ICON_FAVICON_BITMASK
    ? optargs->favicon : 1;
  int highquality = optargs->bitmask & GUESTFS_INSPECT_GET_ICON_HIGHQUALITY_BITMASK
    ? optargs->highquality : 0;
  if (highquality)
    favicon = 0;                /* favicons are never high quality */

  CLEANUP_FREE char *type = guestfs_inspect_get_type (g, root);
  if (type == NULL)
    return NULL;
  CLEANUP_FREE char *distro = guestfs_inspect_get_distro (g, root);
  if (distro == NULL)
    return NULL;

  size_t size = 0;
  char *r = NOT_FOUND;
  if (favicon)
    r = icon_favicon (g, type, &size);
  if (r == NOT_FOUND) {
    if (strcmp (type, "linux") == 0 || strcmp (type, "hurd") == 0)
      r = icon_linux (g, root, distro, highquality, &size);
    else if (strcmp (type, "windows") == 0 && !highquality)
      r = icon_windows (g, root, &size);
  }
  if (r == NULL)
    return NULL;
  if (r == NOT_FOUND) {
    r = guestfs_int_safe_malloc (g, 1);
    size = 0;
  }
  *size_r = size;
  return r;
}
