/* A fake "qemu" for library tests: it connects to the channel socket named
 * on its command line, sends the launch flag and answers calls according
 * to $FAKE_HV_MODE:
 *   ok         well-formed replies (progress for ping_daemon, an error
 *              reply for touch "/error", upload drained, download "hello\n")
 *   oversized  first reply has a length word above GUESTFS_MESSAGE_MAX
 *   garbage    first reply is undecodable XDR
 *   serial     first reply carries the wrong serial
 *   close      closes the connection in the middle of the first call
 *   die        exits before connecting
 *   noflag     sends a wrong word instead of the launch flag
 *   kvmfail    aborts when asked for accel=kvm (like qemu on this host),
 *              else behaves as "ok"
 */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <rpc/xdr.h>
#ifdef FAKE_GUEST_INIT
#include <dirent.h>
#include <fcntl.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <time.h>
#endif

#include "guestfs_protocol.h"

static int sock;

/* The library closed the channel. */
static void
on_eof (void)
{
#ifdef FAKE_GUEST_INIT
  sync ();
  reboot (RB_POWER_OFF);
#endif
  exit (0);
}

static void
put_be32 (unsigned char *p, uint32_t v)
{
  p[0] = v >> 24; p[1] = v >> 16; p[2] = v >> 8; p[3] = v;
}

static int
read_full (void *buf, size_t n)
{
  size_t got = 0;
  while (got < n) {
    ssize_t r = read (sock, (char *) buf + got, n - got);
    if (r <= 0) return -1;
    got += r;
  }
  return 0;
}

static void
write_full (const void *buf, size_t n)
{
  const char *p = buf;
  while (n > 0) {
    ssize_t r = write (sock, p, n);
    if (r <= 0) exit (1);
    p += r;
    n -= r;
  }
}

static void
send_word (uint32_t w)
{
  unsigned char b[4];
  put_be32 (b, w);
  write_full (b, 4);
}

/* Frame and send an XDR-encoded header + optional body. */
static void
send_msg (guestfs_message_header *hdr, xdrproc_t body_fn, void *body)
{
  static char buf[GUESTFS_MESSAGE_MAX + 4];
  XDR x;
  xdrmem_create (&x, buf + 4, GUESTFS_MESSAGE_MAX, XDR_ENCODE);
  if (hdr && !xdr_guestfs_message_header (&x, hdr)) exit (2);
  if (body_fn && !body_fn (&x, body)) exit (2);
  uint32_t len = xdr_getpos (&x);
  put_be32 ((unsigned char *) buf, len);
  write_full (buf, len + 4);
}

/* Read one message; returns malloc'd body, NULL at EOF. */
static char *
recv_msg (uint32_t *len_r)
{
  for (;;) {
    unsigned char b[4];
    if (read_full (b, 4) == -1) return NULL;
    uint32_t len = (uint32_t) b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3];
    if (len == GUESTFS_CANCEL_FLAG) continue;
    if (len > GUESTFS_MESSAGE_MAX) exit (3);
    char *buf = malloc (len + 1);
    if (read_full (buf, len) == -1) return NULL;
    *len_r = len;
    return buf;
  }
}

static void
reply_ok (guestfs_message_header *call)
{
  guestfs_message_header h = *call;
  h.direction = GUESTFS_DIRECTION_REPLY;
  h.status = GUESTFS_STATUS_OK;
  send_msg (&h, NULL, NULL);
}

static void
reply_error (guestfs_message_header *call, const char *errname, const char *msg)
{
  guestfs_message_header h = *call;
  h.direction = GUESTFS_DIRECTION_REPLY;
  h.status = GUESTFS_STATUS_ERROR;
  guestfs_message_error e = { (char *) errname, (char *) msg };
  send_msg (&h, (xdrproc_t) xdr_guestfs_message_error, &e);
}

static void
send_progress (guestfs_message_header *call, uint64_t pos, uint64_t total)
{
  send_word (GUESTFS_PROGRESS_FLAG);
  char buf[24];
  XDR x;
  guestfs_progress p = { call->proc, call->serial, pos, total };
  xdrmem_create (&x, buf, sizeof buf, XDR_ENCODE);
  if (!xdr_guestfs_progress (&x, &p)) exit (2);
  write_full (buf, 24);
}

static void
send_chunk (int cancel, const char *data, size_t len)
{
  guestfs_chunk c = { cancel, { len, (char *) data } };
  send_msg (NULL, (xdrproc_t) xdr_guestfs_chunk, &c);
}

