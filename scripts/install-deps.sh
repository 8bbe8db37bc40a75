#!/bin/bash
# Installs everything guestferry needs to build, test and benchmark on
# Debian 12, as root with apt-get.  Quick no-op when all is present.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc python3 libtirpc-dev libreadline-dev
  liblzma-dev zlib1g-dev
  # running the appliance: qemu and a kernel the appliance boots
  qemu-system-x86 qemu-utils linux-image-amd64 kmod
  # tools the appliance copies from the host
  e2fsprogs xfsprogs btrfs-progs dosfstools parted gdisk util-linux fdisk
  lvm2 cryptsetup-bin mdadm tar gzip xz-utils zstd cpio file ntfs-3g
  bzip2 lzop scrub zerofree
  # the appliance's read-only root image
  squashfs-tools
  # tests and benchmarks: libguestfs 1.48 is the behaviour reference
  libguestfs-tools libguestfs-dev coreutils procps
  # daemon: filesystem probing
  libblkid-dev
  # daemon: Augeas calls and their lenses
  libaugeas-dev augeas-lenses
  # inspection: Windows registry hives, rpm's sqlite database, XML output
  libhivex-dev libhivex-bin libsqlite3-dev sqlite3 libxml2-dev
  # inspection tests: phony guests (debootstrap), fuzzing (libFuzzer),
  # Berkeley DB rpm databases for the rpm readers' tests (db_load)
  debootstrap clang db5.3-util
  makefs  # BSD FFS images for the FreeBSD guest (make-bsd-guest.sh)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root to install them" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
