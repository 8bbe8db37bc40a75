/* guestfish: integer parsing with size suffixes, gnulib xstrtol-compatible
 * return codes (0 ok, 1 overflow, 2 bad suffix, 3 bad suffix + overflow,
 * 4 invalid) because guestfish prints them in its error messages. */
#ifndef GUESTFERRY_FISH_XSTRTOL_H
#define GUESTFERRY_FISH_XSTRTOL_H

int fish_xstrtoll (const char *s, long long *ret);
int fish_xstrtoull (const char *s, unsigned long long *ret);

#endif
