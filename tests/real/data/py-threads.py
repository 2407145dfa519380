# Python threads: a producer/consumer queue, locks, events, conditions,
# thread-local data and a ThreadPoolExecutor.
import threading, queue, sys
from concurrent.futures import ThreadPoolExecutor

q = queue.Queue(maxsize=8)
results = queue.Queue()
N_ITEMS, N_WORKERS = 400, 4

def producer():
    for i in range(N_ITEMS):
        q.put(i)
    for _ in range(N_WORKERS):
        q.put(None)

def worker(wid):
    total = 0
    count = 0
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        total += item * item
        count += 1
        q.task_done()
    results.put((wid, count, total))

threads = [threading.Thread(target=worker, args=(i,)) for i in range(N_WORKERS)]
for t in threads:
    t.start()
p = threading.Thread(target=producer)
p.start()
p.join()
q.join()
for t in threads:
    t.join()
parts = [results.get() for _ in range(N_WORKERS)]
print("items", sum(c for _, c, _ in parts), "sum of squares", sum(s for _, _, s in parts))

counter = 0
lock = threading.Lock()
def bump(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
ts = [threading.Thread(target=bump, args=(2000,)) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("counter", counter)

cond = threading.Condition()
state = {"turn": 0, "log": []}
def player(me, rounds):
    for r in range(rounds):
        with cond:
            cond.wait_for(lambda: state["turn"] == me)
            state["log"].append(f"{me}:{r}")
            state["turn"] = (me + 1) % 3
            cond.notify_all()
ps = [threading.Thread(target=player, args=(i, 4)) for i in range(3)]
for t in ps:
    t.start()
for t in ps:
    t.join()
print("turns", " ".join(state["log"]))

ev = threading.Event()
seen = []
def waiter():
    ev.wait()
    seen.append("woke")
w = threading.Thread(target=waiter)
w.start()
ev.set()
w.join()
print("event", seen, threading.active_count())

local = threading.local()
out = []
def use_local(v):
    local.v = v
    out.append((v, local.v))
ls = [threading.Thread(target=use_local, args=(i,)) for i in range(5)]
for t in ls:
    t.start()
for t in ls:
    t.join()
print("local", sorted(out))

with ThreadPoolExecutor(max_workers=3) as ex:
    print("pool", list(ex.map(lambda x: x ** 3, range(12))))
sem = threading.BoundedSemaphore(2)
active = []
peak = [0]
def limited():
    with sem:
        with lock:
            active.append(1)
            peak[0] = max(peak[0], len(active))
        with lock:
            active.pop()
ss = [threading.Thread(target=limited) for _ in range(8)]
for t in ss:
    t.start()
for t in ss:
    t.join()
print("semaphore peak <= 2:", peak[0] <= 2)
b = threading.Barrier(3)
order = []
def at_barrier(i):
    idx = b.wait()
    with lock:
        order.append(i)
bs = [threading.Thread(target=at_barrier, args=(i,)) for i in range(3)]
for t in bs:
    t.start()
for t in bs:
    t.join()
print("barrier", sorted(order))
