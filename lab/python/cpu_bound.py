"""CPython twin of the lab's cpu-bound experiment: W workers of a fixed loop, run one after
another and then as threads. The loop is sized so that one worker alone takes about --seconds.

Prints flat JSON: sequential and threads elapsed seconds.
"""
import argparse
import json
import threading
import time

MASK = (1 << 64) - 1


def spin(seed, iterations):
    x = seed | 1
    for _ in range(iterations):
        x ^= (x << 13) & MASK
        x ^= x >> 7
        x ^= (x << 17) & MASK
    return x


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--seconds", type=float, default=0.25)
    a = p.parse_args()
    t0 = time.perf_counter()
    spin(3, 100_000)
    per = (time.perf_counter() - t0) / 100_000
    iterations = max(10_000, int(a.seconds / per))

    start = time.perf_counter()
    for w in range(a.workers):
        spin(w + 1, iterations)
    sequential = time.perf_counter() - start

    start = time.perf_counter()
    threads = [threading.Thread(target=spin, args=(w + 1, iterations)) for w in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    threaded = time.perf_counter() - start
    print(json.dumps({"sequential": sequential, "threads": threaded, "iterations": iterations}))


if __name__ == "__main__":
    main()
