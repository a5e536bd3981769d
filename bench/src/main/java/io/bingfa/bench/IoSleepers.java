package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.threading.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code io_sleepers}: start N threads that each sleep, join them all, in seconds (lower is better);
 * every thread must have woken. bingfa starts them with {@link Threads#start}, the JDK peer with
 * {@code Thread.ofPlatform()}. The goal is absolute (at most 2.3 s for 4000 x 2 s); an extra figure
 * does the same with 100k virtual threads (goal: at most 3 s). {@code quick}: 400 threads (10k
 * virtual) of 0.2 s, with goals of a tenth (0.23 s and 0.3 s).
 */
final class IoSleepers extends Benchmark {
    private final int threads;
    private final int virtualThreads;
    private final Duration sleep;
    /** The goals scale with the workload: 2.3 s and 3 s at full size, a tenth with {@code quick}. */
    private final double goalSeconds;
    private final double virtualGoalSeconds;

    IoSleepers(boolean quick) {
        threads = quick ? 400 : 4000;
        virtualThreads = quick ? 10_000 : 100_000;
        sleep = quick ? Duration.ofMillis(200) : Duration.ofSeconds(2);
        goalSeconds = quick ? 0.23 : 2.3;
        virtualGoalSeconds = quick ? 0.3 : 3;
    }

    @Override public String name() { return "io_sleepers"; }
    @Override public Unit unit() { return Unit.SECONDS; }
    @Override public Goal goal() { return Goal.atMostSeconds(goalSeconds, "Thread.ofPlatform()"); }

    @Override
    public String workload() {
        return "start " + threads + " threads that each sleep " + seconds(sleep) + " s, join all";
    }

    @Override public long amount() { return threads; }

    @Override
    public void bingfa() throws Exception {
        AtomicInteger woke = new AtomicInteger();
        List<Thread> started = new ArrayList<>(threads);
        for (int i = 0; i < threads; i++) {
            started.add(Threads.start(() -> sleepThenCount(woke)));
        }
        joinAll(started, woke, threads);
    }

    @Override
    public void jdk() throws Exception {
        AtomicInteger woke = new AtomicInteger();
        List<Thread> started = new ArrayList<>(threads);
        Thread.Builder builder = Thread.ofPlatform();
        for (int i = 0; i < threads; i++) {
            started.add(builder.start(() -> sleepThenCount(woke)));
        }
        joinAll(started, woke, threads);
    }

    @Override
    public List<Extra> extras() {
        String impl = "bingfa-virtual-" + (virtualThreads % 1000 == 0 ? virtualThreads / 1000 + "k" : virtualThreads);
        return List.of(new Extra(impl, virtualThreads, this::virtual, virtualGoalSeconds));
    }

    /** The extra figure: the same with virtual threads, as bingfa's futures pool uses them. */
    private void virtual() throws Exception {
        AtomicInteger woke = new AtomicInteger();
        List<Thread> started = new ArrayList<>(virtualThreads);
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < virtualThreads; i++) {
            started.add(builder.start(() -> sleepThenCount(woke)));
        }
        joinAll(started, woke, virtualThreads);
    }

    private void sleepThenCount(AtomicInteger woke) {
        try {
            Thread.sleep(sleep);
            woke.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinAll(List<Thread> started, AtomicInteger woke, int expected) throws Exception {
        long deadline = System.nanoTime() + Harness.RUN_DEADLINE.toNanos();
        for (Thread t : started) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !t.join(Duration.ofNanos(left))) {
                started.forEach(Thread::interrupt);
                throw new CheckFailedException("sleepers did not finish within " + Harness.RUN_DEADLINE.toSeconds() + " s");
            }
        }
        check(woke.get() == expected, "threads woken " + woke.get() + " (expected: " + expected + ")");
    }

    private static String seconds(Duration d) {
        return Goal.number(d.toMillis() / 1000.0);
    }
}
