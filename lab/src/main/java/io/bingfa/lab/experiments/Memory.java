package io.bingfa.lab.experiments;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the process's memory every 10 ms while a step runs and keeps the peaks: the resident set
 * (VmRSS from /proc/self/status, where there is one), the used Java heap, and the live platform
 * threads. {@link #close} stops the sampler thread and joins it.
 *
 * <p>The figure reported is the peak RSS minus the RSS just before the step: memory the step made
 * the process touch (thread stacks included, which the heap does not show). Where /proc is missing
 * it falls back to the used heap, and says so through {@link #source()}.
 */
final class Memory implements AutoCloseable {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final boolean proc = Files.isReadable(STATUS);
    private final long baseRss;
    private final long baseHeap;
    private volatile long peakRss;
    private volatile long peakHeap;
    private volatile int peakThreads;
    private volatile boolean running = true;
    private final Thread sampler;

    Memory() {
        System.gc();
        baseRss = rss();
        baseHeap = heap();
        peakRss = baseRss;
        peakHeap = baseHeap;
        peakThreads = THREADS.getThreadCount();
        sampler = Thread.ofPlatform().daemon().name("lab-memory-sampler").start(this::sample);
    }

    private void sample() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sampleOnce() {
        peakRss = Math.max(peakRss, rss());
        peakHeap = Math.max(peakHeap, heap());
        peakThreads = Math.max(peakThreads, THREADS.getThreadCount());
    }

    /** "VmRSS" or "heap": what {@link #peakMb()} measures. */
    String source() {
        return proc ? "VmRSS" : "heap";
    }

    /** The peak growth over the baseline, in MB (RSS when there is /proc, used heap otherwise). */
    double peakMb() {
        return (proc ? peakRss - baseRss : peakHeap - baseHeap) / (1024.0 * 1024.0);
    }

    double peakHeapMb() {
        return (peakHeap - baseHeap) / (1024.0 * 1024.0);
    }

    int peakThreads() {
        return peakThreads;
    }

    private static long heap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    private long rss() {
        if (!proc) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @Override
    public void close() throws InterruptedException {
        sampleOnce();
        running = false;
        sampler.interrupt();
        sampler.join();
    }
}
