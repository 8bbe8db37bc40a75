/* Run a host program by argv (never a shell), capturing its output. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "guestfs-internal.h"

#define MAX_CAPTURE (16 * 1024 * 1024)

struct capture { int fd; char *buf; size_t len; };

static void
capture_read (guestfs_h *g, struct capture *c)
{
  char tmp[8192];
  ssize_t n = read (c->fd, tmp, sizeof tmp);
  if (n <= 0) {
    if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
      close (c->fd);
      c->fd = -1;
    }
    return;
  }
  if (c->len + n > MAX_CAPTURE) return;   /* drop the excess, keep draining */
  c->buf = guestfs_int_safe_realloc (g, c->buf, c->len + n + 1);
  memcpy (c->buf + c->len, tmp, n);
  c->len += n;
  c->buf[c->len] = '\0';
}

static void
log_argv (guestfs_h *g, char *const *argv)
{
  if (!g->verbose) return;
  size_t len = 1;
  for (size_t i = 0; argv[i]; i++) len += strlen (argv[i]) + 1;
  CLEANUP_FREE char *s = guestfs_int_safe_malloc (g, len);
  s[0] = '\0';
  for (size_t i = 0; argv[i]; i++) {
    if (i) strcat (s, " ");
    strcat (s, argv[i]);
  }
  guestfs_int_debug (g, "command: run: %s", s);
}

static pid_t
spawn (char *const *argv, int out_w, int err_w)
{
  pid_t pid = fork ();
  if (pid != 0) return pid;
  /* child: only async-signal-safe calls until exec */
  int nullfd = open ("/dev/null", O_RDONLY);
  if (nullfd >= 0) dup2 (nullfd, 0);
  dup2 (out_w >= 0 ? out_w : err_w, 1);
  dup2 (err_w, 2);
  if (close_range (3, ~0U, 0) == -1)
    for (int fd = 3; fd < 1024; fd++) close (fd);
  sigset_t set;
  sigemptyset (&set);
  sigprocmask (SIG_SETMASK, &set, NULL);
  signal (SIGPIPE, SIG_DFL);
  execvp (argv[0], argv);
  static const char msg[] = ": cannot execute\n";
  ssize_t r = write (2, argv[0], strlen (argv[0]));
  r = write (2, msg, sizeof msg - 1);
  (void) r;
  _exit (127);
}

int
guestfs_int_run_command (guestfs_h *g, char *const *argv, char **out, char **err)
{
  int outp[2] = { -1, -1 }, errp[2];
  log_argv (g, argv);
  if ((out && pipe2 (outp, O_CLOEXEC) == -1) || pipe2 (errp, O_CLOEXEC) == -1) {
    perrorf (g, "pipe");
    return -1;
  }
  pid_t pid = spawn (argv, outp[1], errp[1]);
  if (outp[1] >= 0) close (outp[1]);
  close (errp[1]);
  if (pid == -1) {
    perrorf (g, "fork");
    if (outp[0] >= 0) close (outp[0]);
    close (errp[0]);
    return -1;
  }
  struct capture co = { outp[0], NULL, 0 }, ce = { errp[0], NULL, 0 };
  while (co.fd >= 0 || ce.fd >= 0) {
    struct pollfd pfd[2] = { { co.fd, POLLIN, 0 }, { ce.fd, POLLIN, 0 } };
    if (poll (pfd, 2, -1) == -1 && errno != EINTR) break;
    if (co.fd >= 0 && pfd[0].revents) capture_read (g, &co);
    if (ce.fd >= 0 && pfd[1].revents) capture_read (g, &ce);
  }
  if (co.fd >= 0) close (co.fd);
  if (ce.fd >= 0) close (ce.fd);
  int status;
  while (waitpid (pid, &status, 0) == -1)
    if (errno != EINTR) { perrorf (g, "waitpid"); status = -1; break; }
  if (out) *out = co.buf ? co.buf : guestfs_int_safe_strdup (g, "");
  else free (co.buf);
  if (err) *err = ce.buf ? ce.buf : guestfs_int_safe_strdup (g, "");
  else free (ce.buf);
  return status;
}

void
guestfs_int_command_error (guestfs_h *g, const char *what, int status, const char *err)
{
  CLEANUP_FREE char *msg = guestfs_int_safe_strdup (g, err ? err : "");
  size_t n = strlen (msg);
  while (n > 0 && (msg[n - 1] == '\n' || msg[n - 1] == ' ')) msg[--n] = '\0';
  if (status == -1)
    return;   /* error already set */
  if (WIFEXITED (status))
    error (g, "%s: command failed with exit status %d%s%s", what, WEXITSTATUS (status),
           n ? ": " : "", msg);
  else if (WIFSIGNALED (status))
    error (g, "%s: command killed by signal %d%s%s", what, WTERMSIG (status),
           n ? ": " : "", msg);
  else
    error (g, "%s: command failed%s%s", what, n ? ": " : "", msg);
}
