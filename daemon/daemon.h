/* guestfsd: declarations shared by the daemon's source files and by the
 * generated dispatch code (actions-gen.h includes this file). */

#ifndef GUESTFSD_DAEMON_H
#define GUESTFSD_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/types.h>
#include <rpc/types.h>
#include <rpc/xdr.h>

#include "guestfs_protocol.h"

/* ---- global state (main.c, proto.c) ------------------------------------ */

extern int verbose;                 /* guestfs_verbose=1 or --verbose */
extern int am_pid1;                 /* running as the appliance's init */
extern const char *sysroot;         /* "/sysroot", or --sysroot DIR */
extern size_t sysroot_len;

/* The call being served (set by the protocol loop before dispatch). */
extern uint64_t optargs_bitmask;
extern uint64_t progress_hint;
extern uint32_t proc_nr;
extern uint32_t call_serial;

/* ---- logging (log.c) ---------------------------------------------------- */

/* Debug messages: only with verbose.  Errors: always, to stderr. */
void debug (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
void log_error (const char *fmt, ...) __attribute__((format (printf, 1, 2)));

/* write(2) all of BUF, retrying on EINTR; 0, or -1 with errno (util.c). */
int write_all (int fd, const void *buf, size_t len);

/* ---- cleanup helpers ---------------------------------------------------- */

void cleanup_free (void *ptr);
void cleanup_free_string_list (void *ptr);
void cleanup_close (void *ptr);
void cleanup_fclose (void *ptr);
void cleanup_closedir (void *ptr);
#define CLEANUP_FREE __attribute__((cleanup (cleanup_free)))
#define CLEANUP_FREE_STRING_LIST __attribute__((cleanup (cleanup_free_string_list)))
#define CLEANUP_CLOSE __attribute__((cleanup (cleanup_close)))
#define CLEANUP_FCLOSE __attribute__((cleanup (cleanup_fclose)))
#define CLEANUP_CLOSEDIR __attribute__((cleanup (cleanup_closedir)))

/* ---- replies (proto.c) -------------------------------------------------- */

int reply_with_error (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
int reply_with_perror (const char *fmt, ...) __attribute__((format (printf, 1, 2)));
int reply_with_error_errno (int err, const char *fmt, ...)
  __attribute__((format (printf, 2, 3)));
void reply (xdrproc_t xdr_ret, char *ret);
int reply_sent (void);

/* errno <-> symbolic name ("ENOENT"); errnos.c */
const char *errno_to_name (int err);

/* ---- file transfer (fileio.c) ------------------------------------------- */

typedef int (*receive_cb) (void *opaque, const void *buf, size_t len);
int receive_file (receive_cb cb, void *opaque);
int cancel_receive (void);
int send_file_write (const void *buf, size_t len);
int send_file_end (int cancel);
void notify_progress (uint64_t position, uint64_t total);

/* ---- protocol loop (proto.c) -------------------------------------------- */

void proto_set_channel (int fd);
int proto_channel (void);
void proto_send_launch_flag (void);
void proto_serve (void);          /* returns on EOF */
/* Low-level framing, used by fileio.c. */
int proto_read_full (void *buf, size_t len);   /* 0 ok, -1 error/EOF */
int proto_write_full (const void *buf, size_t len);
int proto_recv_message (char **buf, uint32_t *len); /* 0 ok, 1 flag, -1 */
int proto_recv_message_into (char *buf, uint32_t *len); /* caller's buffer */
int proto_filein_pending (void);
void proto_set_filein_done (void);
int proto_is_filein_proc (uint32_t proc);

/* ---- argument checks (checks.c) ----------------------------------------- */

int daemon_check_device (const char *device);
int daemon_check_path (const char *path);
int daemon_check_mountable (const char *m);
int daemon_check_dev_or_path (const char *m);
int is_device_arg (const char *s);   /* starts with /dev/ */

/* ---- sysroot path resolution (sysroot.c) -------------------------------- */

/* sysroot + path, textually (for messages and for programs that take a
 * path; prefer the fd helpers below for anything the guest controls). */
char *sysroot_path (const char *path);
/* O_PATH fd on the current sysroot (reopened: mounts change it). */
int sysroot_dirfd (void);
/* Open PATH inside the sysroot: symlinks and ".." cannot leave it. */
int sysroot_open (const char *path, int flags, mode_t mode);
/* Open the parent directory of PATH (O_PATH|O_DIRECTORY) and return the
 * last component in *base (malloc'd).  For "/", *base is ".". */
int sysroot_open_parent (const char *path, char **base);
/* Resolve PATH inside the sysroot to a real path in the appliance (no
 * symlinks left), for programs and mount(2).  malloc'd, or NULL + errno. */
char *sysroot_realpath (const char *path);

/* ---- running programs (command.c) --------------------------------------- */

#define CMD_CHROOT       1   /* run inside the sysroot */
#define CMD_STDERR_TO_OUT 2  /* merge stderr into out */

/* Run argv[0] (searched in PATH) with the args; never a shell.
 * Returns the exit status (0..255), or -1 if it could not be run or was
 * killed.  *out / *err (if non-NULL) get the captured output. */
int commandrvf (char **out, char **err, unsigned flags, const char *const *argv);
/* Like commandrvf but any non-zero exit is -1. */
int commandvf (char **out, char **err, unsigned flags, const char *const *argv);
int command (char **out, char **err, const char *name, ...)
  __attribute__((sentinel));
int commandr (char **out, char **err, const char *name, ...)
  __attribute__((sentinel));
/* Trim trailing newlines in place. */
void trim_newlines (char *s);

/* ---- string lists (strings.c) ------------------------------------------- */

struct stringsbuf {
  char **argv;
  size_t size;
  size_t alloc;
};
#define DECLARE_STRINGSBUF(v) struct stringsbuf v = { NULL, 0, 0 }
/* All of these reply with an error and return -1 on failure. */
int add_string (struct stringsbuf *sb, const char *s);
int add_string_nodup (struct stringsbuf *sb, char *s);
int add_sprintf (struct stringsbuf *sb, const char *fmt, ...)
  __attribute__((format (printf, 2, 3)));
int end_stringsbuf (struct stringsbuf *sb);
char **take_stringsbuf (struct stringsbuf *sb);
void free_stringsbuf (struct stringsbuf *sb);
void free_string_list (char **l);
size_t count_strings (char *const *l);
void sort_strings (char **l, size_t n);
/* Split text into lines (LF or CRLF; no trailing empty line).  NULL +
 * reply on error. */
char **split_lines (char *text);
int compare_device_names (const char *a, const char *b);

/* ---- devices (devices.c) ------------------------------------------------ */

char **list_whole_devices (void);   /* sorted, no reply on error */
char **list_all_partitions (void);  /* sorted, no reply on error */
int is_whole_device (const char *dev);
/* Wait until the partition nodes of DEVICE match the kernel's table. */
void reread_partitions (const char *device);
/* A btrfs subvolume as a mountable: "btrfsvol:DEVICE/SUBVOLUME". */
#define BTRFSVOL_PREFIX "btrfsvol:"
int is_btrfsvol (const char *mountable);
/* Its DEVICE (malloc'd; the shortest prefix that is a block device) and
 * *SUBVOL (pointing into MOUNTABLE).  NULL + errno (EINVAL: malformed). */
char *btrfsvol_split (const char *mountable, const char **subvol);
/* What mount(8) gets for MOUNTABLE with OPTIONS: the device and the
 * options with "subvol=SUBVOLUME" first for a btrfsvol (both malloc'd).
 * 0, or -1 after replying. */
int mountable_options (const char *mountable, const char *options,
                       char **device, char **all_options);

/* ---- LVM (lvm.c) ------------------------------------------------------- */

int have_lvm_pvs (void);
void lvm_activate_all (void);
char **lvm_list_lvs (void);                 /* "/dev/VG/LV", sorted */
char *lvm_canonical_name (const char *dev); /* /dev/mapper/.. -> /dev/VG/LV */

/* ---- mounts (mount.c) --------------------------------------------------- */

int umount_all_sysroot (void);      /* no reply; used at shutdown too */

/* ---- init (init.c, modules.c) ------------------------------------------- */

void init_pid1 (void);
int load_modules (const char *list_file);
int find_channel (char **path_r);
int wait_for_disks (void);            /* returns the number of SCSI devices */
void shutdown_appliance (void) __attribute__((noreturn));

/* ---- transfer group (transfer-proc.c): streaming child processes ------- */

struct xproc {
  pid_t pid;
  int out_fd;            /* read end of the child's stdout, or -1 */
  int err_fd;            /* temporary file holding the child's stderr */
  const char *name;
};
struct xproc_opts {
  int cwd_fd;                        /* fchdir here first (-1: no) */
  int (*setup) (void *opaque);       /* run in the child before exec */
  void *opaque;
};
struct feed { int fd; uint64_t done; };
#define XPROC_PIPE (-2)
/* Start argv with stdin from IN_FD (-1: /dev/null), stdout to OUT_FD
 * (-1: /dev/null; XPROC_PIPE: a pipe read from p->out_fd).  -1 + errno
 * on failure. */
int xproc_start (struct xproc *p, const char *const *argv, int in_fd,
                 int out_fd, const struct xproc_opts *o);
/* Same, with stdin a new pipe whose write end is returned in *IN_W. */
int xproc_start_stdin_pipe (struct xproc *p, const char *const *argv,
                            int *in_w, int out_fd,
                            const struct xproc_opts *o);
/* Wait: exit status, or -1 (signal).  *ERR_R: its stderr, malloc'd. */
int xproc_wait (struct xproc *p, char **err_r);
void xproc_kill (struct xproc *p);
/* Read the child's stdout to its end (*OUT, malloc'd, NUL-terminated),
 * sending pulse-mode progress (0 of 1) while it runs and 1 of 1 at the
 * end, for calls whose length cannot be known.  0, or -1 with errno. */
int xproc_read_pulse (struct xproc *p, char **out);
/* FileIn chunks -> FD.  Same returns as receive_file. */
int receive_to_fd (int fd);
/* FD's contents -> FileOut chunks (no header/end). 0, -1 errno, -2 cancelled. */
int send_fd_contents (int fd, uint64_t total);
/* FileOut the child's stdout: OK header, chunks, end; on failure a cancel
 * chunk and an error reply "WHAT: stderr".  Returns 0 or -1 (replied). */
int stream_out_of_proc (struct xproc *p, const char *what);
/* FileIn chunks into IN_W (closed here), then wait: 0 or -1 (replied). */
int stream_into_proc (struct xproc *p, int in_w, const char *what);
/* A Dev_or_Path argument opened: devices directly, paths in the sysroot
 * (offset.c). */
int open_dev_or_path (const char *name, int flags, mode_t mode);
/* "md5" -> "md5sum" etc. (any case); NULL if unknown (checksums.c). */
const char *checksum_program (const char *csumtype);
/* "gzip" -> "--gzip" etc. for tar; NULL if unknown. */
const char *tar_compress_flag (const char *compress);

/* ---- fs group helpers (fs-util.c) --------------------------------------- */

/* Run ARGV; on failure reply "WHAT: <stderr+stdout>" and return -1. */
int fs_run (const char *what, const char *const *argv);
/* Run ARGV and return its stdout (malloc'd); NULL after replying. */
char *fs_run_out (const char *what, const char *const *argv);
/* Guest path -> appliance path (must exist); NULL after replying. */
char *fs_guest_path (const char *path);
/* Same for a path whose parent exists but itself may not. */
char *fs_guest_new_path (const char *path);
/* Filesystem type of DEVICE ("" if unknown); NULL if unreadable. */
char *fs_probe_type (const char *device);
/* DEVICE's superblock TAG (TYPE, LABEL, UUID) with libblkid (blkid.c):
 * malloc'd, "" if there is none, NULL + errno if unreadable. */
char *fs_probe_tag (const char *device, const char *tag);
/* The same, replying "DEVICE: strerror" when it returns NULL. */
char *fs_probe_tag_reply (const char *device, const char *tag);
int fs_is_ext (const char *type);
/* "key: value" lines -> key, value, ... list; NULL after replying. */
char **fs_parse_colon_pairs (const char *text);

/* An argv under construction (fs_argf strings are owned and freed by
 * fs_argv_free; the CLEANUP_FS_ARGV attribute does it). */
#define FS_ARGV_MAX 96
struct fs_argv {
  const char *argv[FS_ARGV_MAX];
  char *owned[FS_ARGV_MAX];
  size_t n, nowned;
  int failed;
};
void fs_arg (struct fs_argv *a, const char *s);
void fs_argf (struct fs_argv *a, const char *fmt, ...)
  __attribute__((format (printf, 2, 3)));
void fs_argv_free (struct fs_argv *a);
/* xfs_db -x running each of CMDS on DEVICE (fs-xfs.c); -1 after replying. */
int fs_xfs_db (const char *device, int imgfile, const char *const *cmds);
#define CLEANUP_FS_ARGV __attribute__((cleanup (fs_argv_free)))
/* DEVICE's btrfs subvolumes but the default one (fs-btrfs.c), for
 * list_filesystems; NULL (no reply) on error. */
char **btrfs_list_subvolume_paths (const char *device);

/* ---- block group helpers (block-util.c) -------------------------------- */

/* Replies "partition number must be >= 1" and returns -1 if PARTNUM < 1. */
int block_check_partnum (int partnum);
/* Run a partitioning tool on DEVICE, then wait for the partition nodes;
 * on failure reply "PROG: DEVICE: <stderr>" and return -1. */
int block_run_tool (const char *device, const char *const *argv);
/* ioctl on a block device opened read-only; replies and -1 on error. */
int block_ioctl (const char *device, unsigned long req, void *arg);
/* Accepts the GUID forms 8-4-4-4-12 hex digits, optionally in braces;
 * returns the bare form (malloc'd) or NULL after replying. */
char *block_guid_arg (const char *guid);

/* ---- lvm group (lvm-cmd.c, luks.c): LVM commands, LUKS key files ------- */

/* Run "lvm SUB --config <no-udev settings> ARGS...": 0, or -1 with *ERR
 * (malloc'd, may be NULL) holding lvm's complaint.  ARGS ends with NULL. */
int lvm_run (char **out, char **err, const char *sub, const char *const *args);
/* The same with varargs; on failure replies with lvm's stderr, -1. */
int lvm_cmd (char **out, const char *sub, ...) __attribute__((sentinel));
/* One report column of "lvm SUB -o FIELD [OBJ]": trimmed lines, empty ones
 * dropped.  NULL after replying on error. */
char **lvm_column (const char *sub, const char *field, const char *obj);
/* Write KEY to a fresh 0600 file under /tmp; its path, or NULL + reply. */
char *write_key_file (const char *key);
void remove_key_file (char **path);
#define CLEANUP_KEY_FILE __attribute__((cleanup (remove_key_file)))

/* ---- files group helpers (files-util.c) -------------------------------- */

/* Existing guest PATH -> appliance path, links resolved inside the
 * sysroot; NULL after replying "PATH: strerror". */
char *files_real (const char *path);
/* Like files_real if PATH exists; else the resolved parent + the last
 * component (for a destination).  NULL after replying. */
char *files_real_dest (const char *path);
/* The parent resolved, the last component kept as it is (for programs
 * that must not follow it).  NULL after replying. */
char *files_real_nofollow (const char *path);
/* Run ARGV; return its stdout (malloc'd) when the exit status is 0 (or
 * OKSTATUS, if >= 0, e.g. grep's 1); else reply "WHAT: stderr", NULL. */
char *files_run (const char *what, int okstatus, const char *const *argv);
/* "/proc/self/fd/FD" or "/proc/self/fd/FD/BASE", malloc'd (NULL: ENOMEM). */
char *files_fd_path (int fd, const char *base);

#endif /* GUESTFSD_DAEMON_H */
