# busybox sh: functions, arithmetic, case, loops, here-documents, pipes,
# subshells, command substitution, parameter expansion, getopts.
set -u
fact() {
    local n=$1
    if [ "$n" -le 1 ]; then echo 1; else echo $((n * $(fact $((n - 1))))); fi
}
echo "fact 10 = $(fact 10)"
i=0 sum=0
while [ $i -lt 50 ]; do
    i=$((i + 1))
    [ $((i % 3)) -eq 0 ] && continue
    sum=$((sum + i * i))
done
echo "sum=$sum $((7 / 2)) $((-7 % 3)) $((1 << 20)) $((0x1f ^ 0x0f)) $((3 > 2 && 1)) $((i++ + ++i)) $i"
for word in apple Banana cherry 42 "" x-ray; do
    case $word in
        [A-Z]*) kind=capital ;;
        *[0-9]*) kind=number ;;
        '') kind=empty ;;
        a* | c*) kind="a-or-c" ;;
        *) kind=other ;;
    esac
    printf '%-8s %s\n' "[$word]" "$kind"
done
cat <<EOF2 | while IFS=: read -r name uid shell; do echo "user=$name uid=$uid shell=${shell##*/}"; done
root:0:/bin/sh
daemon:1:/usr/sbin/nologin
nobody:65534:/bin/false
EOF2
cat <<'QUOTED'
no $expansion `here`
QUOTED
n=0
while read -r line; do n=$((n + 1)); done < words.txt
echo "lines: $n"
x=outer
(x=inner; echo "subshell $x"; exit 3)
echo "after subshell: $x status $?"
{ echo grouped; echo twice; } | sort -r
echo "pipeline: $(seq 1 100 | grep 7 | wc -l)"
s="path/to/file.tar.gz"
echo "${s##*/} ${s%%.*} ${s#*/} ${s%.*} ${#s} ${s:5:2} ${undefined:-default} ${s/to/TO}"
set -- one "two words" three
echo "$# args: $1 | $2 | $3 | $*"
shift
echo "after shift: $#"
OPTIND=1
while getopts "ab:c" opt -a -b value -c rest; do echo "opt $opt ${OPTARG:-}"; done
arr="x y z"
for v in $arr; do printf '%s,' "$v"; done; echo
f() { return 7; }
f; echo "function status $?"
false || echo "or-branch"
true && echo "and-branch"
! false && echo negated
test -f words.txt -a ! -d words.txt && echo "test ok"
[ "abc" \< "abd" ] && echo "string compare"
echo "$(echo nested $(echo command substitution))"
printf '%s\n' "tab	separated" | cut -f2
eval 'echo eval $((6 * 7))'
type fact | head -n 1
exit 5
