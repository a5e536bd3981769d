"""lock_uncontended: one thread, threading.Lock acquire+release pairs."""

import threading

from _common import check, main


def describe(p):
    return "%d acquire+release pairs, 1 thread" % p["ops"]


def one_run(p):
    lock = threading.Lock()
    acquire, release = lock.acquire, lock.release
    for _ in range(p["ops"]):
        acquire()
        release()
    check(not lock.locked(), "lock left locked")


if __name__ == "__main__":
    main("lock_uncontended", "ops/s", describe, one_run, amount=lambda p: p["ops"],
         full={"ops": 10_000_000}, quick={"ops": 1_000_000})
