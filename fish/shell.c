/* guestfish: where commands come from -- the command line (split on ":"),
 * a script (stdin or -f FILE) or the interactive prompt -- and the
 * exit-on-error policy.
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "fish-internal.h"

/* The stream commands are read from (for "-<<END" here-documents). */
FILE *fish_input;

static int run_inline (const char *shell_cmd);

static int
run_shell (const char *shell_cmd)
{
  int st;

  fflush (stdout);
  st = system (shell_cmd);
  if (st == -1) {
    perror ("system");
    return -1;
  }
  return WIFEXITED (st) && WEXITSTATUS (st) == 0 ? 0 : -1;
}

/* Execute one line of input.  Returns 0, or -1 if it failed and the
 * failure should count (the line was not prefixed with '-'). */
int
execute_line (const char *line, int exit_on_error_default)
{
  struct parsed_line pl;
  int r = 0;

  if (parse_line (line, &pl) == -1) {
    free_parsed_line (&pl);
    return -1;
  }
  switch (pl.kind) {
  case LINE_EMPTY:
    break;
  case LINE_SHELL:
    r = run_shell (pl.shell);
    break;
  case LINE_INLINE:
    r = run_inline (pl.shell);
    break;
  case LINE_CMD:
    r = issue_command (pl.cmd, pl.argv, pl.pipe, pl.exit_on_error);
    if (!pl.exit_on_error)
      r = 0;
    break;
  default:
    r = -1;
  }
  free_parsed_line (&pl);
  return r;
}

/* "<!cmd": run CMD and execute its output as guestfish commands. */
static int
run_inline (const char *shell_cmd)
{
  FILE *pp;
  char *line = NULL;
  size_t cap = 0;
  ssize_t len;
  int r = 0, st;

  fflush (stdout);
  pp = popen (shell_cmd, "r");
  if (!pp) {
    perror ("popen");
    return -1;
  }
  while (!quit && (len = getline (&line, &cap, pp)) != -1) {
    if (len > 0 && line[len - 1] == '\n')
      line[len - 1] = '\0';
    if (execute_line (line, 1) == -1) {
      r = -1;
      if (!in_guestfish_shell)
        break;
    }
  }
  free (line);
  st = pclose (pp);
  if (st == -1) {
    perror ("pclose");
    return -1;
  }
  if (st != 0) {
    /* the reference reports a failed inline command this way */
    perror ("pclose");
    r = -1;
  }
  return r;
}

/* Commands given after the options: words separated by ":" words. */
int
run_argv_commands (int argc, char *argv[])
{
  int i = 0;

  input_lineno = 0;
  while (i < argc && !quit) {
    int start = i, exit_on_error = 1, r;
    char *cmd;

    while (i < argc && strcmp (argv[i], ":") != 0)
      i++;
    if (i > start) {
      char *saved = argv[i < argc ? i : argc];
      char **args = &argv[start + 1];
      cmd = argv[start];
      if (cmd[0] == '-') {
        exit_on_error = 0;
        cmd++;
      }
      argv[i < argc ? i : argc] = NULL;    /* terminate this command */
      r = issue_command (cmd, args, NULL, exit_on_error);
      if (i < argc)
        argv[i] = saved;
      if (r == -1 && exit_on_error)
        return -1;
    }
    i++;   /* skip ":" */
  }
  return 0;
}

/* Decode the escapes of $GUESTFISH_PS1 and friends: \\ \a \e \n \r
 * \NNN \xNN, and \[ \] (readline's invisible-text markers, prompt only). */
