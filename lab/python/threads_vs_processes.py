"""CPython twin of the lab's threads-vs-processes experiment: W workers of the fixed loop of
cpu_bound.py, run one after another, as threads, and as multiprocessing.Process children. The loop
is sized so that one worker alone takes about --seconds.

Prints flat JSON: sequential, threads and processes elapsed seconds (start-up included), the mean
start-up of a thread and of a process (from start() to the worker's first line, time.monotonic()
being the same clock in every process on Linux), and the start method (0 fork, 1 spawn,
2 forkserver).
"""
import argparse
import json
import multiprocessing
import threading
import time

from cpu_bound import spin


def work(iterations, seed, began):
    began.value = time.monotonic()
    spin(seed, iterations)


class Box:
    value = 0.0


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

    boxes = [Box() for _ in range(a.workers)]
    start = time.perf_counter()
    threads, launched = [], []
    for w in range(a.workers):
        launched.append(time.monotonic())
        t = threading.Thread(target=work, args=(iterations, w + 1, boxes[w]))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    threaded = time.perf_counter() - start
    thread_startup = sum(b.value - l for b, l in zip(boxes, launched)) / a.workers

    values = [multiprocessing.Value("d", 0.0) for _ in range(a.workers)]
    start = time.perf_counter()
    processes, launched = [], []
    for w in range(a.workers):
        launched.append(time.monotonic())
        pr = multiprocessing.Process(target=work, args=(iterations, w + 1, values[w]))
        pr.start()
        processes.append(pr)
    for pr in processes:
        pr.join()
    processed = time.perf_counter() - start
    process_startup = sum(v.value - l for v, l in zip(values, launched)) / a.workers
    method = ["fork", "spawn", "forkserver"].index(multiprocessing.get_start_method())
    print(json.dumps({"sequential": sequential, "threads": threaded, "processes": processed,
                      "thread_startup": thread_startup, "process_startup": process_startup,
                      "start_method": method, "iterations": iterations}))


if __name__ == "__main__":
    main()
