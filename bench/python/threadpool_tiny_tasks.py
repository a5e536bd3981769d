"""threadpool_tiny_tasks: ThreadPoolExecutor(4), submit no-op tasks, wait for all; results checked."""

from concurrent.futures import ThreadPoolExecutor

from _common import check, main


def noop():
    return None


def describe(p):
    return "pool of %d threads, submit %d no-op tasks, wait for all" % (p["workers"], p["tasks"])


def one_run(p):
    with ThreadPoolExecutor(p["workers"]) as pool:
        futures = [pool.submit(noop) for _ in range(p["tasks"])]
        done = 0
        for f in futures:
            check(f.result() is None, "a no-op task returned a value")
            done += 1
    check(done == p["tasks"], "tasks done %d (expected: %d)" % (done, p["tasks"]))


if __name__ == "__main__":
    main("threadpool_tiny_tasks", "tasks/s", describe, one_run, amount=lambda p: p["tasks"],
         full={"workers": 4, "tasks": 50_000}, quick={"workers": 4, "tasks": 5_000})
