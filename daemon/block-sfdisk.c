/* The old sfdisk calls (deprecated in favour of part_*): listings, the
 * geometry, and writing partitions from sfdisk input lines. */

#include <config.h>

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

static char *
sfdisk_output (const char *device, const char *option)
{
  char *out = NULL;
  CLEANUP_FREE char *err = NULL;
  const char *argv[] = { "sfdisk", option, "--", device, NULL };
  if (commandvf (&out, &err, 0, argv) == -1) {
    trim_newlines (err);
    reply_with_error ("sfdisk %s %s: %s", option, device, err && err[0] ? err : "failed");
    free (out);
    return NULL;
  }
  return out;
}

char *
do_sfdisk_l (const char *device)
{
  return sfdisk_output (device, "-l");
}

/* sfdisk no longer tells the BIOS geometry from the kernel's: both are
 * what "sfdisk -g" reports. */
char *
do_sfdisk_kernel_geometry (const char *device)
{
  return sfdisk_output (device, "-g");
}

char *
do_sfdisk_disk_geometry (const char *device)
{
  return sfdisk_output (device, "-g");
}

/* Run ARGV with TEXT as its standard input (an in-memory file). */
static int
sfdisk_with_input (const char *device, const char *const *argv, const char *text)
{
  struct xproc p;
  CLEANUP_FREE char *err = NULL;
  CLEANUP_CLOSE int fd = memfd_create ("sfdisk-input", MFD_CLOEXEC);

  if (fd == -1)
    return reply_with_perror ("memfd_create");
  if (write_all (fd, text, strlen (text)) == -1 || lseek (fd, 0, SEEK_SET) == -1)
    return reply_with_perror ("write");
  if (xproc_start (&p, argv, fd, -1, NULL) == -1)
    return reply_with_perror ("sfdisk");
  int r = xproc_wait (&p, &err);
  reread_partitions (device);
  if (r != 0) {
    trim_newlines (err);
    /* sfdisk's messages already name the program and the device. */
    if (err && err[0])
      return reply_with_error ("%s", err);
    return reply_with_error ("sfdisk: %s: failed", device);
  }
  return 0;
}

/* Lines joined with newlines; each may go through EDIT. */
static char *
join_lines (char *const *lines, char *(*edit) (const char *))
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  if (f == NULL) {
    reply_with_perror ("open_memstream");
    return NULL;
  }
  for (size_t i = 0; lines[i]; i++) {
    char *e = edit ? edit (lines[i]) : NULL;
    fprintf (f, "%s\n", e ? e : lines[i]);
    free (e);
  }
  if (fclose (f) != 0) {
    free (buf);
    reply_with_perror ("open_memstream");
    return NULL;
  }
  return buf;
}

/* Geometry (cyls, heads, sectors) is obsolete: today's sfdisk has no
 * options for it and works in sectors, so it is ignored. */
int
do_sfdisk (const char *device, int cyls, int heads, int sectors,
           char *const *lines)
{
  (void) cyls; (void) heads; (void) sectors;
  CLEANUP_FREE char *text = join_lines (lines, NULL);
  if (text == NULL)
    return -1;
  const char *argv[] = { "sfdisk", "--", device, NULL };
  return sfdisk_with_input (device, argv, text);
}

int
do_sfdisk_N (const char *device, int partnum, int cyls, int heads,
             int sectors, const char *line)
{
  char num[16];
  (void) cyls; (void) heads; (void) sectors;
  if (block_check_partnum (partnum) == -1)
    return -1;
  snprintf (num, sizeof num, "%d", partnum);
  CLEANUP_FREE char *text = NULL;
  if (asprintf (&text, "%s\n", line) == -1)
    return reply_with_perror ("asprintf");
  const char *argv[] = { "sfdisk", "-N", num, "--", device, NULL };
  return sfdisk_with_input (device, argv, text);
}

/* sfdiskM lines give start and size in MiB: today's sfdisk takes the
 * unit as a suffix, so bare numbers in the first two fields get "M". */
static char *
megabytes (const char *line)
{
  char *buf = NULL;
  size_t len = 0;
  FILE *f = open_memstream (&buf, &len);
  if (f == NULL)
    return NULL;
  const char *p = line;
  for (int field = 0; ; field++) {
    size_t n = strcspn (p, ",");
    int numeric = n > 0 && field < 2 && strspn (p, "0123456789") == n;
    fprintf (f, "%.*s%s", (int) n, p, numeric ? "M" : "");
    if (p[n] == '\0')
      break;
    fputc (',', f);
    p += n + 1;
  }
  if (fclose (f) != 0) {
    free (buf);
    return NULL;
  }
  return buf;
}

int
do_sfdiskM (const char *device, char *const *lines)
{
  CLEANUP_FREE char *text = join_lines (lines, megabytes);
  if (text == NULL)
    return -1;
  const char *argv[] = { "sfdisk", "--", device, NULL };
  return sfdisk_with_input (device, argv, text);
}
