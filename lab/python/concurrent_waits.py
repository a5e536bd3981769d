"""CPython twin of the lab's concurrent-waits experiment: N waits of S seconds, first as N asyncio
tasks on one event loop (asyncio.sleep), then as N threads (time.sleep).

Prints flat JSON: each way's elapsed seconds and peak memory growth in MB (VmRSS sampled every
10 ms, as the Java side does, minus the value before), and the peak number of threads.
"""
import argparse
import asyncio
import gc
import json
import threading
import time

from io_bound import rss_mb


class PeakRss:
    """Samples VmRSS every 10 ms in a thread while the with-block runs."""

    def __enter__(self):
        gc.collect()
        self.before = rss_mb()
        self.peak = self.before
        self._stop = threading.Event()
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()
        return self

    def _sample(self):
        while not self._stop.wait(0.01):
            self.peak = max(self.peak, rss_mb())

    def __exit__(self, *exc):
        self._stop.set()
        self._sampler.join()
        self.peak = max(self.peak, rss_mb())

    def growth(self):
        return self.peak - self.before


async def many_sleeps(tasks, delay):
    await asyncio.gather(*(asyncio.sleep(delay) for _ in range(tasks)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tasks", type=int, default=10000)
    p.add_argument("--sleep", type=float, default=1.0)
    a = p.parse_args()

    with PeakRss() as loop_memory:
        start = time.perf_counter()
        asyncio.run(many_sleeps(a.tasks, a.sleep))
        loop_elapsed = time.perf_counter() - start

    with PeakRss() as thread_memory:
        start = time.perf_counter()
        threads = [threading.Thread(target=time.sleep, args=(a.sleep,)) for _ in range(a.tasks)]
        for t in threads:
            t.start()
        peak = threading.active_count() - 2  # not the main thread, not the sampler
        for t in threads:
            t.join()
        threads_elapsed = time.perf_counter() - start

    print(json.dumps({
        "asyncio_elapsed": loop_elapsed, "asyncio_mb": loop_memory.growth(),
        "threads_elapsed": threads_elapsed, "threads_mb": thread_memory.growth(), "threads": peak,
    }))


if __name__ == "__main__":
    main()
