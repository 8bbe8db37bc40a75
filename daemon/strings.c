/* NULL-terminated string lists, as the RStringList/RHashtable returns
 * want them. */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"

static int
grow (struct stringsbuf *sb)
{
  if (sb->size < sb->alloc)
    return 0;
  size_t n = sb->alloc ? sb->alloc * 2 : 16;
  char **p = realloc (sb->argv, n * sizeof (char *));
  if (p == NULL) {
    reply_with_perror ("realloc");
    return -1;
  }
  sb->argv = p;
  sb->alloc = n;
  return 0;
}

int
add_string_nodup (struct stringsbuf *sb, char *s)
{
  if (grow (sb) == -1) {
    free (s);
    return -1;
  }
  sb->argv[sb->size++] = s;
  return 0;
}

int
add_string (struct stringsbuf *sb, const char *s)
{
  char *c = NULL;
  if (s && (c = strdup (s)) == NULL)
    return reply_with_perror ("strdup");
  return add_string_nodup (sb, c);
}

int
add_sprintf (struct stringsbuf *sb, const char *fmt, ...)
{
  char *s;
  va_list ap;
  int r;

  va_start (ap, fmt);
  r = vasprintf (&s, fmt, ap);
  va_end (ap);
  if (r == -1)
    return reply_with_perror ("vasprintf");
  return add_string_nodup (sb, s);
}

int
end_stringsbuf (struct stringsbuf *sb)
{
  return add_string_nodup (sb, NULL);
}

char **
take_stringsbuf (struct stringsbuf *sb)
{
  char **r = sb->argv;
  sb->argv = NULL;
  sb->size = sb->alloc = 0;
  return r;
}

void
free_stringsbuf (struct stringsbuf *sb)
{
  for (size_t i = 0; i < sb->size; i++)
    free (sb->argv[i]);
  free (sb->argv);
  sb->argv = NULL;
  sb->size = sb->alloc = 0;
}

void
free_string_list (char **l)
{
  for (size_t i = 0; l && l[i]; i++)
    free (l[i]);
  free (l);
}

size_t
count_strings (char *const *l)
{
  size_t n = 0;
  while (l && l[n])
    n++;
  return n;
}

static int
cmp_str (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

void
sort_strings (char **l, size_t n)
{
  qsort (l, n, sizeof (char *), cmp_str);
}

char **
split_lines (char *text)
{
  DECLARE_STRINGSBUF (sb);
  char *p = text;

  while (p && *p) {
    char *nl = strchr (p, '\n');
    if (nl)
      *nl = '\0';
    size_t n = strlen (p);
    if (n > 0 && p[n - 1] == '\r')
      p[n - 1] = '\0';
    if (add_string (&sb, p) == -1)
      return NULL;
    p = nl ? nl + 1 : NULL;
  }
  if (end_stringsbuf (&sb) == -1)
    return NULL;
  return take_stringsbuf (&sb);
}

/* /dev/sdb < /dev/sdz < /dev/sdaa, and /dev/sda2 < /dev/sda10: compare the
 * alphabetic stem by length first, then the numeric suffix by value. */
int
compare_device_names (const char *a, const char *b)
{
  size_t la = strcspn (a, "0123456789"), lb = strcspn (b, "0123456789");
  size_t pa = la, pb = lb;

  /* common prefix "/dev/xd" then letters: shorter letter run first */
  if (la != lb)
    return la < lb ? -1 : 1;
  int c = strncmp (a, b, la);
  if (c != 0)
    return c;
  if (isdigit ((unsigned char) a[pa]) && isdigit ((unsigned char) b[pb])) {
    unsigned long na = strtoul (a + pa, NULL, 10), nb = strtoul (b + pb, NULL, 10);
    if (na != nb)
      return na < nb ? -1 : 1;
  }
  return strcmp (a, b);
}
