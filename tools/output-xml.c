/* virt-inspector: the XML document, written with libxml2's text writer
 * (indented by two spaces) so that elements, escaping and layout are
 * those of libguestfs's virt-inspector.  virt-inspector.rng in
 * libguestfs describes the format.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <errno.h>

#include <libxml/xmlwriter.h>

#include "inspector.h"

/* libxml2 reports each failure as a negative return. */
static void
check (int r)
{
  if (r < 0) {
    fprintf (stderr, "%s: failed to write the XML output\n",
             program_invocation_short_name);
    exit (EXIT_FAILURE);
  }
}

static void
element (xmlTextWriterPtr xo, const char *name, const char *value)
{
  if (value)
    check (xmlTextWriterWriteElement (xo, BAD_CAST name, BAD_CAST value));
}

static void
number_element (xmlTextWriterPtr xo, const char *name, int value)
{
  check (xmlTextWriterWriteFormatElement (xo, BAD_CAST name, "%d", value));
}

/* <LIST><ITEM ATTR="dev">value</ITEM>...</LIST> */
static void
pairs (xmlTextWriterPtr xo, const char *list, const char *item,
       const char *attr, const struct dev_pair *p, size_t n,
       int attr_is_dev)
{
  size_t i;

  check (xmlTextWriterStartElement (xo, BAD_CAST list));
  for (i = 0; i < n; i++) {
    check (xmlTextWriterStartElement (xo, BAD_CAST item));
    check (xmlTextWriterWriteAttribute (xo, BAD_CAST attr,
                                        BAD_CAST (attr_is_dev ? p[i].dev
                                                  : p[i].value)));
    check (xmlTextWriterWriteString (xo, BAD_CAST (attr_is_dev ? p[i].value
                                                   : p[i].dev)));
    check (xmlTextWriterEndElement (xo));
  }
  check (xmlTextWriterEndElement (xo));
}

static void
filesystems (xmlTextWriterPtr xo, const struct os_entry *os)
{
  size_t i;

  check (xmlTextWriterStartElement (xo, BAD_CAST "filesystems"));
  for (i = 0; i < os->nr_filesystems; i++) {
    const struct fs_entry *fs = &os->filesystems[i];
    check (xmlTextWriterStartElement (xo, BAD_CAST "filesystem"));
    check (xmlTextWriterWriteAttribute (xo, BAD_CAST "dev", BAD_CAST fs->dev));
    element (xo, "type", fs->type);
    element (xo, "label", fs->label);
    element (xo, "uuid", fs->uuid);
    check (xmlTextWriterEndElement (xo));
  }
  check (xmlTextWriterEndElement (xo));
}

static const char *
nonempty (const char *s)
{
  return s && *s ? s : NULL;
}

static void
application (xmlTextWriterPtr xo, const struct guestfs_application2 *app)
{
  check (xmlTextWriterStartElement (xo, BAD_CAST "application"));
  element (xo, "name", app->app2_name);
  element (xo, "display_name", nonempty (app->app2_display_name));
  if (app->app2_epoch != 0)
    number_element (xo, "epoch", app->app2_epoch);
  element (xo, "version", nonempty (app->app2_version));
  element (xo, "release", nonempty (app->app2_release));
  element (xo, "arch", nonempty (app->app2_arch));
  element (xo, "install_path", nonempty (app->app2_install_path));
  element (xo, "publisher", nonempty (app->app2_publisher));
  element (xo, "url", nonempty (app->app2_url));
  element (xo, "source_package", nonempty (app->app2_source_package));
  element (xo, "summary", nonempty (app->app2_summary));
  element (xo, "description", nonempty (app->app2_description));
  check (xmlTextWriterEndElement (xo));
}

static void
applications (xmlTextWriterPtr xo, const struct guestfs_application2_list *l)
{
  size_t i;

  check (xmlTextWriterStartElement (xo, BAD_CAST "applications"));
  for (i = 0; i < l->len; i++)
    application (xo, &l->val[i]);
  check (xmlTextWriterEndElement (xo));
}

static void
operatingsystem (xmlTextWriterPtr xo, const struct os_entry *os)
{
  check (xmlTextWriterStartElement (xo, BAD_CAST "operatingsystem"));
  element (xo, "root", os->root);
  element (xo, "name", os->type);
  element (xo, "arch", os->arch);
  element (xo, "distro", os->distro);
  element (xo, "product_name", os->product_name);
  element (xo, "product_variant", os->product_variant);
  number_element (xo, "major_version", os->major_version);
  number_element (xo, "minor_version", os->minor_version);
  element (xo, "windows_systemroot", os->windows_systemroot);
  element (xo, "windows_current_control_set",
           os->windows_current_control_set);
  element (xo, "package_format", os->package_format);
  element (xo, "package_management", os->package_management);
  element (xo, "hostname", os->hostname);
  element (xo, "osinfo", os->osinfo);
  pairs (xo, "mountpoints", "mountpoint", "dev",
         os->mountpoints, os->nr_mountpoints, 1);
  filesystems (xo, os);
  if (os->nr_drives > 0)
    pairs (xo, "drive_mappings", "drive_mapping", "name",
           os->drives, os->nr_drives, 0);
  if (os->apps)
    applications (xo, os->apps);
  if (os->icon) {
    check (xmlTextWriterStartElement (xo, BAD_CAST "icon"));
    check (xmlTextWriterWriteBase64 (xo, os->icon, 0, os->icon_size));
    check (xmlTextWriterEndElement (xo));
  }
  check (xmlTextWriterEndElement (xo));
}

void
output_xml (struct os_entry **oses, size_t n)
{
  xmlOutputBufferPtr ob;
  xmlTextWriterPtr xo;
  size_t i;

  fflush (stdout);
  ob = xmlOutputBufferCreateFd (STDOUT_FILENO, NULL);
  if (ob == NULL) {
    fprintf (stderr, "%s: xmlOutputBufferCreateFd: failed to open stdout\n",
             program_invocation_short_name);
    exit (EXIT_FAILURE);
  }
  xo = xmlNewTextWriter (ob);
  if (xo == NULL) {
    fprintf (stderr, "%s: xmlNewTextWriter: failed to create the writer\n",
             program_invocation_short_name);
    exit (EXIT_FAILURE);
  }
  check (xmlTextWriterSetIndent (xo, 1));
  check (xmlTextWriterSetIndentString (xo, BAD_CAST "  "));
  check (xmlTextWriterStartDocument (xo, NULL, NULL, NULL));
  check (xmlTextWriterStartElement (xo, BAD_CAST "operatingsystems"));
  for (i = 0; i < n; i++)
    operatingsystem (xo, oses[i]);
  check (xmlTextWriterEndElement (xo));
  check (xmlTextWriterEndDocument (xo));
  xmlFreeTextWriter (xo);
}
