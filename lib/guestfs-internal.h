/* guestferry library: internal declarations shared by lib/ and the
 * generated client code (actions-gen.c).  Nothing here is public ABI. */
#ifndef GUESTFS_INTERNAL_H
#define GUESTFS_INTERNAL_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>
#include <rpc/types.h>
#include <rpc/xdr.h>

#include "guestfs.h"

#define GF_PRINTF(a, b) __attribute__((format (printf, a, b)))

/* ---- cleanup helpers ---- */
static inline void gf_free_ptr (void *p) { free (*(void **) p); }
#define CLEANUP_FREE __attribute__((cleanup (gf_free_ptr)))
void guestfs_int_free_string_list (char **list);
static inline void gf_free_strv_ptr (char ***p) { guestfs_int_free_string_list (*p); }
#define CLEANUP_FREE_STRV __attribute__((cleanup (gf_free_strv_ptr)))
static inline void gf_close_ptr (int *fd) { if (*fd >= 0) close (*fd); }
#define CLEANUP_CLOSE __attribute__((cleanup (gf_close_ptr)))

/* ---- handle ---- */
enum guestfs_state { CONFIG = 0, LAUNCHING = 1, READY = 2, BUSY = 3, NO_HANDLE = 4 };

struct event_slot {
  uint64_t bitmask;                   /* 0 = free slot */
  guestfs_event_callback cb;
  void *opaque;
  int flags;
};

struct error_handler {
  guestfs_error_handler_cb cb;
  void *data;
  struct error_handler *next;         /* push/pop stack */
};

struct private_entry {
  char *key;
  void *data;
};

struct drive {
  char *filename;                     /* as given by the caller */
  char *format;                       /* NULL: let qemu probe */
  char *name;                         /* name hint (unused by us) */
  char *label;
  bool readonly;
  bool cache_unsafe;
  int discard;                        /* 0 disable, 1 enable, 2 besteffort */
  bool copyonread;
  int blocksize;                      /* 0: default */
  char *overlay;                      /* qcow2 overlay for read-only drives */
};

struct backend_ops;

/* One OS found by inspect_os (lib/inspect.c), from the daemon's key=value
 * list (docs/inspection.md).  Strings are named as the keys; NULL means
 * the key was absent (the reference's "unknown").  The lists are
 * NULL-terminated: mountpoints and drive_mappings alternate key, value. */
struct inspect_root {
  char *root, *type, *distro, *product_name, *product_variant;
  char *arch, *hostname, *osinfo, *format;
  char *package_format, *package_management;
  char *windows_systemroot, *windows_current_control_set;
  char *windows_software_hive, *windows_system_hive;
  int major_version, minor_version;
  int is_live, is_netinst, is_multipart;
  char **mountpoints, **filesystems, **drive_mappings;
};

struct guestfs_h {
  struct guestfs_h *next_handle;      /* global list for close-on-exit */
  bool close_on_exit;

  enum guestfs_state state;

  /* properties */
  bool verbose, trace, autosync, recovery_proc, pgroup, direct, network, selinux;
  int memsize, smp;
  char *program, *identifier;
  char *backend;                      /* "direct", "unix:/path", ... */
  char **backend_settings;            /* NULL-terminated, never NULL */
  char *path, *hv, *append;
  char *int_tmpdir, *env_tmpdir, *int_cachedir, *env_cachedir, *env_sockdir;

  /* errors */
  char *last_error;
  int last_errnum;
  guestfs_error_handler_cb error_cb;
  void *error_cb_data;
  struct error_handler *error_stack;
  guestfs_abort_cb abort_cb;

  /* events */
  struct event_slot *events;
  size_t nr_events;

  /* private data */
  struct private_entry *privates;
  size_t nr_privates;
  size_t private_iter;

  /* drives */
  struct drive **drives;
  size_t nr_drives;
  int scratch_counter;

  /* runtime */
  char *tmpdir;                       /* private per-handle dir, 0700 */
  char *sockdir;                      /* private dir for the socket if tmpdir is too long */
  const struct backend_ops *backend_ops;
  void *backend_data;
  int sock;                           /* connection to guestfsd, -1 if none */
  int console_fd;                     /* appliance console, -1 if none */
  uint32_t next_serial;
  volatile int user_cancel;           /* set from any thread / signal handler */
  char console_tail[2048];            /* last console bytes, for error messages */
  size_t console_tail_len;
  bool console_line_start;
  struct timespec launch_t0;

