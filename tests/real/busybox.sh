#!/bin/bash
# tests/real/busybox.sh: runs Debian bookworm's static armhf busybox under
# $MIMIC and compares each command's stdout and exit status with the amd64
# busybox-static of the same Debian version run natively.
#
# Both packages are fetched with `apt-get download` (adding the armhf dpkg
# architecture and running `apt-get update` only when needed) and unpacked
# with `dpkg-deb -x` into a cache outside the repository:
#   ${MIMIC_CACHE_DIR:-/var/cache/mimic-tests}/busybox/<arch>/
# (falling back to ~/.cache/mimic-tests when that is not writable).
#
# Called by `tests/run real`; can also be run on its own (with -v and -k TEXT
# as in tests/run), in which case it prints its own "N passed, M failed" line.

set -u
while [ $# -gt 0 ]; do
    case $1 in
        -v) export MIMIC_TEST_VERBOSE=1 ;;
        -k) export MIMIC_TEST_FILTER=${2:-}; shift ;;
        *) echo "usage: $0 [-v] [-k TEXT]" >&2; exit 2 ;;
    esac
    shift
done
# shellcheck source=tests/lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$T_ROOT" || exit 2
t_resolve_mimic
own_results=0
if t_results_init; then own_results=1; fi

BB_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mimic-busybox.XXXXXX") || exit 2
cleanup() {
    rm -rf "$BB_TMP"
    if [ "$own_results" = 1 ]; then rm -f "$T_RESULTS"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "$(id -u)" = 0 ]; then SUDO=(); else SUDO=(sudo -n); fi

cache_base=${MIMIC_CACHE_DIR:-/var/cache/mimic-tests}
if ! mkdir -p "$cache_base/busybox" 2>/dev/null || [ ! -w "$cache_base/busybox" ]; then
    cache_base=${XDG_CACHE_HOME:-$HOME/.cache}/mimic-tests
    mkdir -p "$cache_base/busybox" || exit 2
fi
CACHE=$cache_base/busybox
LOG=$BB_TMP/fetch.log

# apt_download PKG DIR: `apt-get download PKG` into DIR, refreshing the
# package index once if the first attempt fails.
apt_download() {
    local pkg=$1 dir=$2 sandbox=()
    # As root, apt would warn that it cannot drop privileges to _apt for a
    # download into a private directory; download as root on purpose.
    if [ "$(id -u)" = 0 ]; then sandbox=(-o APT::Sandbox::User=root); fi
    (cd "$dir" && apt-get download -q "${sandbox[@]}" "$pkg") >>"$LOG" 2>&1 && return 0
    echo "apt-get download $pkg failed; running apt-get update" >>"$LOG"
    # A partial failure (one mirror out of sync) still leaves usable lists.
    "${SUDO[@]}" apt-get update -q >>"$LOG" 2>&1 || echo "(apt-get update reported errors)" >>"$LOG"
    (cd "$dir" && apt-get download -q "${sandbox[@]}" "$pkg") >>"$LOG" 2>&1
}

# fetch ARCH: makes $CACHE/ARCH/bin/busybox (and $CACHE/ARCH/VERSION).
fetch() {
    local arch=$1 dest=$CACHE/$1 dl deb native
    [ -x "$dest/bin/busybox" ] && [ -s "$dest/VERSION" ] && return 0
    native=$(dpkg --print-architecture)
    if [ "$arch" != "$native" ] && ! dpkg --print-foreign-architectures | grep -qx "$arch"; then
        echo "adding dpkg architecture $arch" >>"$LOG"
        "${SUDO[@]}" dpkg --add-architecture "$arch" >>"$LOG" 2>&1 || return 1
        "${SUDO[@]}" apt-get update -q >>"$LOG" 2>&1 || echo "(apt-get update reported errors)" >>"$LOG"
    fi
    dl=$(mktemp -d "$CACHE/.dl-$arch.XXXXXX") || return 1
    chmod 755 "$dl"
    if ! apt_download "busybox-static:$arch" "$dl"; then
        rm -rf "$dl"
        return 1
    fi
    deb=$(ls "$dl"/busybox-static_*.deb 2>/dev/null | head -n 1)
    if [ -z "$deb" ] || ! dpkg-deb -x "$deb" "$dl/root" >>"$LOG" 2>&1; then
        echo "no usable .deb for busybox-static:$arch" >>"$LOG"
        rm -rf "$dl"
        return 1
    fi
    dpkg-deb -f "$deb" Version >"$dl/root/VERSION"
    rm -rf "$dest"
    mv "$dl/root" "$dest"
    rm -rf "$dl"
    [ -x "$dest/bin/busybox" ]
}

