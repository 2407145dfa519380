# tests/real/common.bash: shared by the tests/real/*.sh scripts (bash).
#
# Source it after `set -u`, then call real_init.  It sources tests/lib.sh
# and tests/real/sysroot.sh and defines:
#   real_init SUITE [-v] [-k TEXT]   options, results file, temp dir
#                                    ($REAL_TMP), cd to the repository root
#   real_need_sysroot                builds/finds the sysroots; on failure
#                                    reports real/SUITE-sysroot and exits
#   real_case NAME STDIN PROG ARGS... runs sysroot PROG (a path inside the
#                                    sysroot, e.g. /bin/ls) natively from
#                                    the amd64 sysroot and under $MIMIC from
#                                    the armhf sysroot, each in a fresh copy
#                                    ($REAL_WORK) of the data files of
#                                    real_mkdata, and compares stdout and
#                                    exit status
#   real_translator_setup [SYSROOT]  how guest programs run (-L SYSROOT)
#   real_guest_prefix                the words that run a guest program
#   real_finish                      prints the summary when run on its own
# With MIMIC_REAL_KEEP=DIR, every case's outputs are kept in DIR.
# Variables a script may set before real_case:
#   REAL_ENV         array of NAME=value for both sides (after `env -i`)
#   REAL_ENV_NATIVE  array of NAME=value for the native side only
#   REAL_ENV_GUEST   array of NAME=value for the guest side only
# Both sides also get REAL_ROOT=<their sysroot> and PATH=<their sysroot>/usr/bin:
# <their sysroot>/bin, so that a program (a /bin/dash script, say) starts the
# programs of its own sysroot.
#
# Guest programs that start other guest programs: mimic runs a foreign ELF
# given to execve under itself.  qemu-user leaves execve to the host
# kernel, which needs binfmt_misc; when $MIMIC is qemu-*, each guest run is
# wrapped in a private user and mount namespace (unshare) with its own
# binfmt_misc instance that registers the translator (with -L <armhf
# sysroot>, through a small C wrapper built at test time, flags PF) for
# 32-bit ARM ELF files.  Nothing outside that namespace is changed.

# shellcheck source=tests/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
# shellcheck source=tests/real/sysroot.sh
. "$(dirname "${BASH_SOURCE[0]}")/sysroot.sh"

REAL_OWN_RESULTS=0
REAL_ENV=(LC_ALL=C TZ=UTC0 HOME=/nonexistent)
declare -A REAL_STATIC=()
REAL_ENV_NATIVE=()
REAL_ENV_GUEST=()

real_init() {
    REAL_SUITE=$1
    shift
    while [ $# -gt 0 ]; do
        case $1 in
            -v) export MIMIC_TEST_VERBOSE=1; T_VERBOSE=1 ;;
            -k) export MIMIC_TEST_FILTER=${2:-}; T_FILTER=${2:-}; shift ;;
            *) echo "usage: $0 [-v] [-k TEXT]" >&2; exit 2 ;;
        esac
        shift
    done
    cd "$T_ROOT" || exit 2
    t_resolve_mimic
    if t_results_init; then REAL_OWN_RESULTS=1; fi
    REAL_TMP=$(mktemp -d "${TMPDIR:-/tmp}/mimic-real-$REAL_SUITE.XXXXXX") || exit 2
    REAL_WORK=$REAL_TMP/work
    real_mkdata
    trap 'real_cleanup' EXIT
    trap 'exit 130' INT TERM
}

real_cleanup() {
    rm -rf "$REAL_TMP"
    if [ "$REAL_OWN_RESULTS" = 1 ]; then rm -f "$T_RESULTS"; fi
}

real_finish() {
    if [ "$REAL_OWN_RESULTS" = 1 ]; then
        t_summary
        exit $?
    fi
    exit 0
}

real_need_sysroot() {
    local note
    if ! sysroot_ensure; then
        t_fail "real/$REAL_SUITE-sysroot" "$SYSROOT_ERROR" "$(tail -n 8 "$SYSROOT_LOG" 2>/dev/null)"
        real_finish
    fi
    note=$(sysroot_host_libc_note)
    [ -z "$note" ] || t_note "$note"
    real_translator_setup "$SYSROOT_ARMHF"
}

