/* Library unit tests that need no appliance: handle, properties,
 * environment, errors, events, private data, drives. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>

#include "guestfs.h"
#include "tests.h"

static char captured[4096];
static int captured_count;

static void
capture_error (guestfs_h *g, void *opaque, const char *msg)
{
  snprintf (captured, sizeof captured, "%s", msg);
  captured_count++;
}

struct ev_log { char buf[8192]; int n; uint64_t last_event; uint64_t array[4]; size_t array_len; };

static void
log_event (guestfs_h *g, void *opaque, uint64_t event, int eh, int flags,
           const char *buf, size_t len, const uint64_t *array, size_t alen)
{
  struct ev_log *l = opaque;
  size_t used = strlen (l->buf);
  snprintf (l->buf + used, sizeof l->buf - used, "[%.*s]", (int) len, buf);
  l->n++;
  l->last_event = event;
}

static void
test_defaults (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  CHECK (g != NULL);
  CHECK (guestfs_get_memsize (g) == 1280);
  CHECK (guestfs_get_smp (g) == 1);
  char *b = guestfs_get_backend (g);
  CHECK_STR (b, "direct");
  free (b);
  CHECK (guestfs_get_autosync (g) == 1);
  CHECK (guestfs_get_recovery_proc (g) == 1);
  CHECK (guestfs_get_verbose (g) == 0);
  CHECK (guestfs_get_trace (g) == 0);
  CHECK (guestfs_get_pgroup (g) == 0);
  CHECK (guestfs_get_network (g) == 0);
  CHECK_STR (guestfs_get_program (g), "test-handle");
  CHECK_STR (guestfs_get_identifier (g), "");
  CHECK (guestfs_get_append (g) == NULL);
  char *t = guestfs_get_tmpdir (g);
  CHECK_STR (t, "/tmp");
  free (t);
  t = guestfs_get_cachedir (g);
  CHECK_STR (t, "/var/tmp");
  free (t);
  CHECK (guestfs_get_state (g) == 0);
  CHECK (guestfs_is_config (g) == 1);
  CHECK (guestfs_is_ready (g) == 0);
  CHECK (guestfs_is_launching (g) == 0);
  CHECK (guestfs_is_busy (g) == 0);
  struct guestfs_version *v = guestfs_version (g);
  CHECK (v && v->major == 1 && v->minor == 48);
  guestfs_free_version (v);
  CHECK (guestfs_create_flags (1 << 10) == NULL && errno == EINVAL);
  guestfs_close (g);
}

static void
test_property_errors (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, capture_error, NULL);
  CHECK (guestfs_set_memsize (g, 10) == -1);
  CHECK_STR (guestfs_last_error (g), "too small value for memsize (must be at least 256)");
  CHECK_STR (captured, "too small value for memsize (must be at least 256)");
  CHECK (guestfs_set_smp (g, 0) == -1);
  CHECK_STR (guestfs_last_error (g), "invalid smp parameter: 0");
  CHECK (guestfs_set_backend (g, "foo") == -1);
  CHECK_STR (guestfs_last_error (g), "invalid backend: foo");
  CHECK (guestfs_set_backend (g, "unix:/tmp/x.sock") == 0);
  CHECK (guestfs_set_backend (g, "appliance") == 0);
  CHECK (guestfs_set_identifier (g, "a b") == -1);
  CHECK (guestfs_set_identifier (g, "ok_id-1") == 0);
  CHECK_STR (guestfs_get_identifier (g), "ok_id-1");
  CHECK (guestfs_set_tmpdir (g, "/nonexistent-dir") == -1);
  CHECK (guestfs_last_errno (g) == ENOENT);
  CHECK (guestfs_set_tmpdir (g, "/") == 0);
  CHECK (guestfs_set_memsize (g, 500) == 0 && guestfs_get_memsize (g) == 500);
  CHECK (guestfs_set_append (g, "foo=1") == 0);
  CHECK_STR (guestfs_get_append (g), "foo=1");
  CHECK (guestfs_set_append (g, NULL) == 0 && guestfs_get_append (g) == NULL);
  guestfs_close (g);
}

static void
test_environment (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  char *env[] = {
    "LIBGUESTFS_MEMSIZE=512", "LIBGUESTFS_DEBUG=1", "LIBGUESTFS_TRACE=1",
    "LIBGUESTFS_BACKEND=unix:/tmp/sock", "LIBGUESTFS_BACKEND_SETTINGS=force_tcg:foo=bar",
    "LIBGUESTFS_TMPDIR=/var", "LIBGUESTFS_CACHEDIR=/usr", "LIBGUESTFS_HV=/bin/myqemu",
    "LIBGUESTFS_APPEND=quiet=0", "LIBGUESTFS_PATH=/opt/app", NULL };
  guestfs_set_error_handler (g, NULL, NULL);
  CHECK (guestfs_parse_environment_list (g, env) == 0);
  guestfs_set_trace (g, 0);
  guestfs_set_verbose (g, 0);
  char *env2[] = { "LIBGUESTFS_MEMSIZE=512", "LIBGUESTFS_DEBUG=1", "LIBGUESTFS_TRACE=1", NULL };
  guestfs_parse_environment_list (g, env2);
  CHECK (guestfs_get_memsize (g) == 512);
  CHECK (guestfs_get_verbose (g) == 1);
  CHECK (guestfs_get_trace (g) == 1);
  guestfs_set_trace (g, 0);
  guestfs_set_verbose (g, 0);
  char *s = guestfs_get_backend (g);
  CHECK_STR (s, "unix:/tmp/sock"); free (s);
  s = guestfs_get_backend_setting (g, "foo");
  CHECK_STR (s, "bar"); free (s);
  s = guestfs_get_backend_setting (g, "force_tcg");
  CHECK_STR (s, ""); free (s);
  CHECK (guestfs_get_backend_setting (g, "nope") == NULL && guestfs_last_errno (g) == ESRCH);
  CHECK (guestfs_set_backend_setting (g, "foo", "baz") == 0);
  s = guestfs_get_backend_setting (g, "foo");
  CHECK_STR (s, "baz"); free (s);
  CHECK (guestfs_clear_backend_setting (g, "foo") == 1);
  char **l = guestfs_get_backend_settings (g);
  CHECK (l && l[0] && strcmp (l[0], "force_tcg") == 0 && l[1] == NULL);
  for (size_t i = 0; l && l[i]; i++) free (l[i]);
  free (l);
  s = guestfs_get_tmpdir (g); CHECK_STR (s, "/var"); free (s);
  s = guestfs_get_cachedir (g); CHECK_STR (s, "/usr"); free (s);
  s = guestfs_get_hv (g); CHECK_STR (s, "/bin/myqemu"); free (s);
  CHECK_STR (guestfs_get_append (g), "quiet=0");
  CHECK_STR (guestfs_get_path (g), "/opt/app");
  char *bad[] = { "LIBGUESTFS_MEMSIZE=abc", NULL };
  CHECK (guestfs_parse_environment_list (g, bad) == -1);
  char *tmpdir_only[] = { "TMPDIR=/etc", NULL };
  guestfs_h *g2 = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_parse_environment_list (g2, tmpdir_only);
  s = guestfs_get_tmpdir (g2); CHECK_STR (s, "/etc"); free (s);
  s = guestfs_get_cachedir (g2); CHECK_STR (s, "/etc"); free (s);
  guestfs_close (g2);
  guestfs_close (g);
}

static void
test_error_handlers (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  void *data = (void *) 1;
  guestfs_error_handler_cb def = guestfs_get_error_handler (g, &data);
  CHECK (def != NULL);
  captured_count = 0;
  guestfs_push_error_handler (g, capture_error, (void *) 42);
  CHECK (guestfs_get_error_handler (g, &data) == capture_error && data == (void *) 42);
  guestfs_push_error_handler (g, NULL, NULL);
  guestfs_set_smp (g, -1);
  CHECK (captured_count == 0);
  CHECK_STR (guestfs_last_error (g), "invalid smp parameter: -1");
  guestfs_pop_error_handler (g);
  guestfs_set_smp (g, -2);
  CHECK (captured_count == 1);
  guestfs_pop_error_handler (g);
  CHECK (guestfs_get_error_handler (g, NULL) == def);
  guestfs_pop_error_handler (g);   /* empty stack: harmless */
  CHECK (guestfs_get_error_handler (g, NULL) == def);
  guestfs_set_error_handler (g, NULL, NULL);
  /* daemon call before launch */
  CHECK (guestfs_touch (g, "/x") == -1);
  CHECK_STR (guestfs_last_error (g),
             "touch: call launch before using this function\n"
             "(in guestfish, don't forget to use the 'run' command)");
  CHECK (guestfs_launch (g) == -1);
  CHECK_STR (guestfs_last_error (g), "you must call guestfs_add_drive before guestfs_launch");
  CHECK (guestfs_get_pid (g) == -1);
  guestfs_close (g);
}

