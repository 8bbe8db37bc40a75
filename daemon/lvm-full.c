/* lvm group: pvs_full, vgs_full, lvs_full - every column of the lvm
 * reports, parsed into the lvm_pv / lvm_vg / lvm_lv structs by a table. */

#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "daemon.h"
#include "daemon-actions-gen.h"

enum kind { K_STRING, K_UUID, K_BYTES, K_INT, K_PERCENT };

struct column {
  const char *name;
  enum kind kind;
  size_t offset;
};

#define COL(type, field, kind) { #field, kind, offsetof (type, field) }

static const struct column pv_cols[] = {
  COL (guestfs_int_lvm_pv, pv_name, K_STRING),
  COL (guestfs_int_lvm_pv, pv_uuid, K_UUID),
  COL (guestfs_int_lvm_pv, pv_fmt, K_STRING),
  COL (guestfs_int_lvm_pv, pv_size, K_BYTES),
  COL (guestfs_int_lvm_pv, dev_size, K_BYTES),
  COL (guestfs_int_lvm_pv, pv_free, K_BYTES),
  COL (guestfs_int_lvm_pv, pv_used, K_BYTES),
  COL (guestfs_int_lvm_pv, pv_attr, K_STRING),
  COL (guestfs_int_lvm_pv, pv_pe_count, K_INT),
  COL (guestfs_int_lvm_pv, pv_pe_alloc_count, K_INT),
  COL (guestfs_int_lvm_pv, pv_tags, K_STRING),
  COL (guestfs_int_lvm_pv, pe_start, K_BYTES),
  COL (guestfs_int_lvm_pv, pv_mda_count, K_INT),
  COL (guestfs_int_lvm_pv, pv_mda_free, K_BYTES),
};

static const struct column vg_cols[] = {
  COL (guestfs_int_lvm_vg, vg_name, K_STRING),
  COL (guestfs_int_lvm_vg, vg_uuid, K_UUID),
  COL (guestfs_int_lvm_vg, vg_fmt, K_STRING),
  COL (guestfs_int_lvm_vg, vg_attr, K_STRING),
  COL (guestfs_int_lvm_vg, vg_size, K_BYTES),
  COL (guestfs_int_lvm_vg, vg_free, K_BYTES),
  COL (guestfs_int_lvm_vg, vg_sysid, K_STRING),
  COL (guestfs_int_lvm_vg, vg_extent_size, K_BYTES),
  COL (guestfs_int_lvm_vg, vg_extent_count, K_INT),
  COL (guestfs_int_lvm_vg, vg_free_count, K_INT),
  COL (guestfs_int_lvm_vg, max_lv, K_INT),
  COL (guestfs_int_lvm_vg, max_pv, K_INT),
  COL (guestfs_int_lvm_vg, pv_count, K_INT),
  COL (guestfs_int_lvm_vg, lv_count, K_INT),
  COL (guestfs_int_lvm_vg, snap_count, K_INT),
  COL (guestfs_int_lvm_vg, vg_seqno, K_INT),
  COL (guestfs_int_lvm_vg, vg_tags, K_STRING),
  COL (guestfs_int_lvm_vg, vg_mda_count, K_INT),
  COL (guestfs_int_lvm_vg, vg_mda_free, K_BYTES),
};

static const struct column lv_cols[] = {
  COL (guestfs_int_lvm_lv, lv_name, K_STRING),
  COL (guestfs_int_lvm_lv, lv_uuid, K_UUID),
  COL (guestfs_int_lvm_lv, lv_attr, K_STRING),
  COL (guestfs_int_lvm_lv, lv_major, K_INT),
  COL (guestfs_int_lvm_lv, lv_minor, K_INT),
  COL (guestfs_int_lvm_lv, lv_kernel_major, K_INT),
  COL (guestfs_int_lvm_lv, lv_kernel_minor, K_INT),
  COL (guestfs_int_lvm_lv, lv_size, K_BYTES),
  COL (guestfs_int_lvm_lv, seg_count, K_INT),
  COL (guestfs_int_lvm_lv, origin, K_STRING),
  COL (guestfs_int_lvm_lv, snap_percent, K_PERCENT),
  COL (guestfs_int_lvm_lv, copy_percent, K_PERCENT),
  COL (guestfs_int_lvm_lv, move_pv, K_STRING),
  COL (guestfs_int_lvm_lv, lv_tags, K_STRING),
  COL (guestfs_int_lvm_lv, mirror_log, K_STRING),
  COL (guestfs_int_lvm_lv, modules, K_STRING),
};