# real_translator_setup [SYSROOT]: prepares real_guest_prefix: guest
# programs run as ${MIMIC_CMD[@]} [-L SYSROOT] PROGRAM, and under qemu-*
# in a private binfmt_misc namespace (see the top of this file).
real_translator_setup() {
    REAL_GUEST_ROOT=${1:-}
    REAL_QEMU=0
    case $(basename "${MIMIC_CMD[0]}") in qemu-*) REAL_QEMU=1 ;; esac
    if [ "$REAL_QEMU" = 1 ]; then
        # The binfmt_misc interpreter: the translator with -L <armhf sysroot>.
        # A C program: a #! script would change the environment (dash adds
        # PWD, perl reorders it).
        REAL_BINFMT_INTERP=$REAL_TMP/binfmt-translator
        {
            echo '#include <stdio.h>'
            echo '#include <unistd.h>'
            echo 'int main(int argc, char **argv) {'
            echo '    char *v[argc + 16]; int k = 0;'
            printf '    v[k++] = "%s";\n' "${MIMIC_CMD[@]}" ${REAL_GUEST_ROOT:+-L "$REAL_GUEST_ROOT"}
            echo '    if (argc < 3) return 127;'
            echo '    /* P flag: argv is interpreter, file, original argv[0], arguments. */'
            echo '    v[k++] = "-0"; v[k++] = argv[2]; v[k++] = argv[1];'
            echo '    for (int i = 3; i <= argc; i++) v[k++] = argv[i];'
            echo '    execv(v[0], v); perror(v[0]); return 127;'
            echo '}'
        } >"$REAL_BINFMT_INTERP.c"
        "${CC:-cc}" -O -o "$REAL_BINFMT_INTERP" "$REAL_BINFMT_INTERP.c" || REAL_QEMU=2
    fi
    if [ "$REAL_QEMU" = 1 ] && ! real_binfmt_probe; then
        t_note "note: no private binfmt_misc (unshare); guest programs cannot start other guest programs under ${MIMIC_CMD[0]}"
        REAL_QEMU=2
    fi
}

# The binfmt_misc rule for 32-bit little-endian ARM ELF executables.
REAL_BINFMT_ARM=':mimic-test-arm:M::\x7fELF\x01\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x28\x00:\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

# The shell script that, inside a new user and mount namespace, mounts a
# private binfmt_misc, registers $REAL_BINFMT_INTERP for ARM and runs "$@".
REAL_BINFMT_SCRIPT='"$REAL_BINFMT_MOUNT" -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2>/dev/null &&
    printf "%s:%s:PF\n" "$REAL_BINFMT_RULE" "$REAL_BINFMT_INTERP" >/proc/sys/fs/binfmt_misc/register || exit 125
unset REAL_BINFMT_RULE REAL_BINFMT_INTERP REAL_BINFMT_MOUNT
exec "$@"'

# real_binfmt_argv: prints (NUL-separated) the words that run a command
# under such a namespace.
real_binfmt_argv() {
    # Absolute paths: PATH names a sysroot by then.
    printf '%s\0' "$(command -v env)" REAL_BINFMT_RULE="$REAL_BINFMT_ARM" REAL_BINFMT_INTERP="$REAL_BINFMT_INTERP" \
        REAL_BINFMT_MOUNT="$(command -v mount)" "$(command -v unshare)" --user --map-root-user --mount \
        /bin/sh -c "$REAL_BINFMT_SCRIPT" sh
}

real_binfmt_probe() {
    local pre=()
    mapfile -d '' pre < <(real_binfmt_argv)
    "${pre[@]}" true 2>/dev/null
}

# real_guest_prefix: prints (NUL-separated) the words that run a guest
# program (after real_translator_setup).
real_guest_prefix() {
    if [ "${REAL_QEMU:-0}" = 1 ]; then
        real_binfmt_argv
    fi
    printf '%s\0' "${MIMIC_CMD[@]}" ${REAL_GUEST_ROOT:+-L "$REAL_GUEST_ROOT"}
}

