/* Windows inspection: is this filesystem a Windows system root, and if so
 * what do its registry hives (SOFTWARE, SYSTEM) and cmd.exe say. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect.h"
#include "inspect-windows.h"

/* Where Windows has lived over the years (matched ignoring case). */
static const char *const systemroots[] = {
  "Windows", "WINNT", "WIN32", "Win", NULL
};

static void
set_str (char **field, char *value)
{
  free (*field);
  *field = value;
}

static void
set_const (char **field, const char *value)
{
  set_str (field, value ? strdup (value) : NULL);
}

/* Does ROOTFD/PATH (case-insensitive) exist as a regular file (or a
 * directory if DIR)? */
static int
exists_ci (int rootfd, const char *path, int dir)
{
  int fd = win_open_ci (rootfd, path, O_PATH, NULL);
  if (fd == -1)
    return 0;
  struct stat st;
  int ok = fstat (fd, &st) == 0 && (dir ? S_ISDIR (st.st_mode)
                                        : S_ISREG (st.st_mode));
  close (fd);
  return ok;
}

static int
has_file (int rootfd, const char *sysroot_dir, const char *rel)
{
  CLEANUP_FREE char *p = NULL;
  return asprintf (&p, "%s/%s", sysroot_dir, rel) != -1
    && exists_ci (rootfd, p, 0);
}

/* The spelling on disk of the system root ("/Windows"), or NULL. */
static char *
find_systemroot (int rootfd)
{
  for (size_t i = 0; systemroots[i] != NULL; i++) {
    CLEANUP_FREE char *config = NULL;
    if (asprintf (&config, "%s/System32/config", systemroots[i]) == -1)
      return NULL;
    if (!exists_ci (rootfd, config, 1))
      continue;
    if (!(has_file (rootfd, systemroots[i], "System32/config/SOFTWARE")
          && has_file (rootfd, systemroots[i], "System32/config/SYSTEM"))
        && !has_file (rootfd, systemroots[i], "System32/ntoskrnl.exe")
        && !has_file (rootfd, systemroots[i], "System32/cmd.exe"))
      continue;
    char *real = NULL;
    int fd = win_open_ci (rootfd, systemroots[i], O_PATH, &real);
    if (fd == -1)
      continue;
    close (fd);
    return real;
  }
  return NULL;
}

/* Opens the hive SYSROOT/System32/config/NAME; *PATH_R gets its path as
 * spelled on disk.  NULL if absent or not a hive. */
static hive_h *
open_hive (int rootfd, const char *systemroot, const char *name,
           char **path_r)
{
  CLEANUP_FREE char *rel = NULL;
  if (asprintf (&rel, "%s/System32/config/%s", systemroot + 1, name) == -1)
    return NULL;
  int fd = win_open_ci (rootfd, rel, O_RDONLY | O_NOCTTY, path_r);
  if (fd == -1)
    return NULL;
  struct stat st;
  hive_h *h = NULL;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    h = win_hive_open_fd (fd);
  close (fd);
  if (h == NULL && verbose)
    fprintf (stderr, "inspect: %s: not a usable hive: %m\n", rel);
  return h;
}

/* "6.1" -> 6, 1. */
static void
parse_version (const char *v, int *major, int *minor)
{
  int ma, mi;
  if (v != NULL && sscanf (v, "%d.%d", &ma, &mi) == 2 && ma >= 0 && mi >= 0) {
    *major = ma;
    *minor = mi;
  }
}

static void
read_software (hive_h *h, struct inspect_os *os)
{
  hive_node_h cv = win_hive_node (h, 0, "Microsoft\\Windows NT\\CurrentVersion");
  if (cv == 0)
    return;
  set_str (&os->product_name, win_hive_string (h, cv, "ProductName"));
  set_str (&os->product_variant, win_hive_string (h, cv, "InstallationType"));

  /* Windows 10 and later keep "CurrentVersion" at 6.3 for old programs
   * and give the real version as two DWORDs. */
  int32_t major, minor;
  if (win_hive_dword (h, cv, "CurrentMajorVersionNumber", &major) == 0
      && win_hive_dword (h, cv, "CurrentMinorVersionNumber", &minor) == 0
      && major >= 0 && minor >= 0) {
    os->major_version = major;
    os->minor_version = minor;
  }
  else {
    CLEANUP_FREE char *v = win_hive_string (h, cv, "CurrentVersion");
    parse_version (v, &os->major_version, &os->minor_version);
  }
}

static void
read_system (hive_h *h, struct inspect_os *os)
{
  int32_t current;
  hive_node_h select = win_hive_node (h, 0, "Select");
  if (select != 0 && win_hive_dword (h, select, "Current", &current) == 0
      && current >= 0 && current <= 999) {
    char ccs[32];
    snprintf (ccs, sizeof ccs, "ControlSet%03d", (int) current);
    set_const (&os->windows_current_control_set, ccs);
    hive_node_h set = win_hive_node (h, 0, ccs);
    hive_node_h params = set == 0 ? 0 :
      win_hive_node (h, set, "Services\\Tcpip\\Parameters");
    if (params != 0)
      set_str (&os->hostname, win_hive_string (h, params, "Hostname"));
  }
  char **drives = win_drive_mappings (h);
  if (drives != NULL) {
    free_string_list (os->drive_mappings);
    os->drive_mappings = drives;
  }
}

static void
read_arch (int rootfd, const char *systemroot, struct inspect_os *os)
{
  CLEANUP_FREE char *rel = NULL;
  if (asprintf (&rel, "%s/System32/cmd.exe", systemroot + 1) == -1)
    return;
  int fd = win_open_ci (rootfd, rel, O_RDONLY | O_NOCTTY, NULL);
  if (fd == -1)
    return;
  struct stat st;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
    set_const (&os->arch, win_pe_arch (fd));
  close (fd);
}

static void
read_hives (int rootfd, const char *systemroot, struct inspect_os *os)
{
  char *path = NULL;
  hive_h *h = open_hive (rootfd, systemroot, "SOFTWARE", &path);
  if (h != NULL) {
    set_str (&os->windows_software_hive, path);
    read_software (h, os);
    hivex_close (h);
  }
  else
    free (path);

  path = NULL;
  h = open_hive (rootfd, systemroot, "SYSTEM", &path);
  if (h != NULL) {
    set_str (&os->windows_system_hive, path);
    read_system (h, os);
    hivex_close (h);
  }
  else
    free (path);
}

int
inspect_windows_check (const char *mountable, const char *dir,
                       struct inspect_os *os)
{
  int rootfd = open (dir, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (rootfd == -1)
    return 0;
  char *systemroot = find_systemroot (rootfd);
  if (systemroot == NULL) {
    close (rootfd);
    return 0;
  }
  if (verbose)
    fprintf (stderr, "inspect: %s: Windows root %s\n", mountable, systemroot);

  set_const (&os->type, "windows");
  set_const (&os->distro, "windows");
  set_str (&os->windows_systemroot, systemroot);
  if (os->format == NULL)
    set_const (&os->format, "installed");
  read_arch (rootfd, systemroot, os);
  read_hives (rootfd, systemroot, os);
  close (rootfd);
  return 1;
}
