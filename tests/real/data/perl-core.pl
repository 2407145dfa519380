# Perl without floating point: hashes, regexes, sort, join/split, local,
# closures, string functions, pack/unpack, sprintf of integers.
use strict;
use warnings;

my %h = (apple => 3, banana => 7, cherry => 1, date => 7, elder => 12);
$h{fig} = $h{apple} * 5;
delete $h{cherry};
for my $k (sort keys %h) { print "$k=$h{$k}\n"; }
print "exists: ", (exists $h{date} ? 1 : 0), (exists $h{cherry} ? 1 : 0), "\n";
my @byval = sort { $h{$b} <=> $h{$a} or $a cmp $b } keys %h;
print "by value: @byval\n";
my %inv;
push @{ $inv{ $h{$_} } }, $_ for sort keys %h;
print join(";", map { "$_:" . join(",", @{ $inv{$_} }) } sort { $a <=> $b } keys %inv), "\n";

# Nested data.
my $data = { list => [1 .. 5], nested => { a => [qw(x y z)], b => { c => 'deep' } } };
print "deep: $data->{nested}{b}{c} $#{ $data->{list} } @{ $data->{nested}{a} }[1]\n";

# Regexes.
my $text = "The quick brown fox jumps over the lazy dog; 2024-01-02 and 1999-12-31.";
my @dates = $text =~ /(\d{4})-(\d\d)-(\d\d)/g;
print "dates: @dates\n";
(my $t2 = $text) =~ s/(\w+)/\u\L$1/g;
print "$t2\n";
my $count = () = $text =~ /o/g;
print "o count: $count\n";
if ($text =~ /(?<adj>quick|slow)\s+(?<col>\w+)/) { print "named: $+{adj} $+{col}\n"; }
print join("|", split /\s*[;,.]\s*|\s+and\s+/, $text), "\n";
my $s = "aaa bbb ccc";
$s =~ tr/a-c/A-C/;
print "$s\n";
my @words = grep { !/^the$/i } split ' ', lc $text;
print scalar(@words), " words, longest: ", (sort { length($b) <=> length($a) or $a cmp $b } @words)[0], "\n";
print "non-greedy: ", ("<<a>><<b>>" =~ /<<(.+?)>>/)[0], "\n";
my $re = qr/(\d+)/;
my @nums = "a1b22c333" =~ /$re/g;
print "qr: @nums\n";
(my $sub = "hello world") =~ s/(\w+)/reverse $1/ge;
print "e-flag: $sub\n";

# sort and join/split.
my @n = (10, 2, 33, 4, -5, 0, 17);
print join(",", sort { $a <=> $b } @n), "\n";
print join(",", sort @n), "\n";
print join(",", reverse sort { $a <=> $b } @n), "\n";
my @csv = map { [split /,/] } ("b,2", "a,10", "c,1");
print join(" ", map { $_->[0] } sort { $a->[1] <=> $b->[1] } @csv), "\n";
print join("-", split(//, "abc")), " ", join("+", split(/(,)/, "1,2,3")), "\n";
print scalar(my @parts = split(/:/, "a:b::c::")), "\n";

# local and closures.
our $level = 0;
sub show { return "level=$level" }
sub nested { local $level = $level + 1; return $_[0] ? nested($_[0] - 1) : show() }
print nested(3), " ", show(), "\n";
sub make_counter { my $c = shift; return { inc => sub { $c += shift // 1 }, get => sub { $c } } }
my $c1 = make_counter(10);
my $c2 = make_counter(100);
$c1->{inc}->() for 1 .. 3;
$c2->{inc}->(5);
print "counters: ", $c1->{get}->(), " ", $c2->{get}->(), "\n";
my @subs = map { my $i = $_; sub { $i * $i } } 1 .. 4;
print "closures: ", join(",", map { $_->() } @subs), "\n";

# Strings.
print ucfirst(lc("HELLO")), " ", length("héllo"), " ", index("hello", "l"), " ", rindex("hello", "l"), " ",
    substr("abcdef", 2, 3), " ", "ab" x 3, " ", join(",", ("x") x 2), "\n";
my $str = "abcdef";
substr($str, 1, 2) = "XYZ";
print "$str ", sprintf("%05d|%-5s|%x|%X|%o|%b|%+d|%3\$s", 42, "ab", 255, 255, 8, 5, 7), "\n";
print sprintf("%s", join ",", map { sprintf "%03d", $_ } 1 .. 3), " ", lc(sprintf("%#x", 3054)), "\n";
print "chained: ", join(",", map { chr(ord($_) + 1) } qw(a b c)), "\n";

# pack/unpack.
my $bin = pack("NnCa4Z*", 0xdeadbeef, 513, 65, "hi", "zstr");
print unpack("H*", $bin), "\n";
my @u = unpack("NnCa4Z*", $bin);
print "@u\n";
print join(",", unpack("V v c C", pack("V v c C", 1, 2, -3, 250))), "\n";
print unpack("%32C*", "checksum me"), "\n";
print join(" ", unpack("(A2)*", "aabbccd")), "\n";
my $w = pack("w", 300);
print length($w), " ", unpack("w", $w), "\n";
print join(",", unpack("q< Q>", pack("q< Q>", -2, 1 << 40))), "\n";

# Integer arithmetic.
{
    use integer;
    print 7 / 2, " ", -7 / 2, " ", 7 % 3, " ", -7 % 3, " ", 2**10, "\n";
}
print 1 << 20, " ", 0xff & 0x0f, " ", 0xf0 | 0x0f, " ", 6 ^ 3, " ", ~0 & 0xffff, "\n";
my $big = 1;
$big *= $_ for 1 .. 20;
print "20! = $big\n";
print "wantarray: ", (sub { wantarray ? "list" : "scalar" })->(), "\n";
eval { die { code => 42 } };
print "die: $@->{code}\n";
exit 3;
