"""queue_spsc: unbounded queue.Queue, 1 producer puts 0..n-1, 1 consumer gets them and checks order."""

import queue

from _common import CheckFailed, main, run_threads


def describe(p):
    return "unbounded queue, 1 producer puts 0..%d, 1 consumer checks order" % (p["items"] - 1)


def one_run(p):
    q = queue.Queue()
    n = p["items"]

    def producer():
        put = q.put
        for i in range(n):
            put(i)

    def consumer():
        get = q.get
        for expected in range(n):
            item = get()
            if item != expected:
                raise CheckFailed("got %r (expected: %d)" % (item, expected))

    run_threads([producer, consumer])


if __name__ == "__main__":
    main("queue_spsc", "items/s", describe, one_run, amount=lambda p: p["items"],
         full={"items": 500_000}, quick={"items": 50_000})
