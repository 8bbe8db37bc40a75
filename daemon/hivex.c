/* The hivex_* calls: one open Windows registry hive per daemon, read and
 * changed through libhivex.  Hives come from the guest and may be hostile:
 * libhivex checks every offset; here we bound what goes into a reply. */

#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <hivex.h>
#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

/* Replies carry at most this much data (the rest of a message is headers). */
#define MAX_REPLY_DATA (GUESTFS_MESSAGE_MAX - 4096)

static hive_h *hive;
static int hive_writable;       /* opened with write:true */

static int
no_hive (const char *fn)
{
  return reply_with_error ("%s: you must call 'hivex-open' first to "
                           "initialize the hivex handle", fn);
}

#define NEED_HIVE(errval)                       \
  do {                                          \
    if (hive == NULL) {                         \
      no_hive (__func__);                       \
      return (errval);                          \
    }                                           \
  } while (0)

/* Handles are offsets in the hive; libhivex rejects bad ones with EINVAL
 * but a negative int64 must not wrap into a valid-looking size_t. */
#define NEED_HANDLE(h, errval)                  \
  do {                                          \
    if ((h) < 0) {                              \
      errno = EINVAL;                           \
      reply_with_perror ("failed");             \
      return (errval);                          \
    }                                           \
  } while (0)

/* Changes to a hive opened without write:true fail as libhivex would. */
#define NEED_WRITABLE(errval)                   \
  do {                                          \
    if (!hive_writable) {                       \
      errno = EROFS;                            \
      reply_with_perror ("failed");             \
      return (errval);                          \
    }                                           \
  } while (0)

static void
close_hive (void)
{
  if (hive != NULL) {
    hivex_close (hive);
    hive = NULL;
  }
  hive_writable = 0;
}

int
do_hivex_open (const char *filename, int verbose_flag, int debug_flag,
               int write_flag, int unsafe_flag)
{
  int flags = 0;

  close_hive ();
  if (HAS (0) && verbose_flag)
    flags |= HIVEX_OPEN_VERBOSE;
  if (HAS (1) && debug_flag)
    flags |= HIVEX_OPEN_DEBUG;
  /* libhivex keeps a read-only hive mmap'd, which would keep the guest
   * filesystem busy (no umount, no repartitioning) until hivex_close.
   * Opened for writing it reads the hive into memory and holds nothing,
   * so we always do that and refuse changes ourselves unless asked. */
  flags |= HIVEX_OPEN_WRITE;
  if (HAS (3) && unsafe_flag)
    flags |= HIVEX_OPEN_UNSAFE;

  /* Symlinks are resolved inside the sysroot; the result has none left,
   * so libhivex (and a later commit to the same file) stays inside. */
  CLEANUP_FREE char *real = sysroot_realpath (filename);
  if (real == NULL)
    return reply_with_perror ("hivex failed to open %s", filename);
  hive = hivex_open (real, flags);
  if (hive == NULL)
    return reply_with_perror ("hivex failed to open %s", filename);
  hive_writable = HAS (2) && write_flag;
  return 0;
}

int
do_hivex_close (void)
{
  NEED_HIVE (-1);
  close_hive ();
  return 0;
}

/* Create (or truncate) FILENAME inside the sysroot and return its real
 * path in the appliance; NULL + errno. */
static char *
commit_target (const char *filename)
{
  int fd = sysroot_open (filename, O_WRONLY | O_CREAT | O_NOCTTY, 0666);
  if (fd == -1)
    return NULL;
  close (fd);
  return sysroot_realpath (filename);
}

int
do_hivex_commit (const char *filename)
{
  CLEANUP_FREE char *real = NULL;

  NEED_HIVE (-1);
  /* Checked before creating the target, which would be left empty. */
  if (!hive_writable) {
    errno = EROFS;
    return reply_with_perror ("%s: commit failed",
                              filename ? filename : "hive");
  }
  if (filename != NULL) {
    if (filename[0] != '/')
      return reply_with_error ("%s: path must start with a / character",
                               filename);
    real = commit_target (filename);
    if (real == NULL)
      return reply_with_perror ("%s: commit failed", filename);
  }
  if (hivex_commit (hive, real, 0) == -1)
    return reply_with_perror ("%s: commit failed",
                              filename ? filename : "hive");
  return 0;
}

