#!/bin/bash
# tests/real/sysroot.sh: the two Debian bookworm sysroots of the real suite.
#
#   ${MIMIC_CACHE_DIR:-/var/cache/mimic-tests}/sysroot-armhf   guest programs
#   ${MIMIC_CACHE_DIR:-/var/cache/mimic-tests}/sysroot-amd64   native references
#   ${MIMIC_CACHE_DIR:-/var/cache/mimic-tests}/debs/           the .deb files
# (falling back to ~/.cache/mimic-tests when the first is not writable).
#
# Every package of SYSROOT_PKGS is fetched with `apt-get download` for both
# architectures at the same version: the newest version that the package
# index lists for armhf AND amd64 (bookworm-security, for one, may carry a
# newer amd64 build than armhf), and unpacked with `dpkg-deb -x`.  Absolute
# symbolic links inside a sysroot are made relative so that they resolve
# inside it, and python's standard library is byte-compiled (by the amd64
# python, for both).  The armhf dpkg architecture is added, and `apt-get update`
# run, only when needed.  A finished sysroot holds a stamp file
# (.mimic-sysroot: "package version architecture" lines); when the stamp
# names exactly the packages of SYSROOT_PKGS nothing is fetched or unpacked
# (set MIMIC_SYSROOT_REFRESH=1 to rebuild from the newest common versions).
# Builds are serialised with flock, so concurrent test runs share the cache.
#
# How the programs are run:
#   guest   $MIMIC -L sysroot-armhf sysroot-armhf/usr/bin/PROG
#   native  LD_LIBRARY_PATH=<amd64 lib dirs> \
#           sysroot-amd64/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2 \
#           sysroot-amd64/usr/bin/PROG
# The native reference loads only the amd64 sysroot's libraries (the
# dynamic linker is the sysroot's, the library path is the sysroot's, and
# the build checks that no program of the sysroot needs a library from
# outside it).  A native child process started by absolute path (python's
# subprocess of sys.executable) uses the host's dynamic linker with the
# inherited LD_LIBRARY_PATH, which is right as long as the host's libc6 is
# the sysroot's version; tests print a note when it is not.  Perl finds its
# amd64 modules through PERL5LIB (see real_perl5lib); python finds its
# standard library from the location of its executable.
#
# Executed (by `tests/run real` or by hand), it builds or checks both
# sysroots and reports one test, real/sysroot.  `tests/real/sysroot.sh
# --print` prints the two paths.  Sourced (by the other tests/real/*.sh), it
# only defines sysroot_ensure and the variables below.

SYSROOT_FORMAT=3

# Arch-specific and arch-all packages alike; versions are resolved per
# package.  Libraries are listed because the programs need them: the build
# fails if an ELF file of either sysroot needs a library not in it.
SYSROOT_PKGS=(
    libc6 libgcc-s1 libcrypt1
    busybox-static dash
    coreutils libacl1 libattr1 libgmp10 libselinux1 libpcre2-8-0
    findutils sed grep gawk libmpfr6 libsigsegv2 libreadline8 libtinfo6 libncursesw6
    diffutils tar gzip xz-utils liblzma5 bzip2 libbz2-1.0 zlib1g
    perl-base perl-modules-5.36 libperl5.36 perl libdb5.3 libgdbm6 libgdbm-compat4
    python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
    libexpat1 libssl3 libffi8 libsqlite3-0 libuuid1 libnsl2 libtirpc3
    libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1
    media-types
)

_sysroot_cache_base() {
    local base=${MIMIC_CACHE_DIR:-/var/cache/mimic-tests}
    if ! mkdir -p "$base" 2>/dev/null || [ ! -w "$base" ]; then
        base=${XDG_CACHE_HOME:-$HOME/.cache}/mimic-tests
        mkdir -p "$base" || return 1
    fi
    echo "$base"
}

SYSROOT_BASE=$(_sysroot_cache_base) || SYSROOT_BASE=/nonexistent
SYSROOT_ARMHF=$SYSROOT_BASE/sysroot-armhf
SYSROOT_AMD64=$SYSROOT_BASE/sysroot-amd64
SYSROOT_DEBS=$SYSROOT_BASE/debs
SYSROOT_LOG=$SYSROOT_BASE/sysroot-build.log
SYSROOT_AMD64_LD=$SYSROOT_AMD64/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
SYSROOT_AMD64_LIBPATH=$SYSROOT_AMD64/lib/x86_64-linux-gnu:$SYSROOT_AMD64/usr/lib/x86_64-linux-gnu
SYSROOT_ERROR=

_sr_log() { printf '%s\n' "$*" >>"$SYSROOT_LOG"; }

_sr_as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi
}

