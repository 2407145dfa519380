# Python without floating point: the standard modules load, and json,
# hashlib, zlib, bz2, lzma, struct, collections, itertools, re, big ints.
import sys
import json, hashlib, zlib, threading, subprocess, signal, socket, select, multiprocessing
import bz2, lzma, struct, collections, itertools, functools, re, base64, binascii, io, os, string, textwrap
import sqlite3, ctypes, uuid, array, heapq, bisect, operator, pickle, copy, enum, dataclasses

print(sys.version_info[:3], sys.byteorder, sys.getdefaultencoding(), sys.maxunicode)
data = {"name": "mimic", "list": [1, 2, 3, {"nested": True, "none": None}], "n": 12345678901234567890,
        "s": "caf\u00e9 \u2603"}
text = json.dumps(data, sort_keys=True)
print(text)
print(json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False))
blob = ("The quick brown fox jumps over the lazy dog. " * 50).encode()
for name in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2b"):
    print(name, hashlib.new(name, blob).hexdigest())
c = zlib.compress(blob, 9)
print("zlib", len(blob), len(c), zlib.crc32(blob), zlib.adler32(blob), zlib.decompress(c) == blob)
print("bz2", len(bz2.compress(blob)), bz2.decompress(bz2.compress(blob)) == blob)
print("lzma", lzma.decompress(lzma.compress(blob)) == blob)
packed = struct.pack("<IhBq4s", 0xDEADBEEF, -2, 255, -(1 << 40), b"abcd")
print(packed.hex(), struct.unpack("<IhBq4s", packed), struct.calcsize("<iqc"))
cnt = collections.Counter("abracadabra")
print(sorted(cnt.items()), cnt.most_common(2))
od = collections.OrderedDict((k, len(k)) for k in ["pear", "fig", "banana"])
print(list(od.items()), collections.deque(range(5), maxlen=3))
print(list(itertools.permutations("abc", 2))[:4], list(itertools.accumulate(range(1, 6), operator.mul)))
print(list(itertools.groupby("aaabbc")) and [(k, len(list(g))) for k, g in itertools.groupby("aaabbc")])
print(functools.reduce(lambda a, b: a * b, range(1, 30)), 2 ** 200 % 1000000007, pow(3, 1000, 10 ** 9 + 7))
print(divmod(-17, 5), -17 // 5, -17 % 5, (1 << 100) >> 37, int("ff", 16), int("-0b1011", 0), bin(2024), hex(-255))
m = re.findall(r"(\w)(\d+)", "a1 b22 c333")
print(m, re.sub(r"(?P<w>\w+)@(\w+)", r"\2:\g<w>", "user@host x@y"), re.split(r"[,;]\s*", "a, b;c"))
print(base64.b64encode(b"\x00\xffhello"), binascii.hexlify(b"mimic"), base64.b32decode(b"NVUW22LD"))
words = "the quick brown fox jumps over the lazy dog".split()
print(sorted(words, key=lambda w: (-len(w), w)), sorted(set(words)), " ".join(reversed(words)))
print({w: len(w) for w in words if "o" in w}, [x * x for x in range(10) if x % 3])
print(textwrap.fill("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod", 25))
print("{:>8}|{:<6}|{:^7}|{:08b}|{:,}|{!r}".format("r", "l", "c", 37, 1234567, "q"), f"{255:#x} {-3:+d}")
h = []
for x in [5, 1, 8, 3, 9, 2]:
    heapq.heappush(h, x)
print([heapq.heappop(h) for _ in range(3)], bisect.bisect([1, 3, 5, 7], 4))
print(pickle.loads(pickle.dumps({"a": [1, 2], "b": (3, "x")})), copy.deepcopy([[1], [2]]))
Color = enum.Enum("Color", "RED GREEN BLUE")
print(list(Color), Color(2).name)
@dataclasses.dataclass(order=True)
class P:
    x: int
    y: str = "d"
print(sorted([P(3), P(1, "a"), P(2)]))
print(array.array("i", [1, 2, 3]).tobytes().hex(), uuid.UUID("12345678123456781234567812345678"))
db = sqlite3.connect(":memory:")
db.execute("create table t (k text, v integer)")
db.executemany("insert into t values (?, ?)", [("a", 3), ("b", 5), ("a", 7)])
print(db.execute("select k, sum(v), count(*) from t group by k order by k").fetchall(), sqlite3.sqlite_version)
libc = ctypes.CDLL(None)
print("ctypes strlen:", libc.strlen(b"hello"), ctypes.sizeof(ctypes.c_int), ctypes.sizeof(ctypes.c_int64))
buf = io.BytesIO()
buf.write(b"abc")
print(buf.getvalue(), io.StringIO("x\ny\n").readlines())
try:
    {}["missing"]
except KeyError as e:
    print("KeyError", e)
def gen(n):
    for i in range(n):
        yield i * i
print(sum(gen(100)), list(zip("abc", range(3))), any(x > 98 for x in range(100)), all([]))
sys.exit(4)