int64_t
do_hivex_root (void)
{
  NEED_HIVE (-1);
  hive_node_h r = hivex_root (hive);
  if (r == 0)
    return reply_with_perror ("failed");
  return (int64_t) r;
}

char *
do_hivex_node_name (int64_t nodeh)
{
  NEED_HIVE (NULL);
  NEED_HANDLE (nodeh, NULL);
  char *r = hivex_node_name (hive, (hive_node_h) nodeh);
  if (r == NULL)
    reply_with_perror ("failed");
  return r;
}

/* Handles returned by libhivex (0-terminated) -> an XDR list of int64.
 * The *_val field is the same shape for nodes and values. */
static int64_t *
handles_to_array (const size_t *handles, uint32_t *len_r)
{
  size_t n = 0;
  while (handles[n] != 0)
    n++;
  if (n > MAX_REPLY_DATA / sizeof (int64_t)) {
    reply_with_error ("too many entries (%zu) to return", n);
    return NULL;
  }
  int64_t *a = calloc (n ? n : 1, sizeof *a);
  if (a == NULL) {
    reply_with_perror ("calloc");
    return NULL;
  }
  for (size_t i = 0; i < n; i++)
    a[i] = (int64_t) handles[i];
  *len_r = (uint32_t) n;
  return a;
}

/* HANDLES is what a libhivex listing call returned (NULL: it failed, with
 * errno set).  Returns 0 with the array, or -1 after replying. */
static int
handle_list (const size_t *handles, uint32_t *len_r, int64_t **val_r)
{
  if (handles == NULL)
    return reply_with_perror ("failed");
  *val_r = handles_to_array (handles, len_r);
  return *val_r ? 0 : -1;
}

guestfs_int_hivex_node_list *
do_hivex_node_children (int64_t nodeh)
{
  NEED_HIVE (NULL);
  NEED_HANDLE (nodeh, NULL);
  CLEANUP_FREE hive_node_h *children =
    hivex_node_children (hive, (hive_node_h) nodeh);
  uint32_t len = 0;
  int64_t *a = NULL;
  if (handle_list (children, &len, &a) == -1)
    return NULL;
  guestfs_int_hivex_node_list *r = calloc (1, sizeof *r);
  if (r == NULL) {
    reply_with_perror ("calloc");
    free (a);
    return NULL;
  }
  /* struct guestfs_int_hivex_node is { int64_t hivex_node_h; }. */
  r->guestfs_int_hivex_node_list_val = (guestfs_int_hivex_node *) a;
  r->guestfs_int_hivex_node_list_len = len;
  return r;
}

int64_t
do_hivex_node_get_child (int64_t nodeh, const char *name)
{
  NEED_HIVE (-1);
  NEED_HANDLE (nodeh, -1);
  errno = 0;
  hive_node_h r = hivex_node_get_child (hive, (hive_node_h) nodeh, name);
  if (r == 0 && errno != 0)
    return reply_with_perror ("failed");
  return (int64_t) r;
}

int64_t
do_hivex_node_parent (int64_t nodeh)
{
  NEED_HIVE (-1);
  NEED_HANDLE (nodeh, -1);
  hive_node_h r = hivex_node_parent (hive, (hive_node_h) nodeh);
  if (r == 0)
    return reply_with_perror ("failed");
  return (int64_t) r;
}

guestfs_int_hivex_value_list *
do_hivex_node_values (int64_t nodeh)
{
  NEED_HIVE (NULL);
  NEED_HANDLE (nodeh, NULL);
  CLEANUP_FREE hive_value_h *values =
    hivex_node_values (hive, (hive_node_h) nodeh);
  uint32_t len = 0;
  int64_t *a = NULL;
  if (handle_list (values, &len, &a) == -1)
    return NULL;
  guestfs_int_hivex_value_list *r = calloc (1, sizeof *r);
  if (r == NULL) {
    reply_with_perror ("calloc");
    free (a);
    return NULL;
  }
  r->guestfs_int_hivex_value_list_val = (guestfs_int_hivex_value *) a;
  r->guestfs_int_hivex_value_list_len = len;
  return r;
}

