"""cpu_threads_vs_processes: W = 2 x cores workers of one fixed CPU loop, once as threads, once as processes.

Conventions the Java sides mirror:
- W = 2 * os.cpu_count() workers (the Java sides: 2 * Runtime.availableProcessors()).
- Each worker runs spin(N): x = 1, then N times x = (x * 1103515245 + 12345) & 0x7FFFFFFF, and
  returns x; N = 5,000,000 (about 0.4 s in CPython 3.11 here), --quick N = 500,000. Every worker's
  result is checked against spin(N) computed once before the warm-up (untimed):
  360,452,801 for N = 5,000,000 and 1,711,753,697 for N = 500,000.
- One run = the threads pass (start W threads, join all) then the processes pass (start W child
  processes, fork start method, join all; each child sends its result back on a
  multiprocessing.SimpleQueue). Process start-up is inside the processes pass's time.
- Warm-up run, then --runs timed runs; value = best threads time / best processes time (unit
  "ratio", three decimals; 1.0 means threads are as fast as processes, CPython's GIL makes it
  about W / min(W, cores) below the process overheads). Both best times are printed as a '#' line.
"""

import multiprocessing
import os
import threading

from _common import check, main_session, timed

MP = multiprocessing.get_context("fork")


def spin(n):
    x = 1
    for _ in range(n):
        x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return x


def child(n, results):
    results.put(spin(n))


def describe(p):
    return ("%d workers (2 x %d cores) each run a fixed CPU loop of %d steps, once as threads, once as "
            "processes (CPython: fork start method); threads time / processes time" % (
                p["workers"], p["workers"] // 2, p["steps"]))


def threads_pass(p, expected):
    results = []  # list.append is atomic

    def worker():
        results.append(spin(p["steps"]))

    threads = [threading.Thread(target=worker) for _ in range(p["workers"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(results == [expected] * p["workers"], "thread results %r (expected: %d x %d)" % (
        results, p["workers"], expected))


def processes_pass(p, expected):
    results = MP.SimpleQueue()
    procs = [MP.Process(target=child, args=(p["steps"], results)) for _ in range(p["workers"])]
    for c in procs:
        c.start()
    got = [results.get() for _ in procs]
    for c in procs:
        c.join()
        check(c.exitcode == 0, "child exit code %r (expected: 0)" % c.exitcode)
    check(got == [expected] * p["workers"], "process results %r (expected: %d x %d)" % (
        got, p["workers"], expected))


def session(p, runs):
    expected = spin(p["steps"])
    print("# cpu_threads_vs_processes cpython spin(%d) = %d" % (p["steps"], expected), flush=True)
    best_threads = best_processes = None
    for i in range(runs + 1):  # run 0 is the warm-up
        t = timed(lambda: threads_pass(p, expected))
        q = timed(lambda: processes_pass(p, expected))
        if i > 0:
            best_threads = t if best_threads is None else min(best_threads, t)
            best_processes = q if best_processes is None else min(best_processes, q)
    print("# cpu_threads_vs_processes cpython threads %.3f s, processes %.3f s (best of %d)" % (
        best_threads, best_processes, runs), flush=True)
    return best_threads / best_processes


def params(steps):
    cores = os.cpu_count() or 1
    return {"workers": 2 * cores, "steps": steps}


if __name__ == "__main__":
    main_session("cpu_threads_vs_processes", "ratio", describe, session,
                 full=params(5_000_000), quick=params(500_000))
