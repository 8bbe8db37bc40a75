/* virt-inspector --json: the same data as the XML, as one JSON object.
 *
 *   { "operatingsystems": [ { "root": "/dev/sda2", "name": "linux",
 *       "arch": ..., "distro": ..., "product_name": ..., "product_variant": ...,
 *       "major_version": 12, "minor_version": 0,
 *       "windows_systemroot": ..., "windows_current_control_set": ...,
 *       "package_format": ..., "package_management": ...,
 *       "hostname": ..., "osinfo": ...,
 *       "mountpoints": [ { "dev": "/dev/sda2", "mountpoint": "/" } ],
 *       "filesystems": [ { "dev": ..., "type": ..., "label": ..., "uuid": ... } ],
 *       "drive_mappings": [ { "dev": "/dev/sda2", "name": "C" } ],
 *       "applications": [ { "name": ..., "epoch": 1, "version": ... } ],
 *       "icon": "<base64 PNG>" } ] }
 *
 * A key is left out exactly where the XML leaves out its element; the
 * order of keys and arrays is the order of the XML.  Bytes that are not
 * UTF-8 (guest files may hold anything) become U+FFFD.
 */
#include <config.h>

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inspector.h"

/* Length of the valid UTF-8 sequence at S (1-4), or 0 if invalid. */
static size_t
utf8_sequence (const unsigned char *s)
{
  size_t len, i;
  uint32_t c;

  if (s[0] < 0x80)
    return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) { len = 2; c = s[0] & 0x1f; }
  else if (s[0] >= 0xe0 && s[0] <= 0xef) { len = 3; c = s[0] & 0x0f; }
  else if (s[0] >= 0xf0 && s[0] <= 0xf4) { len = 4; c = s[0] & 0x07; }
  else return 0;
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80)
      return 0;
    c = (c << 6) | (s[i] & 0x3f);
  }
  if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff))
      || (c >= 0xd800 && c <= 0xdfff))
    return 0;
  return len;
}

static void
json_string (const char *str)
{
  const unsigned char *s = (const unsigned char *) str;

  putchar ('"');
  while (*s) {
    size_t len = utf8_sequence (s);
    if (len == 0) {
      fputs ("\\ufffd", stdout);
      s++;
    } else if (*s == '"' || *s == '\\') {
      printf ("\\%c", *s++);
    } else if (*s == '\n') {
      fputs ("\\n", stdout); s++;
    } else if (*s == '\t') {
      fputs ("\\t", stdout); s++;
    } else if (*s < 0x20 || *s == 0x7f) {
      printf ("\\u%04x", *s++);
    } else {
      fwrite (s, 1, len, stdout);
      s += len;
    }
  }
  putchar ('"');
}

/* Writes '"key": ' after the separator the previous member needs. */
struct obj {
  int indent;
  int members;
};

static void
key (struct obj *o, const char *name)
{
  printf ("%s\n%*s", o->members++ ? "," : "", o->indent, "");
  json_string (name);
  fputs (": ", stdout);
}

static void
str_member (struct obj *o, const char *name, const char *value)
{
  if (value && *value) {
    key (o, name);
    json_string (value);
  }
}

static void
int_member (struct obj *o, const char *name, int value)
{
  key (o, name);
  printf ("%d", value);
}

static void
close_obj (const struct obj *o)
{
  printf ("\n%*s}", o->indent - 2, "");
}

static void
pairs_member (struct obj *o, const char *name, const char *dev_key,
              const char *value_key, const struct dev_pair *p, size_t n)
{
  size_t i;

  key (o, name);
  putchar ('[');
  for (i = 0; i < n; i++) {
    struct obj item = { o->indent + 4, 0 };
    printf ("%s\n%*s{", i ? "," : "", o->indent + 2, "");
    str_member (&item, dev_key, p[i].dev);
    str_member (&item, value_key, p[i].value);
    close_obj (&item);
  }
  printf (n ? "\n%*s]" : "%*s]", n ? o->indent : 0, "");
}