static void
test_events (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  struct ev_log trace = { "", 0 }, enter = { "", 0 }, lib = { "", 0 }, closeev = { "", 0 };
  int th = guestfs_set_event_callback (g, log_event, GUESTFS_EVENT_TRACE, 0, &trace);
  int eh = guestfs_set_event_callback (g, log_event, GUESTFS_EVENT_ENTER, 0, &enter);
  int lh = guestfs_set_event_callback (g, log_event, GUESTFS_EVENT_LIBRARY, 0, &lib);
  guestfs_set_event_callback (g, log_event, GUESTFS_EVENT_CLOSE, 0, &closeev);
  CHECK (th >= 0 && eh >= 0 && lh >= 0 && th != eh);
  CHECK (guestfs_set_event_callback (g, log_event, 1 << 20, 0, NULL) == -1);
  guestfs_set_trace (g, 1);
  guestfs_get_memsize (g);
  CHECK_CONTAINS (trace.buf, "[get_memsize][get_memsize = 1280]");
  CHECK_CONTAINS (enter.buf, "[get_memsize]");
  guestfs_delete_event_callback (g, th);
  int n = trace.n;
  guestfs_get_memsize (g);
  CHECK (trace.n == n);
  guestfs_set_trace (g, 0);
  guestfs_set_verbose (g, 1);
  char qcow[] = "/tmp/gfeventsXXXXXX";
  close (mkstemp (qcow));
  guestfs_disk_create (g, qcow, "qcow2", 1024 * 1024, -1);   /* logs the qemu-img command */
  unlink (qcow);
  CHECK (lib.n > 0);
  guestfs_set_verbose (g, 0);
  guestfs_close (g);
  CHECK (closeev.n == 1 && closeev.last_event == GUESTFS_EVENT_CLOSE);

  char *s = guestfs_event_to_string (GUESTFS_EVENT_ALL);
  CHECK_STR (s, "appliance,close,enter,launch_done,library,libvirt_auth,progress,subprocess_quit,trace,warning");
  free (s);
  s = guestfs_event_to_string (GUESTFS_EVENT_PROGRESS | GUESTFS_EVENT_CLOSE);
  CHECK_STR (s, "close,progress"); free (s);
  s = guestfs_event_to_string (0);
  CHECK_STR (s, ""); free (s);
}