_sr_apt_update() {
    [ "${_SR_UPDATED:-0}" = 1 ] && return 0
    _SR_UPDATED=1
    _sr_log "running apt-get update"
    _sr_as_root apt-get update -q >>"$SYSROOT_LOG" 2>&1 || _sr_log "(apt-get update reported errors)"
}

# _sr_stamp_ok ROOT: the stamp of ROOT names exactly SYSROOT_PKGS.
_sr_stamp_ok() {
    local root=$1 want have
    [ -f "$root/.mimic-sysroot" ] || return 1
    [ "$(sed -n 's/^format //p' "$root/.mimic-sysroot")" = "$SYSROOT_FORMAT" ] || return 1
    want=$(printf '%s\n' "${SYSROOT_PKGS[@]}" | sort -u)
    have=$(grep -v '^format ' "$root/.mimic-sysroot" | awk '{ print $1 }' | sort -u)
    [ "$want" = "$have" ]
}

# _sr_resolve: fills SR_VER[pkg] (the newest version listed for both
# armhf and amd64) and SR_ALL[pkg]=1 for Architecture: all packages.
_sr_resolve() {
    local try p arch name ver src missing
    for try in 1 2; do
        unset SR_VER SR_ALL
        declare -gA SR_VER=() SR_ALL=()
        missing=()
        local -A seen=()
        # Plain names list amd64 builds and arch-all packages (for every
        # architecture); name:armhf lists the armhf builds.
        while IFS='|' read -r name ver src; do
            name=${name// /} ver=${ver// /}
            for arch in armhf amd64; do
                case $src in *" $arch Packages") ;; *) continue ;; esac
                case $name in
                    *:armhf) [ "$arch" = armhf ] || continue ;;
                    *) [ "$arch" = amd64 ] || SR_ALL[$name]=1 ;;
                esac
                seen["${name%:*}|$ver|$arch"]=1
            done
        done < <(apt-cache madison "${SYSROOT_PKGS[@]}" "${SYSROOT_PKGS[@]/%/:armhf}" 2>>"$SYSROOT_LOG")
        for p in "${SYSROOT_PKGS[@]}"; do
            local best=
            for key in "${!seen[@]}"; do
                case $key in "$p|"*"|armhf") ;; *) continue ;; esac
                ver=${key#"$p|"} ver=${ver%|armhf}
                [ -n "${seen["$p|$ver|amd64"]:-}" ] || continue
                if [ -z "$best" ] || dpkg --compare-versions "$ver" gt "$best"; then best=$ver; fi
            done
            if [ -z "$best" ]; then missing+=("$p"); else SR_VER[$p]=$best; fi
        done
        [ ${#missing[@]} -eq 0 ] && return 0
        _sr_log "no version common to armhf and amd64 for: ${missing[*]}"
        [ "$try" = 1 ] && _sr_apt_update
    done
    SYSROOT_ERROR="no version of ${missing[*]} available for both armhf and amd64"
    return 1
}

# _sr_deb PKG ARCH: the cache path of PKG's .deb for ARCH.
_sr_deb() {
    local p=$1 arch=$2 v=${SR_VER[$1]}
    [ -n "${SR_ALL[$p]:-}" ] && arch=all
    echo "$SYSROOT_DEBS/${p}_${v//:/%3a}_${arch}.deb"
}

# _sr_download: every missing .deb of both architectures.
_sr_download() {
    local p arch specs=() dl sandbox=() f try
    for arch in armhf amd64; do
        for p in "${SYSROOT_PKGS[@]}"; do
            [ -s "$(_sr_deb "$p" "$arch")" ] && continue
            if [ -n "${SR_ALL[$p]:-}" ]; then
                specs+=("$p=${SR_VER[$p]}")
            else
                specs+=("$p:$arch=${SR_VER[$p]}")
            fi
        done
    done
    [ ${#specs[@]} -eq 0 ] && return 0
    read -r -a specs < <(printf '%s\n' "${specs[@]}" | sort -u | tr '\n' ' ')
    mkdir -p "$SYSROOT_DEBS" || return 1
    # As root, apt cannot hand a private directory to the _apt user.
    if [ "$(id -u)" = 0 ]; then sandbox=(-o APT::Sandbox::User=root); fi
    for try in 1 2; do
        dl=$(mktemp -d "$SYSROOT_DEBS/.dl.XXXXXX") || return 1
        _sr_log "apt-get download ${specs[*]}"
        if (cd "$dl" && apt-get download -q "${sandbox[@]}" "${specs[@]}") >>"$SYSROOT_LOG" 2>&1; then
            for f in "$dl"/*.deb; do [ -f "$f" ] && mv -f "$f" "$SYSROOT_DEBS/"; done
            rm -rf "$dl"
            return 0
        fi
        rm -rf "$dl"
        [ "$try" = 1 ] && _sr_apt_update
    done
    SYSROOT_ERROR="apt-get download failed"
    return 1
}

# _sr_relink ROOT: absolute symbolic links inside ROOT become relative.
_sr_relink() {
    local root=$1 link target dir rel up
    while IFS= read -r -d '' link; do
        target=$(readlink "$link")
        case $target in /*) ;; *) continue ;; esac
        dir=$(dirname "${link#"$root"}")
        # ../ for every component of the link's directory.
        up=
        rel=${dir#/}
        while [ -n "$rel" ] && [ "$rel" != . ]; do
            up=../$up
            case $rel in */*) rel=${rel#*/} ;; *) rel= ;; esac
        done
        ln -sfn "${up:-./}${target#/}" "$link"
    done < <(find "$root" -type l -print0)
}

# _sr_unpack ARCH ROOT: a fresh sysroot at ROOT.
_sr_unpack() {
    local arch=$1 root=$2 new p deb
    new=$(mktemp -d "$SYSROOT_BASE/.new-$arch.XXXXXX") || return 1
    chmod 755 "$new"
    {
        echo "format $SYSROOT_FORMAT"
    } >"$new/.mimic-sysroot"
    for p in "${SYSROOT_PKGS[@]}"; do
        deb=$(_sr_deb "$p" "$arch")
        if ! dpkg-deb -x "$deb" "$new" >>"$SYSROOT_LOG" 2>&1; then
            SYSROOT_ERROR="dpkg-deb -x $(basename "$deb") failed"
            rm -rf "$new"
            return 1
        fi
        echo "$p ${SR_VER[$p]} $([ -n "${SR_ALL[$p]:-}" ] && echo all || echo "$arch")" >>"$new/.mimic-sysroot"
    done
    _sr_relink "$new"
    # An empty cache: the guest's dynamic linker must not read the host's
    # /etc/ld.so.cache (it has no libc-bin to make its own), so it searches
    # its default directories inside the sysroot.
    mkdir -p "$new/etc" && : >"$new/etc/ld.so.cache"
    rm -rf "$root.old"
    [ -e "$root" ] && mv "$root" "$root.old"
    mv "$new" "$root" && rm -rf "$root.old"
}

# _sr_check_libs: every NEEDED library of every ELF file of both sysroots
# is found inside that sysroot.  Prints the problems.
_sr_check_libs() {
    local arch root libdirs f lib d found bad=0
    for arch in armhf amd64; do
        if [ "$arch" = armhf ]; then
            root=$SYSROOT_ARMHF libdirs=(lib/arm-linux-gnueabihf usr/lib/arm-linux-gnueabihf)
        else
            root=$SYSROOT_AMD64 libdirs=(lib/x86_64-linux-gnu usr/lib/x86_64-linux-gnu)
        fi
        while IFS= read -r -d '' f; do
            [ "$(head -c 4 "$f" 2>/dev/null)" = $'\x7fELF' ] || continue
            for lib in $(LC_ALL=C readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
                found=0
                # $ORIGIN (glibc's gconv modules) and the library directories.
                [ -e "$(dirname "$f")/$lib" ] && continue
                for d in "${libdirs[@]}"; do
                    [ -e "$root/$d/$lib" ] && { found=1; break; }
                done
                if [ "$found" = 0 ]; then
                    echo "$arch: ${f#"$root"/} needs $lib"
                    bad=1
                fi
            done
        done < <(find "$root/bin" "$root/usr/bin" "$root/lib" "$root/usr/lib" -type f \( -perm -u+x -o -name '*.so*' \) -print0 2>/dev/null)
    done
    return "$bad"
}

# _sr_compile_python: byte-compiles both standard libraries with the amd64
# python (.pyc files do not depend on the architecture), so that the tests
# neither compile them on every run nor write into the cache.
_sr_compile_python() {
    local py=$SYSROOT_AMD64/usr/bin/python3.11
    [ -x "$py" ] || return 0
    env -i LD_LIBRARY_PATH="$SYSROOT_AMD64_LIBPATH" "$SYSROOT_AMD64_LD" "$py" -m compileall -q -j 0 \
        -x '/(test|tests|lib2to3/tests|idlelib)/' \
        "$SYSROOT_AMD64/usr/lib/python3.11" "$SYSROOT_ARMHF/usr/lib/python3.11" >>"$SYSROOT_LOG" 2>&1 ||
        _sr_log "(compileall reported errors)"
}

# sysroot_ensure: makes both sysroots (or finds them up to date); sets
# SYSROOT_ERROR and returns 1 on failure (details in $SYSROOT_LOG).
sysroot_ensure() {
    local lockfd ok=0 native problems
    SYSROOT_ERROR=
    if [ "$SYSROOT_BASE" = /nonexistent ]; then
        SYSROOT_ERROR="no writable cache directory"
        return 1
    fi
    exec {lockfd}>"$SYSROOT_BASE/.sysroot.lock"
    flock "$lockfd"
    if [ "${MIMIC_SYSROOT_REFRESH:-0}" != 1 ] && _sr_stamp_ok "$SYSROOT_ARMHF" && _sr_stamp_ok "$SYSROOT_AMD64"; then
        exec {lockfd}>&-
        return 0
    fi
    : >"$SYSROOT_LOG"
    (
        native=$(dpkg --print-architecture)
        if [ "$native" != amd64 ]; then
            echo "host architecture is $native, not amd64" >"$SYSROOT_BASE/.error"
            exit 1
        fi
        if ! dpkg --print-foreign-architectures | grep -qx armhf; then
            _sr_log "adding dpkg architecture armhf"
            _sr_as_root dpkg --add-architecture armhf >>"$SYSROOT_LOG" 2>&1 || {
                echo "dpkg --add-architecture armhf failed" >"$SYSROOT_BASE/.error"
                exit 1
            }
            _sr_apt_update
        fi
        _sr_resolve && _sr_download &&
            _sr_unpack armhf "$SYSROOT_ARMHF" && _sr_unpack amd64 "$SYSROOT_AMD64" || {
            echo "$SYSROOT_ERROR" >"$SYSROOT_BASE/.error"
            rm -rf "$SYSROOT_ARMHF" "$SYSROOT_AMD64"
            exit 1
        }
        if ! problems=$(_sr_check_libs); then
            printf '%s\n' "$problems" >>"$SYSROOT_LOG"
            echo "libraries missing from the sysroots: $(echo "$problems" | head -n 3 | tr '\n' ';')" \
                >"$SYSROOT_BASE/.error"
            rm -rf "$SYSROOT_ARMHF" "$SYSROOT_AMD64"
            exit 1
        fi
        _sr_compile_python
        rm -f "$SYSROOT_BASE/.error"
        _sr_log "done: $(du -sh "$SYSROOT_ARMHF" | cut -f1) armhf, $(du -sh "$SYSROOT_AMD64" | cut -f1) amd64"
    ) && ok=1
    if [ "$ok" != 1 ]; then
        SYSROOT_ERROR=$(cat "$SYSROOT_BASE/.error" 2>/dev/null || echo "sysroot build failed")
    fi
    exec {lockfd}>&-
    [ "$ok" = 1 ]
}

# sysroot_version PKG: PKG's version in the sysroots.
sysroot_version() {
    awk -v p="$1" '$1 == p { print $2 }' "$SYSROOT_ARMHF/.mimic-sysroot"
}

# sysroot_host_libc_note: a warning when the host's libc6 is not the
# sysroot's (native child processes started by path use the host's
# dynamic linker).
sysroot_host_libc_note() {
    local host
    host=$(dpkg-query -W -f '${Version}' libc6:amd64 2>/dev/null)
    if [ "$host" != "$(sysroot_version libc6)" ]; then
        echo "note: host libc6 $host differs from the sysroot's $(sysroot_version libc6);" \
            "native child processes started by path may misbehave"
    fi
}

# ---------------------------------------------------------------- main
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -u
    if [ "${1:-}" = --print ]; then
        sysroot_ensure || { echo "sysroot.sh: $SYSROOT_ERROR (see $SYSROOT_LOG)" >&2; exit 1; }
        echo "$SYSROOT_ARMHF"
        echo "$SYSROOT_AMD64"
        exit 0
    fi
    while [ $# -gt 0 ]; do
        case $1 in
            -v) export MIMIC_TEST_VERBOSE=1 ;;
            -k) export MIMIC_TEST_FILTER=${2:-}; shift ;;
            *) echo "usage: $0 [-v] [-k TEXT] | --print" >&2; exit 2 ;;
        esac
        shift
    done
    # shellcheck source=tests/lib.sh
    . "$(dirname "$0")/../lib.sh"
    own_results=0
    if t_results_init; then own_results=1; fi
    trap '[ "$own_results" = 1 ] && rm -f "$T_RESULTS"' EXIT
    if t_want real/sysroot; then
        t_time_start
        if sysroot_ensure; then
            t_verbose "($(t_elapsed)) $SYSROOT_ARMHF $SYSROOT_AMD64"
            t_pass real/sysroot
            note=$(sysroot_host_libc_note)
            [ -z "$note" ] || t_note "$note"
        else
            t_fail real/sysroot "$SYSROOT_ERROR" "$(tail -n 8 "$SYSROOT_LOG" 2>/dev/null)"
        fi
    fi
    if [ "$own_results" = 1 ]; then
        t_summary
        exit $?
    fi
    exit 0
fi
