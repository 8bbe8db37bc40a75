/* appliance.conf parser.  Format: one directive per line, '#' comments:
 *   program NAME     include program NAME (searched in the sbin/bin dirs)
 *                    with its libraries; skipped if missing
 *   require NAME     same, but a missing program is an error
 *   file PATH        include host PATH (a directory recursively); skipped
 *                    if missing
 *   module NAME      include kernel module NAME with its dependencies and
 *                    load it at boot; skipped if the kernel lacks it
 *   module-lazy NAME include module NAME (with dependencies) without
 *                    loading it: the kernel loads it when first needed
 *                    through /sbin/modprobe, which is then included
 *   daemon PATH      the daemon binary (relative to the conf's directory
 *                    if not absolute); default: guestfsd beside the conf
 */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "appliance-internal.h"

static int
conf_line (struct ctx *c, const char *dir, struct conf *conf,
           char *line, int lineno)
{
  while (isspace ((unsigned char) *line))
    line++;
  if (*line == '\0' || *line == '#')
    return 0;
  char *key = line;
  while (*line && !isspace ((unsigned char) *line))
    line++;
  if (*line)
    *line++ = '\0';
  while (isspace ((unsigned char) *line))
    line++;
  char *end = line + strlen (line);
  while (end > line && isspace ((unsigned char) end[-1]))
    *--end = '\0';
  if (*line == '\0')
    return ctx_error (c, "%s/appliance.conf:%d: '%s' needs an argument",
                      dir, lineno, key);

  struct strvec *dst = NULL;
  if (strcmp (key, "program") == 0) dst = &conf->programs;
  else if (strcmp (key, "require") == 0) dst = &conf->required;
  else if (strcmp (key, "file") == 0) {
    if (line[0] != '/')
      return ctx_error (c, "%s/appliance.conf:%d: file path must be absolute: %s",
                        dir, lineno, line);
    dst = &conf->files;
  }
  else if (strcmp (key, "module") == 0) dst = &conf->modules;
  else if (strcmp (key, "module-lazy") == 0) dst = &conf->lazy_modules;
  else if (strcmp (key, "daemon") == 0) {
    free (conf->daemon);
    conf->daemon = line[0] == '/' ? strdup (line) : path_join (dir, line);
    return conf->daemon ? 0 : ctx_oom (c);
  }
  else
    return ctx_error (c, "%s/appliance.conf:%d: unknown directive '%s'",
                      dir, lineno, key);
  if (strvec_push (dst, strdup (line)) < 0)
    return ctx_oom (c);
  return 0;
}

int
conf_load (struct ctx *c, const char *dir, struct conf *conf)
{
  memset (conf, 0, sizeof *conf);
  CLEANUP_FREE char *path = path_join (dir, "appliance.conf");
  if (!path)
    return ctx_oom (c);
  if (read_whole_file (path, &conf->text, &conf->text_len) < 0)
    return ctx_perror (c, "cannot read %s", path);

  CLEANUP_FREE char *copy = strdup (conf->text);
  if (!copy)
    return ctx_oom (c);
  int lineno = 0;
  for (char *save = NULL, *l = copy; l; l = save) {
    save = strchr (l, '\n');
    if (save)
      *save++ = '\0';
    lineno++;
    if (conf_line (c, dir, conf, l, lineno) < 0)
      return -1;
  }
  return 0;
}

void
conf_free (struct conf *conf)
{
  free (conf->text);
  free (conf->daemon);
  strvec_free (&conf->programs);
  strvec_free (&conf->required);
  strvec_free (&conf->files);
  strvec_free (&conf->modules);
  strvec_free (&conf->lazy_modules);
  memset (conf, 0, sizeof *conf);
}
