"""threaded_echo: a thread-per-connection echo server that upper-cases; round trips/s, replies checked.

Conventions the Java sides mirror:
- The server, socketserver.ThreadingTCPServer on 127.0.0.1 (port 0, a thread per connection,
  serve_forever() on a thread of its own), is started before the warm-up and not timed; it serves
  the warm-up and every timed run, and is shut down and closed (joining its handler threads) at the
  end. Its handler: recv(1024) until the client closes, sendall(data.upper()).
- One run = CLIENTS client threads in this process, each with a blocking socket: connect, then
  ROUND_TRIPS times send 64 bytes and recv until the 64 upper-cased bytes are back (checked), then
  close; the run ends when every client thread has joined. CLIENTS x ROUND_TRIPS = 50 x 400
  (--quick: 5 x 400).
- Warm-up run, then --runs timed runs; value = CLIENTS * ROUND_TRIPS / best run time.

Assumption: BENCHMARKS.md's CPython figure (33 k round trips/s) was made the same way, server and
client threads in one process sharing the GIL; nothing in the table says otherwise.
"""

import socket
import socketserver
import threading

from _common import check, main_session, run_threads, timed
from _echo import MESSAGE_BYTES, READ_BYTES, describe, message, reply


class UpperEcho(socketserver.BaseRequestHandler):
    def handle(self):
        while True:
            data = self.request.recv(READ_BYTES)
            if not data:
                return
            self.request.sendall(data.upper())


def client(port, round_trips):
    with socket.create_connection(("127.0.0.1", port)) as s:
        for i in range(round_trips):
            s.sendall(message(i))
            got = b""
            while len(got) < MESSAGE_BYTES:  # loop until all 64 arrive
                chunk = s.recv(MESSAGE_BYTES - len(got))
                if not chunk:
                    break
                got += chunk
            if got != reply(i):
                check(False, "round trip %d got %r (expected: %r)" % (i, got, reply(i)))


def one_run(port, p):
    run_threads([lambda: client(port, p["round_trips"])] * p["clients"])


def session(p, runs):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), UpperEcho)
    port = server.server_address[1]
    serving = threading.Thread(target=server.serve_forever, name="threaded_echo-serve")
    serving.start()
    try:
        one_run(port, p)  # warm-up
        best = min(timed(lambda: one_run(port, p)) for _ in range(runs))
    finally:
        server.shutdown()
        serving.join()
        server.server_close()
    return p["clients"] * p["round_trips"] / best


if __name__ == "__main__":
    main_session("threaded_echo", "round trips/s", lambda p: describe("thread-per-connection", p), session,
                 full={"clients": 50, "round_trips": 400}, quick={"clients": 5, "round_trips": 400})
