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
# Each command runs natively and under $MIMIC in a fresh copy of a working
# directory with fixed contents and timestamps; tests/real/data/bb-*.sh are
# shell scripts run by `busybox sh`.  Under qemu-*, guest runs get a private
# binfmt_misc (see tests/real/common.bash), since busybox re-executes itself
# for some applets.
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
# shellcheck source=tests/real/common.bash
. "$(dirname "$0")/common.bash"
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

REAL_TMP=$BB_TMP
real_translator_setup ""
mapfile -d '' GUEST_PREFIX < <(real_guest_prefix)

# A working directory with fixed contents and timestamps; each side of each
# case gets a fresh copy of it ($WORK).
TEMPLATE=$BB_TMP/template
WORK=$BB_TMP/work
mkdir -p "$TEMPLATE/sub" "$TEMPLATE/tree/a/b" "$TEMPLATE/tree/c"
cp tests/guest/stdin.stdin "$TEMPLATE/data.txt"
cp tests/real/data/bb-*.sh "$TEMPLATE/"
printf 'zeta\nalpha\nMike\n42\nalpha\n\nbeta gamma\n' >"$TEMPLATE/words.txt"
printf '#!/bin/sh\necho script\n' >"$TEMPLATE/sub/run.sh"
printf 'carol,30,x\nalice,7,y\nbob,30,z\ndave,-2,w\n' >"$TEMPLATE/data.csv"
printf 'one\ntwo\nthree\n' >"$TEMPLATE/tree/a/b/f1.txt"
printf 'int x;\n' >"$TEMPLATE/tree/a/x.c"
printf 'readme\n' >"$TEMPLATE/tree/c/README"
seq 1 300 >"$TEMPLATE/tree/c/numbers"
for ((i = 0; i < 256; i++)); do printf "\\$(printf %03o "$i")"; done >"$TEMPLATE/bytes.bin"
ln -s a/b/f1.txt "$TEMPLATE/tree/link"
# (busybox's xz only decompresses; the host's xz-utils makes the input.)
xz -6 -c "$TEMPLATE/data.txt" >"$TEMPLATE/data.txt.xz" 2>/dev/null || rm -f "$TEMPLATE/data.txt.xz"
chmod 644 "$TEMPLATE"/*.txt* "$TEMPLATE"/*.csv "$TEMPLATE"/*.sh "$TEMPLATE/bytes.bin" \
    "$TEMPLATE"/tree/a/b/f1.txt "$TEMPLATE"/tree/a/x.c "$TEMPLATE"/tree/c/*
chmod 755 "$TEMPLATE/sub/run.sh" "$TEMPLATE/sub" "$TEMPLATE/tree" "$TEMPLATE"/tree/* "$TEMPLATE/tree/a/b"
find "$TEMPLATE" -exec touch -h -d '2024-01-02 03:04:05' {} +
touch -d '2023-05-06 07:08:09' "$TEMPLATE/tree/c/numbers" "$TEMPLATE/tree/a"

fresh_work() {
    rm -rf "$WORK"
    cp -a "$TEMPLATE" "$WORK"
}

# bb NAME STDIN ARGS...: runs busybox ARGS natively and under mimic.
bb() {
    local name=real/busybox-$1 in=$2 erc arc reason=()
    shift 2
    t_want "$name" || return 0
    t_verbose "\$ busybox $(printf '%q ' "$@")"
    fresh_work
    { (cd "$WORK" && exec timeout -k 5 "$T_TIMEOUT" env -i "$NATIVE_BB" "$@") \
        <"$in" >"$BB_TMP/ref.out" 2>"$BB_TMP/ref.err"; } 2>/dev/null
    erc=$?
    fresh_work
    { (cd "$WORK" && exec timeout -k 5 "$T_TIMEOUT" env -i "${GUEST_PREFIX[@]}" "$GUEST_BB" "$@") \
        <"$in" >"$BB_TMP/cur.out" 2>"$BB_TMP/cur.err"; } 2>/dev/null
    arc=$?
    echo "$erc" >"$BB_TMP/ref.rc"
    echo "$arc" >"$BB_TMP/cur.rc"
    real_keep "$name" "$BB_TMP/ref" "$BB_TMP/cur"
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

# More applets.
bb seq /dev/null seq -s, 1 3 40
bb expr /dev/null expr \( 7 \* 6 \) + 100 / 7 % 5
bb expr-match /dev/null expr hello-world : 'hello-\(.*\)'
bb test /dev/null sh -c 'for f in data.txt tree tree/link nope; do test -f $f; a=$?; [ -d $f ]; b=$?; test -L $f; echo "$f $a$b$?"; done'
bb basename-dirname /dev/null sh -c 'basename /a/b/c.txt .txt; dirname /a/b/c.txt; dirname c'
bb cut /dev/null cut -d, -f1,3 data.csv
bb cut-chars "$TEMPLATE/data.txt" cut -c 1-5,10-
bb tr-classes /dev/null sh -c 'tr -s "[:space:]" "\n" < data.txt | tr -cd "[:alnum:]\n" | head -n 12'
bb sort-keys /dev/null sort -t, -k2,2n -k1,1r data.csv
bb sort-unique /dev/null sort -u -r words.txt
bb uniq /dev/null sh -c 'sort words.txt | uniq -c'
bb wc-l /dev/null wc -l -w -c -L data.txt
bb head-c /dev/null head -c 100 data.txt
bb tail-n /dev/null tail -n +5 words.txt
bb tail-bytes /dev/null tail -c 30 data.txt
bb sed /dev/null sed -e 's/w\([0-9]*\)_0/<\1>/g' -e '/^00[5-9]/d' -e '$a the end' data.txt
bb sed-n /dev/null sed -n '2,4p;$=' words.txt
bb awk /dev/null awk -F, '{ s[$2] = s[$2] " " $1; n += $2 } END { print n; for (k in s) print k ":" s[k] | "sort" }' data.csv
bb awk-printf /dev/null awk 'BEGIN { printf "%5d|%-4s|%x|%c|%s\n", 42, "ab", 255, 65, substr("hello", 2, 3); print length("abc"), index("abc", "c"), toupper("q") }'
bb grep /dev/null grep -n 'w1[0-9]_' data.txt
bb grep-E /dev/null grep -E -o -c '[0-9]{6}' data.txt
bb grep-v /dev/null grep -v -i -e alpha -e '^$' words.txt
bb grep-r /dev/null grep -r -l e tree
bb grep-nomatch /dev/null grep nothing-like-this data.txt
bb find /dev/null find tree -name '*.txt' -type f
bb find-exprs /dev/null find tree '(' -type d -o -type l ')' -print
bb find-size /dev/null find . -type f -size +1k
bb xargs /dev/null sh -c 'find tree -type f | sort | xargs wc -l'
bb xargs-n /dev/null sh -c 'seq 1 10 | xargs -n 4 echo'
bb md5sum-check /dev/null sh -c 'md5sum data.txt words.txt > sums && md5sum -c sums'
bb sha1sum /dev/null sha1sum data.txt bytes.bin
bb sha512sum /dev/null sha512sum bytes.bin
bb sha3sum /dev/null sha3sum bytes.bin
bb crc32 /dev/null crc32 bytes.bin
bb base64 /dev/null base64 bytes.bin
bb base64-d /dev/null sh -c 'base64 data.txt | base64 -d | cmp - data.txt && echo same'
bb od /dev/null od -A x -t x1 -c -N 64 data.txt
bb od-bytes /dev/null od -t o1 -t d2 bytes.bin
bb hexdump /dev/null hexdump -C -n 100 bytes.bin
bb xxd /dev/null xxd -s 200 bytes.bin
bb uuencode /dev/null sh -c 'uuencode -m words.txt w | uudecode -o - | cmp - words.txt && uuencode words.txt words.txt | head -n 3'
bb date-epoch /dev/null date -d @0 -u
bb date-fmt /dev/null date -u -d @1234567890 '+%Y-%m-%d %H:%M:%S %a %b %j %s'
bb cal /dev/null cal 1 2000
bb cal-year /dev/null cal 2024
bb factor /dev/null factor 1 2 97 1001 65536 600851475143 4294967297
bb dc /dev/null dc -e '2 64 ^ 1 - p 17 5 / p 17 5 % p'
bb bc /dev/null sh -c 'echo "2^100; 17/5; 17%5; obase=16; 255" | bc'
bb ls-l /dev/null ls -l tree tree/a
bb ls-R /dev/null ls -R -F tree
bb ls-sort /dev/null ls -1 -t -r tree/c tree/a tree/link
bb stat /dev/null stat -c '%n %s %a %F %Y' data.txt tree tree/link sub/run.sh
bb touch-d /dev/null sh -c 'touch -d "2001-09-09 01:46:40" t1 && touch -d "1999-12-31 23:59:59" t2 && stat -c "%n %Y" t1 t2 && ls -t t1 t2'
bb cp-r /dev/null sh -c 'cp -r tree copy && ls -R copy && cmp tree/c/numbers copy/c/numbers && echo same'
bb cp-a /dev/null sh -c 'cp -a tree copy && ls -l copy copy/c'
bb mv-rm /dev/null sh -c 'mkdir -p d/e/f && touch d/e/f/g && mv d/e d/E && ls -R d && rm -r d/E && ls d; rm nope; echo "rm status $?"'
bb mkdir-rmdir /dev/null sh -c 'mkdir -p -m 700 x/y && stat -c "%n %a" x x/y && rmdir x/y x && ls; rmdir tree; echo "rmdir status $?"'
bb ln /dev/null sh -c 'ln -s words.txt sym && ln words.txt hard && readlink sym && stat -c "%n %h" words.txt hard && ls -l sym | cut -d" " -f1 && realpath sym'
bb chmod /dev/null sh -c 'chmod 640 words.txt && stat -c %a words.txt && chmod u+x,o+r words.txt && stat -c %A words.txt'
bb tar /dev/null sh -c 'tar -cf t.tar tree && tar -tf t.tar | sort && mkdir x && tar -xf t.tar -C x && diff -r tree x/tree && echo extracted'
bb tar-gz /dev/null sh -c 'tar -czf t.tgz tree && tar -tzvf t.tgz | wc -l && gunzip -t t.tgz && echo ok'
bb gzip /dev/null sh -c 'gzip -9 -c data.txt > d.gz && gunzip -c d.gz | cmp - data.txt && zcat d.gz | wc -l && gzip -d d.gz && cmp d data.txt && echo ok'
bb bzip2 /dev/null sh -c 'bzip2 -c data.txt > d.bz2 && bunzip2 -c d.bz2 | cmp - data.txt && bzcat d.bz2 | md5sum'
bb xz /dev/null sh -c 'unxz -c data.txt.xz | cmp - data.txt && xzcat data.txt.xz | wc -l && xz -d data.txt.xz 2>/dev/null; echo "status $?"; ls data.txt*'
bb cpio /dev/null sh -c 'find tree | sort | cpio -o -H newc 2>/dev/null | cpio -t 2>/dev/null'
bb cmp /dev/null cmp data.txt words.txt
bb diff /dev/null sh -c 'sed "s/alpha/ALPHA/;3d" words.txt > w2; diff -u words.txt w2 | tail -n +3'
bb patch /dev/null sh -c 'sed "s/alpha/ALPHA/" words.txt > w2; diff -u words.txt w2 > p.diff; patch -p0 words.txt < p.diff && cat words.txt'
bb rev-tac-nl /dev/null sh -c 'rev words.txt; tac words.txt; nl words.txt'
bb paste-fold /dev/null sh -c 'paste -d: words.txt data.csv; fold -w 20 data.txt | head -n 4; expand data.txt | head -n 4'
bb dos2unix /dev/null sh -c 'unix2dos -d < words.txt > dos.txt 2>/dev/null || unix2dos < words.txt > dos.txt; od -c dos.txt | head -n 3; dos2unix < dos.txt | cmp - words.txt && echo back'
bb strings /dev/null strings -n 6 sub/run.sh data.txt
bb printf-more /dev/null printf '%s=%d %5.2s|%-3c|%%|%b|%o\n' a 1 hello x 'tab\there' 64
bb echo-e /dev/null echo -e 'a\tb\nc\0101'
bb yes-head /dev/null sh -c 'yes abc | head -n 3'
bb env /dev/null sh -c 'env -i B=2 A=1 env | sort'
bb id /dev/null sh -c 'id -u; id -g; whoami'
bb pwd-cd /dev/null sh -c 'cd tree/a && pwd && cd .. && pwd -P && cd a/b && basename $(pwd)'
bb truncate-dd /dev/null sh -c 'cp data.txt t && truncate -s 100 t && wc -c t && dd if=data.txt of=o bs=10 count=3 skip=1 2>/dev/null && cat o'
bb timeout /dev/null timeout 5 sh -c 'echo inside; exit 4'
bb timeout-expire /dev/null timeout -s KILL 1 sleep 5
bb sleep-kill /dev/null sh -c 'sleep 5 & pid=$!; kill -TERM $pid; wait $pid; echo "status $?"'
bb getopt /dev/null getopt -o ab:c -l long: -- -a -b val --long=x -c rest
bb which-type /dev/null sh -c 'type echo; command -v cd'
bb sh-script /dev/null sh bb-script.sh
bb sh-jobs /dev/null sh bb-jobs.sh
bb sh-heredoc-pipe /dev/null sh -c 'cat <<EOF | sort | uniq -c | sort -rn
b
a
b
c
b
EOF'
bb sh-stdin-loop "$TEMPLATE/data.txt" sh -c 'n=0; while IFS= read -r line; do case $line in 0[0-9]*) n=$((n + 1));; esac; done; echo "$n numbered lines"'
bb sh-subshell-exit /dev/null sh -c '(exit 42); echo "subshell $?"; x=$(exit 3); echo "subst $?"; exit 11'
bb sh-trap-exit /dev/null sh -c 'trap "echo bye" EXIT; echo hello; exit 2'
bb sh-signal-self /dev/null sh -c 'trap "echo caught HUP" HUP; kill -HUP $$; trap - HUP; echo after; kill -TERM $$; echo not-reached'

if [ "$own_results" = 1 ]; then
    t_summary
    exit $?
fi
exit 0