/* Drain upload chunks until the end or a cancel; returns bytes received. */
static long
drain_chunks (void)
{
  long total = 0;
  for (;;) {
    uint32_t len;
    char *buf = recv_msg (&len);
    if (!buf) on_eof ();
    XDR x;
    guestfs_chunk c;
    memset (&c, 0, sizeof c);
    xdrmem_create (&x, buf, len, XDR_DECODE);
    if (!xdr_guestfs_chunk (&x, &c)) exit (4);
    free (buf);
    int cancel = c.cancel;
    size_t n = c.data.data_len;
    xdr_free ((xdrproc_t) xdr_guestfs_chunk, (char *) &c);
    total += n;
    if (cancel || n == 0) return total;
  }
}

static void
serve_ok (const char *mode)
{
  bool first = true;
  for (;;) {
    uint32_t len;
    char *buf = recv_msg (&len);
    if (!buf) on_eof ();   /* library closed: "power off" */
    XDR x;
    guestfs_message_header h;
    xdrmem_create (&x, buf, len, XDR_DECODE);
    if (!xdr_guestfs_message_header (&x, &h)) exit (5);

    if (first && strcmp (mode, "oversized") == 0) { send_word (0x10000000); pause (); }
    if (first && strcmp (mode, "garbage") == 0) {
      send_word (8);
      write_full ("\xff\xff\xff\xff\xff\xff\xff\xff", 8);
      pause ();
    }
    if (first && strcmp (mode, "serial") == 0) h.serial += 1;
    if (first && strcmp (mode, "close") == 0) exit (0);
    first = false;

    switch (h.proc) {
    case GUESTFS_PROC_PING_DAEMON:
      send_progress (&h, 0, 100);
      send_progress (&h, 100, 100);
      reply_ok (&h);
      break;
    case GUESTFS_PROC_TOUCH: {
      guestfs_touch_args a;
      memset (&a, 0, sizeof a);
      if (!xdr_guestfs_touch_args (&x, &a)) exit (6);
      if (strcmp (a.path, "/error") == 0)
        reply_error (&h, "ENOENT", "/error: No such file or directory");
      else
        reply_ok (&h);
      xdr_free ((xdrproc_t) xdr_guestfs_touch_args, (char *) &a);
      break;
    }
    case GUESTFS_PROC_UPLOAD: {
      guestfs_upload_args a;
      memset (&a, 0, sizeof a);
      if (!xdr_guestfs_upload_args (&x, &a)) exit (6);
      if (strcmp (a.remotefilename, "/cancel") == 0) {
        send_word (GUESTFS_CANCEL_FLAG);   /* as if the write failed */
        drain_chunks ();
        reply_error (&h, "ENOSPC", "/cancel: No space left on device");
      } else {
        long n = drain_chunks ();
        printf ("fake: upload received %ld bytes\n", n);   /* console: checked by the test */
        fflush (stdout);
        reply_ok (&h);
      }
      xdr_free ((xdrproc_t) xdr_guestfs_upload_args, (char *) &a);
      break;
    }
    case GUESTFS_PROC_DOWNLOAD: {
      guestfs_download_args a;
      memset (&a, 0, sizeof a);
      if (!xdr_guestfs_download_args (&x, &a)) exit (6);
      reply_ok (&h);
      if (strcmp (a.remotefilename, "/big") == 0) {
        /* 64 chunks with progress; stop if the library sends CANCEL_FLAG */
        static char data[1 << 20];
        bool cancelled = false;
        for (int i = 0; i < 64 && !cancelled; i++) {
          send_progress (&h, i, 64);
          send_chunk (0, data, sizeof data);
          struct pollfd pfd = { sock, POLLIN, 0 };
          if (poll (&pfd, 1, 0) == 1) {
            unsigned char w[4];
            if (read_full (w, 4) == 0 && w[0] == 0xff && w[1] == 0xff && w[2] == 0xee && w[3] == 0xee)
              cancelled = true;
          }
        }
        if (cancelled) {
          send_chunk (1, NULL, 0);
          reply_error (&h, "EINTR", "operation cancelled");
        } else
          send_chunk (0, NULL, 0);
        xdr_free ((xdrproc_t) xdr_guestfs_download_args, (char *) &a);
        break;
      }
      send_chunk (0, "hello\n", 6);
      if (strcmp (a.remotefilename, "/fail") == 0) {
        send_chunk (1, NULL, 0);
        reply_error (&h, "EIO", "/fail: Input/output error");
      } else
        send_chunk (0, NULL, 0);
      xdr_free ((xdrproc_t) xdr_guestfs_download_args, (char *) &a);
      break;
    }
    default:
      reply_error (&h, "ENOTSUP", "fake daemon: not implemented");
    }
    free (buf);
  }
}

