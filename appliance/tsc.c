/* Host TSC frequency.  Under TCG, qemu's guest TSC counts at the host's
 * rate, and on microvm (no HPET, no ACPI PM timer) the guest kernel's own
 * calibration against the emulated PIT fails now and then on a busy host,
 * after which it hangs.  Passing tsc_early_khz=<host rate> avoids it. */
#include <time.h>

#include "appliance-internal.h"

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>

static uint64_t
ns_raw (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC_RAW, &ts);
  return ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

/* One sample over ~5 ms; both ends are bracketed by two clock reads so a
 * preemption in between shows as a wide bracket and is rejected. */
static double
sample_khz (void)
{
  uint64_t a0 = ns_raw (), c0 = __rdtsc (), b0 = ns_raw ();
  struct timespec d = { 0, 5000000 };
  nanosleep (&d, NULL);
  uint64_t a1 = ns_raw (), c1 = __rdtsc (), b1 = ns_raw ();
  if (b0 - a0 > 20000 || b1 - a1 > 20000)
    return 0;
  double ns = (double) ((a1 + b1) / 2 - (a0 + b0) / 2);
  return ns > 0 ? (double) (c1 - c0) * 1e6 / ns : 0;
}

unsigned long
appliance_host_tsc_khz (void)
{
  double best = 0, samples[5];
  int n = 0;
  for (int i = 0; i < 8 && n < 5; i++) {
    double k = sample_khz ();
    if (k > 0)
      samples[n++] = k;
  }
  if (n < 3)
    return 0;
  /* the median of the samples */
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (samples[j] < samples[i]) {
        double t = samples[i]; samples[i] = samples[j]; samples[j] = t;
      }
  best = samples[n / 2];
  return (unsigned long) (best + 0.5);
}
#else
unsigned long
appliance_host_tsc_khz (void)
{
  return 0;
}
#endif