static void
test_private (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  const char *key;
  CHECK (guestfs_first_private (g, &key) == NULL);
  guestfs_set_private (g, "a", (void *) 1);
  guestfs_set_private (g, "b", (void *) 2);
  guestfs_set_private (g, "a", (void *) 3);
  CHECK (guestfs_get_private (g, "a") == (void *) 3);
  CHECK (guestfs_get_private (g, "c") == NULL);
  int count = 0;
  for (void *p = guestfs_first_private (g, &key); p; p = guestfs_next_private (g, &key))
    count++;
  CHECK (count == 2);
  guestfs_close (g);
}

static void
test_drives (void)
{
  guestfs_h *g = guestfs_create_flags (GUESTFS_CREATE_NO_ENVIRONMENT);
  guestfs_set_error_handler (g, NULL, NULL);
  CHECK (guestfs_add_drive (g, "/nonexist") == -1);
  CHECK_STR (guestfs_last_error (g), "/nonexist: No such file or directory");
  CHECK (guestfs_last_errno (g) == ENOENT);
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw!", -1) == -1);
  CHECK_STR (guestfs_last_error (g), "format parameter is empty or contains disallowed characters");
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_CACHEMODE, "foo", -1) == -1);
  CHECK_STR (guestfs_last_error (g), "cachemode parameter must be ‘writeback’ (default) or ‘unsafe’");
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_DISCARD, "foo", -1) == -1);
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_PROTOCOL, "foo", -1) == -1);
  CHECK_STR (guestfs_last_error (g), "unknown protocol ‘foo’");
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_LABEL, "a b", -1) == -1);
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_BLOCKSIZE, 1000, -1) == -1);
  CHECK_STR (guestfs_last_error (g), "blocksize parameter is invalid");
  CHECK (guestfs_add_drive_opts (g, "/etc/passwd", GUESTFS_ADD_DRIVE_OPTS_READONLY, 1,
                                 GUESTFS_ADD_DRIVE_OPTS_FORMAT, "raw", -1) == 0);
  CHECK (guestfs_add_drive_ro (g, "/etc/passwd") == 0);
  if (geteuid () != 0) {
    char tmpl[] = "/tmp/unreadableXXXXXX";
    int fd = mkstemp (tmpl);
    fchmod (fd, 0);
    close (fd);
    CHECK (guestfs_add_drive (g, tmpl) == -1);
    CHECK (guestfs_last_errno (g) == EACCES);
    unlink (tmpl);
  }
  /* disk_create */
  char dir[] = "/tmp/gftestXXXXXX";
  CHECK (mkdtemp (dir) != NULL);
  char raw[100], qcow[100];
  snprintf (raw, sizeof raw, "%s/a.img", dir);
  snprintf (qcow, sizeof qcow, "%s/b.qcow2", dir);
  CHECK (guestfs_disk_create (g, raw, "raw", 10 * 1024 * 1024, -1) == 0);
  struct stat st;
  CHECK (stat (raw, &st) == 0 && st.st_size == 10 * 1024 * 1024 && st.st_blocks == 0);
  CHECK (guestfs_disk_create (g, raw, "raw", 1024 * 1024,
                              GUESTFS_DISK_CREATE_PREALLOCATION, "full", -1) == 0);
  CHECK (stat (raw, &st) == 0 && st.st_blocks >= 2048);
  CHECK (guestfs_disk_create (g, raw, "raw", 1024, GUESTFS_DISK_CREATE_PREALLOCATION, "bad", -1) == -1);
  CHECK (guestfs_disk_create (g, raw, "vmdk", 1024, -1) == -1);
  CHECK (guestfs_disk_create (g, qcow, "qcow2", 10 * 1024 * 1024, -1) == 0);
  CHECK (access (qcow, R_OK) == 0);
  CHECK (guestfs_add_drive_opts (g, qcow, GUESTFS_ADD_DRIVE_OPTS_FORMAT, "qcow2", -1) == 0);
  CHECK (guestfs_add_drive_scratch (g, 100 * 1024 * 1024, -1) == 0);
  unlink (raw); unlink (qcow); rmdir (dir);
  guestfs_close (g);
}

int
main (void)
{
  test_defaults ();
  test_property_errors ();
  test_environment ();
  test_error_handlers ();
  test_events ();
  test_private ();
  test_drives ();
  TEST_EXIT ();
}
