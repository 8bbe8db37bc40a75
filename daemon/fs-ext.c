/* ext2/3/4 maintenance: fsck, e2fsck, tune2fs, resize2fs, zerofree. */

#include <config.h>

#include <inttypes.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

#define HAS(bit) (optargs_bitmask & (UINT64_C(1) << (bit)))

int
do_fsck (const char *fstype, const char *device)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "fsck", "-a", "-t", fstype, device, NULL };
  int r = commandrvf (&out, &err, 0, argv);

  if (r == -1) {
    trim_newlines (err);
    reply_with_error ("%s: %s", device, err && *err ? err : "fsck failed");
  }
  return r;
}

/* e2fsck exits 1 when it fixed something: that is success too. */
static int
e2fsck (const char *device, const char *mode)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  const char *argv[] = { "e2fsck", "-f", mode ? mode : device,
                         mode ? device : NULL, NULL };
  int r = commandrvf (&out, &err, 0, argv);

  if (r == -1 || r >= 2) {
    trim_newlines (err);
    trim_newlines (out);
    return reply_with_error ("%s", err && *err ? err : out && *out ? out : "e2fsck failed");
  }
  return 0;
}

int
do_e2fsck (const char *device, int correct, int forceall)
{
  correct = HAS (0) && correct;
  forceall = HAS (1) && forceall;
  if (correct && forceall)
    return reply_with_error ("only one of the options 'correct', 'forceall' may be specified");
  return e2fsck (device, correct ? "-p" : forceall ? "-y" : NULL);
}

int
do_e2fsck_f (const char *device)
{
  return e2fsck (device, "-p");
}

int
do_tune2fs (const char *device, int force, int maxmountcount, int mountcount,
            const char *errorbehavior, int64_t group, int intervalbetweenchecks,
            int reservedblockspercentage, const char *lastmounteddirectory,
            int64_t reservedblockscount, int64_t user)
{
  CLEANUP_FS_ARGV struct fs_argv a = { .n = 0 };

  fs_arg (&a, "tune2fs");
  if (HAS (0) && force)
    fs_arg (&a, "-f");
  if (HAS (1)) {
    if (maxmountcount < 0)
      return reply_with_error ("maxmountcount cannot be negative");
    fs_argf (&a, "-c%d", maxmountcount);
  }
  if (HAS (2)) {
    if (mountcount < 0)
      return reply_with_error ("mountcount cannot be negative");
    fs_argf (&a, "-C%d", mountcount);
  }
  if (HAS (3)) {
    if (strcmp (errorbehavior, "continue") && strcmp (errorbehavior, "remount-ro")
        && strcmp (errorbehavior, "panic"))
      return reply_with_error ("invalid errorbehavior parameter: %s", errorbehavior);
    fs_argf (&a, "-e%s", errorbehavior);
  }
  if (HAS (4)) {
    if (group < 0)
      return reply_with_error ("group cannot be negative");
    fs_argf (&a, "-g%" PRIi64, group);
  }
  if (HAS (5)) {
    if (intervalbetweenchecks < 0)
      return reply_with_error ("intervalbetweenchecks cannot be negative");
    fs_argf (&a, "-i%ds", intervalbetweenchecks);
  }
  if (HAS (6)) {
    if (reservedblockspercentage < 0 || reservedblockspercentage > 50)
      return reply_with_error ("reservedblockspercentage must be between 0 and 50");
    fs_argf (&a, "-m%d", reservedblockspercentage);
  }
  if (HAS (7)) {
    fs_arg (&a, "-M");
    fs_arg (&a, lastmounteddirectory);
  }
  if (HAS (8)) {
    if (reservedblockscount < 0)
      return reply_with_error ("reservedblockscount cannot be negative");
    fs_argf (&a, "-r%" PRIi64, reservedblockscount);
  }
  if (HAS (9)) {
    if (user < 0)
      return reply_with_error ("user cannot be negative");
    fs_argf (&a, "-u%" PRIi64, user);
  }
  fs_arg (&a, device);
  if (a.failed)
    return reply_with_perror ("malloc");
  return fs_run (device, a.argv);
}

char **
do_tune2fs_l (const char *device)
{
  const char *argv[] = { "tune2fs", "-l", device, NULL };
  CLEANUP_FREE char *out = fs_run_out (device, argv);

  if (out == NULL)
    return NULL;
  /* The first line is tune2fs's banner, not a field. */
  char *body = out;
  if (strncmp (body, "tune2fs ", 8) == 0) {
    char *nl = strchr (body, '\n');
    body = nl ? nl + 1 : body + strlen (body);
  }
  char **h = fs_parse_colon_pairs (body);
  if (h == NULL)
    return NULL;
  for (size_t i = 1; h[i - 1] && h[i]; i += 2)
    if (strcmp (h[i], "<none>") == 0 || strcmp (h[i], "<not available>") == 0)
      h[i][0] = '\0';
  return h;
}

int
do_resize2fs (const char *device)
{
  const char *argv[] = { "resize2fs", device, NULL };
  return fs_run (device, argv);
}

int
do_resize2fs_size (const char *device, int64_t size)
{
  char sz[32];

  if (size <= 0)
    return reply_with_error ("size must be > 0");
  /* resize2fs takes K units; round down to whole KiB. */
  snprintf (sz, sizeof sz, "%" PRIi64 "K", size / 1024);
  const char *argv[] = { "resize2fs", device, sz, NULL };
  return fs_run (device, argv);
}

int
do_resize2fs_M (const char *device)
{
  const char *argv[] = { "resize2fs", "-M", device, NULL };
  return fs_run (device, argv);
}

int
do_zerofree (const char *device)
{
  const char *argv[] = { "zerofree", device, NULL };
  return fs_run (device, argv);
}
