# Python floating point: formatting, parsing, math, decimal, fractions,
# statistics, random with a seed.
import math, decimal, fractions, statistics, random, struct, sys

vals = [0.0, -0.0, 1.0, 0.1, 1 / 3, 2 / 3, math.pi, math.e, 1e10, 1.5e-7, -123.456, 1e100, 1e-320, 2 ** 0.5,
        float("inf"), float("-inf"), 12345678.9, 0.1 + 0.2]
for v in vals:
    print(repr(v), str(v), "%.3f" % v, "%e" % v, "%g" % v, format(v, ".10g"), f"{v:+.2%}" if math.isfinite(v) else "")
print(float("1e-5"), float(" 3.25 "), float("nan") != float("nan"), float.fromhex("0x1.8p1"), (2.5).hex())
print(round(2.5), round(3.5), round(2.675, 2), round(-0.5), int(-7.9), math.floor(-7.5), math.ceil(7.1), 7.5 // 2, 7.5 % 2)
print(math.sqrt(2), math.exp(1), math.log(10), math.log2(1024), math.log10(0.001), math.sin(1), math.cos(1), math.tan(1))
print(math.atan2(1, 1) * 4, math.hypot(3, 4), math.fsum([0.1] * 10), sum([0.1] * 10), math.factorial(20), math.gcd(12, 18))
print(math.isclose(0.1 + 0.2, 0.3), math.copysign(1, -0.0), math.frexp(10.0), math.ldexp(0.625, 4), math.modf(3.75))
print(1e308 * 10, -1e308 * 10, 2 ** 1023 * 1.0, 10 ** 20 / 3, 7 / 2, -7 / 2, (1 << 60) / 3, int(1e18), int(2.0 ** 62))
print(struct.unpack("<d", struct.pack("<d", 1.1)), struct.pack(">f", 0.5).hex(), struct.unpack("<f", b"\x00\x00\xc0\x3f"))
decimal.getcontext().prec = 30
print(decimal.Decimal(1) / decimal.Decimal(7), decimal.Decimal("1.1") + decimal.Decimal("2.2"), decimal.Decimal(0.1))
print(fractions.Fraction(3, 4) + fractions.Fraction(1, 6), fractions.Fraction(0.75), fractions.Fraction("1.25").limit_denominator(3))
data = [2.5, 3.25, 1.0, 4.75, 3.25, 10.0]
print(statistics.mean(data), statistics.median(data), statistics.mode(data), statistics.pstdev(data), statistics.variance(data))
random.seed(12345)
print([random.randint(1, 100) for _ in range(5)], random.random(), random.uniform(1, 2), random.choice("abcdef"))
print(sorted(vals[:13]), max(vals[:13]), min(vals[:13]))
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_repr_style)
print(complex(1, 2) * complex(3, -1), abs(complex(3, 4)), (1 + 2j) ** 2)
