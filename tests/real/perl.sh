#!/bin/bash
# tests/real/perl.sh: Debian bookworm's armhf perl (dynamically linked)
# under $MIMIC -L <armhf sysroot>, running the scripts tests/real/data/perl-*.pl
# and a few one-liners; stdout and exit status are compared with the amd64
# perl of the same version run natively (see tests/real/sysroot.sh).
#
# PERL5LIB names each side's own module directories: qemu-user's -L does
# not apply to statx, so perl would not find its modules through the prefix.
#
# Usage: tests/real/perl.sh [-v] [-k TEXT]  (also run by `tests/run real`)

set -u
# shellcheck source=tests/real/common.bash
. "$(dirname "$0")/common.bash"
real_init perl "$@"
real_need_sysroot
t_note "perl $(sysroot_version perl-base) from $SYSROOT_BASE"

# perl5lib ROOT TRIPLET: the module directories of a sysroot's perl.
perl5lib() {
    local r=$1 t=$2
    echo "$r/usr/lib/$t/perl5/5.36:$r/usr/share/perl5:$r/usr/lib/$t/perl-base:$r/usr/lib/$t/perl/5.36:$r/usr/share/perl/5.36"
}
REAL_ENV_NATIVE=(PERL5LIB="$(perl5lib "$SYSROOT_AMD64" x86_64-linux-gnu)")
REAL_ENV_GUEST=(PERL5LIB="$(perl5lib "$SYSROOT_ARMHF" arm-linux-gnueabihf)")

S=$T_ROOT/tests/real/data
N=/dev/null
real_case core $N /usr/bin/perl "$S/perl-core.pl"
real_case float $N /usr/bin/perl "$S/perl-float.pl"
real_case proc $N /usr/bin/perl "$S/perl-proc.pl"
real_case modules $N /usr/bin/perl "$S/perl-modules.pl"
real_case e-hello $N /usr/bin/perl -e 'print "hello, world\n"; exit 5'
real_case e-die $N /usr/bin/perl -e 'die "fatal\n"'
real_case n-filter "$REAL_DATA/text.txt" /usr/bin/perl -ne 'print "$.: $_" if /w\d+_3/'
real_case p-inplace $N /bin/dash -c 'perl -i.bak -pe "s/alpha/ALPHA/g; \$_ = uc if \$. == 1" words.txt && cat words.txt && wc -l words.txt.bak'
real_case a-fields "$REAL_DATA/data.csv" /usr/bin/perl -F, -lane 'print join "|", reverse @F'
real_case sort-numbers "$REAL_DATA/tree/doc/numbers.txt" /usr/bin/perl -e 'my @n = <STDIN>; chomp @n; print join(",", (sort { $b <=> $a } @n)[0 .. 9]), "\n"; my %h; $h{$_ % 7}++ for @n; print join(" ", map { "$_=$h{$_}" } sort keys %h), "\n"'

real_finish
