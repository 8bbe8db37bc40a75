/* Disk image information from `qemu-img info --output=json`, and the
 * tiny JSON reader it needs (top-level keys of one object only). */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "guestfs-internal.h"

static const char *skip_ws (const char *p) { while (*p && isspace ((unsigned char) *p)) p++; return p; }

/* Skip a JSON string starting at the opening quote; returns the char after
 * the closing quote, or NULL. */
static const char *
skip_string (const char *p)
{
  for (p++; *p; p++) {
    if (*p == '\\') { if (!*++p) return NULL; }
    else if (*p == '"') return p + 1;
  }
  return NULL;
}

static const char *
skip_value (const char *p, int depth)
{
  p = skip_ws (p);
  if (depth > 64) return NULL;
  if (*p == '"') return skip_string (p);
  if (*p == '{' || *p == '[') {
    char close = *p == '{' ? '}' : ']';
    p = skip_ws (p + 1);
    if (*p == close) return p + 1;
    for (;;) {
      if (close == '}') {
        if (*p != '"' || !(p = skip_string (p))) return NULL;
        p = skip_ws (p);
        if (*p++ != ':') return NULL;
      }
      if (!(p = skip_value (p, depth + 1))) return NULL;
      p = skip_ws (p);
      if (*p == ',') { p = skip_ws (p + 1); continue; }
      if (*p == close) return p + 1;
      return NULL;
    }
  }
  const char *start = p;
  while (*p && (isalnum ((unsigned char) *p) || *p == '-' || *p == '+' || *p == '.')) p++;
  return p == start ? NULL : p;
}

static char *
unescape (const char *start, const char *end)
{
  char *r = malloc (end - start + 1), *o = r;
  if (!r) return NULL;
  for (const char *p = start; p < end; p++) {
    if (*p != '\\') { *o++ = *p; continue; }
    p++;
    switch (*p) {
    case 'n': *o++ = '\n'; break;
    case 't': *o++ = '\t'; break;
    case 'r': *o++ = '\r'; break;
    case 'b': *o++ = '\b'; break;
    case 'f': *o++ = '\f'; break;
    case 'u': {   /* keep ASCII, replace the rest */
      unsigned v = 0;
      if (sscanf (p + 1, "%4x", &v) != 1) { free (r); return NULL; }
      *o++ = v < 0x80 && v ? (char) v : '?';
      p += 4;
      break;
    }
    default: *o++ = *p;
    }
  }
  *o = '\0';
  return r;
}

char *
guestfs_int_json_get (const char *json, const char *key)
{
  const char *p = skip_ws (json);
  if (*p++ != '{') return NULL;
  size_t klen = strlen (key);
  p = skip_ws (p);
  while (*p == '"') {
    const char *kend = skip_string (p);
    if (!kend) return NULL;
    bool match = (size_t) (kend - p - 2) == klen && memcmp (p + 1, key, klen) == 0;
    p = skip_ws (kend);
    if (*p++ != ':') return NULL;
    p = skip_ws (p);
    const char *vend = skip_value (p, 0);
    if (!vend) return NULL;
    if (match) {
      if (*p == '"') return unescape (p + 1, vend - 1);
      return strndup (p, vend - p);
    }
    p = skip_ws (vend);
    if (*p != ',') return NULL;
    p = skip_ws (p + 1);
  }
  return NULL;
}

int
guestfs_int_disk_info (guestfs_h *g, const char *filename, struct disk_info *info)
{
  memset (info, 0, sizeof *info);
  char *argv[] = { (char *) "qemu-img", (char *) "info", (char *) "--output=json",
                   (char *) "--", (char *) filename, NULL };
  CLEANUP_FREE char *out = NULL, *err = NULL;
  if (access (filename, R_OK) == -1) {
    perrorf (g, "%s", filename);
    return -1;
  }
  int status = guestfs_int_run_command (g, argv, &out, &err);
  if (status != 0) {
    guestfs_int_command_error (g, "qemu-img info", status, err);
    return -1;
  }
  info->format = guestfs_int_json_get (out, "format");
  CLEANUP_FREE char *size = guestfs_int_json_get (out, "virtual-size");
  info->backing_filename = guestfs_int_json_get (out, "backing-filename");
  if (!info->format || !size) {
    error (g, "qemu-img info: %s: cannot parse the output", filename);
    guestfs_int_disk_info_free (info);
    return -1;
  }
  info->virtual_size = strtoll (size, NULL, 10);
  return 0;
}

void
guestfs_int_disk_info_free (struct disk_info *info)
{
  free (info->format);
  free (info->backing_filename);
  memset (info, 0, sizeof *info);
}

char *
guestfs_impl_disk_format (guestfs_h *g, const char *filename)
{
  struct disk_info info;
  if (guestfs_int_disk_info (g, filename, &info) == -1) return NULL;
  char *r = info.format;
  info.format = NULL;
  guestfs_int_disk_info_free (&info);
  return r;
}

int64_t
guestfs_impl_disk_virtual_size (guestfs_h *g, const char *filename)
{
  struct disk_info info;
  if (guestfs_int_disk_info (g, filename, &info) == -1) return -1;
  int64_t r = info.virtual_size;
  guestfs_int_disk_info_free (&info);
  return r;
}

int
guestfs_impl_disk_has_backing_file (guestfs_h *g, const char *filename)
{
  struct disk_info info;
  if (guestfs_int_disk_info (g, filename, &info) == -1) return -1;
  int r = info.backing_filename != NULL;
  guestfs_int_disk_info_free (&info);
  return r;
}
