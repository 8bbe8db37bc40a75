#!/bin/bash
# guestfish end to end with the real appliance: the README example must
# print what libguestfs 1.48 prints, and errors must give exit code 1.
set -u
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
pass=0 fail=0
check () { if [ "$2" = "$3" ]; then pass=$((pass+1)); echo "ok - $1"; else fail=$((fail+1)); echo "FAIL - $1"; diff <(echo "$3") <(echo "$2") | head -20; fi; }

out=$(guestfish -N disk.img=fs:ext4:200M -m /dev/sda1 write /hello "hi" : cat /hello : part-list /dev/sda : vfs-type /dev/sda1 2>&1)
expected='hi
[0] = {
  part_num: 1
  part_start: 65536
  part_end: 209650175
  part_size: 209584640
}
ext4'
check "README example output" "$out" "$expected"
check "disk image was created" "$(stat -c %s disk.img 2>&1)" "209715200"

out=$(guestfish --ro -a disk.img -m /dev/sda1 cat /hello 2>&1)
check "data persisted, read back read-only" "$out" "hi"

out=$(guestfish --ro -a disk.img -m /dev/sda1 cat /nonexistent 2>&1); rc=$?
check "missing file: exit 1" "$rc" "1"
check "missing file: message" "$out" "*stdin*:0: libguestfs: error: cat: /nonexistent: No such file or directory"

out=$(printf 'echo one\n-cat /nope\necho two\n' | guestfish --ro -a disk.img -m /dev/sda1 2>/dev/null)
check "- prefix continues after an error" "$out" "one
two"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
