package io.bingfa.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.Task;
import io.bingfa.testing.Waits;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The adaptive pool ({@link ThreadPoolExecutor.Builder#adaptive}) converges on the seeds' formula.
 *
 * <p>The task computes for 2 ms of thread CPU time, then sleeps 8 ms: 20% compute, 80% wait. With
 * {@code N} cores the formula wants {@code 5 N} threads (10 on the 2-core build machine). The
 * assertions are about the trend and a wide band (0.6x to 2x the formula), never about a number
 * of milliseconds; the throughput comparison is relative to fixed pools run in the same test, with
 * generous margins for a shared, noisy machine. Real speed figures come from the lab's pool-sizing
 * experiment, not from here.
 */
@Timeout(120)
class AdaptivePoolTest {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final Duration CPU = Duration.ofMillis(2);
    private static final Duration WAIT = Duration.ofMillis(8);

    /** Burns {@code cpu} of this thread's CPU time (not wall time: a descheduled thread keeps burning). */
    static void burn(Duration cpu) {
        long start = MX.getCurrentThreadCpuTime();
        long x = 0;
        while (MX.getCurrentThreadCpuTime() - start < cpu.toNanos()) {
            for (int i = 0; i < 1000; i++) {
                x += i * 31L ^ x;
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    static final Task<Void> MIXED = () -> {
        burn(CPU);
        Thread.sleep(WAIT);
        return null;
    };

    static final Task<Void> COMPUTE = () -> {
        burn(CPU);
        return null;
    };

    /** Runs {@code n} tasks on {@code pool} and returns tasks per second. */
    static double throughput(Executor pool, Task<Void> task, int n) throws Exception {
        long start = System.nanoTime();
        List<Future<Void>> fs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fs.add(pool.submit(task));
        }
        for (Future<Void> f : fs) {
            f.result();
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    @Test
    void settlesNearTheFormulaForTwentyPercentComputeAndShrinksWhenTheMixTurnsToComputeOnly()
            throws Exception {
        int formula = PoolSizing.threads(CORES, CPU, WAIT); // 5 * cores
        int low = Math.max(CORES + 1, formula * 6 / 10);
        // Up to 2x: the waiting time is measured as time spent WAITING/TIMED_WAITING, which includes
        // the delay between a sleep's end and the thread getting a core back; with other processes
        // loading this 2-core machine (load average 13 seen) an 8 ms sleep measures 12-13 ms.
        int high = formula * 2;
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().adaptive(1, 100).build()) {
            assertEquals(1, pool.targetSize());
            throughput(pool, MIXED, 100 * CORES); // warm up and converge
            throughput(pool, MIXED, 100 * CORES);
            int target = pool.targetSize();
            System.out.println("AdaptivePoolTest mixed: target " + target + " (formula " + formula
                    + "), workers " + pool.currentSize() + ", " + pool.measurements());
            assertTrue(target >= low && target <= high, "target " + target + " for formula " + formula
                    + " (accepted " + low + ".." + high + "), " + pool.measurements());
            assertTrue(pool.currentSize() > CORES, "workers " + pool.currentSize());

            // the mix changes: compute only; the formula now wants one thread per core
            throughput(pool, COMPUTE, 200 * CORES);
            throughput(pool, COMPUTE, 200 * CORES);
            int computeTarget = pool.targetSize();
            assertTrue(computeTarget < target && computeTarget <= 2 * CORES,
                    "target " + computeTarget + " after compute-only tasks, " + pool.measurements());
            Waits.awaitTrue("idle workers above the target to exit (" + pool + ")",
                    () -> pool.currentSize() <= pool.targetSize());
        }
    }

    @Test
    void beatsAFixedPoolOfCoresAndKeepsUpWithAFixedPoolOfOneHundred() throws Exception {
        int n = 100 * CORES;
        double fixedSmall = 0;
        double fixedLarge = 0;
        double adaptive = 0;
        // Interleaved rounds, best of each: another process loading the machine for a moment
        // (this 2-core machine is shared) then costs one round, not the comparison.
        try (ThreadPoolExecutor adaptivePool = ThreadPoolExecutor.builder().adaptive(1, 100).build();
                ThreadPoolExecutor large = new ThreadPoolExecutor(100)) {
            throughput(adaptivePool, MIXED, n); // converge first: compare the settled pool
            for (int round = 0; round < 3; round++) {
                adaptive = Math.max(adaptive, throughput(adaptivePool, MIXED, n));
                fixedLarge = Math.max(fixedLarge, throughput(large, MIXED, n));
            }
        }
        try (ThreadPoolExecutor small = new ThreadPoolExecutor(CORES)) {
            fixedSmall = throughput(small, MIXED, n);
        }
        String figures = String.format("tasks/s (best of 3): adaptive %.0f, fixed 100 %.0f;"
                + " fixed %d %.0f", adaptive, fixedLarge, CORES, fixedSmall);
        System.out.println("AdaptivePoolTest " + figures);
        // expected about 5x better than a pool of `cores` (which leaves the cores 80% idle)
        assertTrue(adaptive > 2 * fixedSmall, figures);
        // expected about equal to a pool of 100 (both saturate the cores); allow for noise, and for
        // the OS scheduler sharing a loaded machine per thread: 100 runnable threads get a larger
        // share against other processes than 10 do.
        assertTrue(adaptive > 0.5 * fixedLarge, figures);
    }
}
