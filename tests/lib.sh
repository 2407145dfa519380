# Shared helpers of tests/run, tests/demo and tests/real/*.sh (bash).
#
# Source it after `set -u`.  It defines:
#   T_ROOT         the repository root (absolute)
#   T_BUILD        the build directory (absolute; $BUILD or build)
#   T_TIMEOUT      seconds a single program may run ($MIMIC_TEST_TIMEOUT or 60)
#   T_VERBOSE      1 with -v ($MIMIC_TEST_VERBOSE)
#   T_FILTER       only tests whose name contains this ($MIMIC_TEST_FILTER)
#   MIMIC_CMD      array: the translator command ($MIMIC or build/mimic),
#                  first word resolved to an absolute path
# and the functions below.  Results are appended to the file $T_RESULTS
# (one "PASS name" / "FAIL name" line per test) so that scripts run as
# child processes of tests/run add to the same tally.

T_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
T_ORIG_PWD=${T_ORIG_PWD:-$PWD}
case ${BUILD:-build} in
    /*) T_BUILD=${BUILD} ;;
    *) T_BUILD=$T_ROOT/${BUILD:-build} ;;
esac
T_TIMEOUT=${MIMIC_TEST_TIMEOUT:-60}
T_VERBOSE=${MIMIC_TEST_VERBOSE:-0}
T_FILTER=${MIMIC_TEST_FILTER:-}
export T_ORIG_PWD

if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then
    T_GREEN=$'\033[32m' T_RED=$'\033[31m' T_BOLD=$'\033[1m' T_DIM=$'\033[2m' T_OFF=$'\033[0m'
else
    T_GREEN='' T_RED='' T_BOLD='' T_DIM='' T_OFF=''
fi

# No core files from crashing guests or translators in the work tree.
ulimit -c 0 2>/dev/null || true

# t_resolve_mimic: fills MIMIC_CMD from $MIMIC (default: build/mimic under
# the repository root).  $MIMIC may hold extra words ("qemu-arm -cpu max").
# A relative path with a slash is taken relative to the directory the user
# ran the script from if it exists there, else relative to the repository
# root; a bare name is looked up in PATH.
t_resolve_mimic() {
    local spec=${MIMIC:-$T_ROOT/build/mimic} exe found
    read -r -a MIMIC_CMD <<<"$spec"
    exe=${MIMIC_CMD[0]:-}
    case $exe in
        /*) ;;
        */*)
            if [ -e "$T_ORIG_PWD/$exe" ]; then exe=$T_ORIG_PWD/$exe; else exe=$T_ROOT/$exe; fi
            exe=$(cd "$(dirname "$exe")" 2>/dev/null && echo "$PWD/$(basename "$exe")") || exe=${MIMIC_CMD[0]}
            ;;
        *)
            if found=$(command -v -- "$exe" 2>/dev/null) && [ -n "$found" ]; then exe=$found; fi
            ;;
    esac
    MIMIC_CMD[0]=$exe
}

# t_mimic_ok: true when the translator command exists and is executable.
t_mimic_ok() {
    [ -f "${MIMIC_CMD[0]}" ] && [ -x "${MIMIC_CMD[0]}" ]
}

# t_results_init: creates $T_RESULTS unless the parent already did.
# Returns 0 if this process owns the file (and must print the summary).
t_results_init() {
    if [ -n "${T_RESULTS:-}" ] && [ -f "$T_RESULTS" ]; then
        return 1
    fi
    T_RESULTS=$(mktemp "${TMPDIR:-/tmp}/mimic-results.XXXXXX")
    export T_RESULTS
    return 0
}

# t_want NAME: true if NAME passes the -k filter.
t_want() {
    [ -z "$T_FILTER" ] && return 0
    case $1 in *"$T_FILTER"*) return 0 ;; esac
    return 1
}

