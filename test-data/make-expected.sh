#!/bin/bash
# Regenerates test-data/expected/NAME.xml by running the REFERENCE
# virt-inspector (the system's libguestfs 1.48) on each phony guest:
#
#   make-expected.sh IMAGEDIR [NAME...]
#
# The stored files are facts about the reference's behaviour; only run
# this when a guest's image changes on purpose.  Prints the wall time of
# each run (bench/ uses the Debian one).
set -e
here=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
dir=${1:?usage: make-expected.sh IMAGEDIR [NAME...]}
shift
export LIBGUESTFS_BACKEND=direct LIBGUESTFS_BACKEND_SETTINGS=force_tcg
unset LIBGUESTFS_PATH LD_LIBRARY_PATH
mkdir -p "$here/expected"

# Guests on which the reference fails as a whole (exit 1, no output)
# while listing applications; their expected output is the reference's
# with --no-applications, and the test checks our application lists on
# its own.  Reasons:
#   fedora, rocky, centos7  "internal_list_rpm_applications: rpmtsInitIterator":
#                  Debian's librpm in the appliance cannot read the sqlite
#                  rpm database;
#   opensuse       the same error where there is no rpm database at all;
#   archlinux      "opendir: /var/lib/pacman/local": /var is mounted by
#                  PARTUUID=, which 1.48 does not resolve, so the database
#                  is not there.
# An unreadable package database should not lose the whole report.
no_apps=" fedora rocky centos7 opensuse archlinux "
for name in ${*:-$(cd "$dir" && ls *.img | grep -v -- -sdb.img | sed 's/\.img$//')}; do
  args=(-a "$dir/$name.img")
  case $no_apps in *" $name "*) args+=(--no-applications) ;; esac
  [ -f "$dir/$name-sdb.img" ] && args+=(-a "$dir/$name-sdb.img")
  start=$(date +%s.%N)
  set +e
  /usr/bin/virt-inspector --format=raw "${args[@]}" > "$here/expected/$name.xml.tmp" 2> "$dir/$name.ref-stderr"
  rc=$?
  set -e
  end=$(date +%s.%N)
  mv "$here/expected/$name.xml.tmp" "$here/expected/$name.xml"
  printf '%s: exit %d, %.1f s\n' "$name" "$rc" "$(echo "$end - $start" | bc)"
done