fetch_both() {
    fetch armhf && fetch amd64 || return 1
    if ! cmp -s "$CACHE/armhf/VERSION" "$CACHE/amd64/VERSION"; then
        # A stale cache from another Debian point release: fetch both anew.
        echo "cached versions differ; refetching" >>"$LOG"
        rm -rf "$CACHE/armhf" "$CACHE/amd64"
        fetch armhf && fetch amd64 || return 1
        cmp -s "$CACHE/armhf/VERSION" "$CACHE/amd64/VERSION" || {
            echo "versions still differ: $(cat "$CACHE/armhf/VERSION") vs $(cat "$CACHE/amd64/VERSION")" >>"$LOG"
            return 1
        }
    fi
}

# Serialise concurrent fetches (two test runs sharing the cache).
fetched=0
if command -v flock >/dev/null 2>&1; then
    exec 9>"$CACHE/.lock"
    flock 9
fi
fetch_both && fetched=1
exec 9>&-

if [ "$fetched" != 1 ]; then
    t_want real/busybox-fetch &&
        t_fail real/busybox-fetch "could not fetch busybox-static for armhf and amd64" \
            "$(tail -n 12 "$LOG")"
    [ "$own_results" = 1 ] && { t_summary; exit $?; }
    exit 0
fi

GUEST_BB=$CACHE/armhf/bin/busybox
NATIVE_BB=$CACHE/amd64/bin/busybox
t_note "busybox-static $(cat "$CACHE/armhf/VERSION") from ${CACHE}"

# A working directory with fixed contents and timestamps.
WORK=$BB_TMP/work
mkdir -p "$WORK/sub"
cp tests/guest/stdin.stdin "$WORK/data.txt"
printf 'zeta\nalpha\nMike\n42\nalpha\n\nbeta gamma\n' >"$WORK/words.txt"
printf '#!/bin/sh\necho script\n' >"$WORK/sub/run.sh"
chmod 644 "$WORK/data.txt" "$WORK/words.txt"
chmod 755 "$WORK/sub/run.sh"
touch -d '2024-01-02 03:04:05' "$WORK/data.txt" "$WORK/words.txt" "$WORK/sub/run.sh" "$WORK/sub"

# bb NAME STDIN ARGS...: runs busybox ARGS natively and under mimic.
bb() {
    local name=real/busybox-$1 in=$2 erc arc reason=()
    shift 2
    t_want "$name" || return 0
    t_verbose "\$ busybox $(printf '%q ' "$@")"
    (cd "$WORK" && exec timeout -k 5 "$T_TIMEOUT" env -i "$NATIVE_BB" "$@") \
        <"$in" >"$BB_TMP/ref.out" 2>"$BB_TMP/ref.err"
    erc=$?
    (cd "$WORK" && exec timeout -k 5 "$T_TIMEOUT" env -i "${MIMIC_CMD[@]}" "$GUEST_BB" "$@") \
        <"$in" >"$BB_TMP/cur.out" 2>"$BB_TMP/cur.err"
    arc=$?
    if [ "$T_VERBOSE" = 1 ] && [ -s "$BB_TMP/cur.err" ]; then t_verbose "$(t_stderr "$BB_TMP/cur.err")"; fi
    if ! cmp -s "$BB_TMP/ref.out" "$BB_TMP/cur.out"; then reason+=("stdout differs"); fi
    if [ "$erc" != "$arc" ]; then
        reason+=("$(t_describe_status "$arc"), expected $(t_describe_status "$erc")")
    fi
    if [ ${#reason[@]} -eq 0 ]; then
        t_pass "$name"
    else
        t_fail "$name" "$(t_join '; ' "${reason[@]}")" \
            "$(t_diff "$BB_TMP/ref.out" "$BB_TMP/cur.out" 16)" "$(t_stderr "$BB_TMP/cur.err")"
    fi
}

bb echo /dev/null echo hi
bb ls-root /dev/null ls /
bb sh-arith /dev/null sh -c 'x=$((6*7)); echo $x'
bb sh-loop /dev/null sh -c 'i=0; s=0; while [ $i -lt 200 ]; do s=$((s + i * i)); i=$((i + 1)); done; echo "sum=$s"'
bb sh-exit /dev/null sh -c 'echo before; exit 7'
bb ls-ln /dev/null ls -lnR .
bb wc /dev/null wc data.txt words.txt
bb md5sum /dev/null md5sum data.txt words.txt
bb sha256sum /dev/null sha256sum data.txt
bb sort /dev/null sort words.txt
bb tr-stdin "$WORK/data.txt" tr a-z A-Z
bb head-tail /dev/null head -n 3 data.txt
bb printf /dev/null printf '%05d|%-6s|%x|%o\n' 42 ab 255 8
bb false /dev/null false

if [ "$own_results" = 1 ]; then
    t_summary
    exit $?
fi
exit 0