static void
filesystems_member (struct obj *o, const struct os_entry *os)
{
  size_t i;

  key (o, "filesystems");
  putchar ('[');
  for (i = 0; i < os->nr_filesystems; i++) {
    const struct fs_entry *fs = &os->filesystems[i];
    struct obj item = { o->indent + 4, 0 };
    printf ("%s\n%*s{", i ? "," : "", o->indent + 2, "");
    str_member (&item, "dev", fs->dev);
    str_member (&item, "type", fs->type);
    str_member (&item, "label", fs->label);
    str_member (&item, "uuid", fs->uuid);
    close_obj (&item);
  }
  printf (os->nr_filesystems ? "\n%*s]" : "%*s]",
          os->nr_filesystems ? o->indent : 0, "");
}

static void
application (int indent, const struct guestfs_application2 *app)
{
  struct obj item = { indent + 2, 0 };

  printf ("%*s{", indent, "");
  str_member (&item, "name", app->app2_name);
  str_member (&item, "display_name", app->app2_display_name);
  if (app->app2_epoch != 0)
    int_member (&item, "epoch", app->app2_epoch);
  str_member (&item, "version", app->app2_version);
  str_member (&item, "release", app->app2_release);
  str_member (&item, "arch", app->app2_arch);
  str_member (&item, "install_path", app->app2_install_path);
  str_member (&item, "publisher", app->app2_publisher);
  str_member (&item, "url", app->app2_url);
  str_member (&item, "source_package", app->app2_source_package);
  str_member (&item, "summary", app->app2_summary);
  str_member (&item, "description", app->app2_description);
  close_obj (&item);
}

static void
applications_member (struct obj *o, const struct guestfs_application2_list *l)
{
  size_t i;

  key (o, "applications");
  putchar ('[');
  for (i = 0; i < l->len; i++) {
    printf ("%s\n", i ? "," : "");
    application (o->indent + 2, &l->val[i]);
  }
  printf (l->len ? "\n%*s]" : "%*s]", l->len ? o->indent : 0, "");
}

static void
base64_member (struct obj *o, const char *name, const char *data, size_t n)
{
  static const char digits[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  const unsigned char *d = (const unsigned char *) data;
  size_t i;

  key (o, name);
  putchar ('"');
  for (i = 0; i < n; i += 3) {
    uint32_t v = d[i] << 16;
    if (i + 1 < n) v |= d[i+1] << 8;
    if (i + 2 < n) v |= d[i+2];
    putchar (digits[(v >> 18) & 63]);
    putchar (digits[(v >> 12) & 63]);
    putchar (i + 1 < n ? digits[(v >> 6) & 63] : '=');
    putchar (i + 2 < n ? digits[v & 63] : '=');
  }
  putchar ('"');
}

static void
operatingsystem (const struct os_entry *os)
{
  struct obj o = { 6, 0 };

  printf ("    {");
  str_member (&o, "root", os->root);
  str_member (&o, "name", os->type);
  str_member (&o, "arch", os->arch);
  str_member (&o, "distro", os->distro);
  str_member (&o, "product_name", os->product_name);
  str_member (&o, "product_variant", os->product_variant);
  int_member (&o, "major_version", os->major_version);
  int_member (&o, "minor_version", os->minor_version);
  str_member (&o, "windows_systemroot", os->windows_systemroot);
  str_member (&o, "windows_current_control_set",
              os->windows_current_control_set);
  str_member (&o, "package_format", os->package_format);
  str_member (&o, "package_management", os->package_management);
  str_member (&o, "hostname", os->hostname);
  str_member (&o, "osinfo", os->osinfo);
  pairs_member (&o, "mountpoints", "dev", "mountpoint",
                os->mountpoints, os->nr_mountpoints);
  filesystems_member (&o, os);
  if (os->nr_drives > 0) {
    /* In a drive pair the letter is the value. */
    pairs_member (&o, "drive_mappings", "dev", "name",
                  os->drives, os->nr_drives);
  }
  if (os->apps)
    applications_member (&o, os->apps);
  if (os->icon)
    base64_member (&o, "icon", os->icon, os->icon_size);
  close_obj (&o);
}

void
output_json (struct os_entry **oses, size_t n)
{
  size_t i;

  printf ("{\n  \"operatingsystems\": [");
  for (i = 0; i < n; i++) {
    printf ("%s\n", i ? "," : "");
    operatingsystem (oses[i]);
  }
  printf (n ? "\n  ]\n}\n" : "]\n}\n");
  if (fflush (stdout) == EOF || ferror (stdout)) {
    perror ("stdout");
    exit (EXIT_FAILURE);
  }
}
