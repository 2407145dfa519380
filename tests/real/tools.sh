#!/bin/bash
# tests/real/tools.sh: Debian bookworm's armhf sed, grep, gawk, diffutils,
# findutils' xargs, tar, gzip, xz-utils and bzip2 (dynamically linked) under
# $MIMIC -L <armhf sysroot>; stdout and exit status are compared with the
# amd64 builds of the same versions run natively (see tests/real/sysroot.sh).
# Pipelines run under the sysroot's dash, whose PATH is the sysroot's.
#
# Usage: tests/real/tools.sh [-v] [-k TEXT]  (also run by `tests/run real`)

set -u
# shellcheck source=tests/real/common.bash
. "$(dirname "$0")/common.bash"
real_init tools "$@"
real_need_sysroot
t_note "sed $(sysroot_version sed), grep $(sysroot_version grep), gawk $(sysroot_version gawk), tar $(sysroot_version tar), xz-utils $(sysroot_version xz-utils) from $SYSROOT_BASE"

D=$REAL_DATA
N=/dev/null
SH=/bin/dash

# sed
real_case sed-subst $D/text.txt /bin/sed -e 's/w\([0-9]*\)_\([0-9]\)/<\2:\1>/g' -e '/^01[0-2]/d'
real_case sed-script $N /bin/sed -n -e '2,5{s/^/> /;p}' -e '$=' -e '/alpha/{=;}' words.txt
real_case sed-ere $N /bin/sed -E 's/^([a-z]+),([0-9-]+),(.*)$/\3 \2 \1/;T;s/ /|/g' data.csv
real_case sed-inplace $N $SH -c 'sed -i.orig "1i\\
header" words.txt && sed -n "1,3p;\$p" words.txt && cmp -s words.txt.orig words.txt; echo $?'
real_case sed-hold $N /bin/sed -n '1!G;h;$p' words.txt
real_case sed-y-quit $N /bin/sed -e 'y/abc/XYZ/' -e '5q7' text.txt

# grep
real_case grep-basic $N /bin/grep -n 'w1[0-9]_' text.txt
real_case grep-count $N /bin/grep -c -i ALPHA words.txt
real_case grep-ere $N /bin/grep -E -o '[0-9]{6}' text.txt
real_case grep-pcre $N /bin/grep -P -o '(?<=w)\d+(?=_0 )' text.txt
real_case grep-recursive $N $SH -c 'grep -r -l -I "return" tree | sort; grep -rh --include="*.txt" -w -e notes -e readme tree | sort'
real_case grep-invert-ctx $N /bin/grep -v -C1 -e alpha -e beta words.txt
real_case grep-fixed-nomatch $N /bin/grep -F 'no such text' text.txt
real_case grep-error $N /bin/grep -q pattern no-such-file

# gawk
real_case awk-fields $N /usr/bin/gawk -F, '{ s[$1] += $2; n++ } END { for (k in s) print k, s[k] | "sort"; close("sort"); print n " records" }' data.csv
real_case awk-int $N /usr/bin/gawk 'BEGIN { for (i = 1; i <= 10; i++) { f = f * i + (i == 1); printf "%d! = %d\n", i, f } print length("hello"), substr("abcdef", 2, 3), index("abc", "c"), toupper("x") }'
real_case awk-regex $D/text.txt /usr/bin/gawk 'match($0, /w([0-9]+)_([0-9]+)/, m) { print NR, m[1], m[2], NF } /UTF/ { gsub(/[aeiou]/, "#"); print }'
real_case awk-float $N /usr/bin/gawk -F, '{ t += $3; printf "%s %.3f %e %g\n", $1, $3 * 1.5, $3, $3 / 7 } END { print t, t / NR, sqrt(t), exp(1), log(10), sin(1), int(-2.5) }' data.csv
real_case awk-split-sprintf $N /usr/bin/gawk 'BEGIN { n = split("a:b:c:d", p, ":"); s = ""; for (i = n; i > 0; i--) s = s p[i]; print n, s, sprintf("%5s|%-5s|%05d|%x|%c", "r", "l", 42, 255, 65); exit 3 }'
real_case awk-getline $N /usr/bin/gawk 'BEGIN { while ((getline line < "words.txt") > 0) n++; print n; "echo from-cmd" | getline x; print x }'

# diffutils
real_case diff-u $N $SH -c 'sed "s/alpha/ALPHA/; 3d" words.txt > w2; diff -u --label a --label b words.txt w2; echo "status $?"'
real_case diff-r $N $SH -c 'cp -r tree t2; echo changed >> t2/doc/notes.txt; rm t2/run.sh; mkdir t2/new; diff -r tree t2; echo "status $?"'
real_case diff-same $N /usr/bin/diff -s text.txt text.txt
real_case cmp-bytes $N $SH -c 'cmp bytes.bin text.txt; echo "status $?"; cmp -l words.txt text.txt | head -n 5'
real_case diff3-sdiff $N $SH -c 'printf "a\nb\nc\n" > x; printf "a\nB\nc\n" > y; printf "a\nb\nC\n" > z; diff3 x y z; sdiff -w 40 x y; echo "status $?"'

# xargs
real_case xargs $N $SH -c 'find tree -type f -name "*.c" | sort | xargs wc -l'
real_case xargs-n $N $SH -c 'seq 1 10 | xargs -n 3 echo; printf "a\0b c\0" | xargs -0 -I{} echo "[{}]"'

# Archives and compressors.
real_case tar-create-list $N $SH -c 'tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -cf t.tar tree && tar -tvf t.tar && md5sum t.tar'
real_case tar-extract $N $SH -c 'tar -cf t.tar tree && mkdir x && tar -xf t.tar -C x && diff -r tree x/tree && echo identical'
real_case tar-gz $N $SH -c 'tar --sort=name --mtime=@0 --owner=0 --group=0 -czf t.tgz tree && gzip -t t.tgz && tar -tzf t.tgz'
real_case gzip $N $SH -c 'gzip -9 -n -c text.txt > t.gz && md5sum t.gz && gzip -l t.gz && gunzip -c t.gz | cmp - text.txt && echo round-trip'
real_case gzip-stdin $D/tree/doc/numbers.txt $SH -c 'gzip -n -1 | gzip -d | tail -n 3'
real_case bzip2 $N $SH -c 'bzip2 -9 -k text.txt && md5sum text.txt.bz2 && bzip2 -t text.txt.bz2 && bunzip2 -c text.txt.bz2 | cmp - text.txt && echo round-trip'
real_case xz $N $SH -c 'xz -6 -k -T1 text.txt && md5sum text.txt.xz && xz -l text.txt.xz | tail -n 1 | tr -s " " && xz -dc text.txt.xz | cmp - text.txt && echo round-trip'
real_case xz-lzma $D/tree/doc/numbers.txt $SH -c 'xz --format=lzma -c | xz -d --format=lzma -c | wc -l'
real_case tar-xz $N $SH -c 'tar --sort=name --mtime=@0 --owner=0 --group=0 -cJf t.txz tree && xz -l t.txz | tail -n 1 | tr -s " " && tar -tJf t.txz | wc -l'
real_case zcat-corrupt $N $SH -c 'printf "not gzip data" > bad.gz; zcat bad.gz; echo "status $?"'

real_finish
