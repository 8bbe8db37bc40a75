/* Kernel modules: the appliance builder lists them (absolute .ko paths,
 * dependencies first) in /etc/guestferry/modules; we load them with
 * finit_module, no modprobe needed. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

static int
ends_with (const char *s, const char *suffix)
{
  size_t a = strlen (s), b = strlen (suffix);
  return a >= b && strcmp (s + a - b, suffix) == 0;
}

/* The SCSI layer scans a new host by itself, asynchronously, and the sd
 * driver then names disks in the order its (parallel, asynchronous) probes
 * run: /dev/sda would not always be the first disk.  So automatic scanning
 * is turned off as soon as scsi_mod is loaded, and init.c scans the
 * targets one at a time, in order. */
static void
scsi_scan_manual (void)
{
  static int done;
  if (done)
    return;
  int fd = open ("/sys/module/scsi_mod/parameters/scan", O_WRONLY | O_CLOEXEC);
  if (fd == -1)
    return;
  if (write (fd, "none", 4) == -1)
    debug ("scsi_mod scan=none: %m");
  close (fd);
  done = 1;
}

/* On a machine without PCI (qemu microvm: virtio-mmio only) the virtio
 * PCI transport has nothing to drive; not loading it saves ~30 ms. */
static int
have_pci (void)
{
  DIR *d = opendir ("/sys/bus/pci/devices");
  if (d == NULL)
    return 0;
  struct dirent *e;
  int found = 0;
  while (!found && (e = readdir (d)) != NULL)
    found = e->d_name[0] != '.';
  closedir (d);
  return found;
}

static int
is_pci_only (const char *path)
{
  const char *base = strrchr (path, '/');
  return strncmp (base ? base + 1 : path, "virtio_pci", 10) == 0;
}

static int
load_one (const char *path)
{
  struct timespec t0, t1;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  scsi_scan_manual ();
  int flags = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd == -1) {
    log_error ("open: %s: %m", path);
    return -1;
  }
  if (ends_with (path, ".xz") || ends_with (path, ".zst") || ends_with (path, ".gz"))
    flags |= MODULE_INIT_COMPRESSED_FILE;
  int r = syscall (SYS_finit_module, fd, "", flags);
  int e = errno;
  clock_gettime (CLOCK_MONOTONIC, &t1);
  debug ("module %s: %ld ms", path,
         (long) ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
  close (fd);
  if (r == -1 && e != EEXIST) {
    errno = e;
    log_error ("finit_module: %s: %m", path);
    return -1;
  }
  return 0;
}

int
load_modules (const char *list_file)
{
  FILE *f = fopen (list_file, "re");
  char *line = NULL;
  size_t alloc = 0;
  ssize_t n;
  int count = 0, failed = 0;
  struct timespec t0, t1;

  if (f == NULL) {
    debug ("%s: %m (no modules loaded)", list_file);
    return 0;
  }
  clock_gettime (CLOCK_MONOTONIC, &t0);
  int pci = have_pci ();
  while ((n = getline (&line, &alloc, f)) != -1) {
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == ' '))
      line[--n] = '\0';
    if (n == 0 || line[0] == '#')
      continue;
    if (!pci && is_pci_only (line)) {
      debug ("module %s: skipped, no PCI bus", line);
      continue;
    }
    count++;
    if (load_one (line) == -1)
      failed++;
  }
  free (line);
  fclose (f);
  clock_gettime (CLOCK_MONOTONIC, &t1);
  debug ("loaded %d modules (%d failed) in %ld ms", count - failed, failed,
         (long) ((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000));
  return failed ? -1 : 0;
}
