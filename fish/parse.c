/* guestfish: split one input line into a command, its arguments and an
 * optional pipe to a host command.
 *
 * Word rules: words are separated by spaces or tabs.  A word starting with
 * a double quote runs to the closing quote and understands C escapes; one
 * starting with a single quote is literal up to the next single quote; a
 * quoted word must be followed by whitespace or the end of the line.  Any
 * other word runs to the next whitespace (quotes inside it are literal).
 * An unquoted word starting with '|' starts the pipe: the rest of the line
 * goes to the host shell.  An unquoted word starting with '~' gets home
 * directory expansion.
 */
#include <config.h>

#include <ctype.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fish-internal.h"

static int
is_ws (char c)
{
  return c == ' ' || c == '\t';
}

static int
hexval (char c)
{
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Decode one escape at p (just after the backslash).  Returns the number
 * of characters consumed, or 0 if the escape is not valid. */
static size_t
decode_escape (const char *p, char *out)
{
  static const char simple_in[] = "abfnrtv\\\"'?";
  static const char simple_out[] = "\a\b\f\n\r\t\v\\\"'?";
  const char *q;

  if (*p && (q = strchr (simple_in, *p)) != NULL) {
    *out = simple_out[q - simple_in];
    return 1;
  }
  if (p[0] >= '0' && p[0] <= '7' && p[1] >= '0' && p[1] <= '7' &&
      p[2] >= '0' && p[2] <= '7') {
    int v = (p[0] - '0') * 64 + (p[1] - '0') * 8 + (p[2] - '0');
    if (v == 0 || v > 255)
      return 0;
    *out = (char) v;
    return 3;
  }
  if (p[0] == 'x' && hexval (p[1]) >= 0 && hexval (p[2]) >= 0) {
    int v = hexval (p[1]) * 16 + hexval (p[2]);
    if (v == 0)
      return 0;
    *out = (char) v;
    return 3;
  }
  return 0;
}

/* Parse a double-quoted word starting after the opening quote.  On success
 * stores the decoded word in *word and returns the position after the
 * closing quote; NULL on error (message printed). */
static const char *
parse_dquote (const char *start, char **word)
{
  const char *p = start;
  char *buf = malloc (strlen (start) + 1);
  size_t n = 0;

  if (!buf) {
    perror ("malloc");
    return NULL;
  }
  for (;;) {
    if (*p == '\0') {
      fprintf (stderr, "%s: unterminated double quote\n", program_name);
      free (buf);
      return NULL;
    }
    if (*p == '"')
      break;
    if (*p == '\\') {
      size_t used = decode_escape (p + 1, &buf[n]);
      if (used == 0) {
        fprintf (stderr,
                 "%s: invalid escape sequence in string (starting at offset %d)\n",
                 program_name, (int) (p - start));
        free (buf);
        return NULL;
      }
      n++;
      p += 1 + used;
      continue;
    }
    buf[n++] = *p++;
  }
  buf[n] = '\0';
  *word = buf;
  return p + 1;
}

static const char *
parse_squote (const char *start, char **word)
{
  const char *end = strchr (start, '\'');

  if (!end) {
    fprintf (stderr, "%s: unterminated single quote\n", program_name);
    return NULL;
  }
  *word = strndup (start, end - start);
  if (!*word) {
    perror ("strndup");
    return NULL;
  }
  return end + 1;
}

/* "~" and "~user" at the start of an unquoted word. */
char *
fish_expand_tilde (const char *word)
{
  const char *slash, *home = NULL;
  char *res;

  if (word[0] != '~')
    return strdup (word);
  slash = strchr (word, '/');
  if (!slash)
    slash = word + strlen (word);
  if (slash == word + 1) {
    home = getenv ("HOME");
    if (!home) {
      struct passwd *pw = getpwuid (getuid ());
      home = pw ? pw->pw_dir : NULL;
    }
  }
  else {
    char *user = strndup (word + 1, slash - word - 1);
    struct passwd *pw = user ? getpwnam (user) : NULL;
    free (user);
    home = pw ? pw->pw_dir : NULL;
  }
  if (!home)
    return strdup (word);
  if (asprintf (&res, "%s%s", home, slash) == -1)
    return NULL;
  return res;
}

static int
push_word (char ***argv, size_t *n, char *w)
{
  char **nv = realloc (*argv, (*n + 2) * sizeof *nv);

  if (!nv) {
    free (w);
    return -1;
  }
  nv[(*n)++] = w;
  nv[*n] = NULL;
  *argv = nv;
  return 0;
}

/* Tokenise the words of a command line (after any '-' prefix). */
static int
tokenise (const char *p, struct parsed_line *out)
{
  char **words = NULL;
  size_t n = 0;

  words = calloc (1, sizeof *words);
  if (!words)
    return -1;
  for (;;) {
    char *w = NULL;

    while (is_ws (*p))
      p++;
    if (*p == '\0')
      break;
    if (n > 0 && (*p == '"' || *p == '\'')) {   /* the command word is raw */
      p = *p == '"' ? parse_dquote (p + 1, &w) : parse_squote (p + 1, &w);
      if (!p)
        goto fail;
      if (*p && !is_ws (*p)) {
        fprintf (stderr, "%s: command arguments not separated by whitespace\n",
                 program_name);
        free (w);
        goto fail;
      }
    }
    else if (*p == '|' && n > 0) {
      out->pipe = strdup (p + 1);
      break;
    }
    else {
      const char *e = p;
      while (*e && !is_ws (*e))
        e++;
      char *raw = strndup (p, e - p);
      if (!raw)
        goto fail;
      w = n > 0 && raw[0] == '~' ? fish_expand_tilde (raw) : (char *) NULL;
      if (w)
        free (raw);
      else
        w = raw;
      p = e;
    }
    if (push_word (&words, &n, w) == -1)
      goto fail;
  }
  if (n == 0) {
    free (words);
    free (out->pipe);
    out->pipe = NULL;
    out->kind = LINE_EMPTY;
    return 0;
  }
  out->cmd = words[0];
  /* shift: argv holds only the arguments */
  memmove (words, words + 1, n * sizeof *words);
  out->argv = words;
  out->kind = LINE_CMD;
  return 0;

 fail:
  fish_free_strings (words);
  free (out->pipe);
  out->pipe = NULL;
  return -1;
}

int
parse_line (const char *line, struct parsed_line *out)
{
  const char *p = line;

  memset (out, 0, sizeof *out);
  out->exit_on_error = 1;
  while (is_ws (*p))
    p++;
  /* strip a trailing newline / CR */
  if (*p == '\0' || *p == '\n' || *p == '#') {
    out->kind = LINE_EMPTY;
    return 0;
  }
  if (*p == '!') {
    out->kind = LINE_SHELL;
    out->shell = strdup (p + 1);
    return out->shell ? 0 : -1;
  }
  if (p[0] == '<' && p[1] == '!') {
    out->kind = LINE_INLINE;
    out->shell = strdup (p + 2);
    return out->shell ? 0 : -1;
  }
  if (*p == '-') {
    out->exit_on_error = 0;
    p++;
  }
  if (tokenise (p, out) == -1) {
    out->kind = LINE_ERROR;
    return -1;
  }
  return 0;
}

void
free_parsed_line (struct parsed_line *pl)
{
  free (pl->cmd);
  fish_free_strings (pl->argv);
  free (pl->pipe);
  free (pl->shell);
  memset (pl, 0, sizeof *pl);
}