  /* inspection cache (inspect.c), replaced by each inspect_os */
  struct inspect_root *inspect_roots;
  size_t nr_inspect_roots;
};

/* ---- errors, debug, trace (errors.c) ---- */
void guestfs_int_error (guestfs_h *g, const char *fmt, ...) GF_PRINTF (2, 3);
void guestfs_int_error_errno (guestfs_h *g, int errnum, const char *fmt, ...) GF_PRINTF (3, 4);
void guestfs_int_perrorf (guestfs_h *g, const char *fmt, ...) GF_PRINTF (2, 3);
void guestfs_int_debug (guestfs_h *g, const char *fmt, ...) GF_PRINTF (2, 3);
void guestfs_int_warning (guestfs_h *g, const char *fmt, ...) GF_PRINTF (2, 3);
void guestfs_int_trace (guestfs_h *g, const char *fmt, ...) GF_PRINTF (2, 3);
int guestfs_int_trace_enabled (guestfs_h *g);
void guestfs_int_call_enter (guestfs_h *g, const char *name);
#define error(g, ...) guestfs_int_error ((g), __VA_ARGS__)
#define perrorf(g, ...) guestfs_int_perrorf ((g), __VA_ARGS__)
#define debug(g, ...) do { if ((g)->verbose) guestfs_int_debug ((g), __VA_ARGS__); } while (0)

/* allocation that calls the out-of-memory handler instead of returning NULL */
void *guestfs_int_safe_malloc (guestfs_h *g, size_t n);
void *guestfs_int_safe_calloc (guestfs_h *g, size_t n, size_t s);
void *guestfs_int_safe_realloc (guestfs_h *g, void *p, size_t n);
char *guestfs_int_safe_strdup (guestfs_h *g, const char *s);
char *guestfs_int_safe_asprintf (guestfs_h *g, const char *fmt, ...) GF_PRINTF (2, 3);
char **guestfs_int_copy_string_list (guestfs_h *g, char *const *list);
size_t guestfs_int_count_strings (char *const *list);
#define safe_strdup guestfs_int_safe_strdup
#define safe_asprintf guestfs_int_safe_asprintf

/* ---- events (events.c) ---- */
/* Returns true if a callback took the event. */
bool guestfs_int_call_callbacks (guestfs_h *g, uint64_t event, const char *buf,
                                 size_t buf_len, const uint64_t *array, size_t array_len);
bool guestfs_int_has_callback (guestfs_h *g, uint64_t event);
void guestfs_int_appliance_output (guestfs_h *g, const char *buf, size_t len);

/* ---- state (handle.c) ---- */
int guestfs_int_is_ready (guestfs_h *g);
const char *guestfs_int_state_name (int state);

/* ---- temporary directories (tmpdirs.c) ---- */
int guestfs_int_lazy_make_tmpdir (guestfs_h *g);
char *guestfs_int_make_sockpath (guestfs_h *g, const char *name);
void guestfs_int_remove_tmpdirs (guestfs_h *g);
int guestfs_int_rmtree (const char *dir);
const char *guestfs_int_cachedir (guestfs_h *g);

/* ---- running host programs (command.c) ---- */
/* Run argv; capture stdout into *out (may be NULL) and stderr into
 * *err (may be NULL).  Returns the wait status, or -1 if it could not run. */
int guestfs_int_run_command (guestfs_h *g, char *const *argv, char **out, char **err);
/* Error message from a failed command's status and stderr. */
void guestfs_int_command_error (guestfs_h *g, const char *what, int status, const char *err);

/* ---- qemu-img info (info.c) ---- */
struct disk_info { char *format; int64_t virtual_size; char *backing_filename; };
int guestfs_int_disk_info (guestfs_h *g, const char *filename, struct disk_info *info);
void guestfs_int_disk_info_free (struct disk_info *info);
/* Value of a top-level key of a JSON object: string (malloc'd, unescaped) or
 * number/literal text.  NULL if absent or malformed. */
char *guestfs_int_json_get (const char *json, const char *key);

