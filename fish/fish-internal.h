/* guestferry - guestfish: declarations shared by the hand-written files
 * only.  Kept out of fish.h so that the generated code (which includes
 * fish.h) cannot clash with these names.
 */
#ifndef GUESTFERRY_FISH_INTERNAL_H
#define GUESTFERRY_FISH_INTERNAL_H

#include "fish.h"

/* ---- internal state (main.c) ---- */
extern int read_only;
extern int live;
extern int quit;
extern int verbose;
extern int command_num;        /* commands run so far (for the -a hint) */
extern int keys_from_stdin;
extern int echo_keys;
extern int pipe_error;
extern int in_guestfish_shell;  /* interactive prompt */
extern int progress_bars;
extern int remote_control;
extern int complete_dest_paths;
extern int echo_commands;       /* -x handled by set_trace; kept for compat */
extern const char *input_file;
extern int input_lineno;
extern const char *program_name;

/* handle creation + default settings; used at start and by `reopen` */
guestfs_h *fish_create_handle (void);

/* ---- command execution (exec.c) ---- */
/* Run one already-tokenised command; returns 0 / -1 (error). */
int issue_command (const char *cmd, char *argv[], const char *pipe_cmd,
                   int rc_exits_on_error);
const struct fish_command *find_command (const char *name);
/* Normalise underscore to dash, in place. */
void fish_normalise_name (char *name);
void list_commands (void);
int display_command (const char *cmd);

/* ---- line parsing (parse.c) ---- */
struct parsed_line {
  char *cmd;          /* command name */
  char **argv;        /* NULL-terminated */
  char *pipe;         /* shell command after " |", or NULL */
  int exit_on_error;  /* 0 when the line was prefixed with '-' */
  int kind;           /* LINE_EMPTY, LINE_CMD, LINE_SHELL, LINE_INLINE */
  char *shell;        /* for LINE_SHELL / LINE_INLINE */
};
enum { LINE_EMPTY, LINE_CMD, LINE_SHELL, LINE_INLINE, LINE_ERROR };
int parse_line (const char *line, struct parsed_line *out);
void free_parsed_line (struct parsed_line *pl);
/* Parse-level: tilde expansion of an unquoted word; returns malloc'd. */
char *fish_expand_tilde (const char *word);

/* ---- shell loops (shell.c) ---- */
int execute_line (const char *line, int exit_on_error_default);
int script (int prompt);               /* from stdin or input_file */
int run_argv_commands (int argc, char *argv[]);
void shell_init_interactive (void);
void shell_cleanup_interactive (void);
void fish_add_history (const char *line);

/* ---- options and drives (options.c) ---- */
struct drv {
  struct drv *next;
  enum { drv_a, drv_N, drv_d } type;
  char *filename;
  char *format;      /* -a --format */
  char *blocksize;
  /* -N */
  char *prep_type;
  char **prep_params;
  int prep_index;
  int dev_index;      /* 0 = /dev/sda */
};
struct mp {
  struct mp *next;
  char *device;
  char *mountpoint;
  char *options;
  char *fstype;
};
int add_drives (struct drv *drvs);
int mount_mps (struct mp *mps);
void free_drvs (struct drv *);
void free_mps (struct mp *);

/* ---- -N prepared disks (prep.c) ---- */
int prep_parse (const char *arg, int n, struct drv *drv);  /* 0 / -1 + message */
int prep_create (struct drv *drv);     /* disk_create: right after parsing */
int prep_after_launch (struct drv *drv);
void prep_list (void);

/* ---- events (events.c) ---- */
void free_event_handlers (void);
int run_event (const char *cmd, size_t argc, char *argv[]);
int run_list_events (const char *cmd, size_t argc, char *argv[]);
int run_delete_event (const char *cmd, size_t argc, char *argv[]);

/* ---- misc builtins in their own files ---- */
int run_alloc (const char *cmd, size_t argc, char *argv[]);
int run_sparse (const char *cmd, size_t argc, char *argv[]);
int run_edit (const char *cmd, size_t argc, char *argv[]);
int run_more (const char *cmd, size_t argc, char *argv[]);
int run_display (const char *cmd, size_t argc, char *argv[]);
int run_hexedit (const char *cmd, size_t argc, char *argv[]);
int run_copy_in (const char *cmd, size_t argc, char *argv[]);

int run_copy_out (const char *cmd, size_t argc, char *argv[]);
int run_glob (const char *cmd, size_t argc, char *argv[]);

/* ---- readline completion (completion.c) ---- */
void fish_init_completion (void);

/* ---- cleanup helpers ---- */
static inline void fish_cleanup_free (void *p) { free (*(void **) p); }
#define CLEANUP_FREE __attribute__((cleanup(fish_cleanup_free)))
void fish_cleanup_strings (void *p);
#define CLEANUP_FREE_STRINGS __attribute__((cleanup(fish_cleanup_strings)))

#endif
