#!/bin/bash
# tests/real/coreutils.sh: Debian bookworm's dynamically linked armhf
# coreutils (and findutils' find) under $MIMIC -L <armhf sysroot>, each
# command's stdout and exit status compared with the amd64 build of the same
# version run natively (see tests/real/sysroot.sh and common.bash).
#
# Usage: tests/real/coreutils.sh [-v] [-k TEXT]  (also run by `tests/run real`)

set -u
# shellcheck source=tests/real/common.bash
. "$(dirname "$0")/common.bash"
real_init coreutils "$@"
real_need_sysroot
t_note "coreutils $(sysroot_version coreutils), findutils $(sysroot_version findutils) from $SYSROOT_BASE"

D=$REAL_DATA
N=/dev/null
TS=(--time-style=+%Y-%m-%d_%H:%M:%S)

# Listing: a directory with fixed contents, modes and timestamps.
real_case ls-la $N /bin/ls -la "${TS[@]}" tree
real_case ls-lR $N /bin/ls -lRn --time-style=full-iso tree
real_case ls-sort $N /bin/ls -1 -S -r -p tree/doc tree/src tree
real_case ls-time $N /bin/ls -lt --time-style=long-iso -d tree/src tree/doc tree/README.txt
real_case ls-missing $N /bin/ls no-such-file
real_case dir-list $N /bin/dir -A -F tree
real_case sort $N /usr/bin/sort words.txt
real_case sort-keys $N /usr/bin/sort -t, -k2,2n -k1,1r data.csv
real_case sort-unique $N /usr/bin/sort -r -u -f words.txt
real_case sort-check $N /usr/bin/sort -c words.txt
real_case cp-r $N /bin/dash -c 'cp -r tree copy && ls -lR --time-style=+X copy && cmp -s tree/doc/numbers.txt copy/doc/numbers.txt && echo same'
real_case cp-a $N /bin/dash -c 'cp -a tree copy && ls -lR --full-time copy'
real_case date $N /bin/date -d @1234567890 -u
real_case date-fmt $N /bin/date -u -d '2000-02-29 12:34:56' '+%A %a %B %j %U %W %V %G %s %Z %:z %e|%k|%I%p'
real_case date-iso $N /bin/date -u -d @0 --iso-8601=seconds
real_case stat $N /usr/bin/stat -c '%n %s %a %F' text.txt words.txt tree tree/link.txt tree/run.sh bytes.bin
real_case stat-times $N /usr/bin/stat -c '%n %Y %y %X' tree/README.txt tree/doc
real_case find $N /bin/dash -c "find . -name '*.txt' -type f | sort"
real_case find-exprs $N /usr/bin/find tree -mindepth 1 \( -type d -printf 'd %p %m\n' \) -o \( -name '*.c' -printf 'c %p %s\n' \) -o -type l -printf 'l %p -> %l\n'
real_case find-mtime $N /bin/dash -c "find tree -newermt '2024-01-05' ! -type d | sort"
real_case find-exec $N /bin/dash -c "find tree -name '*.c' -exec wc -c {} + | sort"
real_case seq $N /usr/bin/seq 1 3 20
real_case seq-fmt $N /usr/bin/seq -w -s, 8 12
real_case tr $D/text.txt /usr/bin/tr a-z A-Z
real_case tr-squeeze $D/text.txt /usr/bin/tr -s ' \t' '_'
real_case tr-delete $D/text.txt /usr/bin/tr -cd '0-9\n'
real_case wc $N /usr/bin/wc text.txt words.txt data.csv bytes.bin
real_case md5sum $N /usr/bin/md5sum text.txt words.txt bytes.bin
real_case sha1sum $N /usr/bin/sha1sum bytes.bin text.txt
real_case sha256sum $N /usr/bin/sha256sum bytes.bin text.txt
real_case sha512sum $N /usr/bin/sha512sum bytes.bin
real_case b2sum $N /usr/bin/b2sum text.txt
real_case cksum $N /usr/bin/cksum text.txt bytes.bin
real_case dd $N /bin/dd if=text.txt bs=16 skip=2 count=3 status=none
real_case dd-conv $N /bin/dd if=words.txt conv=ucase,swab status=none
real_case od $N /usr/bin/od -A x -t x1z -N 80 text.txt
real_case od-bytes $N /usr/bin/od -t d2 -t o1 bytes.bin
real_case base64 $N /usr/bin/base64 bytes.bin
real_case base64-d $N /bin/dash -c 'base64 text.txt | base64 -d | cmp - text.txt && echo ok'
real_case cat-n $N /bin/cat -n -A words.txt
real_case head-tail $N /bin/dash -c 'head -n 3 text.txt; tail -n 2 text.txt; head -c 20 bytes.bin | od -c; tail -c +250 bytes.bin | od -An -tx1'
real_case cut $N /usr/bin/cut -d, -f1,3 data.csv
real_case paste-join $N /bin/dash -c 'sort data.csv > s.csv; cut -d, -f1 s.csv | paste -sd:; join -t, s.csv s.csv | head -n 3'
real_case uniq $N /bin/dash -c 'sort words.txt | uniq -c'
real_case comm $N /bin/dash -c 'sort words.txt > a; printf "alpha\nbeta\nzeta\n" > b; comm a b'
real_case nl-fold $N /bin/dash -c 'nl -ba text.txt | head -n 5; fold -w 20 -s text.txt | head -n 6'
real_case expr $N /usr/bin/expr \( 7 \* 6 \) + 100 / 7 % 5
real_case expr-match $N /usr/bin/expr 'hello-world' : 'hello-\(.*\)'
real_case factor $N /usr/bin/factor 1 2 97 1001 65536 600851475143 18446744073709551615 170141183460469231731687303715884105727
real_case printf $N /usr/bin/printf '%05d|%-6s|%x|%o|%c|%5.2s|%b\n' 42 ab 255 8 xyz hello 'a\tb'
real_case test-ops $N /bin/dash -c 'for f in text.txt tree tree/link.txt nope; do test -f $f; a=$?; test -d $f; b=$?; test -L $f; c=$?; echo "$f $a$b$c"; done; [ 3 -lt 10 ]; echo $?'
real_case true-false $N /bin/dash -c 'true; echo $?; false; echo $?; exit 3'
real_case echo $N /bin/echo -e 'a\tb\\n' -n
real_case basename-dirname $N /bin/dash -c 'basename /a/b/c.txt .txt; dirname /a/b/c.txt; basename -a x/y z/w; realpath -m --relative-to=/a/b /a/c/d'
real_case mkdir-rm $N /bin/dash -c 'mkdir -p a/b/c && mkdir -m 700 m && touch a/b/c/f && ln -s b/c a/l && ln a/b/c/f hard && mv a/b a/bb && ls -ln --time-style=+ a a/bb/c m | sed "s/ [0-9]* [0-9]* / /"; rmdir m; rm -r a; ls; readlink -f hard'
real_case touch-d $N /bin/dash -c 'touch -d "2001-09-09 01:46:40 UTC" t1 && touch -d @86400 t2 && touch -r t1 t3 && stat -c "%n %Y" t1 t2 t3; ls -t t1 t2 t3'
real_case chmod $N /bin/dash -c 'cp text.txt f; chmod 640 f; stat -c %a f; chmod u+x,g-r,o=r f; stat -c "%a %A" f; chmod -R go-rwx tree; stat -c "%n %a" tree tree/doc tree/doc/notes.txt'
real_case du $N /usr/bin/du -a --apparent-size -b tree
real_case split-csplit $N /bin/dash -c 'split -l 100 tree/doc/numbers.txt part. && wc -l part.* && csplit -s -f cs tree/doc/numbers.txt 50 250 && wc -l cs*'
real_case tac-rev $N /bin/dash -c 'tac words.txt; tsort <<EOF
a b
b c
a c
EOF'
real_case numfmt $N /usr/bin/numfmt --to=iec 1 1023 1024 1048576 123456789
real_case shuf-seed $N /bin/dash -c 'seq 10 > s; shuf -n 4 --random-source=bytes.bin s'
real_case tee-pipe $D/words.txt /bin/dash -c 'tee copy.txt | wc -l; cat copy.txt | sort | head -n 2'
real_case env $N /bin/dash -c 'env -i B=2 A=1 "$REAL_ROOT/usr/bin/printenv" | sort; env -u REAL_ROOT X=y printenv X'
real_case id-whoami $N /bin/dash -c 'id -u; id -g; whoami'
real_case timeout $N /usr/bin/timeout 5 dash -c 'echo inside; exit 4'
real_case timeout-kill $N /usr/bin/timeout -s KILL 1 sleep 10

real_finish
