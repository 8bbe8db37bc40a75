/* guestferry common code: --version. */
#ifndef GUESTFERRY_COMMON_VERSION_H
#define GUESTFERRY_COMMON_VERSION_H

/* Prints "PROGRAM MAJOR.MINOR.RELEASE[EXTRA]" and exits successfully. */
void print_version_and_exit (const char *program) __attribute__((noreturn));

#endif
