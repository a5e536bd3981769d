"""CPython twin of the lab's io-bound experiment: N threads that each sleep S seconds.

Prints flat JSON: elapsed seconds, peak memory growth in MB (VmRSS sampled every 10 ms, as the
Java side does, minus the value before), and the peak number of threads.
"""
import argparse
import json
import resource
import sys
import threading
import time


def rss_mb():
    """The resident set now (VmRSS, as the Java side samples it), or the high-water mark."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return maxrss_mb()


def maxrss_mb():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # kilobytes on Linux, bytes on macOS
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tasks", type=int, default=4000)
    p.add_argument("--sleep", type=float, default=2.0)
    a = p.parse_args()
    before = rss_mb()
    peak_rss = [before]
    stop = threading.Event()

    def sample():
        while not stop.wait(0.01):
            peak_rss[0] = max(peak_rss[0], rss_mb())

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    start = time.perf_counter()
    threads = [threading.Thread(target=time.sleep, args=(a.sleep,)) for _ in range(a.tasks)]
    for t in threads:
        t.start()
    peak = threading.active_count() - 1
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - start
    stop.set()
    sampler.join()
    peak_rss[0] = max(peak_rss[0], rss_mb())
    print(json.dumps({"elapsed": elapsed, "peak_mb": peak_rss[0] - before, "threads": peak}))


if __name__ == "__main__":
    main()
