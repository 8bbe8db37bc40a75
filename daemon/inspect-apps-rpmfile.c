/* Reading a binary rpm database file, from memory or with pread, and the
 * visited-page set the readers use against link cycles. */

#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "inspect-apps-rpmfile.h"

int
db_file_read (const struct db_file *f, void *buf, size_t len, uint64_t off)
{
  if (off > f->size || len > f->size - off)
    return -1;
  if (f->mem) {
    memcpy (buf, f->mem + off, len);
    return 0;
  }
  size_t done = 0;
  while (done < len) {
    ssize_t r = pread (f->fd, (char *) buf + done, len - done,
                       (off_t) (off + done));
    if (r == -1 && errno == EINTR)
      continue;
    if (r <= 0)
      return -1;                /* I/O error, or the file shrank */
    done += r;
  }
  return 0;
}

int
page_set_init (struct page_set *s, uint64_t npages)
{
  s->npages = npages;
  s->bits = calloc (npages / 8 + 1, 1);
  return s->bits ? 0 : -1;
}

int
page_set_mark (struct page_set *s, uint64_t page)
{
  if (page >= s->npages)
    return -1;
  unsigned char bit = 1u << (page % 8);
  if (s->bits[page / 8] & bit)
    return -1;
  s->bits[page / 8] |= bit;
  return 0;
}

void
page_set_free (struct page_set *s)
{
  free (s->bits);
  s->bits = NULL;
}
