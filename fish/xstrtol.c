/* guestfish: integer parsing with size suffixes.
 *
 * Accepted: an optional sign (signed only), a C-style number (0x.., 0..),
 * then optionally one of k K M G T P E Z Y, itself optionally followed by
 * "B" (powers of 1000) or "iB" (powers of 1024, the default).
 */
#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "xstrtol.h"

enum { X_OK = 0, X_OVERFLOW = 1, X_BADSUFFIX = 2, X_INVALID = 4 };

/* Multiply *v by base^power, saturating; returns X_OVERFLOW on overflow. */
static int
scale (unsigned long long *v, unsigned base, int power, unsigned long long max)
{
  int err = X_OK;

  while (power-- > 0) {
    if (*v > max / base) {
      *v = max;
      err = X_OVERFLOW;
    }
    else
      *v *= base;
  }
  return err;
}

static int
suffix_power (char c)
{
  switch (c) {
  case 'k': case 'K': return 1;
  case 'M': return 2;
  case 'G': return 3;
  case 'T': return 4;
  case 'P': return 5;
  case 'E': return 6;
  case 'Z': return 7;
  case 'Y': return 8;
  default: return -1;
  }
}

/* Apply the suffix at *end to *v (magnitude).  Returns error bits. */
static int
apply_suffix (const char *end, unsigned long long *v, unsigned long long max)
{
  int power, err;
  unsigned base = 1024;
  size_t len = 1;

  if (*end == '\0')
    return X_OK;
  power = suffix_power (*end);
  if (power < 0)
    return X_BADSUFFIX;
  if (end[1] == 'i' && end[2] == 'B')
    len = 3;
  else if (end[1] == 'B' || end[1] == 'D') {
    base = 1000;
    len = 2;
  }
  err = scale (v, base, power, max);
  if (end[len] != '\0')
    err |= X_BADSUFFIX;
  return err;
}

/* Shared parser: magnitude in *mag, sign in *neg. */
static int
parse_common (const char *s, int allow_neg, unsigned long long max_pos,
              unsigned long long *mag, int *neg)
{
  const char *p = s;
  char *end;
  int err = X_OK;

  while (isspace ((unsigned char) *p))
    p++;
  *neg = 0;
  if (*p == '-') {
    if (!allow_neg)
      return X_INVALID;
    *neg = 1;
  }
  errno = 0;
  if (*neg) {
    long long v = strtoll (s, &end, 0);
    *mag = v == LLONG_MIN ? (unsigned long long) LLONG_MAX + 1
                          : (unsigned long long) -v;
  }
  else
    *mag = strtoull (s, &end, 0);
  if (end == s) {
    /* A bare suffix ("k") means 1 of that unit. */
    if (*s && suffix_power (*s) >= 0)
      *mag = 1;
    else
      return X_INVALID;
  }
  else if (errno == ERANGE)
    err = X_OVERFLOW;
  return err | apply_suffix (end, mag, max_pos);
}

int
fish_xstrtoull (const char *s, unsigned long long *ret)
{
  unsigned long long mag;
  int neg;
  int err = parse_common (s, 0, ULLONG_MAX, &mag, &neg);

  if (err & X_INVALID)
    return X_INVALID;
  *ret = mag;
  return err;
}

int
fish_xstrtoll (const char *s, long long *ret)
{
  unsigned long long mag;
  int neg;
  int err = parse_common (s, 1, ULLONG_MAX, &mag, &neg);

  if (err & X_INVALID)
    return X_INVALID;
  if (neg) {
    if (mag > (unsigned long long) LLONG_MAX + 1) {
      err |= X_OVERFLOW;
      *ret = LLONG_MIN;
    }
    else
      *ret = mag == (unsigned long long) LLONG_MAX + 1 ? LLONG_MIN : -(long long) mag;
  }
  else {
    if (mag > LLONG_MAX) {
      err |= X_OVERFLOW;
      *ret = LLONG_MAX;
    }
    else
      *ret = (long long) mag;
  }
  return err;
}
