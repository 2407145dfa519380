# busybox sh: traps on EXIT and on signals sent with kill, background jobs
# and wait, pipes between applets.
trap 'echo "EXIT trap, status $?"' EXIT
trap 'echo "got USR1"' USR1
trap 'echo "got TERM"; term=1' TERM
kill -USR1 $$
kill -s TERM $$
echo "term=${term:-0}"
sleep 0 &
wait $!
echo "wait sleep: $?"
(exit 3) &
p1=$!
(echo "bg output" > bg.txt; exit 4) &
p2=$!
wait $p1; s1=$?
wait $p2; s2=$?
echo "statuses $s1 $s2 $(cat bg.txt)"
for i in 1 2 3; do (echo "job $i" > "job$i.txt") & done
wait
cat job1.txt job2.txt job3.txt
trap - TERM
sleep 10 &
victim=$!
kill $victim
wait $victim
echo "killed job status: $?"
seq 1 20 | sed -n 's/1/one/p' | tr a-z A-Z | sort -r | head -n 3
echo "a b c" | { read -r x y z; echo "$z$y$x"; }
mkfifo fifo
(echo "through fifo" > fifo) &
cat fifo
wait
trap - USR1
(trap 'echo "subshell EXIT"' EXIT; echo in subshell)
sh -c 'trap "echo child INT" INT; kill -INT $$; echo child after'
exit 9
