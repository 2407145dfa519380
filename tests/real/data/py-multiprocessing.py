# Python multiprocessing: a Pool map, Process with a Queue and a Pipe,
# shared Value/Array and a Manager-free lock.
import multiprocessing as mp
import os, sys

def square(x):
    return x * x

def collatz(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps

def producer(q, n):
    for i in range(n):
        q.put(i * 3)
    q.put(None)

def pipe_child(conn):
    msg = conn.recv()
    conn.send(msg[::-1])
    conn.close()

def add(val, arr, lock, k):
    for _ in range(100):
        with lock:
            val.value += k
    arr[k] = k * 10

if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    print("start method:", mp.get_start_method())
    with mp.Pool(2) as pool:
        print("map:", pool.map(square, range(20)))
        print("collatz:", pool.map(collatz, range(1, 30), chunksize=4))
        print("apply_async:", pool.apply_async(square, (12,)).get(timeout=30))
        print("imap:", list(pool.imap(square, range(5))))
    q = mp.Queue()
    p = mp.Process(target=producer, args=(q, 10))
    p.start()
    items = []
    while (x := q.get()) is not None:
        items.append(x)
    p.join()
    print("queue:", items, p.exitcode)
    a, b = mp.Pipe()
    p = mp.Process(target=pipe_child, args=(b,))
    p.start()
    a.send([1, 2, 3, "x"])
    print("pipe:", a.recv())
    p.join()
    val = mp.Value("i", 0)
    arr = mp.Array("i", 4)
    lock = mp.Lock()
    ps = [mp.Process(target=add, args=(val, arr, lock, k)) for k in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print("shared:", val.value, list(arr), [p.exitcode for p in ps])
    p = mp.Process(target=os._exit, args=(5,))
    p.start()
    p.join()
    print("exitcode:", p.exitcode)
