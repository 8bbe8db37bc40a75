/* Line and string helpers for the package database parsers (private to
 * daemon/inspect-apps-*.c). */
#ifndef GUESTFERRY_DAEMON_INSPECT_APPS_UTIL_H
#define GUESTFERRY_DAEMON_INSPECT_APPS_UTIL_H

#include <stddef.h>

/* Longest string field kept (descriptions are cut there). */
#define MAX_FIELD_LEN (64 * 1024)

struct line {
  const char *s;                /* not NUL-terminated */
  size_t len;
  int last;                     /* no more lines after this one */
};

/* The next '\n'-terminated line at *POS (without the '\n'); 0 at end. */
int next_line (const char *buf, size_t len, size_t *pos, struct line *line);
int line_has_prefix (const struct line *line, const char *prefix);

/* strndup that stops at an embedded NUL; NULL if out of memory. */
char *copy_span (const char *s, size_t n);
/* Replace *DST by a copy; -1 if out of memory. */
int replace_string (char **dst, const char *s, size_t n);
/* Append "\n" + S to *DST (just S if *DST is NULL), up to MAX_FIELD_LEN. */
int append_line (char **dst, const char *s, size_t n);
/* Non-negative decimal int, or -1. */
int parse_epoch (const char *s);

#endif
