# Shared helpers for the guestfish tests (sourced).  $FISH is the binary.
# check NAME EXPECTED_RC EXPECTED_OUTPUT [args...] < stdin
# compares stdout+stderr (merged, in order) and the exit code.
FISH=${1:?usage: $0 /path/to/guestfish}
# absolute, since some tests change directory
case "$FISH" in */*) FISH=$(cd "$(dirname "$FISH")" && pwd)/$(basename "$FISH") ;; esac
export LIBGUESTFS_BACKEND=${LIBGUESTFS_BACKEND:-direct}
unset LIBGUESTFS_TRACE LIBGUESTFS_DEBUG
failures=0
tests=0
tmpdir=$(mktemp -d)
trap 'rm -rf "$tmpdir"' EXIT

check ()
{
    local name=$1 want_rc=$2 want=$3
    shift 3
    local got rc
    tests=$((tests + 1))
    # line-buffered stdout so that stdout and stderr interleave in order
    got=$(stdbuf -oL "$FISH" "$@" 2>&1)
    rc=$?
    if [ "$got" != "$want" ] || [ "$rc" != "$want_rc" ]; then
        failures=$((failures + 1))
        echo "FAIL: $name"
        echo "  want (rc=$want_rc):"; printf '%s\n' "$want" | sed 's/^/    |/'
        echo "  got  (rc=$rc):";      printf '%s\n' "$got" | sed 's/^/    |/'
    fi
}

# script TEXT: feed TEXT on stdin to check
script_check ()
{
    local name=$1 want_rc=$2 want=$3 text=$4
    shift 4
    printf '%s\n' "$text" > "$tmpdir/in"
    check "$name" "$want_rc" "$want" "$@" < "$tmpdir/in"
}

finish ()
{
    echo "$((tests - failures))/$tests passed"
    [ "$failures" -eq 0 ]
}
