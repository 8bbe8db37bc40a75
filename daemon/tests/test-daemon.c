/* Host-side test of guestfsd: runs the daemon with --channel on a unix
 * socket and --sysroot on a temporary directory, and plays the library's
 * part of the protocol by hand.
 *
 * usage: test-daemon PATH-TO-GUESTFSD */

#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>
#include <rpc/types.h>
#include <rpc/xdr.h>

#include "guestfs_protocol.h"

static int sock = -1;
static unsigned serial_counter;
static int failures;
static char tmpdir[] = "/tmp/test-guestfsd.XXXXXX";
static char sysroot_dir[256], outside_file[256];

#define CHECK(cond, ...) do {                                   \
    if (!(cond)) {                                              \
      fprintf (stderr, "FAIL %s:%d: ", __FILE__, __LINE__);     \
      fprintf (stderr, __VA_ARGS__);                            \
      fputc ('\n', stderr);                                     \
      failures++;                                               \
    }                                                           \
  } while (0)

/* ---- framing ----------------------------------------------------------- */

static int
xread (void *buf, size_t len)
{
  char *p = buf;
  while (len > 0) {
    ssize_t r = read (sock, p, len);
    if (r == -1 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;
    p += r;
    len -= r;
  }
  return 0;
}

static void
xwrite (const void *buf, size_t len)
{
  const char *p = buf;
  while (len > 0) {
    ssize_t r = write (sock, p, len);
    if (r == -1 && errno == EINTR)
      continue;
    if (r <= 0) {
      perror ("write");
      exit (EXIT_FAILURE);
    }
    p += r;
    len -= r;
  }
}

static void
send_word (uint32_t w)
{
  w = htonl (w);
  xwrite (&w, 4);
}

static void
send_framed (const char *buf, uint32_t len)
{
  send_word (len);
  xwrite (buf, len);
}

/* Read one framed message, skipping progress messages and stray cancel
 * flags.  Returns a malloc'd body, NULL on EOF. */
static char *
recv_framed (uint32_t *len_r)
{
  for (;;) {
    uint32_t w;
    if (xread (&w, 4) == -1)
      return NULL;
    w = ntohl (w);
    if (w == GUESTFS_CANCEL_FLAG)
      continue;
    if (w == GUESTFS_PROGRESS_FLAG) {
      char p[32];
      if (xread (p, 32) == -1)
        return NULL;
      continue;
    }
    if (w > GUESTFS_MESSAGE_MAX)
      return NULL;
    char *buf = malloc (w ? w : 1);
    if (xread (buf, w) == -1) {
      free (buf);
      return NULL;
    }
    *len_r = w;
    return buf;
  }
}

/* ---- calls ------------------------------------------------------------- */

static void
send_call (uint32_t proc, xdrproc_t xargs, void *args, uint64_t optargs)
{
  static char buf[GUESTFS_MESSAGE_MAX];
  struct guestfs_message_header h = {
    .prog = GUESTFS_PROGRAM, .vers = GUESTFS_PROTOCOL_VERSION,
    .proc = proc, .direction = GUESTFS_DIRECTION_CALL,
    .serial = ++serial_counter, .status = GUESTFS_STATUS_OK,
    .optargs_bitmask = optargs,
  };
  XDR x;
  xdrmem_create (&x, buf, sizeof buf, XDR_ENCODE);
  if (!xdr_guestfs_message_header (&x, &h) || (xargs && !xargs (&x, args, 0))) {
    fprintf (stderr, "encode failed\n");
    exit (EXIT_FAILURE);
  }
  send_framed (buf, xdr_getpos (&x));
  xdr_destroy (&x);
}

/* Read the reply.  Returns 0 (ret filled), -1 error reply (*err, *errno_s
 * set, malloc'd), -2 EOF / protocol error. */
static int
recv_reply (uint32_t proc, xdrproc_t xret, void *ret, char **err, char **errno_s)
{
  uint32_t len;
  char *buf = recv_framed (&len);
  struct guestfs_message_header h;
  XDR x;
  int r = -2;

  if (buf == NULL)
    return -2;
  memset (&h, 0, sizeof h);
  xdrmem_create (&x, buf, len, XDR_DECODE);
  if (!xdr_guestfs_message_header (&x, &h))
    goto out;
  if (h.direction != GUESTFS_DIRECTION_REPLY || h.serial != serial_counter
      || h.proc != proc) {
    fprintf (stderr, "bad reply header (proc %u serial %u)\n", h.proc, h.serial);
    goto out;
  }
  if (h.status == GUESTFS_STATUS_ERROR) {
    struct guestfs_message_error e;
    memset (&e, 0, sizeof e);
    if (!xdr_guestfs_message_error (&x, &e))
      goto out;
    if (err) *err = strdup (e.error_message);
    if (errno_s) *errno_s = strdup (e.errno_string);
    xdr_free ((xdrproc_t) xdr_guestfs_message_error, (char *) &e);
    r = -1;
    goto out;
  }
  if (xret && !xret (&x, ret, 0))
    goto out;
  r = 0;
 out:
  xdr_destroy (&x);
  free (buf);
  return r;
}

/* A call that must succeed. */
static int
call_ok (const char *what, uint32_t proc, xdrproc_t xargs, void *args,
         xdrproc_t xret, void *ret)
{
  char *err = NULL;
  send_call (proc, xargs, args, 0);
  int r = recv_reply (proc, xret, ret, &err, NULL);
  CHECK (r == 0, "%s: expected success, got %d (%s)", what, r, err ? err : "");
  free (err);
  return r;
}

/* A call that must fail with MSG (if non-NULL) and errno name ERRNO_S (if
 * non-NULL). */
static void
call_err (const char *what, uint32_t proc, xdrproc_t xargs, void *args,
          xdrproc_t xret, void *ret, const char *msg, const char *errno_s)
{
  char *err = NULL, *en = NULL;
  send_call (proc, xargs, args, 0);
  int r = recv_reply (proc, xret, ret, &err, &en);
  CHECK (r == -1, "%s: expected an error reply, got %d", what, r);
  if (r == -1) {
    CHECK (msg == NULL || strstr (err, msg) != NULL,
           "%s: error \"%s\" does not contain \"%s\"", what, err, msg);
    CHECK (errno_s == NULL || strcmp (en, errno_s) == 0,
           "%s: errno %s, expected %s", what, en, errno_s);
  }
  free (err);
  free (en);
}

/* ---- typed helpers ------------------------------------------------------ */

static void
write_file (const char *path, const char *content, size_t len)
{
  struct guestfs_write_args a = { (char *) path, { len, (char *) content } };
  call_ok ("write", GUESTFS_PROC_WRITE, (xdrproc_t) xdr_guestfs_write_args, &a, NULL, NULL);
}

static char *
cat (const char *path, char **err)
{
  struct guestfs_cat_args a = { (char *) path };
  struct guestfs_cat_ret r = { NULL };
  send_call (GUESTFS_PROC_CAT, (xdrproc_t) xdr_guestfs_cat_args, &a, 0);
  if (recv_reply (GUESTFS_PROC_CAT, (xdrproc_t) xdr_guestfs_cat_ret, &r, err, NULL) != 0)
    return NULL;
  return r.ret;
}

static int
bool_call (uint32_t proc, const char *path)
{
  struct guestfs_exists_args a = { (char *) path };
  struct guestfs_exists_ret r = { 0 };
  if (call_ok ("bool call", proc, (xdrproc_t) xdr_guestfs_exists_args, &a,
               (xdrproc_t) xdr_guestfs_exists_ret, &r) != 0)
    return -1;
  return r.ret;
}

static int
path_call (const char *what, uint32_t proc, const char *path)
{
  struct guestfs_mkdir_args a = { (char *) path };
  return call_ok (what, proc, (xdrproc_t) xdr_guestfs_mkdir_args, &a, NULL, NULL);
}

/* Upload SIZE bytes of a pattern in chunks of CHUNK; the library's side of
 * cancellation is honoured.  Returns the recv_reply result. */
static int
upload (const char *path, size_t size, size_t chunk, char **err)
{
  struct guestfs_upload_args a = { (char *) path };
  char *buf = malloc (chunk + 16);
  size_t sent = 0;
  int cancelled = 0;

  send_call (GUESTFS_PROC_UPLOAD, (xdrproc_t) xdr_guestfs_upload_args, &a, 0);
  while (!cancelled) {
    struct pollfd p = { sock, POLLIN, 0 };
    if (poll (&p, 1, 0) == 1) {
      uint32_t w;
      if (xread (&w, 4) == 0 && ntohl (w) == GUESTFS_CANCEL_FLAG) {
        cancelled = 1;
        break;
      }
      CHECK (0, "upload: unexpected data from the daemon");
      break;
    }
    size_t n = size - sent < chunk ? size - sent : chunk;
    uint32_t hdr[2] = { htonl (0), htonl (n) };
    send_word (8 + ((n + 3) & ~3u));
    xwrite (hdr, 8);
    for (size_t i = 0; i < n; i++)
      buf[i] = (char) ((sent + i) * 7 + 3);
    memset (buf + n, 0, 4);
    xwrite (buf, (n + 3) & ~3u);
    sent += n;
    if (n == 0)
      break;
  }
  if (cancelled) {
    uint32_t hdr[2] = { htonl (1), htonl (0) };
    send_word (8);
    xwrite (hdr, 8);
  }
  free (buf);
  return recv_reply (GUESTFS_PROC_UPLOAD, NULL, NULL, err, NULL);
}

/* Download PATH; returns the bytes (malloc'd) or NULL with *err. */
static char *
download (const char *path, size_t *size_r, char **err)
{
  struct guestfs_download_args a = { (char *) path };
  char *data = NULL;
  size_t size = 0;

  send_call (GUESTFS_PROC_DOWNLOAD, (xdrproc_t) xdr_guestfs_download_args, &a, 0);
  if (recv_reply (GUESTFS_PROC_DOWNLOAD, NULL, NULL, err, NULL) != 0)
    return NULL;
  for (;;) {
    uint32_t len, cancel, n;
    char *buf = recv_framed (&len);
    if (buf == NULL || len < 8) {
      free (buf);
      free (data);
      *err = strdup ("bad chunk");
      return NULL;
    }
    memcpy (&cancel, buf, 4);
    memcpy (&n, buf + 4, 4);
    cancel = ntohl (cancel);
    n = ntohl (n);
    if (cancel || n == 0) {
      free (buf);
      if (cancel) {
        free (data);
        recv_reply (GUESTFS_PROC_DOWNLOAD, NULL, NULL, err, NULL);
        return NULL;
      }
      break;
    }
    data = realloc (data, size + n + 1);
    memcpy (data + size, buf + 8, n);
    size += n;
    free (buf);
  }
  *size_r = size;
  return data ? data : calloc (1, 1);
}

/* ---- setup -------------------------------------------------------------- */

static pid_t
start_daemon (const char *guestfsd)
{
  char sockpath[300];
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  int lsock;
  pid_t pid;

  snprintf (sockpath, sizeof sockpath, "%s/sock", tmpdir);
  strcpy (sa.sun_path, sockpath);
  lsock = socket (AF_UNIX, SOCK_STREAM, 0);
  if (lsock == -1 || bind (lsock, (struct sockaddr *) &sa, sizeof sa) == -1
      || listen (lsock, 1) == -1) {
    perror ("socket");
    exit (EXIT_FAILURE);
  }
  pid = fork ();
  if (pid == 0) {
    execl (guestfsd, guestfsd, "--channel", sockpath, "--sysroot", sysroot_dir,
           getenv ("GUESTFSD_VERBOSE") ? "--verbose" : NULL, (char *) NULL);
    perror (guestfsd);
    _exit (127);
  }
  sock = accept (lsock, NULL, NULL);
  close (lsock);
  if (sock == -1) {
    perror ("accept");
    exit (EXIT_FAILURE);
  }
  uint32_t w;
  if (xread (&w, 4) == -1 || ntohl (w) != GUESTFS_LAUNCH_FLAG) {
    fprintf (stderr, "no launch flag\n");
    exit (EXIT_FAILURE);
  }
  return pid;
}

static void
cleanup_tmp (void)
{
  char *argv[] = { "rm", "-rf", tmpdir, NULL };
  pid_t p = fork ();
  if (p == 0) {
    execvp ("rm", argv);
    _exit (1);
  }
  waitpid (p, NULL, 0);
}

/* ---- tests -------------------------------------------------------------- */

static void
test_files (void)
{
  char *err = NULL, *s;

  call_ok ("ping", GUESTFS_PROC_PING_DAEMON, NULL, NULL, NULL, NULL);

  write_file ("/hello", "hello world", 11);
  s = cat ("/hello", &err);
  CHECK (s && strcmp (s, "hello world") == 0, "cat /hello: %s", s ? s : err);
  free (s);

  {
    struct guestfs_write_append_args a = { "/hello", { 1, "!" } };
    call_ok ("write_append", GUESTFS_PROC_WRITE_APPEND,
             (xdrproc_t) xdr_guestfs_write_append_args, &a, NULL, NULL);
    s = cat ("/hello", &err);
    CHECK (s && strcmp (s, "hello world!") == 0, "append: %s", s ? s : err);
    free (s);
  }

  err = NULL;
  s = cat ("/nonexist", &err);
  CHECK (s == NULL && err && strcmp (err, "/nonexist: No such file or directory") == 0,
         "cat /nonexist: %s", err ? err : s);
  free (err);

  {
    struct guestfs_cat_args a = { "relative" };
    call_err ("cat relative", GUESTFS_PROC_CAT, (xdrproc_t) xdr_guestfs_cat_args, &a,
              NULL, NULL, "path must start with a / character", NULL);
  }

  CHECK (path_call ("mkdir", GUESTFS_PROC_MKDIR, "/d") == 0, "mkdir");
  {
    struct guestfs_mkdir_args a = { "/d" };
    call_err ("mkdir again", GUESTFS_PROC_MKDIR, (xdrproc_t) xdr_guestfs_mkdir_args,
              &a, NULL, NULL, "/d: File exists", "EEXIST");
    a.path = "/x/y";
    call_err ("mkdir no parent", GUESTFS_PROC_MKDIR, (xdrproc_t) xdr_guestfs_mkdir_args,
              &a, NULL, NULL, "/x/y: No such file or directory", "ENOENT");
  }
  CHECK (path_call ("mkdir_p", GUESTFS_PROC_MKDIR_P, "/a/b/c") == 0, "mkdir_p");
  CHECK (path_call ("mkdir_p", GUESTFS_PROC_MKDIR_P, "/a/b/c") == 0, "mkdir_p again");
  CHECK (bool_call (GUESTFS_PROC_EXISTS, "/a/b/c") == 1, "exists /a/b/c");
  CHECK (bool_call (GUESTFS_PROC_EXISTS, "/nope") == 0, "exists /nope");
  {
    struct guestfs_is_dir_args a = { "/a/b", 0 };
    struct guestfs_is_dir_ret r;
    call_ok ("is_dir", GUESTFS_PROC_IS_DIR, (xdrproc_t) xdr_guestfs_is_dir_args, &a,
             (xdrproc_t) xdr_guestfs_is_dir_ret, &r);
    CHECK (r.ret == 1, "is_dir /a/b");
    struct guestfs_is_file_args f = { "/hello", 0 };
    struct guestfs_is_file_ret fr;
    call_ok ("is_file", GUESTFS_PROC_IS_FILE, (xdrproc_t) xdr_guestfs_is_file_args, &f,
             (xdrproc_t) xdr_guestfs_is_file_ret, &fr);
    CHECK (fr.ret == 1, "is_file /hello");
  }

  {
    struct guestfs_ls_args a = { "/" };
    struct guestfs_ls_ret r;
    memset (&r, 0, sizeof r);
    if (call_ok ("ls", GUESTFS_PROC_LS, (xdrproc_t) xdr_guestfs_ls_args, &a,
                 (xdrproc_t) xdr_guestfs_ls_ret, &r) == 0) {
      CHECK (r.ret_list.ret_list_len >= 3, "ls: %u names", r.ret_list.ret_list_len);
      for (u_int i = 1; i < r.ret_list.ret_list_len; i++)
        CHECK (strcmp (r.ret_list.ret_list_val[i - 1], r.ret_list.ret_list_val[i]) < 0,
               "ls not sorted");
      xdr_free ((xdrproc_t) xdr_guestfs_ls_ret, (char *) &r);
    }
    a.directory = "/hello";
    call_err ("ls file", GUESTFS_PROC_LS, (xdrproc_t) xdr_guestfs_ls_args, &a,
              NULL, NULL, "opendir: /hello: Not a directory", "ENOTDIR");
  }

  {
    struct guestfs_ll_args a = { "/" };
    struct guestfs_ll_ret r = { NULL };
    if (call_ok ("ll", GUESTFS_PROC_LL, (xdrproc_t) xdr_guestfs_ll_args, &a,
                 (xdrproc_t) xdr_guestfs_ll_ret, &r) == 0) {
      CHECK (strstr (r.ret, "hello") && strstr (r.ret, "total"), "ll: %s", r.ret);
      free (r.ret);
    }
  }

  {
    write_file ("/lines", "a\nb\r\n\nc\n", 8);
    struct guestfs_read_lines_args a = { "/lines" };
    struct guestfs_read_lines_ret r;
    memset (&r, 0, sizeof r);
    if (call_ok ("read_lines", GUESTFS_PROC_READ_LINES,
                 (xdrproc_t) xdr_guestfs_read_lines_args, &a,
                 (xdrproc_t) xdr_guestfs_read_lines_ret, &r) == 0) {
      CHECK (r.ret_list.ret_list_len == 4
             && strcmp (r.ret_list.ret_list_val[1], "b") == 0
             && strcmp (r.ret_list.ret_list_val[2], "") == 0, "read_lines");
      xdr_free ((xdrproc_t) xdr_guestfs_read_lines_ret, (char *) &r);
    }
  }

  {
    struct guestfs_read_file_args a = { "/bin0" };
    struct guestfs_read_file_ret r;
    write_file ("/bin0", "a\0b", 3);
    memset (&r, 0, sizeof r);
    if (call_ok ("read_file", GUESTFS_PROC_READ_FILE,
                 (xdrproc_t) xdr_guestfs_read_file_args, &a,
                 (xdrproc_t) xdr_guestfs_read_file_ret, &r) == 0) {
      CHECK (r.ret_buf.ret_buf_len == 3 && memcmp (r.ret_buf.ret_buf_val, "a\0b", 3) == 0,
             "read_file");
      xdr_free ((xdrproc_t) xdr_guestfs_read_file_ret, (char *) &r);
    }
  }

  {
    struct guestfs_statvfs_args a = { "/" };
    struct guestfs_statvfs_ret r;
    if (call_ok ("statvfs", GUESTFS_PROC_STATVFS, (xdrproc_t) xdr_guestfs_statvfs_args,
                 &a, (xdrproc_t) xdr_guestfs_statvfs_ret, &r) == 0)
      CHECK (r.ret.namemax > 0 && r.ret.bsize > 0, "statvfs");
  }

  CHECK (path_call ("touch", GUESTFS_PROC_TOUCH, "/t") == 0, "touch");
  CHECK (path_call ("rm", GUESTFS_PROC_RM, "/t") == 0, "rm");
  {
    struct guestfs_rm_args a = { "/d" };
    call_err ("rm dir", GUESTFS_PROC_RM, (xdrproc_t) xdr_guestfs_rm_args, &a,
              NULL, NULL, "/d: Is a directory", "EISDIR");
    a.path = "/t";
    call_err ("rm missing", GUESTFS_PROC_RM, (xdrproc_t) xdr_guestfs_rm_args, &a,
              NULL, NULL, "/t: No such file or directory", "ENOENT");
  }
  CHECK (path_call ("rmdir", GUESTFS_PROC_RMDIR, "/d") == 0, "rmdir");
  write_file ("/a/b/c/f", "x", 1);
  CHECK (path_call ("rm_rf", GUESTFS_PROC_RM_RF, "/a") == 0, "rm_rf");
  CHECK (bool_call (GUESTFS_PROC_EXISTS, "/a") == 0, "rm_rf left /a");
  CHECK (path_call ("rm_rf missing", GUESTFS_PROC_RM_RF, "/a") == 0, "rm_rf missing");
}

static void
test_escapes (void)
{
  char *err = NULL, *s;
  char link[300];
  struct stat st;

  /* A guest's absolute symlink and ".." must resolve inside the sysroot. */
  snprintf (link, sizeof link, "%s/etc", sysroot_dir);
  mkdir (link, 0755);
  snprintf (link, sizeof link, "%s/etc/passwd", sysroot_dir);
  FILE *f = fopen (link, "w");
  fputs ("inside", f);
  fclose (f);
  snprintf (link, sizeof link, "%s/evil", sysroot_dir);
  symlink ("/etc/passwd", link);
  snprintf (link, sizeof link, "%s/evil-out", sysroot_dir);
  symlink (outside_file, link);
  snprintf (link, sizeof link, "%s/rel", sysroot_dir);
  symlink ("../../../../../../../etc/passwd", link);

  const char *paths[] = { "/evil", "/../../etc/passwd", "/rel", "/etc/../../../etc/passwd" };
  for (size_t i = 0; i < 4; i++) {
    err = NULL;
    s = cat (paths[i], &err);
    CHECK (s && strcmp (s, "inside") == 0, "escape via %s: %s", paths[i], s ? s : err);
    free (s);
    free (err);
  }

  /* Writing through a symlink that points outside must not touch the
   * outside file (the target does not exist inside: created inside, or
   * an error). */
  struct guestfs_write_args a = { "/evil-out", { 6, "HACKED" } };
  send_call (GUESTFS_PROC_WRITE, (xdrproc_t) xdr_guestfs_write_args, &a, 0);
  err = NULL;
  recv_reply (GUESTFS_PROC_WRITE, NULL, NULL, &err, NULL);
  free (err);
  f = fopen (outside_file, "r");
  char buf[64] = "";
  if (f) {
    if (fgets (buf, sizeof buf, f) == NULL)
      buf[0] = '\0';
    fclose (f);
  }
  CHECK (strcmp (buf, "outside") == 0, "outside file changed: %s", buf);

  /* rm_rf on a symlink to a directory outside removes the link only */
  snprintf (link, sizeof link, "%s/dirlink", sysroot_dir);
  symlink (tmpdir, link);
  CHECK (path_call ("rm_rf dirlink", GUESTFS_PROC_RM_RF, "/dirlink") == 0, "rm_rf link");
  CHECK (stat (outside_file, &st) == 0, "rm_rf followed a symlink out");
}

static void
test_transfers (void)
{
  char *err = NULL;
  size_t size;
  const size_t total = 3 * 1024 * 1024 + 12345;

  int r = upload ("/big", total, 1024 * 1024, &err);
  CHECK (r == 0, "upload: %s", err ? err : "");
  free (err);
  err = NULL;
  char *data = download ("/big", &size, &err);
  CHECK (data && size == total, "download size %zu: %s", data ? size : 0, err ? err : "");
  if (data && size == total) {
    size_t bad = 0;
    for (size_t i = 0; i < total; i++)
      if (data[i] != (char) (i * 7 + 3))
        bad++;
    CHECK (bad == 0, "download content differs in %zu bytes", bad);
  }
  free (data);

  err = NULL;
  r = upload ("/nodir/x", 2 * 1024 * 1024, 65536, &err);
  CHECK (r == -1 && err && strcmp (err, "/nodir/x: No such file or directory") == 0,
         "upload to missing dir: %d %s", r, err ? err : "");
  free (err);
  err = NULL;
  r = upload ("relative", 1000, 100, &err);
  CHECK (r == -1 && err && strstr (err, "path must start with a / character"),
         "upload relative: %d %s", r, err ? err : "");
  free (err);

  /* the stream must still be in step */
  call_ok ("ping after uploads", GUESTFS_PROC_PING_DAEMON, NULL, NULL, NULL, NULL);

  err = NULL;
  data = download ("/nonexist", &size, &err);
  CHECK (data == NULL && err && strcmp (err, "/nonexist: No such file or directory") == 0,
         "download missing: %s", err ? err : "");
  free (err);
  err = NULL;
  data = download ("/", &size, &err);
  CHECK (data == NULL && err && strcmp (err, "/: is a directory") == 0,
         "download dir: %s", err ? err : "");
  free (err);
  call_ok ("ping after downloads", GUESTFS_PROC_PING_DAEMON, NULL, NULL, NULL, NULL);
}

/* Copy a host file into the sysroot (same mode). */
static int
copy_in (const char *src, const char *dst)
{
  char path[512], buf[65536];
  struct stat st;
  int in = open (src, O_RDONLY);
  if (in == -1 || fstat (in, &st) == -1)
    return -1;
  snprintf (path, sizeof path, "%s%s", sysroot_dir, dst);
  for (char *p = path + strlen (sysroot_dir) + 1; (p = strchr (p, '/')); p++) {
    *p = '\0';
    mkdir (path, 0755);
    *p = '/';
  }
  int out = open (path, O_WRONLY | O_CREAT | O_TRUNC, st.st_mode & 07777);
  ssize_t n;
  while ((n = read (in, buf, sizeof buf)) > 0)
    if (write (out, buf, n) != n)
      break;
  close (in);
  close (out);
  return 0;
}

static void
test_commands (void)
{
  char *argv[] = { "/bin/true" };
  struct guestfs_command_args a = { { 1, argv } };
  if (geteuid () != 0)
    return;            /* chroot needs root */
  call_err ("command", GUESTFS_PROC_COMMAND, (xdrproc_t) xdr_guestfs_command_args, &a,
            NULL, NULL, "/bin/true: No such file or directory", NULL);

  /* a minimal guest: dash and the C library */
  if (copy_in ("/bin/dash", "/bin/sh") == -1
      || copy_in ("/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libc.so.6") == -1
      || copy_in ("/lib64/ld-linux-x86-64.so.2", "/lib64/ld-linux-x86-64.so.2") == -1)
    return;
  struct guestfs_sh_args sa = { "echo hello; echo world; test -e /outside-marker || echo inside" };
  struct guestfs_sh_lines_ret r;
  memset (&r, 0, sizeof r);
  if (call_ok ("sh_lines", GUESTFS_PROC_SH_LINES, (xdrproc_t) xdr_guestfs_sh_lines_args, &sa,
               (xdrproc_t) xdr_guestfs_sh_lines_ret, &r) == 0) {
    CHECK (r.ret_list.ret_list_len == 3 && strcmp (r.ret_list.ret_list_val[1], "world") == 0
           && strcmp (r.ret_list.ret_list_val[2], "inside") == 0, "sh_lines output");
    xdr_free ((xdrproc_t) xdr_guestfs_sh_lines_ret, (char *) &r);
  }
  sa.command = "echo oops >&2; exit 3";
  call_err ("sh failing", GUESTFS_PROC_SH, (xdrproc_t) xdr_guestfs_sh_args, &sa,
            NULL, NULL, "oops", NULL);
  char *cargv[] = { "/bin/sh", "-c", "echo $0 $1", "x", "y z" };
  struct guestfs_command_args ca = { { 5, cargv } };
  struct guestfs_command_ret cr = { NULL };
  if (call_ok ("command", GUESTFS_PROC_COMMAND, (xdrproc_t) xdr_guestfs_command_args, &ca,
               (xdrproc_t) xdr_guestfs_command_ret, &cr) == 0) {
    CHECK (strcmp (cr.ret, "x y z\n") == 0, "command output: %s", cr.ret);
    free (cr.ret);
  }
}

static void
test_malformed (void)
{
  /* garbage body: ignored, the daemon keeps serving */
  send_framed ("\x01\x02\x03", 3);
  call_ok ("ping after garbage", GUESTFS_PROC_PING_DAEMON, NULL, NULL, NULL, NULL);

  /* unknown procedure */
  send_call (99999, NULL, NULL, 0);
  char *err = NULL;
  int r = recv_reply (99999, NULL, NULL, &err, NULL);
  CHECK (r == -1 && err && strstr (err, "unknown procedure"), "unknown proc: %s", err ? err : "");
  free (err);

  /* truncated arguments */
  send_call (GUESTFS_PROC_CAT, NULL, NULL, 0);
  err = NULL;
  r = recv_reply (GUESTFS_PROC_CAT, NULL, NULL, &err, NULL);
  CHECK (r == -1 && err && strstr (err, "decode"), "truncated args: %s", err ? err : "");
  free (err);

  /* unknown optargs bit */
  {
    struct guestfs_is_dir_args a = { "/", 0 };
    send_call (GUESTFS_PROC_IS_DIR, (xdrproc_t) xdr_guestfs_is_dir_args, &a, 0x10);
    err = NULL;
    r = recv_reply (GUESTFS_PROC_IS_DIR, (xdrproc_t) xdr_guestfs_is_dir_ret, NULL, &err, NULL);
    CHECK (r == -1, "bad optargs bitmask accepted");
    free (err);
  }

  /* a hostile string length inside the arguments */
  {
    char buf[128];
    struct guestfs_message_header h = {
      .prog = GUESTFS_PROGRAM, .vers = GUESTFS_PROTOCOL_VERSION,
      .proc = GUESTFS_PROC_CAT, .direction = GUESTFS_DIRECTION_CALL,
      .serial = ++serial_counter, .status = GUESTFS_STATUS_OK,
    };
    XDR x;
    xdrmem_create (&x, buf, sizeof buf, XDR_ENCODE);
    xdr_guestfs_message_header (&x, &h);
    u_int huge = 0x4000000;   /* 64 MiB: more than the message holds */
    xdr_u_int (&x, &huge);
    send_framed (buf, xdr_getpos (&x));
    err = NULL;
    r = recv_reply (GUESTFS_PROC_CAT, NULL, NULL, &err, NULL);
    CHECK (r == -1, "huge string length accepted");
    free (err);
  }
  call_ok ("ping after malformed", GUESTFS_PROC_PING_DAEMON, NULL, NULL, NULL, NULL);
}

int
main (int argc, char *argv[])
{
  if (argc != 2) {
    fprintf (stderr, "usage: %s GUESTFSD\n", argv[0]);
    return EXIT_FAILURE;
  }
  signal (SIGPIPE, SIG_IGN);
  if (mkdtemp (tmpdir) == NULL) {
    perror ("mkdtemp");
    return EXIT_FAILURE;
  }
  snprintf (sysroot_dir, sizeof sysroot_dir, "%s/sysroot", tmpdir);
  snprintf (outside_file, sizeof outside_file, "%s/outside", tmpdir);
  mkdir (sysroot_dir, 0755);
  FILE *f = fopen (outside_file, "w");
  fputs ("outside", f);
  fclose (f);

  pid_t pid = start_daemon (argv[1]);
  test_files ();
  test_escapes ();
  test_transfers ();
  test_commands ();
  test_malformed ();

  /* an oversized length: the daemon must stop cleanly, not crash */
  send_word (GUESTFS_MESSAGE_MAX + 1);
  uint32_t len;
  char *b = recv_framed (&len);
  CHECK (b == NULL, "daemon answered an oversized message");
  free (b);
  close (sock);
  int status;
  waitpid (pid, &status, 0);
  CHECK (WIFEXITED (status), "daemon did not exit normally (status %#x)", status);

  cleanup_tmp ();
  if (failures) {
    fprintf (stderr, "%d failures\n", failures);
    return EXIT_FAILURE;
  }
  printf ("all daemon tests passed\n");
  return EXIT_SUCCESS;
}
