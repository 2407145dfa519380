#!/bin/bash
# tests/real/python.sh: Debian bookworm's armhf python3.11 (dynamically
# linked) under $MIMIC -L <armhf sysroot>, running the scripts
# tests/real/data/py-*.py and a few one-liners; stdout and exit status are
# compared with the amd64 python3.11 of the same version run natively (see
# tests/real/sysroot.sh).
#
# Python finds its standard library from the location of its executable
# (<sysroot>/usr/lib/python3.11), so no PYTHONHOME is needed.  The sysroot
# build precompiles the standard library, and PYTHONDONTWRITEBYTECODE keeps
# the cache unchanged.  Hashes of str differ between 32- and 64-bit builds,
# so the scripts never print an unsorted set.
#
# Usage: tests/real/python.sh [-v] [-k TEXT]  (also run by `tests/run real`)

set -u
# shellcheck source=tests/real/common.bash
. "$(dirname "$0")/common.bash"
real_init python "$@"
real_need_sysroot
t_note "python3.11 $(sysroot_version python3.11-minimal) from $SYSROOT_BASE"

REAL_ENV+=(PYTHONDONTWRITEBYTECODE=1 PYTHONHASHSEED=0 PYTHONIOENCODING=utf-8)
S=$T_ROOT/tests/real/data
N=/dev/null
PY=/usr/bin/python3.11
real_case hello $N $PY -c 'print("hello, world")'
real_case exit-status $N $PY -c 'import sys; print("exiting"); sys.exit(42)'
real_case exception $N $PY -c 'raise ValueError("boom")'
real_case basic $N $PY "$S/py-basic.py"
real_case threads $N $PY "$S/py-threads.py"
real_case signal $N $PY "$S/py-signal.py"
real_case subprocess $N $PY "$S/py-subprocess.py"
real_case multiprocessing $N $PY "$S/py-multiprocessing.py"
real_case socket $N $PY "$S/py-socket.py"
real_case float $N $PY "$S/py-float.py"
real_case stdin-lines "$REAL_DATA/text.txt" $PY -c 'import sys
for i, line in enumerate(sys.stdin):
    if "w1" in line: print(i, line.split()[-1][::-1])'
printf '{"b": [1, {"c": null}], "a": "x", "n": 12}\n' >"$REAL_DATA/in.json"
real_case json-tool $N $PY -m json.tool --sort-keys --indent 3 in.json
real_case os-walk $N $PY -c 'import os
for d, dirs, files in sorted(os.walk("tree")):
    print(d, sorted(dirs), sorted(files), [os.stat(os.path.join(d, f)).st_size for f in sorted(files)])
print(os.readlink("tree/link.txt"), os.path.islink("tree/link.txt"), os.access("tree/run.sh", os.X_OK))'

real_finish