/* ---- drives (drives.c) ---- */
void guestfs_int_free_drives (guestfs_h *g);
int guestfs_int_drive_overlay (guestfs_h *g, struct drive *drv);

/* ---- backends and launch (launch.c) ---- */
struct backend_ops {
  const char *name;                   /* "direct" or prefix "unix:" */
  bool is_prefix;
  int (*launch) (guestfs_h *g, const char *arg);
  /* Stop the appliance.  check: report a bad exit status as an error. */
  int (*shutdown) (guestfs_h *g, bool check);
  int (*get_pid) (guestfs_h *g);
  int (*max_disks) (guestfs_h *g);
};
extern const struct backend_ops guestfs_int_backend_direct;
extern const struct backend_ops guestfs_int_backend_unix;
const struct backend_ops *guestfs_int_find_backend (const char *backend, const char **arg);
const char *guestfs_int_get_backend_setting (guestfs_h *g, const char *name);
/* The appliance died or broke the protocol: stop it, back to CONFIG. */
void guestfs_int_kill_appliance (guestfs_h *g);
int64_t guestfs_int_elapsed_ms (guestfs_h *g);
int guestfs_int_wait_for_launch_flag (guestfs_h *g, int timeout_ms);

/* ---- connection I/O (conn.c) ---- */
enum { CONN_OK = 0, CONN_EOF = -1, CONN_ERR = -2, CONN_TIMEOUT = -3, CONN_CANCEL = -4 };
/* Read exactly n bytes from the socket, forwarding console output meanwhile. */
int guestfs_int_conn_read (guestfs_h *g, void *buf, size_t n, int timeout_ms);
/* Write n bytes.  If cancel_seen is not NULL, words the daemon sends
 * meanwhile are read: CANCEL_FLAG sets *cancel_seen, progress is emitted. */
int guestfs_int_conn_write (guestfs_h *g, const void *buf, size_t n, bool *cancel_seen);
/* Forward pending console output (non-blocking). */
void guestfs_int_drain_console (guestfs_h *g, int timeout_ms);
void guestfs_int_close_conn (guestfs_h *g);
/* Handle a PROGRESS_FLAG word already read: read and emit the event. */
int guestfs_int_handle_progress (guestfs_h *g);

/* ---- protocol client (proto.c) ---- */
int guestfs_int_rpc (guestfs_h *g, const char *fn, int proc_nr,
                     uint64_t progress_hint, uint64_t optargs_bitmask,
                     xdrproc_t xdr_args, void *args,
                     xdrproc_t xdr_ret, void *ret,
                     const char *file_in, const char *file_out);
int guestfs_int_errno_from_string (const char *name);

/* ---- inspection cache (inspect.c) ---- */
void guestfs_int_free_inspect_roots (guestfs_h *g);
/* The cached root ROOT, or NULL with the reference's error set
 * ("ROOT: root device not found: ..."; the getters prefix their name). */
const struct inspect_root *guestfs_int_inspect_find_root (guestfs_h *g,
                                                         const char *root);
/* The same without setting an error. */
const struct inspect_root *guestfs_int_inspect_lookup_root (guestfs_h *g,
                                                           const char *root);
#define INSPECT_NO_ROOT "root device not found: only call this function " \
  "with a root device previously returned by guestfs_inspect_os"

