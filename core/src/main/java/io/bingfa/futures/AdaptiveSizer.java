package io.bingfa.futures;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The measuring half of an adaptive {@link ThreadPoolExecutor}: takes the medians of the recent
 * tasks' CPU and waiting times and turns them into a target pool size with {@link PoolSizing#threads}. Public only
 * for its {@link Snapshot}, which the lab reads; created by
 * {@link ThreadPoolExecutor.Builder#adaptive(int, int)}.
 */
/*
 * Implementation: the last WINDOW samples are kept in rings under this object's lock, written by
 * the worker that ran the task; the target is recomputed from their medians (robust against a GC
 * pause or a burst of load from another process, which a mean is not) at most every RESIZE_EVERY
 * tasks and RESIZE_NANOS. Waiting time comes from thread contention monitoring
 * (ThreadInfo waited + blocked time, milliseconds) for platform threads, else wall - cpu.
 */
public final class AdaptiveSizer {
    private static final System.Logger LOG = System.getLogger("io.bingfa.futures");
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final int RESIZE_EVERY = 8;
    private static final long RESIZE_NANOS = Duration.ofMillis(50).toNanos();
    /** How many recent tasks the medians are taken over. */
    private static final int WINDOW = 64;

    /**
     * The measured figures.
     *
     * @param cpuNanos median CPU time per task over the recent window, -1 before the first
     * @param waitNanos median waiting time per task over the recent window, -1 before the first
     * @param samples tasks measured
     * @param target the current target size
     * @param measuredWaitDirectly whether waiting time came from contention monitoring (else wall - cpu)
     */
    public record Snapshot(long cpuNanos, long waitNanos, long samples, int target,
            boolean measuredWaitDirectly) {}

    private final int min;
    private final int max;
    private final int cores;
    private final boolean cpuSupported;
    private final boolean contention;
    private volatile int target;
    /** Guarded by this: the last WINDOW samples, a ring. */
    private final long[] cpuWindow = new long[WINDOW];
    /** Guarded by this. */
    private final long[] waitWindow = new long[WINDOW];
    /** Guarded by this. */
    private int next;
    /** Guarded by this. */
    private int filled;
    /** Guarded by this. */
    private long samples;
    /** Guarded by this. */
    private long lastResize = System.nanoTime();
    /** Guarded by this. */
    private long sinceResize;

    AdaptiveSizer(int min, int max, int cores, boolean virtual) {
        this.min = min;
        this.max = max;
        this.cores = cores;
        // getCurrentThreadCpuTime() gives -1 on a virtual thread (JDK 21 and 25), so a virtual
        // pool cannot measure and stays at max.
        boolean cpu = !virtual && MX.isCurrentThreadCpuTimeSupported();
        if (cpu && !MX.isThreadCpuTimeEnabled()) {
            try {
                MX.setThreadCpuTimeEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                cpu = false;
            }
        }
        this.cpuSupported = cpu;
        boolean c = !virtual && MX.isThreadContentionMonitoringSupported();
        if (c && !MX.isThreadContentionMonitoringEnabled()) {
            try {
                MX.setThreadContentionMonitoringEnabled(true);
            } catch (UnsupportedOperationException | SecurityException e) {
                c = false;
            }
        }
        this.contention = c;
        this.target = cpu ? min : max;
        if (!cpu) {
            warnOnce();
        }
    }

    /** Runs the item, measuring it. */
    void measure(ThreadPoolExecutor.WorkItem<?> item, Runnable idle) {
        if (!cpuSupported) {
            item.run(idle);
            return;
        }
        long id = Thread.currentThread().threadId();
        long wall0 = System.nanoTime();
        long cpu0 = MX.getCurrentThreadCpuTime();
        long waited0 = contention ? waitedMillis(id) : 0;
        item.run(idle);
        long cpu1 = MX.getCurrentThreadCpuTime();
        long wall1 = System.nanoTime();
        if (cpu0 < 0 || cpu1 < 0) { // e.g. a virtual thread on a JVM that does not measure them
            warnOnce();
            target = max;
            return;
        }
        long cpu = cpu1 - cpu0;
        long wait;
        if (contention && waited0 >= 0) {
            long waited1 = waitedMillis(id);
            wait = waited1 >= 0 ? (waited1 - waited0) * 1_000_000L : Math.max(0, wall1 - wall0 - cpu);
        } else {
            wait = Math.max(0, wall1 - wall0 - cpu);
        }
        record(cpu, wait, wall1);
    }

    private synchronized void record(long cpu, long wait, long now) {
        cpuWindow[next] = cpu;
        waitWindow[next] = wait;
        next = (next + 1) % WINDOW;
        filled = Math.min(WINDOW, filled + 1);
        samples++;
        sinceResize++;
        if (sinceResize >= RESIZE_EVERY && now - lastResize >= RESIZE_NANOS) {
            sinceResize = 0;
            lastResize = now;
            target = compute();
        }
    }

    /** Call only when holding this. */
    private int compute() {
        long cpu = median(cpuWindow);
        long wait = median(waitWindow);
        if (cpu < 1) {
            return max; // nothing measurable computes: waiting only
        }
        int n = PoolSizing.threads(cores, Duration.ofNanos(cpu), Duration.ofNanos(wait));
        return Math.max(min, Math.min(max, n));
    }

    /** Call only when holding this. */
    private long median(long[] window) {
        long[] copy = java.util.Arrays.copyOf(window, filled);
        java.util.Arrays.sort(copy);
        return copy[filled / 2];
    }

    int target() {
        return target;
    }

    synchronized Snapshot snapshot() {
        return filled == 0 ? new Snapshot(-1, -1, 0, target, contention)
                : new Snapshot(median(cpuWindow), median(waitWindow), samples, target, contention);
    }

    private static long waitedMillis(long id) {
        ThreadInfo info = MX.getThreadInfo(id, 0);
        if (info == null) {
            return -1;
        }
        long waited = info.getWaitedTime();
        long blocked = info.getBlockedTime();
        return waited < 0 || blocked < 0 ? -1 : waited + blocked;
    }

    private static void warnOnce() {
        if (WARNED.compareAndSet(false, true)) {
            LOG.log(System.Logger.Level.WARNING, "adaptive pool: thread CPU time cannot be measured"
                    + " here; the pool stays at its maximum size");
        }
    }
}
