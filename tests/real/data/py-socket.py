# Python sockets: socketpair, select, poll, and TCP and UDP over loopback.
import os, select, socket, sys, threading

a, b = socket.socketpair()
a.sendall(b"ping")
print(b.recv(10))
r, w, x = select.select([a, b], [a], [], 5)
print("select:", [s is b for s in r], len(w))
b.sendall(b"pong" * 1000)
data = b""
while len(data) < 4000:
    data += a.recv(65536)
print("bulk:", len(data))
p = select.poll()
p.register(a, select.POLLIN)
print("poll empty:", p.poll(0))
b.send(b"x")
print("poll ready:", [(fd == a.fileno(), ev & select.POLLIN != 0) for fd, ev in p.poll(1000)])
a.recv(1)
b.close()
print("eof:", a.recv(10))
a.close()

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(4)
port = srv.getsockname()[1]

def serve():
    for _ in range(2):
        conn, _ = srv.accept()
        with conn, conn.makefile("rb") as f:
            for line in f:
                conn.sendall(line.upper())
t = threading.Thread(target=serve)
t.start()
for msg in (b"hello tcp\n", b"second connection\n"):
    c = socket.create_connection(("127.0.0.1", port), timeout=10)
    peer = c.getpeername()[0]
    c.sendall(msg + b"more\n")
    c.shutdown(socket.SHUT_WR)
    reply = b""
    while chunk := c.recv(100):
        reply += chunk
    print("tcp:", reply, peer)
    c.close()
t.join()
srv.close()

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b"datagram", u1.getsockname())
msg, addr = u1.recvfrom(100)
print("udp:", msg, addr[0])
u1.close()
u2.close()
print("getaddrinfo:", sorted({ai[4][0] for ai in socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET)}))
print("inet:", socket.inet_aton("10.1.2.3"), socket.inet_ntoa(b"\x7f\x00\x00\x01"), socket.htons(1), socket.ntohl(1))
fd_r, fd_w = os.pipe()
ep = select.epoll()
ep.register(fd_r, select.EPOLLIN)
os.write(fd_w, b"e")
print("epoll:", [(fd == fd_r, ev) for fd, ev in ep.poll(1)])
ep.close()
