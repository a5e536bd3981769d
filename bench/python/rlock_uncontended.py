"""rlock_uncontended: one thread, RLock acquired twice and released twice = 1 op."""

import threading

from _common import check, main


def describe(p):
    return "%d ops of acquire,acquire,release,release, 1 thread" % p["ops"]


def one_run(p):
    lock = threading.RLock()
    acquire, release = lock.acquire, lock.release
    for _ in range(p["ops"]):
        acquire()
        acquire()
        release()
        release()
    check(not lock._is_owned(), "rlock left owned")


if __name__ == "__main__":
    main("rlock_uncontended", "ops/s", describe, one_run, amount=lambda p: p["ops"],
         full={"ops": 10_000_000}, quick={"ops": 1_000_000})