#ifdef FAKE_GUEST_INIT
/* Built as the /init of a real appliance: a minimal stand-in for guestfsd
 * to exercise the qemu command line, the channel and boot timing. */
static double
uptime (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_BOOTTIME, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
load_modules (void)
{
  FILE *f = fopen ("/etc/guestferry/modules", "r");
  char line[4096];
  if (!f) return;
  while (fgets (line, sizeof line, f)) {
    line[strcspn (line, "\n")] = '\0';
    int fd = open (line, O_RDONLY | O_CLOEXEC);
    if (fd < 0) continue;
    if (syscall (SYS_finit_module, fd, "", 0) == -1 && errno != EEXIST)
      printf ("mini-init: %s: %s\n", line, strerror (errno));
    close (fd);
  }
  fclose (f);
}

static int
open_channel (void)
{
  for (int tries = 0; tries < 1000; tries++) {
    DIR *d = opendir ("/sys/class/virtio-ports");
    struct dirent *e;
    while (d && (e = readdir (d))) {
      char p[512], name[256] = "";
      snprintf (p, sizeof p, "/sys/class/virtio-ports/%s/name", e->d_name);
      FILE *f = fopen (p, "r");
      if (!f) continue;
      if (fgets (name, sizeof name, f) && strncmp (name, "org.libguestfs.channel.0", 24) == 0) {
        fclose (f);
        closedir (d);
        snprintf (p, sizeof p, "/dev/%s", e->d_name);
        return open (p, O_RDWR | O_CLOEXEC);
      }
      fclose (f);
    }
    if (d) closedir (d);
    usleep (10000);
  }
  return -1;
}

int
main (int argc, char **argv)
{
  mount ("proc", "/proc", "proc", 0, NULL);
  mount ("sysfs", "/sys", "sysfs", 0, NULL);
  mount ("devtmpfs", "/dev", "devtmpfs", 0, NULL);
  int c = open ("/dev/console", O_RDWR);
  if (c >= 0) { dup2 (c, 1); dup2 (c, 2); }
  setvbuf (stdout, NULL, _IOLBF, 0);
  printf ("mini-init: started at %.3f s\n", uptime ());
  load_modules ();
  printf ("mini-init: modules loaded at %.3f s\n", uptime ());
  sock = open_channel ();
  if (sock < 0) { printf ("mini-init: no channel\n"); reboot (RB_POWER_OFF); }
  send_word (GUESTFS_LAUNCH_FLAG);
  printf ("mini-init: launch flag sent at %.3f s\n", uptime ());
  serve_ok ("ok");
  return 0;
}
#else
int
main (int argc, char **argv)
{
  const char *mode = getenv ("FAKE_HV_MODE");
  const char *sockpath = NULL;
  bool kvm = false;
  if (!mode) mode = "ok";
  if (argc == 2 && strcmp (argv[1], "-help") == 0)
    return 0;   /* no -sandbox in our "help" */
  for (int i = 1; i < argc; i++) {
    if (strstr (argv[i], "accel=kvm")) kvm = true;
    if (strcmp (argv[i], "-chardev") == 0 && i + 1 < argc) {
      char *p = strstr (argv[i + 1], "path=");
      if (p) {
        static char path[4096];
        snprintf (path, sizeof path, "%.*s", (int) strcspn (p + 5, ","), p + 5);
        sockpath = path;
      }
    }
  }
  printf ("fake appliance starting (mode %s)\n", mode);
  fflush (stdout);
  if (strcmp (mode, "die") == 0) {
    fprintf (stderr, "fake-hv: dying as asked\n");
    return 1;
  }
  if (strcmp (mode, "kvmfail") == 0 && kvm) {
    fprintf (stderr, "fake-hv: error: failed to set MSR 0x10a to 0x69\n");
    abort ();
  }
  if (!sockpath) {
    fprintf (stderr, "fake-hv: no -chardev socket path\n");
    return 1;
  }
  sock = socket (AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  if (strlen (sockpath) >= sizeof addr.sun_path) return 1;
  memcpy (addr.sun_path, sockpath, strlen (sockpath) + 1);
  if (connect (sock, (struct sockaddr *) &addr, sizeof addr) == -1) {
    perror ("fake-hv: connect");
    return 1;
  }
  if (strcmp (mode, "noflag") == 0) {
    send_word (0x12345678);
    pause ();
  }
  send_word (GUESTFS_LAUNCH_FLAG);
  printf ("fake appliance ready\n");
  fflush (stdout);
  serve_ok (mode);
  return 0;
}
#endif
