/* Running programs: fork + execvp with an argv, never a shell.  stdout and
 * stderr are captured; stdin is /dev/null. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"

/* Output beyond this is dropped: the reply could not carry it anyway. */
#define MAX_CAPTURE (64 * 1024 * 1024)

struct capture {
  char *buf;
  size_t len, alloc;
};

static int
capture_read (int fd, struct capture *c)
{
  char tmp[65536];
  ssize_t r = read (fd, tmp, sizeof tmp);
  if (r <= 0)
    return r == -1 && errno == EINTR ? 1 : 0;
  if (c->len + r > MAX_CAPTURE)
    return 1;
  if (c->len + r + 1 > c->alloc) {
    size_t n = (c->len + r + 1) * 2;
    char *p = realloc (c->buf, n);
    if (p == NULL)
      return 1;
    c->buf = p;
    c->alloc = n;
  }
  memcpy (c->buf + c->len, tmp, r);
  c->len += r;
  c->buf[c->len] = '\0';
  return 1;
}

static char *
capture_take (struct capture *c)
{
  if (c->buf == NULL)
    return strdup ("");
  char *r = c->buf;
  c->buf = NULL;
  return r;
}

static void __attribute__((noreturn))
child (const char *const *argv, unsigned flags, int out, int err, int errpipe)
{
  int null = open ("/dev/null", O_RDONLY | O_CLOEXEC);

  if (null >= 0)
    dup2 (null, 0);
  dup2 (out, 1);
  dup2 ((flags & CMD_STDERR_TO_OUT) ? out : err, 2);
  signal (SIGPIPE, SIG_DFL);
  if (flags & CMD_CHROOT) {
    if (chroot (sysroot) == -1 || chdir ("/") == -1)
      goto fail;
  }
  execvp (argv[0], (char *const *) argv);
 fail:;
  int e = errno;
  ssize_t ignored = write (errpipe, &e, sizeof e);
  (void) ignored;
  _exit (127);
}

int
commandrvf (char **out, char **err, unsigned flags, const char *const *argv)
{
  int po[2], pe[2], px[2];
  struct capture co = { 0 }, ce = { 0 };
  int status, exec_errno = 0;
  pid_t pid;

  if (out) *out = NULL;
  if (err) *err = NULL;
  if (verbose) {
    fprintf (stderr, "guestfsd: run:");
    for (size_t i = 0; argv[i]; i++)
      fprintf (stderr, " %s", argv[i]);
    fputc ('\n', stderr);
  }
  if (pipe2 (po, O_CLOEXEC) == -1)
    return -1;
  if (pipe2 (pe, O_CLOEXEC) == -1) {
    close (po[0]); close (po[1]);
    return -1;
  }
  if (pipe2 (px, O_CLOEXEC) == -1) {
    close (po[0]); close (po[1]); close (pe[0]); close (pe[1]);
    return -1;
  }
  pid = fork ();
  if (pid == 0)
    child (argv, flags, po[1], pe[1], px[1]);
  close (po[1]);
  close (pe[1]);
  close (px[1]);
  if (pid == -1) {
    int e = errno;
    close (po[0]); close (pe[0]); close (px[0]);
    errno = e;
    return -1;
  }

  struct pollfd p[2] = { { po[0], POLLIN, 0 }, { pe[0], POLLIN, 0 } };
  while (p[0].fd >= 0 || p[1].fd >= 0) {
    if (poll (p, 2, -1) == -1) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (int i = 0; i < 2; i++) {
      if (p[i].fd >= 0 && p[i].revents) {
        if (!capture_read (p[i].fd, i == 0 ? &co : &ce)) {
          close (p[i].fd);
          p[i].fd = -1;
        }
      }
    }
  }
  for (int i = 0; i < 2; i++)
    if (p[i].fd >= 0)
      close (p[i].fd);
  if (read (px[0], &exec_errno, sizeof exec_errno) != sizeof exec_errno)
    exec_errno = 0;
  close (px[0]);
  while (waitpid (pid, &status, 0) == -1)
    if (errno != EINTR) {
      status = -1;
      break;
    }

  if (exec_errno) {
    /* Make the failure read like the program's own complaint. */
    free (ce.buf);
    ce.buf = NULL;
    if (asprintf (&ce.buf, "%s: %s", argv[0], strerror (exec_errno)) == -1)
      ce.buf = NULL;
  }
  else if (status != -1 && WIFSIGNALED (status)) {
    char *s = NULL;
    if (asprintf (&s, "%s%s: killed by signal %d", ce.buf ? ce.buf : "",
                  argv[0], WTERMSIG (status)) != -1) {
      free (ce.buf);
      ce.buf = s;
    }
  }
  if (out) *out = capture_take (&co);
  if (err) *err = capture_take (&ce);
  free (co.buf);
  free (ce.buf);
  if (exec_errno) {
    errno = exec_errno;
    return -1;
  }
  if (status == -1 || !WIFEXITED (status))
    return -1;
  return WEXITSTATUS (status);
}

int
commandvf (char **out, char **err, unsigned flags, const char *const *argv)
{
  int r = commandrvf (out, err, flags, argv);
  return r == 0 ? 0 : -1;
}

#define MAX_ARGS 64

static int
collect (const char **argv, const char *name, va_list ap)
{
  size_t n = 0;
  argv[n++] = name;
  const char *s;
  while ((s = va_arg (ap, const char *)) != NULL) {
    if (n >= MAX_ARGS - 1)
      return -1;
    argv[n++] = s;
  }
  argv[n] = NULL;
  return 0;
}

int
command (char **out, char **err, const char *name, ...)
{
  const char *argv[MAX_ARGS];
  va_list ap;
  va_start (ap, name);
  int r = collect (argv, name, ap);
  va_end (ap);
  if (r == -1) {
    errno = E2BIG;
    return -1;
  }
  return commandvf (out, err, 0, argv);
}

int
commandr (char **out, char **err, const char *name, ...)
{
  const char *argv[MAX_ARGS];
  va_list ap;
  va_start (ap, name);
  int r = collect (argv, name, ap);
  va_end (ap);
  if (r == -1) {
    errno = E2BIG;
    return -1;
  }
  return commandrvf (out, err, 0, argv);
}

void
trim_newlines (char *s)
{
  size_t n = s ? strlen (s) : 0;
  while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
    s[--n] = '\0';
}
