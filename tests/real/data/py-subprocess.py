# Python subprocess: runs itself (sys.executable) and programs of its own
# sysroot, pipes between them, exit statuses and signals.
import os, subprocess, sys

sys.stdout.reconfigure(line_buffering=True)

root = os.environ["REAL_ROOT"]
r = subprocess.run([sys.executable, "-c", "import sys; print('child', sys.argv[1:]); sys.exit(3)", "a", "b"],
                   capture_output=True, text=True)
print(repr(r.stdout), r.returncode)
out = subprocess.check_output([root + "/bin/echo", "hello", "from", "echo"])
print(out)
p1 = subprocess.Popen([root + "/usr/bin/seq", "1", "10"], stdout=subprocess.PIPE)
p2 = subprocess.Popen([root + "/usr/bin/sort", "-r", "-n"], stdin=p1.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
print(p2.communicate()[0].split(), p1.wait(), p2.returncode)
r = subprocess.run([root + "/usr/bin/tr", "a-z", "A-Z"], input=b"piped input\n", stdout=subprocess.PIPE)
print(r.stdout)
r = subprocess.run(["sh", "-c", "echo via-shell $0; exit 7", "arg0"], stdout=subprocess.PIPE, text=True)
print(r.stdout.strip(), r.returncode)
p = subprocess.Popen([sys.executable, "-c", "import time\nwhile True: time.sleep(1)"])
p.terminate()
print("terminated:", p.wait())
r = subprocess.run([root + "/bin/false"])
print("false:", r.returncode)
try:
    subprocess.run(["/nonexistent/program"])
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
r = subprocess.run([sys.executable, "-c", "import os; print(os.getppid() == int(os.environ['PARENT']))"],
                   env=dict(os.environ, PARENT=str(os.getpid())), capture_output=True, text=True)
print("ppid ok:", r.stdout.strip())
pid = os.fork()
if pid == 0:
    os.execv(root + "/bin/echo", ["echo", "exec", "from", "fork"])
print("waitpid:", os.waitpid(pid, 0)[1])
print(subprocess.run([root + "/bin/ls", "-R", "tree"], stdout=subprocess.PIPE, text=True).stdout)
