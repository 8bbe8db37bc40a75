/* guestferry - guestfish, the guest filesystem shell.
 * Shared declarations between the hand-written parts of guestfish and the
 * generated command table (cmds-gen.c).
 */
#ifndef GUESTFERRY_FISH_H
#define GUESTFERRY_FISH_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "guestfs.h"

/* One guestfish command.  Generated API commands live in fish_commands[],
 * hand-written ones in fish_builtins[]. */
struct fish_command {
  const char *name;        /* dash form, "part-list" */
  const char *alias;       /* other accepted name(s) or NULL; several are
                              separated by spaces */
  const char *shortdesc;   /* one line, for the `help` listing */
  const char *synopsis;    /* "part-list device" */
  const char *help;        /* full text for `help CMD` */
  /* 0 ok, -1 error (message already printed), -2 usage error (already
     printed too). */
  int (*run) (const char *cmd, size_t argc, char *argv[]);
};

extern const struct fish_command fish_commands[];   /* generated, {NULL}-ended */
extern const struct fish_command fish_builtins[];   /* builtins.c */

extern guestfs_h *g;

/* ---- helpers called by the generated run_* functions (helpers.c) ---- */
int fish_parse_bool (const char *cmd, const char *argname, const char *s);
int fish_parse_int64 (const char *cmd, const char *argname, const char *s,
                      int64_t min, int64_t max, int64_t *ret);
char **fish_parse_string_list (const char *s);
void fish_free_strings (char **);
char *fish_file_in (const char *arg);
void fish_free_file_in (char *);
char *fish_file_out (const char *arg);
void fish_print_strings (char *const *);
void fish_print_table (char *const *);
void fish_print_buffer (const char *buf, size_t len);
int fish_usage_error (const char *cmd);
/* "add-drive: unknown optional argument \"foo:bar\"" */
int fish_unknown_optarg (const char *cmd, const char *arg);
/* "add-drive: optional argument \"readonly\" given more than once" */
int fish_duplicate_optarg (const char *cmd, const char *name);
/* Parses a size with the guestfish suffixes (1M, 10KB, ...). */
int fish_parse_size (const char *s, int64_t *ret);
/* Key arguments: prompt (or read stdin with --keys-from-stdin); NULL on
 * error.  fish_free_key wipes and frees. */
char *fish_read_key (const char *param);
void fish_free_key (char *key);

#endif
