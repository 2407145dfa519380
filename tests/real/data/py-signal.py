# Python signals: alarm, a handler for a signal sent to ourselves, signal
# masks, SIGCHLD, and an alarm interrupting a blocking read.
import os, signal, sys, time

sys.stdout.reconfigure(line_buffering=True)
fired = []
def on_alarm(signum, frame):
    fired.append(signum)
signal.signal(signal.SIGALRM, on_alarm)
print("alarm returns", signal.alarm(1))
signal.pause()
print("SIGALRM handled:", fired == [signal.SIGALRM])

got = []
signal.signal(signal.SIGUSR1, lambda s, f: got.append("usr1"))
signal.signal(signal.SIGUSR2, lambda s, f: got.append("usr2"))
os.kill(os.getpid(), signal.SIGUSR1)
signal.raise_signal(signal.SIGUSR2)
print("handlers:", got)

old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})
os.kill(os.getpid(), signal.SIGUSR1)
print("pending:", signal.SIGUSR1 in signal.sigpending(), got)
signal.pthread_sigmask(signal.SIG_SETMASK, old)
print("after unblock:", got)

class Timeout(Exception):
    pass
def raise_timeout(s, f):
    raise Timeout()
signal.signal(signal.SIGALRM, raise_timeout)
r, w = os.pipe()
signal.alarm(1)
try:
    os.read(r, 10)
    print("read returned?")
except Timeout:
    print("blocking read interrupted by the alarm")

chld = []
signal.signal(signal.SIGCHLD, lambda s, f: chld.append(s))
pid = os.fork()
if pid == 0:
    os._exit(9)
_, status = os.waitpid(pid, 0)
print("child exit", os.waitstatus_to_exitcode(status), "SIGCHLD seen:", len(chld) >= 1)
print("signal names:", signal.Signals(15).name, signal.strsignal(signal.SIGKILL), signal.SIGRTMIN < signal.SIGRTMAX)
signal.signal(signal.SIGTERM, signal.SIG_DFL)
os.kill(os.getpid(), signal.SIGTERM)
print("not reached")
