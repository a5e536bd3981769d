"""mp_pool_map_throughput: Pool(2).map(square, 0..n-1) with the default chunksize; items/s.

Conventions the Java sides mirror:
- One pool of 2 worker processes (CPython: fork start method), started before the warm-up and
  not timed; the warm-up and every timed run use the same pool, which is closed at the end.
- One run = pool.map(square, range(n)) with n = 2,000,000 (--quick 200,000) and the default
  chunksize, which for map is ceil(n / (4 x workers)): 250,000 items per task (25,000 with
  --quick), i.e. 8 tasks; then the parent sums the returned list and checks the sum against
  (n-1) n (2n-1) / 6 (2,666,664,666,667,000,000 for n = 2,000,000). The sum is inside the timing.
- Warm-up run, then --runs timed runs; value = n / best run time, in items/s.
"""

import multiprocessing

from _common import check, main_session, timed

MP = multiprocessing.get_context("fork")


def square(x):
    return x * x


def describe(p):
    return ("pool of %d processes (CPython: fork start method), map x -> x*x over %d items in chunks of %d, "
            "sum of results checked" % (p["workers"], p["items"], chunksize(p)))


def chunksize(p):
    # what Pool.map picks when no chunksize is given
    size, extra = divmod(p["items"], 4 * p["workers"])
    return size + 1 if extra else size


def one_run(pool, p):
    n = p["items"]
    results = pool.map(square, range(n))
    total = sum(results)
    expected = (n - 1) * n * (2 * n - 1) // 6
    check(len(results) == n, "results %d (expected: %d)" % (len(results), n))
    check(total == expected, "sum of squares %d (expected: %d)" % (total, expected))


def session(p, runs):
    with MP.Pool(p["workers"]) as pool:
        one_run(pool, p)  # warm-up
        best = min(timed(lambda: one_run(pool, p)) for _ in range(runs))
    return p["items"] / best


if __name__ == "__main__":
    main_session("mp_pool_map_throughput", "items/s", describe, session,
                 full={"workers": 2, "items": 2_000_000}, quick={"workers": 2, "items": 200_000})