# real_run_side SIDE PFX STDIN PROG ARGS...: one side of a case; leaves
# PFX.out, PFX.err, PFX.rc.
real_run_side() {
    local side=$1 pfx=$2 in=$3 prog=$4 rc cmd=()
    shift 4
    if [ "$side" = native ]; then
        local ld=("$SYSROOT_AMD64_LD")
        if [ -z "${REAL_STATIC[$prog]:-}" ]; then
            REAL_STATIC[$prog]=0
            LC_ALL=C readelf -lW "$SYSROOT_AMD64$prog" 2>/dev/null | grep -q 'Requesting program interpreter' ||
                REAL_STATIC[$prog]=1
        fi
        [ "${REAL_STATIC[$prog]}" = 1 ] && ld=()
        cmd=(env -i ${REAL_ENV[@]+"${REAL_ENV[@]}"} ${REAL_ENV_NATIVE[@]+"${REAL_ENV_NATIVE[@]}"}
            REAL_ROOT="$SYSROOT_AMD64" PATH="$SYSROOT_AMD64/usr/bin:$SYSROOT_AMD64/bin" LD_LIBRARY_PATH="$SYSROOT_AMD64_LIBPATH"
            ${ld[@]+"${ld[@]}"} "$SYSROOT_AMD64$prog" "$@")
    else
        local pre=()
        mapfile -d '' pre < <(real_guest_prefix)
        cmd=(env -i ${REAL_ENV[@]+"${REAL_ENV[@]}"} ${REAL_ENV_GUEST[@]+"${REAL_ENV_GUEST[@]}"}
            REAL_ROOT="$SYSROOT_ARMHF" PATH="$SYSROOT_ARMHF/usr/bin:$SYSROOT_ARMHF/bin" "${pre[@]}" "$SYSROOT_ARMHF$prog" "$@")
    fi
    t_verbose "$side: (cd $REAL_WORK && $(printf '%q ' "${cmd[@]}"))"
    # (The group's stderr takes bash's "Terminated" reports of killed jobs.)
    { (cd "$REAL_WORK" && exec timeout -k 5 "$T_TIMEOUT" "${cmd[@]}") <"$in" >"$pfx.out" 2>"$pfx.err"; } 2>/dev/null
    rc=$?
    echo "$rc" >"$pfx.rc"
}

