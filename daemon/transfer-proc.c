/* Streaming child processes for the transfer calls (tar, gzip, cpio, ...):
 * unlike command.c, stdin and stdout are file descriptors the caller wires
 * to file chunks, guest files or another process, so data never has to fit
 * in memory.  stderr goes to an unlinked temporary file (no deadlock
 * however much a program complains) and is read back for error messages.
 */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon.h"

static int
stderr_tmpfile (void)
{
  int fd = open ("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (fd == -1) {
    char name[] = "/tmp/guestfsd-errXXXXXX";
    fd = mkostemp (name, O_CLOEXEC);
    if (fd >= 0)
      unlink (name);
  }
  return fd;
}

static void __attribute__((noreturn))
xproc_child (const char *const *argv, int in, int out, int err,
             const struct xproc_opts *o)
{
  signal (SIGPIPE, SIG_DFL);
  if (in == -1)
    in = open ("/dev/null", O_RDONLY);
  if (out == -1)
    out = open ("/dev/null", O_WRONLY);
  /* dup2 onto 0/1/2 clears O_CLOEXEC on the copies. */
  if (dup2 (in, 0) == -1 || dup2 (out, 1) == -1 || dup2 (err, 2) == -1)
    _exit (127);
  if (o && o->cwd_fd >= 0 && fchdir (o->cwd_fd) == -1) {
    perror ("chdir");
    _exit (127);
  }
  if (o && o->setup && o->setup (o->opaque) == -1)
    _exit (127);
  execvp (argv[0], (char *const *) argv);
  fprintf (stderr, "%s: %s\n", argv[0], strerror (errno));
  _exit (127);
}

int
xproc_start (struct xproc *p, const char *const *argv, int in_fd,
             int out_fd, const struct xproc_opts *o)
{
  int po[2] = { -1, -1 };
  int want_stdout = out_fd == XPROC_PIPE;

  p->pid = -1;
  p->out_fd = -1;
  p->err_fd = stderr_tmpfile ();
  p->name = argv[0];
  if (p->err_fd == -1)
    return -1;
  if (verbose) {
    fprintf (stderr, "guestfsd: run:");
    for (size_t i = 0; argv[i]; i++)
      fprintf (stderr, " %s", argv[i]);
    fputc ('\n', stderr);
  }
  if (want_stdout && pipe2 (po, O_CLOEXEC) == -1)
    goto fail;
  p->pid = fork ();
  if (p->pid == 0)
    xproc_child (argv, in_fd, want_stdout ? po[1] : out_fd, p->err_fd, o);
  if (p->pid == -1)
    goto fail;
  if (po[1] >= 0)
    close (po[1]);
  p->out_fd = po[0];
  return 0;

 fail:;
  int e = errno;
  if (po[0] >= 0) { close (po[0]); close (po[1]); }
  close (p->err_fd);
  p->err_fd = -1;
  errno = e;
  return -1;
}

int
xproc_start_stdin_pipe (struct xproc *p, const char *const *argv,
                        int *in_w, int out_fd, const struct xproc_opts *o)
{
  int pi[2];
  if (pipe2 (pi, O_CLOEXEC) == -1)
    return -1;
  int r = xproc_start (p, argv, pi[0], out_fd, o);
  int e = errno;
  close (pi[0]);
  if (r == -1) {
    close (pi[1]);
    errno = e;
    return -1;
  }
  *in_w = pi[1];
  return 0;
}

/* Read back what the program wrote to stderr (trimmed). */
static char *
read_stderr (int fd)
{
  struct stat st;
  if (fstat (fd, &st) == -1)
    return strdup ("");
  size_t n = st.st_size > 65536 ? 65536 : (size_t) st.st_size;
  char *buf = malloc (n + 1);
  if (buf == NULL)
    return NULL;
  ssize_t r = pread (fd, buf, n, 0);
  buf[r > 0 ? (size_t) r : 0] = '\0';
  trim_newlines (buf);
  return buf;
}

int
xproc_wait (struct xproc *p, char **err_r)
{
  int status = -1;

  if (err_r)
    *err_r = NULL;
  if (p->out_fd >= 0) {
    close (p->out_fd);
    p->out_fd = -1;
  }
  if (p->pid > 0) {
    while (waitpid (p->pid, &status, 0) == -1)
      if (errno != EINTR) {
        status = -1;
        break;
      }
    p->pid = -1;
  }
  if (p->err_fd >= 0) {
    char *e = read_stderr (p->err_fd);
    close (p->err_fd);
    p->err_fd = -1;
    if (e && status != -1 && WIFSIGNALED (status) && WTERMSIG (status) != SIGPIPE) {
      char *s = NULL;
      if (asprintf (&s, "%s%s%s: killed by signal %d", e, *e ? "\n" : "",
                    p->name, WTERMSIG (status)) != -1) {
        free (e);
        e = s;
      }
    }
    if (err_r)
      *err_r = e;
    else
      free (e);
  }
  if (status == -1 || !WIFEXITED (status))
    return -1;
  return WEXITSTATUS (status);
}