static char *
decode_prompt (const char *s, int is_prompt)
{
  char *out = malloc (strlen (s) + 1);
  size_t n = 0;

  if (!out)
    return NULL;
  while (*s) {
    if (*s != '\\' || s[1] == '\0') {
      out[n++] = *s++;
      continue;
    }
    s++;
    switch (*s) {
    case '\\': out[n++] = '\\'; s++; break;
    case 'a': out[n++] = '\a'; s++; break;
    case 'e': out[n++] = 033; s++; break;
    case 'n': out[n++] = '\n'; s++; break;
    case 'r': out[n++] = '\r'; s++; break;
    case '[': if (is_prompt) out[n++] = RL_PROMPT_START_IGNORE; s++; break;
    case ']': if (is_prompt) out[n++] = RL_PROMPT_END_IGNORE; s++; break;
    case 'x':
      if (isxdigit ((unsigned char) s[1]) && isxdigit ((unsigned char) s[2])) {
        char hex[3] = { s[1], s[2], 0 };
        out[n++] = (char) strtol (hex, NULL, 16);
        s += 3;
        break;
      }
      out[n++] = '\\';
      break;
    default:
      if (s[0] >= '0' && s[0] <= '7' && s[1] >= '0' && s[1] <= '7' &&
          s[2] >= '0' && s[2] <= '7') {
        out[n++] = (char) ((s[0] - '0') * 64 + (s[1] - '0') * 8 + (s[2] - '0'));
        s += 3;
      }
      else
        out[n++] = '\\';
    }
  }
  out[n] = '\0';
  return out;
}

/* Print $VAR (decoded) if it is set. */
static void
print_env_string (const char *var)
{
  const char *v = getenv (var);
  char *d;

  if (v && (d = decode_prompt (v, 0)) != NULL) {
    fputs (d, stdout);
    fflush (stdout);
    free (d);
  }
}

static char *
read_line_prompt (void)
{
  const char *ps1 = getenv ("GUESTFISH_PS1");
  char *prompt = ps1 ? decode_prompt (ps1, 1) : NULL;
  char *line = readline (prompt ? prompt : "><fs> ");

  free (prompt);
  if (line && *line)
    fish_add_history (line);
  if (line)
    print_env_string ("GUESTFISH_OUTPUT");
  return line;
}

static char *
read_line_file (FILE *fp)
{
  char *line = NULL;
  size_t cap = 0;
  ssize_t len = getline (&line, &cap, fp);

  if (len == -1) {
    free (line);
    return NULL;
  }
  if (len > 0 && line[len - 1] == '\n')
    line[--len] = '\0';
  return line;
}

static void
welcome (void)
{
  print_env_string ("GUESTFISH_INIT");
  printf ("\n"
          "Welcome to guestfish, the guest filesystem shell for\n"
          "editing virtual machine filesystems and disk images.\n"
          "\n"
          "Type: \u2018help\u2019 for help on commands\n"
          "      \u2018man\u2019 to read the manual\n"
          "      \u2018quit\u2019 to quit the shell\n"
          "\n");
}

/* Read and run commands until EOF or quit.  PROMPT: interactive. */
int
script (int prompt)
{
  FILE *fp = stdin;
  int global_r = 0;

  if (input_file) {
    fp = fopen (input_file, "r");
    if (!fp) {
      fprintf (stderr, "%s: open: %s: %s\n", program_name, input_file,
               strerror (errno));
      return -1;
    }
  }
  fish_input = fp;
  in_guestfish_shell = prompt;
  if (prompt) {
    welcome ();
    shell_init_interactive ();
  }
  input_lineno = 0;
  while (!quit) {
    char *line = prompt ? read_line_prompt () : read_line_file (fp);
    int r;

    if (!line) {
      if (prompt)
        printf ("\n");
      break;
    }
    input_lineno++;
    r = execute_line (line, !prompt);
    free (line);
    if (r == -1) {
      global_r = -1;
      if (!prompt)
        break;
    }
  }
  if (prompt) {
    if (quit)
      printf ("\n");
    shell_cleanup_interactive ();
    print_env_string ("GUESTFISH_RESTORE");
    global_r = 0;
  }
  if (fp != stdin)
    fclose (fp);
  fish_input = NULL;
  return global_r;
}

/* ---- history ---- */

static char *histfile;

void
fish_add_history (const char *line)
{
  add_history (line);
}

void
shell_init_interactive (void)
{
  const char *home = getenv ("HOME");

  rl_readline_name = "guestfish";
  fish_init_completion ();
  using_history ();
  stifle_history (500);
  if (home && asprintf (&histfile, "%s/.guestfish", home) != -1)
    read_history (histfile);
}

void
shell_cleanup_interactive (void)
{
  if (histfile) {
    write_history (histfile);
    free (histfile);
    histfile = NULL;
  }
}