# real_mkdata: the standard input files in $REAL_DATA (made once), with
# fixed contents, modes and timestamps:
#   text.txt  mixed text (tests/guest/stdin.stdin)     words.txt  short lines
#   data.csv  name,number,float lines                  bytes.bin  bytes 0..255
#   tree/     a small directory tree (files, an empty directory, a symlink)
real_mkdata() {
    REAL_DATA=$REAL_TMP/data
    [ -d "$REAL_DATA" ] && return 0
    mkdir -p "$REAL_DATA/tree/src/lib" "$REAL_DATA/tree/doc" "$REAL_DATA/tree/empty"
    cp tests/guest/stdin.stdin "$REAL_DATA/text.txt"
    printf 'zeta\nalpha\nMike\n42\nalpha\n\nbeta gamma\n7\nalpha\n-3\nZulu\n' >"$REAL_DATA/words.txt"
    printf 'carol,30,1.5\nalice,7,2.25\nbob,30,0.125\ndave,-2,10\neve,100,3.75\nalice,12,-1\n' >"$REAL_DATA/data.csv"
    local i f
    for ((i = 0; i < 256; i++)); do printf "\\$(printf %03o "$i")"; done >"$REAL_DATA/bytes.bin"
    printf 'int main(void) { return 0; }\n' >"$REAL_DATA/tree/src/main.c"
    printf '#define X 1\n' >"$REAL_DATA/tree/src/lib/x.h"
    printf 'static int f(int a) { return a * 2; }\n' >"$REAL_DATA/tree/src/lib/f.c"
    printf 'notes\n' >"$REAL_DATA/tree/doc/notes.txt"
    seq 1 500 >"$REAL_DATA/tree/doc/numbers.txt"
    printf 'readme\nsecond line\n' >"$REAL_DATA/tree/README.txt"
    printf '#!/bin/sh\necho run\n' >"$REAL_DATA/tree/run.sh"
    ln -s doc/notes.txt "$REAL_DATA/tree/link.txt"
    chmod 644 "$REAL_DATA"/*.* "$REAL_DATA"/tree/src/*.c "$REAL_DATA"/tree/src/lib/* "$REAL_DATA"/tree/doc/* \
        "$REAL_DATA/tree/README.txt"
    chmod 755 "$REAL_DATA/tree/run.sh" "$REAL_DATA"/tree/src "$REAL_DATA"/tree/src/lib "$REAL_DATA"/tree/doc
    chmod 700 "$REAL_DATA/tree/empty"
    i=0
    while IFS= read -r -d '' f; do
        i=$((i + 1))
        touch -h -d "2024-01-0$((i % 9 + 1)) 0$((i % 10)):1$((i % 10)):2$((i % 10)) UTC" "$f"
    done < <(cd "$REAL_DATA" && find . -mindepth 1 -depth -print0 | sort -z | sed -z "s|^\.|$REAL_DATA|")
    touch -d '2023-06-15 12:00:00 UTC' "$REAL_DATA/tree" "$REAL_DATA"
}

# real_fresh_work: $REAL_WORK becomes a fresh copy of $REAL_DATA (before
# each side of every case, so that cases may change files).
real_fresh_work() {
    rm -rf "$REAL_WORK"
    cp -a "$REAL_DATA" "$REAL_WORK"
}

# real_keep NAME REFPFX CURPFX: with MIMIC_REAL_KEEP=DIR, keeps both
# sides' stdout, stderr and status as DIR/<name>.{ref,cur}.{out,err,rc}
# (for looking into failures).
real_keep() {
    [ -n "${MIMIC_REAL_KEEP:-}" ] || return 0
    local base=$MIMIC_REAL_KEEP/${1#real/} ext
    mkdir -p "$MIMIC_REAL_KEEP"
    for ext in out err rc; do
        cp "$2.$ext" "$base.ref.$ext" 2>/dev/null
        cp "$3.$ext" "$base.cur.$ext" 2>/dev/null
    done
}

# real_case NAME STDIN PROG ARGS...
real_case() {
    local name=real/$REAL_SUITE-$1 in=$2 prog=$3 erc arc reason=() details=()
    shift 3
    t_want "$name" || return 0
    t_time_start
    real_fresh_work
    real_run_side native "$REAL_TMP/ref" "$in" "$prog" "$@"
    real_fresh_work
    real_run_side guest "$REAL_TMP/cur" "$in" "$prog" "$@"
    t_verbose "($(t_elapsed))"
    real_keep "$name" "$REAL_TMP/ref" "$REAL_TMP/cur"
    erc=$(cat "$REAL_TMP/ref.rc") arc=$(cat "$REAL_TMP/cur.rc")
    if [ "$T_VERBOSE" = 1 ] && [ -s "$REAL_TMP/cur.err" ]; then t_verbose "$(t_stderr "$REAL_TMP/cur.err")"; fi
    if ! cmp -s "$REAL_TMP/ref.out" "$REAL_TMP/cur.out"; then
        reason+=("stdout differs")
        details+=("$(t_diff "$REAL_TMP/ref.out" "$REAL_TMP/cur.out" 16)")
    fi
    if [ "$erc" != "$arc" ]; then
        reason+=("$(t_describe_status "$arc"), expected $(t_describe_status "$erc")")
    fi
    if [ "$erc" = 124 ]; then
        reason+=("(the native reference itself failed: $(t_describe_status "$erc"))")
        details+=("$(t_excerpt "native stderr" "$REAL_TMP/ref.err")")
    fi
    if [ ${#reason[@]} -eq 0 ]; then
        t_pass "$name"
    else
        [ -s "$REAL_TMP/cur.err" ] && details+=("$(t_stderr "$REAL_TMP/cur.err" 8)")
        t_fail "$name" "$(t_join '; ' "${reason[@]}")" ${details[@]+"${details[@]}"}
    fi
}