#define NCOLS(a) (sizeof (a) / sizeof (a)[0])
#define SEP "|"   /* never in names, tags or attrs */

static char *
trim (char *s)
{
  s += strspn (s, " ");
  size_t n = strlen (s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\r'))
    s[--n] = '\0';
  return s;
}

static int
set_field (char *rec, const struct column *c, char *v)
{
  char *p = rec + c->offset, *end;
  v = trim (v);
  switch (c->kind) {
  case K_STRING:
    if ((*(char **) p = strdup (v)) == NULL)
      return reply_with_perror ("strdup");
    return 0;
  case K_UUID: {   /* 32 characters, without lvm's dashes */
    size_t j = 0;
    memset (p, ' ', 32);
    for (size_t i = 0; v[i] && j < 32; i++)
      if (v[i] != '-')
        p[j++] = v[i];
    return 0;
  }
  case K_BYTES:
  case K_INT:
    errno = 0;
    long long n = *v ? strtoll (v, &end, 10) : 0;
    if (errno || (*v && *end))
      return reply_with_error ("%s: cannot parse \"%s\"", c->name, v);
    if (c->kind == K_BYTES)
      *(uint64_t *) p = n;
    else
      *(int64_t *) p = n;
    return 0;
  case K_PERCENT:
    *(float *) p = *v ? strtof (v, NULL) : -1.0f;
    return 0;
  }
  return 0;
}

/* Run "lvm SUB" for COLS and fill an array of records of SIZE bytes. */
static int
report (const char *sub, const struct column *cols, size_t ncols,
        size_t size, char **val, u_int *len)
{
  char fields[1024] = "";
  CLEANUP_FREE char *out = NULL;

  for (size_t i = 0; i < ncols; i++) {
    if (i)
      strcat (fields, ",");
    strcat (fields, cols[i].name);
  }
  if (lvm_cmd (&out, sub, "--noheadings", "--nosuffix", "--units", "b",
               "--separator", SEP, "-o", fields, NULL) == -1)
    return -1;

  *val = NULL;
  *len = 0;
  for (char *save = NULL, *line = strtok_r (out, "\n", &save); line;
       line = strtok_r (NULL, "\n", &save)) {
    if (*trim (line) == '\0')
      continue;
    char *rec = realloc (*val, (*len + 1) * size);
    if (rec == NULL)
      return reply_with_perror ("realloc");
    *val = rec;
    rec += *len * size;
    memset (rec, 0, size);
    (*len)++;
    char *p = line;
    for (size_t i = 0; i < ncols; i++) {
      char *f = strsep (&p, SEP);
      if (f == NULL)
        return reply_with_error ("%s: too few columns in \"%s\"", sub, line);
      if (set_field (rec, &cols[i], f) == -1)
        return -1;
    }
  }
  return 0;
}

/* On failure, free what was parsed so far (strings are NULL or set). */
#define FULL(name, sub, type, cols)                                     \
  type##_list *                                                         \
  do_##name (void)                                                      \
  {                                                                     \
    type##_list *r = calloc (1, sizeof *r);                             \
    if (r == NULL) {                                                    \
      reply_with_perror ("calloc");                                     \
      return NULL;                                                      \
    }                                                                   \
    if (report (sub, cols, NCOLS (cols), sizeof (type),                 \
                (char **) &r->type##_list_val,                          \
                &r->type##_list_len) == -1) {                           \
      xdr_free ((xdrproc_t) xdr_##type##_list, (char *) r);             \
      free (r);                                                         \
      return NULL;                                                      \
    }                                                                   \
    return r;                                                           \
  }

FULL (pvs_full, "pvs", guestfs_int_lvm_pv, pv_cols)
FULL (vgs_full, "vgs", guestfs_int_lvm_vg, vg_cols)
FULL (lvs_full, "lvs", guestfs_int_lvm_lv, lv_cols)
