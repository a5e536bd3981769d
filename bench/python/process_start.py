"""process_start: start + join one child process that runs a no-op (CPython: spawn); ms, lower is better.

Conventions the Java sides mirror:
- multiprocessing.get_context("spawn").Process(target=noop): a fresh interpreter that imports this
  script as its main module, unpickles the target and runs it (noop returns at once); the parent
  calls start() then join() and checks exitcode == 0. One sample = the time of start() + join().
- One warm-up sample, then --runs timed runs of SAMPLES children each, one after another (never two
  at once); SAMPLES = 5 (--quick 2). Value = the fastest single sample, in milliseconds (unit "ms",
  three decimals), i.e. the best of runs x SAMPLES start+join pairs (15 by default).
"""

import multiprocessing

from _common import check, main_session, timed

MP = multiprocessing.get_context("spawn")


def noop():
    pass


def describe(p):
    return ("start + join one child process running a no-op (CPython: spawn start method), "
            "%d in a row per timed run, the fastest one" % p["samples"])


def one_sample():
    child = MP.Process(target=noop)
    seconds = timed(lambda: (child.start(), child.join()))
    check(child.exitcode == 0, "child exit code %r (expected: 0)" % child.exitcode)
    return seconds


def session(p, runs):
    one_sample()  # warm-up
    best = min(one_sample() for _ in range(runs * p["samples"]))
    return best * 1000.0


if __name__ == "__main__":
    main_session("process_start", "ms", describe, session, full={"samples": 5}, quick={"samples": 2})
