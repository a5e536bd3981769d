"""queue_mpmc: queue.Queue(1024), 4 producers, 4 consumers, every item received exactly once."""

import queue

from _common import check, main, run_threads


def describe(p):
    return "queue of %d, %d producers, %d consumers, %d items each received once" % (
        p["capacity"], p["producers"], p["consumers"], p["items"])


def one_run(p):
    q = queue.Queue(p["capacity"])
    n, producers, consumers = p["items"], p["producers"], p["consumers"]
    received = [[] for _ in range(consumers)]

    def producer(index):
        def body():
            put = q.put
            for item in range(index, n, producers):
                put(item)
        return body

    def consumer(index):
        def body():
            get, append = q.get, received[index].append
            for _ in range(n // consumers + (1 if index < n % consumers else 0)):
                append(get())
        return body

    run_threads([producer(i) for i in range(producers)] + [consumer(i) for i in range(consumers)])
    seen = bytearray(n)
    for items in received:
        for item in items:
            check(0 <= item < n and not seen[item], "item %r received twice or out of range" % (item,))
            seen[item] = 1
    check(all(seen), "%d items never received" % seen.count(0))


if __name__ == "__main__":
    main("queue_mpmc", "items/s", describe, one_run, amount=lambda p: p["items"],
         full={"capacity": 1024, "producers": 4, "consumers": 4, "items": 500_000},
         quick={"capacity": 1024, "producers": 4, "consumers": 4, "items": 50_000})
