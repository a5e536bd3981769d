"""bank_race: threads each deposit 1 with a 10 ms pause inside the critical section.

Timed: the run with a Lock (balance must equal the number of threads). Also shown once, as a
'#' line: the run without a lock, whose lost updates leave the balance below the number of threads.
"""

import threading
import time

from _common import check, main, run_threads


def describe(p):
    return "%d threads deposit 1 with a %d ms pause inside the critical section" % (p["threads"], p["pause_ms"])


def race(p, lock):
    balance = 0
    pause = p["pause_ms"] / 1000.0

    def deposit():
        nonlocal balance
        if lock is None:
            seen = balance
            time.sleep(pause)
            balance = seen + 1
        else:
            with lock:
                seen = balance
                time.sleep(pause)
                balance = seen + 1

    run_threads([deposit] * p["threads"])
    return balance


def one_run(p):
    balance = race(p, threading.Lock())
    check(balance == p["threads"], "balance with lock %d (expected: %d)" % (balance, p["threads"]))


def unlocked(p):
    balance = race(p, None)
    print("# bank_race cpython unlocked balance %d (expected: < %d)" % (balance, p["threads"]), flush=True)
    check(balance < p["threads"], "unlocked balance %d shows no lost update" % balance)


if __name__ == "__main__":
    main("bank_race", "seconds", describe, one_run, before=unlocked,
         full={"threads": 100, "pause_ms": 10}, quick={"threads": 10, "pause_ms": 10})
