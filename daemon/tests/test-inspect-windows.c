/* Windows inspection on the host, without an appliance: builds phony
 * Windows trees (hives from ../shared/test-data merged with hivexregedit,
 * cmd.exe a real PE file) and checks what inspect_windows_check finds,
 * also when the files are corrupt.
 * Usage: test-inspect-windows TEST_DATA_DIR */

#include <config.h>

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "daemon.h"
#include "inspect.h"

/* What the Windows inspection code uses from the rest of the daemon.
 * No disks here: drive mappings are tested in the appliance. */
int verbose;
void cleanup_free (void *p) { free (*(void **) p); }
void
free_string_list (char **l)
{
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
}
void cleanup_free_string_list (void *p) { free_string_list (*(char ***) p); }
char **list_whole_devices (void) { return calloc (1, sizeof (char *)); }
char **list_all_partitions (void) { return calloc (1, sizeof (char *)); }

static const char *data;
static char top[] = "/tmp/test-inspect-windows-XXXXXX";
static int failures;

static void
check_str (const char *what, const char *got, const char *want)
{
  if ((got == NULL) != (want == NULL) || (got && strcmp (got, want) != 0)) {
    fprintf (stderr, "FAIL: %s: got \"%s\", want \"%s\"\n", what,
             got ? got : "(null)", want ? want : "(null)");
    failures++;
  }
}

static void
check_int (const char *what, int got, int want)
{
  if (got != want) {
    fprintf (stderr, "FAIL: %s: got %d, want %d\n", what, got, want);
    failures++;
  }
}

static int
run (const char *fmt, ...)
{
  char *cmd;
  va_list ap;
  va_start (ap, fmt);
  if (vasprintf (&cmd, fmt, ap) == -1)
    exit (1);
  va_end (ap);
  int r = system (cmd);
  free (cmd);
  return r;
}

/* A tree in DIR with a system root spelled ROOT_NAME. */
static void
make_tree (const char *dir, const char *root_name)
{
  if (run ("set -e; d='%s/%s'; mkdir -p \"$d/system32/Config\"; "
           "cp '%s/minimal-hive' \"$d/system32/Config/SOFTWARE\"; "
           "cp '%s/minimal-hive' \"$d/system32/Config/system\"; "
           "chmod u+w \"$d\"/system32/Config/*; "
           "hivexregedit --merge --prefix 'HKEY_LOCAL_MACHINE\\SOFTWARE' "
           "\"$d/system32/Config/SOFTWARE\" '%s/windows-software.reg'; "
           "hivexregedit --merge --prefix 'HKEY_LOCAL_MACHINE\\SYSTEM' "
           "\"$d/system32/Config/system\" '%s/windows-system.reg'; "
           "cp '%s/bin-win64.exe' \"$d/system32/CMD.EXE\"",
           dir, root_name, data, data, data, data, data) != 0) {
    fprintf (stderr, "cannot build the phony tree in %s\n", dir);
    exit (1);
  }
}

static void
free_os (struct inspect_os *os)
{
  char **fields[] = { &os->root, &os->type, &os->distro, &os->product_name,
                      &os->product_variant, &os->arch, &os->hostname,
                      &os->osinfo, &os->format, &os->package_format,
                      &os->package_management, &os->windows_systemroot,
                      &os->windows_current_control_set,
                      &os->windows_software_hive, &os->windows_system_hive };
  for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
    free (*fields[i]);
  free_string_list (os->mountpoints);
  free_string_list (os->filesystems);
  free_string_list (os->drive_mappings);
  memset (os, 0, sizeof *os);
}

static void
test_good (void)
{
  char dir[256];
  struct inspect_os os = { 0 };
  snprintf (dir, sizeof dir, "%s/good", top);
  make_tree (dir, "WINDOWS");
  check_int ("good: found", inspect_windows_check ("/dev/sda1", dir, &os), 1);
  check_str ("type", os.type, "windows");
  check_str ("distro", os.distro, "windows");
  check_str ("product_name", os.product_name,
             "Microsoft Windows 7 Phony Edition");
  check_str ("product_variant", os.product_variant, "Client");
  check_int ("major", os.major_version, 6);
  check_int ("minor", os.minor_version, 1);
  check_str ("arch", os.arch, "x86_64");
  check_str ("hostname", os.hostname, "windows.invalid");
  check_str ("systemroot", os.windows_systemroot, "/WINDOWS");
  check_str ("ccs", os.windows_current_control_set, "ControlSet001");
  check_str ("software hive", os.windows_software_hive,
             "/WINDOWS/system32/Config/SOFTWARE");
  check_str ("system hive", os.windows_system_hive,
             "/WINDOWS/system32/Config/system");
  free_os (&os);
}

static void
test_not_windows (void)
{
  char dir[256];
  struct inspect_os os = { 0 };
  snprintf (dir, sizeof dir, "%s/linux", top);
  run ("mkdir -p '%s/etc' '%s/Windows/System32'", dir, dir);
  check_int ("linux: found", inspect_windows_check ("/dev/sda1", dir, &os), 0);
  check_str ("linux: type", os.type, NULL);
  check_int ("missing dir", inspect_windows_check ("x", "/nonexistent", &os), 0);
}

/* Truncated and garbage hives, a bogus cmd.exe, a system root that is a
 * symlink to "/" (which must resolve inside the tree, not the host). */
static void
test_hostile (void)
{
  char dir[256];
  struct inspect_os os = { 0 };
  snprintf (dir, sizeof dir, "%s/bad", top);
  make_tree (dir, "Windows");
  run ("cd '%s/Windows/system32' && truncate -s 4096 Config/SOFTWARE && "
       "head -c 8192 /dev/urandom > Config/system && "
       "printf 'MZ%%062d\\377\\377\\377\\177' 0 > CMD.EXE", dir);
  check_int ("bad: found", inspect_windows_check ("/dev/sda1", dir, &os), 1);
  check_str ("bad: type", os.type, "windows");
  check_str ("bad: product_name", os.product_name, NULL);
  check_str ("bad: hostname", os.hostname, NULL);
  check_str ("bad: arch", os.arch, NULL);
  free_os (&os);

  snprintf (dir, sizeof dir, "%s/loop", top);
  run ("mkdir -p '%s' && ln -s / '%s/Windows' && ln -s loop2 '%s/loop1' "
       "&& ln -s loop1 '%s/loop2' && ln -s /loop1 '%s/WINNT'",
       dir, dir, dir, dir, dir);
  check_int ("symlinks: found", inspect_windows_check ("/dev/sda1", dir, &os),
             0);
  free_os (&os);
}

int
main (int argc, char **argv)
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s TEST_DATA_DIR\n", argv[0]);
    return 2;
  }
  data = argv[1];
  if (system ("command -v hivexregedit >/dev/null") != 0) {
    fprintf (stderr, "hivexregedit not installed: skipped\n");
    return 77;
  }
  if (mkdtemp (top) == NULL) {
    perror ("mkdtemp");
    return 1;
  }
  test_good ();
  test_not_windows ();
  test_hostile ();
  run ("rm -rf '%s'", top);
  if (failures)
    fprintf (stderr, "%d failures\n", failures);
  return failures ? 1 : 0;
}
