#!/usr/bin/env python3
"""Slow clients for scripts/load-check.sh: holds COUNT half-sent HTTP requests open against a
loopback server for SECONDS, then stops by itself.

Each connection sends a request line and one header, then one more header line every few
seconds, never the blank line that ends the request: a "slowloris". When the server closes one,
it is reopened, so COUNT stay open (or are being opened) for the whole run. Prints how many
connections were opened and how many the server closed, as JSON.
"""
import argparse, json, resource, selectors, socket, time

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, required=True)
parser.add_argument("--count", type=int, default=2000)
parser.add_argument("--seconds", type=float, default=20)
parser.add_argument("--interval", type=float, default=2.0, help="seconds between header lines on a connection")
args = parser.parse_args()

soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, args.count + 256)), hard))

selector = selectors.DefaultSelector()
opened = closed_by_server = refused = 0
lines_sent = 0


def open_one():
    global opened, refused
    s = socket.socket()
    s.setblocking(False)
    try:
        s.connect_ex(("127.0.0.1", args.port))
        s.setblocking(True)
        s.settimeout(0.5)
        s.send(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        s.setblocking(False)
    except OSError:
        refused += 1
        s.close()
        return None
    opened += 1
    selector.register(s, selectors.EVENT_READ)
    return s


sockets = []
end = time.monotonic() + args.seconds
for _ in range(args.count):
    if time.monotonic() > end:
        break
    s = open_one()
    if s:
        sockets.append(s)

next_line = time.monotonic() + args.interval
while time.monotonic() < end:
    for key, _ in selector.select(timeout=0.2):
        s = key.fileobj
        try:
            data = s.recv(4096)
        except OSError:
            data = b""
        if not data:
            closed_by_server += 1
            selector.unregister(s)
            s.close()
            sockets.remove(s)
    if time.monotonic() >= next_line:
        for s in list(sockets):
            try:
                s.send(b"X-Slow: 1\r\n")
                lines_sent += 1
            except OSError:
                pass
        next_line = time.monotonic() + args.interval
    while len(sockets) < args.count and time.monotonic() < end:
        s = open_one()
        if not s:
            break
        sockets.append(s)

for s in sockets:
    s.close()
print(json.dumps({"opened": opened, "closed_by_server": closed_by_server, "connect_failures": refused, "header_lines_sent": lines_sent}))
