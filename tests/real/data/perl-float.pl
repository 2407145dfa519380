# Perl floating point: sprintf of floats, arithmetic, math functions,
# string/number conversions.
use strict;
use warnings;

my @v = (0, 1, -1, 0.5, 1/3, 2/3, 3.14159265358979, 1e10, 1.5e-7, -123.456, 1e100, 12345678.9);
for my $x (@v) {
    printf "%.3f %e %g %.10g %s\n", $x, $x, $x, $x, $x;
}
printf "%8.2f|%-10.4e|%+.0f|%G|%a\n", 3.14159, 31415.9, 2.5, 1e-20, 1;
print 0.1 + 0.2, " ", 1 - 0.9, " ", 10 / 3, " ", 2**0.5, " ", 2**-3, "\n";
print sqrt(2), " ", exp(1), " ", log(10), " ", sin(1), " ", cos(1), " ", atan2(1, 1) * 4, "\n";
print int(7.9), " ", int(-7.9), " ", abs(-2.5), " ", 7.5 % 2, " ", -7 / 2, "\n";
print "1e3" + 0, " ", "3.5abc" * 2, " ", "0x10" + 0, " ", hex("0x10"), " ", oct("0755"), " ", "inf" * 1, "\n";
my $sum = 0;
$sum += 1 / $_ for 1 .. 1000;
printf "harmonic %.12f\n", $sum;
my @sorted = sort { $a <=> $b } (3.5, -1.25, 2, 1e-3, 100.5, -1e3);
print "@sorted\n";
printf "%.15g %.17g\n", 0.1, 0.1;
print 9007199254740993, " ", 2**53 + 1, " ", 1e15 + 0.3, " ", 4294967296 * 4294967296, "\n";
print join(",", map { sprintf "%.2f", $_ * 1.1 } 1 .. 5), "\n";