/* ---- hand-written implementations of library-side calls ---- */
int guestfs_impl_set_verbose (guestfs_h *g, int v);
int guestfs_impl_get_verbose (guestfs_h *g);
int guestfs_impl_set_trace (guestfs_h *g, int v);
int guestfs_impl_get_trace (guestfs_h *g);
int guestfs_impl_set_autosync (guestfs_h *g, int v);
int guestfs_impl_get_autosync (guestfs_h *g);
int guestfs_impl_set_recovery_proc (guestfs_h *g, int v);
int guestfs_impl_get_recovery_proc (guestfs_h *g);
int guestfs_impl_set_pgroup (guestfs_h *g, int v);
int guestfs_impl_get_pgroup (guestfs_h *g);
int guestfs_impl_set_network (guestfs_h *g, int v);
int guestfs_impl_get_network (guestfs_h *g);
int guestfs_impl_set_direct (guestfs_h *g, int v);
int guestfs_impl_get_direct (guestfs_h *g);
int guestfs_impl_set_selinux (guestfs_h *g, int v);
int guestfs_impl_get_selinux (guestfs_h *g);
int guestfs_impl_set_memsize (guestfs_h *g, int memsize);
int guestfs_impl_get_memsize (guestfs_h *g);
int guestfs_impl_set_smp (guestfs_h *g, int smp);
int guestfs_impl_get_smp (guestfs_h *g);
int guestfs_impl_set_path (guestfs_h *g, const char *path);
const char *guestfs_impl_get_path (guestfs_h *g);
int guestfs_impl_set_append (guestfs_h *g, const char *append);
const char *guestfs_impl_get_append (guestfs_h *g);
int guestfs_impl_set_program (guestfs_h *g, const char *program);
const char *guestfs_impl_get_program (guestfs_h *g);
int guestfs_impl_set_identifier (guestfs_h *g, const char *id);
const char *guestfs_impl_get_identifier (guestfs_h *g);
int guestfs_impl_set_backend (guestfs_h *g, const char *backend);
char *guestfs_impl_get_backend (guestfs_h *g);
int guestfs_impl_set_attach_method (guestfs_h *g, const char *backend);
char *guestfs_impl_get_attach_method (guestfs_h *g);
int guestfs_impl_set_hv (guestfs_h *g, const char *hv);
char *guestfs_impl_get_hv (guestfs_h *g);
int guestfs_impl_set_qemu (guestfs_h *g, const char *hv);
const char *guestfs_impl_get_qemu (guestfs_h *g);
int guestfs_impl_set_tmpdir (guestfs_h *g, const char *dir);
char *guestfs_impl_get_tmpdir (guestfs_h *g);
int guestfs_impl_set_cachedir (guestfs_h *g, const char *dir);
char *guestfs_impl_get_cachedir (guestfs_h *g);
char *guestfs_impl_get_sockdir (guestfs_h *g);
int guestfs_impl_set_backend_settings (guestfs_h *g, char *const *settings);
char **guestfs_impl_get_backend_settings (guestfs_h *g);
char *guestfs_impl_get_backend_setting (guestfs_h *g, const char *name);
int guestfs_impl_set_backend_setting (guestfs_h *g, const char *name, const char *val);
int guestfs_impl_clear_backend_setting (guestfs_h *g, const char *name);
int guestfs_impl_parse_environment (guestfs_h *g);
int guestfs_impl_parse_environment_list (guestfs_h *g, char *const *env);
struct guestfs_version *guestfs_impl_version (guestfs_h *g);
int guestfs_impl_get_state (guestfs_h *g);
int guestfs_impl_is_config (guestfs_h *g);
int guestfs_impl_is_launching (guestfs_h *g);
int guestfs_impl_is_ready (guestfs_h *g);
int guestfs_impl_is_busy (guestfs_h *g);
int guestfs_impl_get_pid (guestfs_h *g);
int guestfs_impl_max_disks (guestfs_h *g);
int guestfs_impl_launch (guestfs_h *g);
int guestfs_impl_shutdown (guestfs_h *g);
int guestfs_impl_kill_subprocess (guestfs_h *g);
int guestfs_impl_user_cancel (guestfs_h *g);
int guestfs_impl_wait_ready (guestfs_h *g);
int guestfs_impl_add_drive (guestfs_h *g, const char *filename,
                                 const struct guestfs_add_drive_opts_argv *optargs);
int guestfs_impl_add_drive_ro (guestfs_h *g, const char *filename);
int guestfs_impl_add_drive_with_if (guestfs_h *g, const char *filename, const char *iface);
int guestfs_impl_add_drive_ro_with_if (guestfs_h *g, const char *filename, const char *iface);
int guestfs_impl_add_drive_scratch (guestfs_h *g, int64_t size,
                                    const struct guestfs_add_drive_scratch_argv *optargs);
int guestfs_impl_disk_create (guestfs_h *g, const char *filename, const char *format,
                              int64_t size, const struct guestfs_disk_create_argv *optargs);
char *guestfs_impl_disk_format (guestfs_h *g, const char *filename);
int64_t guestfs_impl_disk_virtual_size (guestfs_h *g, const char *filename);
int guestfs_impl_disk_has_backing_file (guestfs_h *g, const char *filename);

#endif /* GUESTFS_INTERNAL_H */
