/* Parsers of guest files for inspection: pure functions over a buffer
 * (see inspect-parse.h).  Guest files are hostile: every index is checked
 * against LEN and nothing assumes a terminating NUL. */

#include <config.h>

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "inspect-parse.h"

/* Versions beyond this are nonsense; clamping keeps the ints sane. */
#define VERSION_MAX 1000000000

/* [*POS, end of line) of BUF; advances *POS past the newline. */
static size_t
next_line (const char *buf, size_t len, size_t *pos, size_t *line_len)
{
  size_t start = *pos, i = start;
  while (i < len && buf[i] != '\n')
    i++;
  *line_len = i - start;
  *pos = i < len ? i + 1 : i;
  return start;
}

static int
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Shell-style unquoting of one value: '...', "..." with \ escapes, and
 * bare words with \ escapes; stops at an unquoted blank or '#'. */
static char *
unquote_value (const char *v, size_t n)
{
  char *r = malloc (n + 1);
  size_t o = 0, i = 0;
  char quote = 0;

  if (r == NULL)
    return NULL;
  while (i < n) {
    char c = v[i++];
    if (quote == '\'') {
      if (c == '\'')
        quote = 0;
      else
        r[o++] = c;
    }
    else if (quote == '"') {
      if (c == '"')
        quote = 0;
      else if (c == '\\' && i < n && strchr ("\"\\$`", v[i]))
        r[o++] = v[i++];
      else
        r[o++] = c;
    }
    else if (c == '\'' || c == '"')
      quote = c;
    else if (c == '\\' && i < n)
      r[o++] = v[i++];
    else if (is_blank (c) || c == '#')
      break;
    else
      r[o++] = c;
  }
  r[o] = '\0';
  return r;
}

char *
inspect_parse_kv (const char *buf, size_t len, const char *key, int unquote)
{
  size_t klen = strlen (key), pos = 0;
  char *found = NULL;

  while (pos < len) {
    size_t n, s = next_line (buf, len, &pos, &n);
    const char *l = buf + s;
    while (n > 0 && is_blank (*l))
      l++, n--;
    if (n >= 7 && memcmp (l, "export", 6) == 0 && is_blank (l[6])) {
      l += 7, n -= 7;
      while (n > 0 && is_blank (*l))
        l++, n--;
    }
    if (n <= klen || memcmp (l, key, klen) != 0 || l[klen] != '=')
      continue;
    const char *v = l + klen + 1;
    size_t vn = n - klen - 1;
    while (vn > 0 && (is_blank (v[vn - 1]) || v[vn - 1] == '\0'))
      vn--;
    if (memchr (v, '\0', vn))
      continue;
    char *val = unquote ? unquote_value (v, vn) : strndup (v, vn);
    if (val == NULL)
      break;
    free (found);
    found = val;
  }
  return found;
}

char *
inspect_parse_first_line (const char *buf, size_t len)
{
  size_t pos = 0, n, s = next_line (buf, len, &pos, &n);
  while (n > 0 && (is_blank (buf[s + n - 1]) || buf[s + n - 1] == '\0'))
    n--;
  if (n == 0 || memchr (buf + s, '\0', n))
    return NULL;
  return strndup (buf + s, n);
}

/* A decimal number at *S (advanced); -1 if there is no digit. */
static int
parse_number (const char **s)
{
  const char *p = *s;
  long v = 0;
  if (!isdigit ((unsigned char) *p))
    return -1;
  while (isdigit ((unsigned char) *p)) {
    if (v < VERSION_MAX)
      v = v * 10 + (*p - '0');
    p++;
  }
  *s = p;
  return v > VERSION_MAX ? VERSION_MAX : (int) v;
}

int
inspect_parse_version (const char *s, int *major, int *minor)
{
  int ma = parse_number (&s), mi = 0;
  if (ma < 0)
    return -1;
  if (*s == '.' && isdigit ((unsigned char) s[1])) {
    s++;
    mi = parse_number (&s);
  }
  *major = ma;
  *minor = mi;
  return 0;
}

int
inspect_parse_release_version (const char *line, int *major, int *minor)
{
  const char *p = line;
  while ((p = strstr (p, "release")) != NULL) {
    p += 7;
    while (*p == ' ' || *p == '\t')
      p++;
    if (inspect_parse_version (p, major, minor) == 0)
      return 0;
  }
  return -1;
}

/* "KEY = value" (blanks optional) -> number; -1 if no such line. */
static int
suse_number (const char *buf, size_t len, const char *key)
{
  size_t klen = strlen (key), pos = 0;
  while (pos < len) {
    size_t n, s = next_line (buf, len, &pos, &n);
    const char *l = buf + s, *e = l + n;
    if (n <= klen || memcmp (l, key, klen) != 0)
      continue;
    l += klen;
    while (l < e && is_blank (*l))
      l++;
    if (l == e || *l != '=')
      continue;
    l++;
    while (l < e && is_blank (*l))
      l++;
    char num[16];
    size_t k = 0;
    while (l < e && k < sizeof num - 1 && isdigit ((unsigned char) *l))
      num[k++] = *l++;
    num[k] = '\0';
    const char *np = num;
    int v = parse_number (&np);
    if (v >= 0)
      return v;
  }
  return -1;
}

