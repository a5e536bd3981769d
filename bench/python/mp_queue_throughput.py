"""mp_queue_throughput: a child process puts n small ints into a process queue, the parent gets them; items/s.

Conventions the Java sides mirror:
- One child process (CPython: fork start method), one multiprocessing.Queue (unbounded) from the
  child to the parent and one multiprocessing.Pipe for commands from the parent to the child; the
  child is started before the warm-up and not timed, serves the warm-up and every timed run, and is
  stopped (sent None, then joined) at the end.
- One run: the clock starts, the parent sends the child the go signal n (n = 100,000; --quick
  10,000); the child puts the ints 0..n-1 in order, one put each; the parent gets n items, checking
  that item i is i (so order, count and sum are checked); the clock stops after the last get.
  The timed span is thus: go signal sent -> last item received by the parent.
- Warm-up run, then --runs timed runs; value = n / best run time, in items/s.
"""

import multiprocessing
import time

from _common import check, main_session

MP = multiprocessing.get_context("fork")


def producer(commands, items):
    while True:
        n = commands.recv()
        if n is None:
            return
        for i in range(n):
            items.put(i)


def describe(p):
    return ("one child process (CPython: fork start method) puts %d small ints into a process queue, "
            "the parent gets them and checks their order; timed from the go signal to the last get" % p["items"])


def one_run(commands, items, p):
    n = p["items"]
    start = time.perf_counter()
    commands.send(n)
    for i in range(n):
        got = items.get()
        if got != i:
            check(False, "item %d is %r (expected: %d)" % (i, got, i))
    return time.perf_counter() - start


def session(p, runs):
    commands, child_end = MP.Pipe()
    items = MP.Queue()
    child = MP.Process(target=producer, args=(child_end, items))
    child.start()
    child_end.close()
    try:
        one_run(commands, items, p)  # warm-up
        best = min(one_run(commands, items, p) for _ in range(runs))
    finally:
        commands.send(None)
        child.join(30)  # after a failed check the child may still be putting: do not wait forever
        if child.is_alive():
            child.terminate()
            child.join()
    check(child.exitcode == 0, "child exit code %r (expected: 0)" % child.exitcode)
    return p["items"] / best


if __name__ == "__main__":
    main_session("mp_queue_throughput", "items/s", describe, session,
                 full={"items": 100_000}, quick={"items": 10_000})