int64_t
do_hivex_node_get_value (int64_t nodeh, const char *key)
{
  NEED_HIVE (-1);
  NEED_HANDLE (nodeh, -1);
  errno = 0;
  hive_value_h r = hivex_node_get_value (hive, (hive_node_h) nodeh, key);
  if (r == 0 && errno != 0)
    return reply_with_perror ("failed");
  return (int64_t) r;
}

char *
do_hivex_value_key (int64_t valueh)
{
  NEED_HIVE (NULL);
  NEED_HANDLE (valueh, NULL);
  char *r = hivex_value_key (hive, (hive_value_h) valueh);
  if (r == NULL)
    reply_with_perror ("failed");
  return r;
}

/* Type and length of a value; -1 after replying. */
static int
value_type_len (int64_t valueh, hive_type *t, size_t *len)
{
  if (hivex_value_type (hive, (hive_value_h) valueh, t, len) == -1)
    return reply_with_perror ("failed");
  return 0;
}

int64_t
do_hivex_value_type (int64_t valueh)
{
  hive_type t;
  size_t len;

  NEED_HIVE (-1);
  NEED_HANDLE (valueh, -1);
  if (value_type_len (valueh, &t, &len) == -1)
    return -1;
  return (int64_t) t;
}

char *
do_hivex_value_value (int64_t valueh, size_t *size_r)
{
  hive_type t;
  size_t len;

  NEED_HIVE (NULL);
  NEED_HANDLE (valueh, NULL);
  /* Check the declared length before libhivex allocates the data. */
  if (value_type_len (valueh, &t, &len) == -1)
    return NULL;
  if (len > MAX_REPLY_DATA) {
    reply_with_error ("value is too large to return (%zu bytes)", len);
    return NULL;
  }
  char *r = hivex_value_value (hive, (hive_value_h) valueh, &t, &len);
  if (r == NULL) {
    reply_with_perror ("failed");
    return NULL;
  }
  *size_r = len;
  return r;
}

static char *
value_as_utf8 (int64_t valueh)
{
  hive_type t;
  size_t len;

  NEED_HIVE (NULL);
  NEED_HANDLE (valueh, NULL);
  if (value_type_len (valueh, &t, &len) == -1)
    return NULL;
  /* UTF-8 takes at most 3 bytes per UTF-16 unit (2 bytes). */
  if (len / 2 * 3 > MAX_REPLY_DATA) {
    reply_with_error ("value is too large to return (%zu bytes)", len);
    return NULL;
  }
  char *r = hivex_value_string (hive, (hive_value_h) valueh);
  if (r == NULL)
    reply_with_perror ("failed");
  return r;
}

char *
do_hivex_value_string (int64_t valueh)
{
  return value_as_utf8 (valueh);
}

char *
do_hivex_value_utf8 (int64_t valueh)
{
  return value_as_utf8 (valueh);
}

int64_t
do_hivex_node_add_child (int64_t parent, const char *name)
{
  NEED_HIVE (-1);
  NEED_HANDLE (parent, -1);
  NEED_WRITABLE (-1);
  hive_node_h r = hivex_node_add_child (hive, (hive_node_h) parent, name);
  if (r == 0)
    return reply_with_perror ("failed");
  return (int64_t) r;
}

int
do_hivex_node_delete_child (int64_t nodeh)
{
  NEED_HIVE (-1);
  NEED_HANDLE (nodeh, -1);
  NEED_WRITABLE (-1);
  if (hivex_node_delete_child (hive, (hive_node_h) nodeh) == -1)
    return reply_with_perror ("failed");
  return 0;
}

int
do_hivex_node_set_value (int64_t nodeh, const char *key, int64_t t,
                         const char *val, size_t val_size)
{
  NEED_HIVE (-1);
  NEED_HANDLE (nodeh, -1);
  NEED_WRITABLE (-1);
  if (t < 0 || t > UINT32_MAX)
    return reply_with_error ("invalid value type %" PRIi64, t);
  hive_set_value v = {
    .key = (char *) key,
    .t = (hive_type) t,
    .len = val_size,
    .value = (char *) val,
  };
  if (hivex_node_set_value (hive, (hive_node_h) nodeh, &v, 0) == -1)
    return reply_with_perror ("failed");
  return 0;
}