int
inspect_parse_suse_release (const char *buf, size_t len,
                            int *major, int *minor)
{
  int ma = suse_number (buf, len, "VERSION");
  int mi = suse_number (buf, len, "PATCHLEVEL");
  if (ma < 0)
    return -1;
  *major = ma;
  *minor = mi < 0 ? 0 : mi;
  return 0;
}

/* Next blank-separated field of [*P, E), octal escapes decoded. */
static char *
fstab_field (const char **p, const char *e)
{
  const char *s = *p;
  while (s < e && is_blank (*s))
    s++;
  const char *f = s;
  while (s < e && !is_blank (*s))
    s++;
  *p = s;
  if (s == f)
    return NULL;
  char *r = malloc (s - f + 1);
  size_t o = 0;
  if (r == NULL)
    return NULL;
  for (const char *q = f; q < s; q++) {
    if (*q == '\\' && s - q >= 4 && q[1] >= '0' && q[1] <= '3'
        && q[2] >= '0' && q[2] <= '7' && q[3] >= '0' && q[3] <= '7') {
      char c = (char) ((q[1] - '0') * 64 + (q[2] - '0') * 8 + (q[3] - '0'));
      if (c != '\0')
        r[o++] = c;
      q += 3;
    }
    else
      r[o++] = *q;
  }
  r[o] = '\0';
  return r;
}

static void
free_entry (struct fstab_entry *e)
{
  free (e->spec); free (e->file); free (e->vfstype); free (e->mntops);
}

void
inspect_free_fstab (struct fstab_entry *entries, int n)
{
  for (int i = 0; i < n; i++)
    free_entry (&entries[i]);
  free (entries);
}

int
inspect_parse_fstab (const char *buf, size_t len, struct fstab_entry **entries)
{
  struct fstab_entry *v = NULL;
  int n = 0, alloc = 0;
  size_t pos = 0;

  while (pos < len) {
    size_t ln, s = next_line (buf, len, &pos, &ln);
    const char *p = buf + s, *e = p + ln;
    const char *hash = memchr (p, '#', ln);
    if (hash)
      e = hash;
    if (memchr (p, '\0', e - p))
      continue;
    struct fstab_entry ent = { NULL, NULL, NULL, NULL };
    ent.spec = fstab_field (&p, e);
    ent.file = fstab_field (&p, e);
    ent.vfstype = fstab_field (&p, e);
    ent.mntops = fstab_field (&p, e);
    if (ent.spec == NULL || ent.file == NULL) {
      free_entry (&ent);
      continue;
    }
    if (n == alloc) {
      int na = alloc ? alloc * 2 : 16;
      struct fstab_entry *nv = realloc (v, na * sizeof *v);
      if (nv == NULL) {
        free_entry (&ent);
        inspect_free_fstab (v, n);
        return -1;
      }
      v = nv;
      alloc = na;
    }
    v[n++] = ent;
  }
  *entries = v;
  return n;
}

char *
inspect_mount_option (const char *options, const char *name)
{
  size_t nlen = strlen (name);
  const char *p = options;
  while (p && *p) {
    const char *end = strchr (p, ',');
    size_t n = end ? (size_t) (end - p) : strlen (p);
    if (n > nlen && memcmp (p, name, nlen) == 0 && p[nlen] == '=')
      return strndup (p + nlen + 1, n - nlen - 1);
    p = end ? end + 1 : NULL;
  }
  return NULL;
}

char *
inspect_canonical_mountpoint (const char *mp)
{
  size_t n = strlen (mp), o = 0;
  char *r = malloc (n + 2);
  if (r == NULL)
    return NULL;
  for (size_t i = 0; i < n; i++) {
    if (mp[i] == '/' && o > 0 && r[o - 1] == '/')
      continue;
    r[o++] = mp[i];
  }
  while (o > 1 && r[o - 1] == '/')
    o--;
  r[o] = '\0';
  return r;
}

static unsigned
elf_u16 (const unsigned char *p, int big_endian)
{
  return big_endian ? (unsigned) (p[0] << 8 | p[1]) : (unsigned) (p[1] << 8 | p[0]);
}

const char *
inspect_elf_arch (const unsigned char *buf, size_t len)
{
  if (len < 20 || memcmp (buf, "\177ELF", 4) != 0)
    return NULL;
  int is64 = buf[4] == 2, be = buf[5] == 2;
  if ((buf[4] != 1 && buf[4] != 2) || (buf[5] != 1 && buf[5] != 2))
    return NULL;
  switch (elf_u16 (buf + 18, be)) {
  case 2: return "sparc";                       /* EM_SPARC */
  case 3: return "i386";                        /* EM_386 */
  case 8: return is64 ? "mips64" : "mips";      /* EM_MIPS */
  case 18: return "sparc";                      /* EM_SPARC32PLUS */
  case 20: return "ppc";                        /* EM_PPC */
  case 21: return be ? "ppc64" : "ppc64le";     /* EM_PPC64 */
  case 22: return is64 ? "s390x" : "s390";      /* EM_S390 */
  case 40: return "arm";                        /* EM_ARM */
  case 43: return "sparc64";                    /* EM_SPARCV9 */
  case 50: return "ia64";                       /* EM_IA_64 */
  case 62: return "x86_64";                     /* EM_X86_64 */
  case 183: return "aarch64";                   /* EM_AARCH64 */
  case 243: return is64 ? "riscv64" : "riscv32"; /* EM_RISCV */
  case 258: return is64 ? "loongarch64" : "loongarch32"; /* EM_LOONGARCH */
  default: return NULL;
  }
}
