/* guestferry appliance builder: public interface used by the library
 * and by the guestferry-appliance CLI.
 *
 * The builder turns a directory on LIBGUESTFS_PATH into a bootable
 * kernel + initrd pair.  A directory holding "kernel" and "initrd" is a
 * fixed appliance and is returned as is.  A directory holding
 * "appliance.conf" is built from the host's files and cached under
 * <cachedir>/.guestferry-<uid>/appliance-<key>/.
 */
#ifndef GUESTFERRY_APPLIANCE_H
#define GUESTFERRY_APPLIANCE_H

#ifdef __cplusplus
extern "C" {
#endif

struct appliance_request {
  const char *path;        /* LIBGUESTFS_PATH: colon-separated dirs to search */
  const char *cachedir;    /* where to cache; the builder appends ".guestferry-<uid>".
                              NULL: $LIBGUESTFS_CACHEDIR, else $TMPDIR, else /var/tmp */
  void (*debug) (void *opaque, const char *msg); void *opaque;  /* may be NULL */
};

struct appliance_paths {
  char *kernel;            /* absolute path of the kernel to boot */
  char *initrd;            /* absolute path of the initrd (uncompressed newc cpio) */
  char *dir;               /* directory holding both */
  int kernel_is_elf;       /* 1: uncompressed vmlinux with a PVH entry note */
  char *root;              /* NULL, or the read-only root image (squashfs holding
                              the appliance's /usr) to attach as a virtio-blk disk */
};

/* Find (or build and cache) the appliance.  Returns 0 and fills *out, or
 * -1 and sets *error to a malloc'd message (the caller frees it). */
int appliance_find_or_build (const struct appliance_request *req,
                             struct appliance_paths *out, char **error);

/* Frees the strings in *p (not p itself) and zeroes them. */
void appliance_paths_free (struct appliance_paths *p);

/* The host's TSC rate in kHz, measured over ~25 ms (0 if unknown).
 * Under TCG the guest TSC runs at this rate; put "tsc_early_khz=N" on the
 * kernel command line so that the guest kernel need not calibrate it
 * (on microvm that calibration fails on a busy host and the boot hangs). */
unsigned long appliance_host_tsc_khz (void);

#ifdef __cplusplus
}
#endif

#endif /* GUESTFERRY_APPLIANCE_H */
