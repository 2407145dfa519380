# Perl processes: fork/wait, pipes, exit statuses, signals, socketpair.
use strict;
use warnings;
use Socket;
use POSIX ":sys_wait_h";
use IO::Handle;

$| = 1;
my @kids;
for my $i (1 .. 4) {
    my $pid = fork() // die "fork: $!";
    if ($pid == 0) { exit $i * 10; }
    push @kids, $pid;
}
my %status;
for (@kids) {
    my $p = waitpid($_, 0);
    $status{$p} = $? >> 8;
}
print "children: ", join(",", map { $status{$_} } @kids), "\n";

# A pipe between parent and child.
pipe(my $r, my $w) or die "pipe: $!";
my $pid = fork() // die;
if ($pid == 0) {
    close $r;
    print $w "line $_\n" for 1 .. 5;
    close $w;
    exit 0;
}
close $w;
my @lines = <$r>;
close $r;
waitpid($pid, 0);
print "from child: ", scalar(@lines), " lines, last: $lines[-1]";

# socketpair: request/response between two processes.
socketpair(my $a, my $b, AF_UNIX, SOCK_STREAM, PF_UNSPEC) or die "socketpair: $!";
$a->autoflush(1);
$b->autoflush(1);
$pid = fork() // die;
if ($pid == 0) {
    close $a;
    while (my $line = <$b>) {
        chomp $line;
        last if $line eq 'quit';
        print $b scalar(reverse $line), " ", length($line), "\n";
    }
    close $b;
    exit 7;
}
close $b;
for my $word (qw(hello socketpair perl)) {
    print $a "$word\n";
    my $reply = <$a>;
    print "reply: $reply";
}
print $a "quit\n";
waitpid($pid, 0);
print "socket child exit: ", $? >> 8, "\n";

# Datagram socketpair with send/recv.
socketpair(my $d1, my $d2, AF_UNIX, SOCK_DGRAM, 0) or die "socketpair: $!";
send($d1, "datagram-$_", 0) for 1 .. 3;
for (1 .. 3) { my $buf; recv($d2, $buf, 100, 0); print "dgram: $buf\n"; }

# A signal from the child to the parent, and one killing a child.
my $got = 0;
local $SIG{USR1} = sub { $got++ };
$pid = fork() // die;
if ($pid == 0) { kill 'USR1', getppid(); exit 0; }
waitpid($pid, 0);
sleep 1 until $got;
print "USR1 received: $got\n";
$pid = fork() // die;
if ($pid == 0) { sleep 30; exit 0; }
kill 'TERM', $pid;
waitpid($pid, 0);
print "killed child: signal ", $? & 127, "\n";
print "WNOHANG: ", waitpid(-1, WNOHANG), "\n";

# system and backticks run a program of the same sysroot.
my $echo = "$ENV{REAL_ROOT}/bin/echo";
my $out = `$echo from-backticks`;
print "backticks: $out";
system($echo, "from", "system") == 0 or die "system: $?";
system("$ENV{REAL_ROOT}/bin/false");
print "false: ", $? >> 8, "\n";
exit 0;
