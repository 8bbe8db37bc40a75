/* guestfsd: the appliance's init and the protocol server.
 *
 * As PID 1 it sets the appliance up (init.c) and talks to the library over
 * the virtio-serial channel.  Run by hand (tests), --channel names a unix
 * socket or a character device and --sysroot the guest tree. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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
  proto_serve ();
  debug ("channel closed, shutting down");
  shutdown_appliance ();
}
