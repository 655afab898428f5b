#!/usr/bin/env python3
"""What one small message to each of N loopback TCP connections costs this machine's kernel, with no WebSocket, no
framing and no runtime: N connections on 127.0.0.1, then one thread sends a message of SIZE bytes on each server-side
socket (blocking, the data always fits the socket buffer), then one thread receives it on each client side after
epoll says it is there. The send and receive loops are timed separately and together, so the fan-out bench's figures
can be set against the floor the operating system puts under them.
Both ends live in this process, so it needs two files per connection: 9,900 connections fit a hard limit of 20,000.
Usage: python3 bench/socket-floor.py [connections=9900] [size=300] [rounds=3]   (127.0.0.1 only, bounded, stops itself)
"""
import resource, select, socket, sys, time

n = int(sys.argv[1]) if len(sys.argv) > 1 else 9900
size = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 2 * n + 100)), hard))

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(4096)
port = listener.getsockname()[1]
clients, servers = [], []
for _ in range(n):
    c = socket.create_connection(("127.0.0.1", port))
    c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s, _ = listener.accept()
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    clients.append(c)
    servers.append(s)
epoll = select.epoll()
by_fd = {}
for c in clients:
    c.setblocking(False)
    epoll.register(c.fileno(), select.EPOLLIN)
    by_fd[c.fileno()] = c
message = b"x" * size

print(f"{n} connections on 127.0.0.1, {size}-byte messages")
for r in range(rounds):
    start = time.perf_counter()
    for s in servers:
        s.send(message)
    sent = time.perf_counter()
    received = 0
    while received < n:
        for fd, _ in epoll.poll(1.0):
            while True:
                try:
                    chunk = by_fd[fd].recv(65536)
                except BlockingIOError:
                    break
                received += len(chunk) // size if len(chunk) >= size else 0
                if len(chunk) < 65536:
                    break
    done = time.perf_counter()
    print(f"round {r + 1}: send loop {1000 * (sent - start):.1f} ms ({1e6 * (sent - start) / n:.1f} µs each), "
          f"epoll + receive loop {1000 * (done - sent):.1f} ms ({1e6 * (done - sent) / n:.1f} µs each), together {1000 * (done - start):.1f} ms")
for sock in clients + servers:
    sock.close()
