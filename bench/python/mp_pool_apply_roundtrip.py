"""mp_pool_apply_roundtrip: Pool(2).apply of a no-op, one call at a time; round trips/s.

Conventions the Java sides mirror:
- One pool of 2 worker processes (CPython: fork start method), started before the warm-up and
  not timed; the warm-up and every timed run use the same pool, which is closed at the end.
- One run = CALLS sequential pool.apply(noop) calls (5,000; --quick 500); noop takes no argument
  and returns None, and every result is checked to be None.
- Warm-up run, then --runs timed runs; value = CALLS / best run time, in round trips/s.
"""

import multiprocessing

from _common import check, main_session, timed

MP = multiprocessing.get_context("fork")


def noop():
    return None


def describe(p):
    return "pool of %d processes (CPython: fork start method), apply a no-op %d times, one at a time" % (
        p["workers"], p["calls"])


def one_run(pool, p):
    for i in range(p["calls"]):
        result = pool.apply(noop)
        check(result is None, "call %d returned %r (expected: None)" % (i, result))


def session(p, runs):
    with MP.Pool(p["workers"]) as pool:
        one_run(pool, p)  # warm-up
        best = min(timed(lambda: one_run(pool, p)) for _ in range(runs))
    return p["calls"] / best


if __name__ == "__main__":
    main_session("mp_pool_apply_roundtrip", "round trips/s", describe, session,
                 full={"workers": 2, "calls": 5_000}, quick={"workers": 2, "calls": 500})
