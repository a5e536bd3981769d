"""threadpool_map: ThreadPoolExecutor(4).map(x -> 2x + 1) over 0..n-1; results checked in order."""

from concurrent.futures import ThreadPoolExecutor

from _common import check, main


def work(x):
    return 2 * x + 1


def describe(p):
    return "pool of %d threads, map x -> 2x + 1 over %d items, results checked in order" % (
        p["workers"], p["items"])


def one_run(p):
    n = p["items"]
    with ThreadPoolExecutor(p["workers"]) as pool:
        i = 0
        for result in pool.map(work, range(n)):
            check(result == 2 * i + 1, "result %d is %r (expected: %d)" % (i, result, 2 * i + 1))
            i += 1
    check(i == n, "results %d (expected: %d)" % (i, n))


if __name__ == "__main__":
    main("threadpool_map", "items/s", describe, one_run, amount=lambda p: p["items"],
         full={"workers": 4, "items": 50_000}, quick={"workers": 4, "items": 5_000})