void
xproc_kill (struct xproc *p)
{
  if (p->pid > 0)
    kill (p->pid, SIGKILL);
  xproc_wait (p, NULL);
}

int
xproc_read_pulse (struct xproc *p, char **out)
{
  size_t len = 0, alloc = 256;
  char *buf = malloc (alloc);

  if (buf == NULL)
    return -1;
  for (;;) {
    struct pollfd pfd = { .fd = p->out_fd, .events = POLLIN };
    int pr = poll (&pfd, 1, 500);
    if (pr == -1 && errno != EINTR)
      goto fail;
    if (pr <= 0) {
      notify_progress (0, 1);   /* still running: a pulse */
      continue;
    }
    if (len + 1 >= alloc) {
      char *nb = realloc (buf, alloc *= 2);
      if (nb == NULL)
        goto fail;
      buf = nb;
    }
    ssize_t n = read (p->out_fd, buf + len, alloc - len - 1);
    if (n == -1 && errno == EINTR)
      continue;
    if (n == -1)
      goto fail;
    if (n == 0)
      break;
    len += n;
  }
  buf[len] = '\0';
  notify_progress (1, 1);
  *out = buf;
  return 0;

 fail:;
  int e = errno;
  free (buf);
  errno = e;
  return -1;
}

static int
feed_cb (void *opaque, const void *buf, size_t len)
{
  struct feed *f = opaque;
  if (write_all (f->fd, buf, len) == -1)
    return -1;
  f->done += len;
  if (progress_hint > 0)
    notify_progress (f->done, progress_hint);
  return 0;
}

int
receive_to_fd (int fd)
{
  struct feed f = { .fd = fd, .done = 0 };
  return receive_file (feed_cb, &f);
}

#define SEND_BUF (1024 * 1024)

int
send_fd_contents (int fd, uint64_t total)
{
  CLEANUP_FREE char *buf = malloc (SEND_BUF);
  uint64_t done = 0;

  if (buf == NULL) {
    errno = ENOMEM;
    return -1;
  }
  for (;;) {
    ssize_t n = read (fd, buf, SEND_BUF);
    if (n == -1) {
      if (errno == EINTR)
        continue;
      return -1;
    }
    if (n == 0)
      return 0;
    int r = send_file_write (buf, n);
    if (r < 0)
      return r;
    done += n;
    if (total > 0)
      notify_progress (done, total);
  }
}

int
stream_out_of_proc (struct xproc *p, const char *what)
{
  CLEANUP_FREE char *err = NULL;

  reply (NULL, NULL);           /* OK header, then the chunks */
  int r = send_fd_contents (p->out_fd, progress_hint);
  int e = errno;
  if (r == -2 || r == -1) {
    xproc_kill (p);
    if (r == -1 && !reply_sent ()) {
      send_file_end (1);
      errno = e;
      return reply_with_perror ("%s", what);
    }
    return -1;                  /* cancelled (replied) or channel gone */
  }
  int st = xproc_wait (p, &err);
  if (st != 0) {
    send_file_end (1);
    return reply_with_error ("%s: %s", what,
                             err && *err ? err : "command failed");
  }
  if (send_file_end (0) == -1)
    return -1;
  return 0;
}

int
stream_into_proc (struct xproc *p, int in_w, const char *what)
{
  CLEANUP_FREE char *err = NULL;

  int r = receive_to_fd (in_w);
  int e = errno;
  close (in_w);
  if (r == -2) {
    xproc_kill (p);
    return reply_with_error_errno (EINTR, "%s: file upload cancelled", what);
  }
  int st = xproc_wait (p, &err);
  if (st != 0 || r == -1) {
    if (err && *err)
      return reply_with_error ("%s: %s", what, err);
    errno = e;
    if (r == -1)
      return reply_with_perror ("%s", what);
    return reply_with_error ("%s: command failed", what);
  }
  return 0;
}

const char *
tar_compress_flag (const char *compress)
{
  static const char *const map[][2] = {
    { "compress", "--compress" }, { "gzip", "--gzip" },
    { "bzip2", "--bzip2" }, { "xz", "--xz" }, { "lzop", "--lzop" },
    { "zstd", "--zstd" }, { "lzma", "--lzma" },
  };
  for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
    if (strcmp (compress, map[i][0]) == 0)
      return map[i][1];
  return NULL;
}
