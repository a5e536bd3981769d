"""mp_pipe_roundtrip: a Pipe to one child process that echoes an int; round trips/s.

Conventions the Java sides mirror:
- One child process (CPython: fork start method) with one duplex multiprocessing.Pipe, started
  before the warm-up and not timed; the warm-up and every timed run talk to the same child, which
  is stopped (sent None, then joined) at the end.
- One run = for i in 0..ROUND_TRIPS-1: send the int i, receive the child's reply, check that it is i
  (ROUND_TRIPS = 20,000; --quick 2,000). One request in flight at a time.
- Warm-up run, then --runs timed runs; value = ROUND_TRIPS / best run time, in round trips/s.
"""

import multiprocessing

from _common import check, main_session, timed

MP = multiprocessing.get_context("fork")


def echo(conn):
    while True:
        x = conn.recv()
        if x is None:
            return
        conn.send(x)


def describe(p):
    return "one child process (CPython: fork start method) echoes an int over a pipe, %d round trips" % (
        p["round_trips"])


def one_run(conn, p):
    for i in range(p["round_trips"]):
        conn.send(i)
        got = conn.recv()
        if got != i:
            check(False, "round trip %d got %r back (expected: %d)" % (i, got, i))


def session(p, runs):
    parent, child_end = MP.Pipe()
    child = MP.Process(target=echo, args=(child_end,))
    child.start()
    child_end.close()
    try:
        one_run(parent, p)  # warm-up
        best = min(timed(lambda: one_run(parent, p)) for _ in range(runs))
    finally:
        parent.send(None)
        child.join()
    check(child.exitcode == 0, "child exit code %r (expected: 0)" % child.exitcode)
    return p["round_trips"] / best


if __name__ == "__main__":
    main_session("mp_pipe_roundtrip", "round trips/s", describe, session,
                 full={"round_trips": 20_000}, quick={"round_trips": 2_000})
