/* Tiny assertion helpers for the library tests. */
#ifndef LIB_TESTS_H
#define LIB_TESTS_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int test_failures;

#define CHECK(cond) do { if (!(cond)) { \
  fprintf (stderr, "%s:%d: FAILED: %s\n", __FILE__, __LINE__, #cond); test_failures++; } } while (0)
#define CHECK_STR(a, b) do { const char *a_ = (a), *b_ = (b); \
  if (!a_ || !b_ || strcmp (a_, b_) != 0) { \
    fprintf (stderr, "%s:%d: FAILED: %s == \"%s\", got \"%s\"\n", __FILE__, __LINE__, #a, \
             b_ ? b_ : "(null)", a_ ? a_ : "(null)"); test_failures++; } } while (0)
#define CHECK_CONTAINS(a, b) do { const char *a_ = (a), *b_ = (b); \
  if (!a_ || !strstr (a_, b_)) { \
    fprintf (stderr, "%s:%d: FAILED: %s contains \"%s\", got \"%s\"\n", __FILE__, __LINE__, #a, \
             b_, a_ ? a_ : "(null)"); test_failures++; } } while (0)
#define TEST_EXIT() do { if (test_failures) { fprintf (stderr, "%d failure(s)\n", test_failures); return 1; } \
  return 0; } while (0)

#endif
