/* Helpers shared by the block group's calls (block-*.c). */

#include <config.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>

#include "daemon.h"

int
block_check_partnum (int partnum)
{
  if (partnum < 1)
    return reply_with_error ("partition number must be >= 1");
  return 0;
}

int
block_run_tool (const char *device, const char *const *argv)
{
  CLEANUP_FREE char *out = NULL, *err = NULL;
  int r = commandvf (&out, &err, 0, argv);
  /* Partition nodes follow the new table even when the tool failed
   * half-way. */
  reread_partitions (device);
  if (r == -1) {
    const char *msg = err && err[0] ? err : out;
    if (msg)
      trim_newlines ((char *) msg);
    size_t plen = strlen (argv[0]);
    /* Some tools (sfdisk) already start their messages with their name. */
    if (msg && strncmp (msg, argv[0], plen) == 0 && msg[plen] == ':')
      return reply_with_error ("%s", msg);
    return reply_with_error ("%s: %s: %s", argv[0], device,
                             msg && msg[0] ? msg : "failed");
  }
  return 0;
}

int
block_ioctl (const char *device, unsigned long req, void *arg)
{
  int fd = open (device, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd == -1)
    return reply_with_perror ("open: %s", device);
  int r = ioctl (fd, req, arg);
  int e = errno;
  close (fd);
  errno = e;
  if (r == -1)
    return reply_with_perror ("ioctl: %s", device);
  return 0;
}

/* 8-4-4-4-12 hex digits. */
static int
is_bare_guid (const char *s, size_t len)
{
  static const int dash_at[] = { 8, 13, 18, 23 };
  if (len != 36)
    return 0;
  for (size_t i = 0, d = 0; i < len; i++) {
    if (d < 4 && (int) i == dash_at[d]) {
      if (s[i] != '-')
        return 0;
      d++;
    }
    else if (!isxdigit ((unsigned char) s[i]))
      return 0;
  }
  return 1;
}

char *
block_guid_arg (const char *guid)
{
  size_t len = strlen (guid);
  const char *s = guid;

  if (len == 38 && guid[0] == '{' && guid[37] == '}') {
    s++;
    len -= 2;
  }
  if (!is_bare_guid (s, len)) {
    reply_with_error_errno (EINVAL, "guid: parameter is not a valid GUID");
    return NULL;
  }
  char *r = strndup (s, len);
  if (r == NULL)
    reply_with_perror ("strndup");
  return r;
}
