/* guestfsd: the appliance's init and the protocol server.
 *
 * As PID 1 it sets the appliance up (init.c) and talks to the library over
 * the virtio-serial channel.  Run by hand (tests), --channel names a unix
 * socket or a character device and --sysroot the guest tree. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <linux/random.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "daemon.h"

int am_pid1;

static void
usage (void)
{
  fprintf (stderr,
           "usage: guestfsd [--channel PATH] [--sysroot DIR] [--verbose]\n"
           "  (as PID 1 inside the appliance it needs no options)\n");
}

static int
open_channel (const char *path)
{
  struct stat st;

  if (stat (path, &st) == 0 && S_ISSOCK (st.st_mode)) {
    struct sockaddr_un sa = { .sun_family = AF_UNIX };
    if (strlen (path) >= sizeof sa.sun_path) {
      errno = ENAMETOOLONG;
      return -1;
    }
    strcpy (sa.sun_path, path);
    int fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd == -1)
      return -1;
    if (connect (fd, (struct sockaddr *) &sa, sizeof sa) == -1) {
      int e = errno;
      close (fd);
      errno = e;
      return -1;
    }
    return fd;
  }
  return open (path, O_RDWR | O_CLOEXEC | O_NOCTTY);
}

static void __attribute__((noreturn))
fatal_exit (void)
{
  /* PID 1 must not exit (the kernel would panic): power off instead. */
  if (am_pid1)
    shutdown_appliance ();
  exit (EXIT_FAILURE);
}

/* ---- warm start: this boot is saved by the library and restored later ----
 *
 * With "guestfs_warm=1" on the kernel command line the library boots the
 * appliance with no user disks, waits for the launch flag and saves the
 * idle machine.  Each restore of that saved state resumes here, blocked
 * reading the resume message, which brings what differs per launch: the
 * number of disks the library has hot-added, the host's time, fresh
 * random bytes (no two restored appliances may share a random state) and
 * the verbose flag.  The daemon then scans the disks, answers with a
 * second launch flag and serves as after a cold boot. */

#define RESUME_MAGIC 0x57524d31        /* "WRM1" */
#define RESUME_SEED_LEN 64
#define RESUME_MSG_LEN (32 + RESUME_SEED_LEN)
#define RESUME_VERBOSE 1

static int
is_warm_template (void)
{
  char buf[4096];
  int fd = open ("/proc/cmdline", O_RDONLY | O_CLOEXEC);
  if (fd == -1)
    return 0;
  ssize_t n = read (fd, buf, sizeof buf - 1);
  close (fd);
  if (n <= 0)
    return 0;
  buf[n] = '\0';
  for (char *tok = strtok (buf, " \n"); tok; tok = strtok (NULL, " \n"))
    if (strcmp (tok, "guestfs_warm=1") == 0)
      return 1;
  return 0;
}

static uint32_t
get_be32 (const unsigned char *p)
{
  return (uint32_t) p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

static uint64_t
get_be64 (const unsigned char *p)
{
  return (uint64_t) get_be32 (p) << 32 | get_be32 (p + 4);
}

/* Mix the host's bytes into the kernel's pool, credited, and make the
 * crng reseed from it now rather than at its next scheduled time. */
static void
reseed_random (const unsigned char *seed)
{
  struct { struct rand_pool_info info; unsigned char buf[RESUME_SEED_LEN]; } r;
  r.info.entropy_count = RESUME_SEED_LEN * 8;
  r.info.buf_size = RESUME_SEED_LEN;
  memcpy (r.buf, seed, RESUME_SEED_LEN);
  int fd = open ("/dev/urandom", O_WRONLY | O_CLOEXEC);
  if (fd == -1 || ioctl (fd, RNDADDENTROPY, &r) == -1 || ioctl (fd, RNDRESEEDCRNG) == -1)
    log_error ("reseeding the random pool: %m");
  if (fd >= 0)
    close (fd);
  memset (&r, 0, sizeof r);
}

static void
warm_resume (void)
{
  unsigned char m[RESUME_MSG_LEN];
  if (proto_read_full (m, sizeof m) == -1 || get_be32 (m) != RESUME_MAGIC) {
    log_error ("warm start: bad or missing resume message");
    fatal_exit ();
  }
  verbose = (get_be32 (m + 8) & RESUME_VERBOSE) != 0;
  struct timespec now = { (time_t) get_be64 (m + 16), (long) get_be64 (m + 24) };
  if (clock_settime (CLOCK_REALTIME, &now) == -1)
    log_error ("warm start: setting the clock: %m");
  reseed_random (m + 32);
  memset (m + 32, 0, RESUME_SEED_LEN);
  uint32_t disks = get_be32 (m + 4);
  int found = wait_for_disks ();
  if (found != (int) disks)
    log_error ("warm start: %u disks expected, %d found", disks, found);
  lvm_activate_all ();
  debug ("warm start: resumed with %d disks", found);
}

int
main (int argc, char *argv[])
{
  static const struct option longopts[] = {
    { "channel", required_argument, NULL, 'c' },
    { "sysroot", required_argument, NULL, 's' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 },
  };
  char *channel = NULL;
  int c;

  am_pid1 = getpid () == 1;
  while ((c = getopt_long (argc, argv, "c:s:vh", longopts, NULL)) != -1) {
    switch (c) {
    case 'c': channel = optarg; break;
    case 's': {
      char *s = strdup (optarg);
      size_t n = strlen (s);
      while (n > 1 && s[n - 1] == '/')
        s[--n] = '\0';
      sysroot = s;
      sysroot_len = n;
      break;
    }
    case 'v': verbose = 1; break;
    case 'h': usage (); return EXIT_SUCCESS;
    default:
      if (!am_pid1) {
        usage ();
        return EXIT_FAILURE;
      }
    }
  }

  umask (022);
  signal (SIGPIPE, SIG_IGN);
  if (am_pid1)
    init_pid1 ();

  if (channel == NULL && find_channel (&channel) == -1)
    fatal_exit ();
  int fd = open_channel (channel);
  if (fd == -1) {
    log_error ("%s: %m", channel);
    fatal_exit ();
  }
  debug ("channel %s, sysroot %s", channel, sysroot);
  proto_set_channel (fd);
  proto_send_launch_flag ();
  if (am_pid1 && is_warm_template ()) {
    warm_resume ();
    proto_send_launch_flag ();
  }
  proto_serve ();
  debug ("channel closed, shutting down");
  shutdown_appliance ();
}