# t_join SEP WORD...: the words joined by SEP.
t_join() {
    local sep=$1 out=
    shift
    [ $# -gt 0 ] || return 0
    out=$1
    shift
    while [ $# -gt 0 ]; do out=$out$sep$1; shift; done
    printf '%s' "$out"
}

# t_pass NAME
t_pass() {
    printf '%sPASS%s %s\n' "$T_GREEN" "$T_OFF" "$1"
    printf 'PASS %s\n' "$1" >>"$T_RESULTS"
}

# t_fail NAME REASON [DETAIL...]: DETAIL lines are printed indented.
t_fail() {
    local name=$1 reason=$2 line
    shift 2
    printf '%sFAIL%s %s: %s\n' "$T_RED" "$T_OFF" "$name" "$reason"
    for line in "$@"; do
        printf '%s\n' "$line" | sed 's/^/    /'
    done
    printf 'FAIL %s\n' "$name" >>"$T_RESULTS"
}

# t_note TEXT: an informational line (not a test).
t_note() {
    printf '%s%s%s\n' "$T_DIM" "$*" "$T_OFF"
}

# t_verbose TEXT...: printed with -v only.
t_verbose() {
    if [ "$T_VERBOSE" = 1 ]; then
        printf '%s\n' "$@" | sed 's/^/    | /'
    fi
    return 0
}

# t_head FILE [N]: the first N (default 10) lines of FILE, made printable,
# with a marker when there is more.
t_head() {
    local file=$1 n=${2:-10} total
    [ -s "$file" ] || return 0
    total=$(wc -l <"$file")
    head -n "$n" "$file" | cut -b1-200 | LC_ALL=C tr -d '\000-\010\013-\037\177'
    if [ "$total" -gt "$n" ]; then
        printf '... (%d more lines)\n' "$((total - n))"
    fi
}

# t_excerpt LABEL FILE [N]: "LABEL:" and an indented excerpt of FILE, or
# "LABEL: (empty)".
t_excerpt() {
    if [ -s "$2" ]; then
        echo "$1:"
        t_head "$2" "${3:-5}" | sed 's/^/  /'
    else
        echo "$1: (empty)"
    fi
}

# t_stderr FILE [N]: t_excerpt stderr FILE N.
t_stderr() { t_excerpt stderr "$1" "${2:-5}"; }

# t_diff EXPECTED ACTUAL [N]: a unified diff excerpt of at most N lines.
t_diff() {
    local n=${3:-20}
    diff -a -u --label expected --label actual "$1" "$2" | head -n "$n" | cut -b1-200 |
        LC_ALL=C tr -d '\000-\010\013-\037\177'
}

# t_describe_status RC: "exit 3", "killed by SIGSEGV (139)", "timed out".
t_describe_status() {
    local rc=$1 sig
    if [ "$rc" = 124 ]; then
        echo "timed out after ${T_TIMEOUT}s (status 124)"
    elif [ "$rc" -gt 128 ] && sig=$(kill -l "$((rc - 128))" 2>/dev/null); then
        echo "status $rc (killed by SIG$sig?)"
    else
        echo "exit $rc"
    fi
}

# t_summary: prints "N passed, M failed" as the last line; returns 1 if
# any test failed.
t_summary() {
    local passed failed
    passed=$(grep -c '^PASS ' "$T_RESULTS" || true)
    failed=$(grep -c '^FAIL ' "$T_RESULTS" || true)
    if [ "$failed" -gt 0 ]; then
        printf '%sFailed tests:%s\n' "$T_BOLD" "$T_OFF"
        sed -n 's/^FAIL /  /p' "$T_RESULTS"
    fi
    printf '%d passed, %d failed\n' "$passed" "$failed"
    [ "$failed" -eq 0 ]
}

# t_time_start / t_elapsed: wall-clock timing for -v output.
t_time_start() { T_T0=${EPOCHREALTIME:-0}; }
t_elapsed() {
    local t1=${EPOCHREALTIME:-0}
    awk -v a="${T_T0:-0}" -v b="$t1" 'BEGIN { printf "%.2fs", b - a }'
}
