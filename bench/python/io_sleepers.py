"""io_sleepers: start N threads that each sleep, join them all; seconds (lower is better), wake-ups checked."""

import threading
import time

from _common import check, main


def describe(p):
    return "start %d threads that each sleep %g s, join all" % (p["threads"], p["sleep"])


def one_run(p):
    woke = []  # list.append is atomic

    def sleeper():
        time.sleep(p["sleep"])
        woke.append(1)

    threads = [threading.Thread(target=sleeper) for _ in range(p["threads"])]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(len(woke) == p["threads"], "threads woken %d (expected: %d)" % (len(woke), p["threads"]))


if __name__ == "__main__":
    main("io_sleepers", "seconds", describe, one_run,
         full={"threads": 4000, "sleep": 2}, quick={"threads": 400, "sleep": 0.2})
