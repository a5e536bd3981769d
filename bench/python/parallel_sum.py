"""parallel_sum: sum 1..n in 8 range chunks on a Pool(cores) vs in one process; speedup.

Conventions the Java sides mirror:
- n = 20,000,000 (--quick 2,000,000); 8 chunks, chunk k (0..7) = the ints k*n/8 + 1 .. (k+1)*n/8
  (n is a multiple of 8). Each chunk is summed by chunk_sum(lo, hi), a plain loop s += i over
  lo..hi; the grand total is checked against n (n + 1) / 2 (200,000,010,000,000 for n = 20,000,000).
- Parallel: one pool of os.cpu_count() worker processes (CPython: fork start method), started
  before the warm-up and not timed, shared by all runs; one parallel run = pool.map(chunk_sum over
  the 8 chunks, chunksize 1) + adding the 8 partial sums in the parent.
- Sequential: one sequential run = the parent itself calls chunk_sum on the 8 chunks one after
  another and adds them (the same work in one process, no pool involved).
- One run = a sequential run then a parallel run; warm-up run, then --runs timed runs; value =
  best sequential time / best parallel time (unit "speedup", three decimals). Both best times are
  printed as a '#' line.
"""

import multiprocessing
import os

from _common import check, main_session, timed

MP = multiprocessing.get_context("fork")
CHUNKS = 8


def chunk_sum(bounds):
    lo, hi = bounds
    s = 0
    for i in range(lo, hi + 1):
        s += i
    return s


def chunks(n):
    step = n // CHUNKS
    return [(k * step + 1, (k + 1) * step) for k in range(CHUNKS)]


def describe(p):
    return ("sum 1..%d in %d range chunks on a pool of %d processes (CPython: fork start method) "
            "vs the same chunks in one process; sum checked; sequential time / parallel time" % (
                p["n"], CHUNKS, p["workers"]))


def check_total(total, n):
    expected = n * (n + 1) // 2
    check(total == expected, "sum %d (expected: %d)" % (total, expected))


def sequential(p):
    check_total(sum(chunk_sum(c) for c in chunks(p["n"])), p["n"])


def parallel(pool, p):
    check_total(sum(pool.map(chunk_sum, chunks(p["n"]), chunksize=1)), p["n"])


def session(p, runs):
    best_seq = best_par = None
    with MP.Pool(p["workers"]) as pool:
        for i in range(runs + 1):  # run 0 is the warm-up
            s = timed(lambda: sequential(p))
            q = timed(lambda: parallel(pool, p))
            if i > 0:
                best_seq = s if best_seq is None else min(best_seq, s)
                best_par = q if best_par is None else min(best_par, q)
    print("# parallel_sum cpython sequential %.3f s, parallel %.3f s (best of %d)" % (
        best_seq, best_par, runs), flush=True)
    return best_seq / best_par


def params(n):
    assert n % CHUNKS == 0
    return {"n": n, "workers": os.cpu_count() or 1}


if __name__ == "__main__":
    main_session("parallel_sum", "speedup", describe, session, full=params(20_000_000), quick=params(2_000_000))
