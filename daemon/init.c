/* PID 1 duties: the appliance has no init system, udev or shell, so the
 * daemon mounts the API filesystems, loads modules, waits for the disks
 * and the channel, and powers off at the end. */

#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <poll.h>
#include <sys/socket.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

#define MODULES_LIST "/etc/guestferry/modules"
#define CHANNEL_NAME "org.libguestfs.channel.0"
#define ROOT_MARKER "/etc/guestferry/root"
#define ROOT_DEVICE "/dev/vda"

static void
mount_fs (const char *src, const char *target, const char *type,
          unsigned long flags, const char *data)
{
  mkdir (target, 0755);
  if (mount (src, target, type, flags, data) == -1 && errno != EBUSY)
    log_error ("mount %s on %s: %m", type, target);
}

static void
sleep_ms (long ms)
{
  struct timespec ts = { ms / 1000, (ms % 1000) * 1000000 };
  nanosleep (&ts, NULL);
}

static long
elapsed_ms (const struct timespec *t0)
{
  struct timespec t;
  clock_gettime (CLOCK_MONOTONIC, &t);
  return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

static void
read_cmdline (void)
{
  char buf[4096];
  int fd = open ("/proc/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return;
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return;
  buf[n] = '\0';
  for (char *tok = strtok (buf, " \n"); tok; tok = strtok (NULL, " \n"))
    if (strcmp (tok, "guestfs_verbose=1") == 0)
      verbose = 1;
}

/* Without /dev/console in the initramfs the kernel gives us no fds. */
static void
ensure_console (void)
{
  if (fcntl (2, F_GETFD) != -1)
    return;
  int fd = open ("/dev/console", O_RDWR | O_NOCTTY);
  if (fd == -1)
    return;
  for (int i = 0; i < 3; i++)
    if (fd != i)
      dup2 (fd, i);
  if (fd > 2)
    close (fd);
}

static int
read_file_line (const char *path, char *buf, size_t len)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return -1;
  ssize_t n = read (fd, buf, len - 1);
  close (fd);
  if (n <= 0)
    return -1;
  buf[n] = '\0';
  buf[strcspn (buf, "\n")] = '\0';
  return 0;
}

/* Kernel uevents tell when a disk is really ready: the block device's
 * "add" event is sent only after its partition table has been scanned and
 * the partitions created (the sysfs dir and /dev node come earlier). */
static int
open_uevent_socket (void)
{
  struct sockaddr_nl sa = { .nl_family = AF_NETLINK, .nl_groups = 1 };
  int fd = socket (AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_KOBJECT_UEVENT);
  if (fd == -1)
    return -1;
  if (bind (fd, (struct sockaddr *) &sa, sizeof sa) == -1) {
    close (fd);
    return -1;
  }
  return fd;
}

/* Does uevent message MSG (LEN bytes) announce a disk under SCSI device
 * ADDR ("H:0:T:0")? */
static int
is_disk_add (const char *msg, size_t len, const char *addr)
{
  char pat[64];
  int disk = 0;
  if (strncmp (msg, "add@", 4) != 0)
    return 0;
  snprintf (pat, sizeof pat, "/%s/block/", addr);
  if (strstr (msg, pat) == NULL)
    return 0;
  for (size_t i = strlen (msg) + 1; i < len; i += strlen (msg + i) + 1)
    if (strcmp (msg + i, "DEVTYPE=disk") == 0)
      disk = 1;
  return disk;
}

/* Wait up to 10 s for the disk of SCSI device ADDR to be announced. */
static void
wait_for_block (int ufd, const char *addr)
{
  char path[300], type[16];
  struct timespec t0;

  snprintf (path, sizeof path, "/sys/bus/scsi/devices/%s/type", addr);
  if (read_file_line (path, type, sizeof type) == -1 || strcmp (type, "0") != 0)
    return;                     /* not a disk: nothing to wait for */
  clock_gettime (CLOCK_MONOTONIC, &t0);
  while (elapsed_ms (&t0) < 10000) {
    struct pollfd p = { .fd = ufd, .events = POLLIN };
    if (poll (&p, 1, 100) <= 0)
      continue;
    char buf[8192];
    ssize_t n = recv (ufd, buf, sizeof buf - 1, 0);
    if (n <= 0)
      continue;
    buf[n] = '\0';
    if (is_disk_add (buf, n, addr))
      return;
  }
  log_error ("SCSI device %s: no disk appeared", addr);
}

/* Scan each SCSI host's targets 0, 1, 2 ... one at a time (the library
 * gives its disks consecutive ids on channel 0, LUN 0), waiting for each
 * disk's node before the next, so that disk N is always the Nth sd name.
 * The first missing target ends a host's scan. */
int
wait_for_disks (void)
{
  DIR *d = opendir ("/sys/class/scsi_host");
  struct dirent *e;
  struct timespec t0;
  int n = 0;

  int ufd = open_uevent_socket ();
  if (ufd == -1)
    log_error ("uevent socket: %m");
  clock_gettime (CLOCK_MONOTONIC, &t0);
  while (d && (e = readdir (d)) != NULL) {
    unsigned host;
    char scan[300];
    if (sscanf (e->d_name, "host%u", &host) != 1)
      continue;
    snprintf (scan, sizeof scan, "/sys/class/scsi_host/%s/scan", e->d_name);
    for (unsigned id = 0; id < 256; id++) {
      char dir[300], addr[64], req[32];
      int fd = open (scan, O_WRONLY | O_CLOEXEC);
      if (fd == -1)
        break;
      int len = snprintf (req, sizeof req, "0 %u 0", id);
      if (write (fd, req, len) == -1)
        debug ("%s: %s: %m", scan, req);
      close (fd);
      snprintf (addr, sizeof addr, "%u:0:%u:0", host, id);
      snprintf (dir, sizeof dir, "/sys/bus/scsi/devices/%s", addr);
      if (access (dir, F_OK) == -1)
        break;
      if (ufd >= 0)
        wait_for_block (ufd, addr);
      n++;
    }
  }
  if (d)
    closedir (d);
  if (ufd >= 0)
    close (ufd);
  debug ("scsi scan: %d devices in %ld ms", n, elapsed_ms (&t0));
  return n;
}

/* The virtio-serial port named CHANNEL_NAME appears asynchronously after
 * virtio_console is loaded: poll for it. */
int
find_channel (char **path_r)
{
  struct timespec t0;
  clock_gettime (CLOCK_MONOTONIC, &t0);

  do {
    DIR *d = opendir ("/sys/class/virtio-ports");
    struct dirent *e;
    while (d && (e = readdir (d)) != NULL) {
      char path[300], name[128];
      if (e->d_name[0] == '.')
        continue;
      snprintf (path, sizeof path, "/sys/class/virtio-ports/%s/name", e->d_name);
      if (read_file_line (path, name, sizeof name) == 0
          && strcmp (name, CHANNEL_NAME) == 0) {
        if (asprintf (path_r, "/dev/%s", e->d_name) == -1)
          break;
        closedir (d);
        /* the node itself may lag behind sysfs */
        while (access (*path_r, F_OK) == -1 && elapsed_ms (&t0) < 10000)
          sleep_ms (2);
        return 0;
      }
    }
    if (d)
      closedir (d);
    sleep_ms (5);
  } while (elapsed_ms (&t0) < 10000);
  log_error ("virtio-serial port %s not found", CHANNEL_NAME);
  return -1;
}

/* If the appliance has a root image (the initrd then holds only what is
 * needed up to here), it is the library's only virtio-blk disk: mount it
 * on /usr, then remove its node so that no device listing shows it (the
 * user's disks are /dev/sd*; the mount keeps the device open). */
static void
mount_root_image (void)
{
  char fstype[32];
  struct timespec t0;
  if (read_file_line (ROOT_MARKER, fstype, sizeof fstype) == -1)
    return;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  while (access (ROOT_DEVICE, F_OK) == -1 && elapsed_ms (&t0) < 10000)
    sleep_ms (2);
  if (mount (ROOT_DEVICE, "/usr", fstype, MS_RDONLY | MS_NODEV, NULL) == -1) {
    log_error ("mount root image %s (%s) on /usr: %m", ROOT_DEVICE, fstype);
    return;
  }
  if (unlink (ROOT_DEVICE) == -1)
    log_error ("unlink %s: %m", ROOT_DEVICE);
  debug ("root image mounted on /usr in %ld ms", elapsed_ms (&t0));
}

void
init_pid1 (void)
{
  struct timespec t0;

  mount_fs ("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
  mount_fs ("sysfs", "/sys", "sysfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
  mount_fs ("devtmpfs", "/dev", "devtmpfs", MS_NOSUID, "mode=0755");
  ensure_console ();
  read_cmdline ();
  clock_gettime (CLOCK_MONOTONIC, &t0);
  mount_fs ("devpts", "/dev/pts", "devpts", MS_NOSUID | MS_NOEXEC, "gid=5,mode=620,ptmxmode=666");
  mount_fs ("tmpfs", "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, NULL);
  mount_fs ("tmpfs", "/run", "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755");
  mount_fs ("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, NULL);
  if (access ("/dev/fd", F_OK) == -1 && symlink ("/proc/self/fd", "/dev/fd") == -1)
    debug ("symlink /dev/fd: %m");

  setenv ("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", 1);
  setenv ("HOME", "/root", 1);
  setenv ("TERM", "linux", 1);
  setenv ("LC_ALL", "C", 1);
  if (sethostname ("guestfs", 7) == -1)
    debug ("sethostname: %m");

  load_modules (MODULES_LIST);
  mount_root_image ();
  mkdir ("/sysroot", 0755);
  chmod ("/", 0755);
  wait_for_disks ();
  lvm_activate_all ();
  debug ("init done in %ld ms", elapsed_ms (&t0));
}

void
shutdown_appliance (void)
{
  sync ();
  umount_all_sysroot ();
  sync ();
  if (am_pid1) {
    reboot (RB_POWER_OFF);
    for (;;)
      pause ();
  }
  exit (EXIT_SUCCESS);
}
