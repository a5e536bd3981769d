package io.bingfa.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waiting for a state instead of sleeping, and tolerant timing assertions.
 *
 * <p>Every {@code await*} polls with a deadline ({@link #PATIENCE}) and fails with a description
 * (and the thread's stack) when the state does not come; none of them sleeps a guess. The
 * {@code assert*} timing checks follow CPython's lock_tests: a wait that should take {@code t} may
 * take from 0.6 t (clock granularity) to many times t on a loaded machine; speed is never asserted.
 *
 * <p>Two kinds of "the thread is blocked":
 * <ul>
 *   <li>{@link #awaitParked}: the thread is {@code WAITING} or {@code TIMED_WAITING} anywhere,
 *       including queueing to acquire a lock or a semaphore. Use it when that acquire <em>is</em>
 *       the wait being tested ({@code lock.acquire()} on a held lock).
 *   <li>{@link #awaitBlocked}: the thread is parked in a wait of its own (a condition, a join, a
 *       sleep, a latch), <em>not</em> merely queueing for an exclusive
 *       {@link AbstractQueuedSynchronizer} (a {@code ReentrantLock}, a bingfa {@code Lock} or
 *       {@code RLock}, or a condition's lock being re-acquired after the wait). Use it for "the
 *       getter is waiting for an item", where a thread still fighting for the queue's lock has not
 *       yet reached the wait.
 * </ul>
 * For "parked in this method, not that one" see {@link #awaitParkedIn}.
 */
public final class Waits {
    /**
     * How long a test waits for something that should happen at once before giving up. Twice it
     * (a wait, then the join in {@link TestThreads#close()}) stays below the 60 s per-test timeout,
     * so a hung test fails with the helpers' diagnosis, not just JUnit's timeout.
     */
    public static final Duration PATIENCE = Duration.ofSeconds(20);

    /** How long {@link #assertStaysBlocked} watches a thread for the absence of progress. */
    public static final Duration STAYS_BLOCKED = Duration.ofMillis(50);

    private Waits() {}

    // ------------------------------------------------------------------ waiting for a state

    /** Waits until {@code condition} holds; fails with {@code what} after {@link #PATIENCE}. */
    public static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int spins = 0; !condition.getAsBoolean(); spins++) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up after " + PATIENCE + " waiting for: " + what);
            }
            pause(spins);
        }
    }

    /** Waits until {@code thread} is in one of the given states; fails if it ends first. */
    public static void awaitState(Thread thread, Thread.State first, Thread.State... rest) {
        Set<Thread.State> wanted = EnumSet.of(first, rest);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int spins = 0; ; spins++) {
            Thread.State state = thread.getState();
            if (wanted.contains(state)) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail("thread " + thread.getName() + " ended while expected to reach " + wanted);
            }
            if (System.nanoTime() - deadline > 0) {
                fail("thread " + thread.getName() + " did not reach " + wanted + " in " + PATIENCE
                        + "; it is " + state + " at\n" + stack(thread));
            }
            pause(spins);
        }
    }

    /**
     * Waits until each thread is parked ({@code WAITING} or {@code TIMED_WAITING}) anywhere, lock
     * queueing included; fails if one ends first.
     */
    public static void awaitParked(Thread... threads) {
        for (Thread thread : threads) {
            awaitState(thread, Thread.State.WAITING, Thread.State.TIMED_WAITING);
        }
    }

    /**
     * Waits until each thread is parked in a wait of its own (a condition, a join, a sleep, a
     * shared acquire such as a latch), not just queueing to acquire a lock: its state is
     * {@code WAITING} or {@code TIMED_WAITING}, and its park blocker is not an
     * {@link AbstractQueuedSynchronizer} unless the thread is queued on it in shared mode. Fails
     * if a thread ends first.
     */
    public static void awaitBlocked(Thread... threads) {
        for (Thread thread : threads) {
            awaitWaiting(thread, "blocked in a wait (not queueing on a lock)", Waits::inAWaitOfItsOwn);
        }
    }

    /**
     * Waits until {@code thread} is parked with a frame of {@code method} on its stack and no frame
     * of any of {@code notIn} above (inside) it: "parked in this wait, not in that one".
     */
    public static void awaitParkedIn(Thread thread, String method, String... notIn) {
        Set<String> excluded = Set.of(notIn);
        awaitWaiting(thread, "parked in " + method + " (not in " + excluded + ")", t -> {
            for (StackTraceElement frame : t.getStackTrace()) {
                if (excluded.contains(frame.getMethodName())) {
                    return false;
                }
                if (frame.getMethodName().equals(method)) {
                    return true;
                }
            }
            return false;
        });
    }

    /**
     * Waits until {@code thread} is parked inside a {@code java.util.concurrent} condition wait
     * (enqueued on the condition, not re-acquiring its lock): for a synchronizer whose lock is
     * private (an Event, a Barrier).
     */
    public static void awaitInConditionWait(Thread thread) {
        awaitWaiting(thread, "parked in a condition wait", t -> {
            for (StackTraceElement frame : t.getStackTrace()) {
                boolean aqs = frame.getClassName().startsWith(
                        "java.util.concurrent.locks.AbstractQueuedSynchronizer");
                if (aqs && frame.getMethodName().equals("acquire")) {
                    return false; // re-acquiring (or acquiring) the lock, not enqueued on the condition
                }
                if (aqs && frame.getClassName().endsWith("ConditionObject")
                        && frame.getMethodName().startsWith("await")) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Runs the garbage collector until {@code ref} is cleared; fails after {@link #PATIENCE}. */
    public static void awaitCollected(WeakReference<?> ref) {
        awaitTrue("the referent to be collected", () -> {
            System.gc();
            if (ref.get() == null) {
                return true;
            }
            LockSupport.parkNanos(1_000_000L); // let the threads that hold it run between collections
            return false;
        });
    }

    /**
     * Asserts that {@code thread} is still alive {@link #STAYS_BLOCKED} later: a bounded check for
     * the absence of progress (the thread should stay where it is until the test lets it go).
     */
    public static void assertStaysBlocked(Thread thread) throws InterruptedException {
        thread.join(STAYS_BLOCKED);
        assertTrue(thread.isAlive(), () -> thread.getName() + " should still be blocked but finished");
    }

    // ------------------------------------------------------------------ timing

    /** Nanoseconds since {@code startNanos} (a {@link System#nanoTime()} reading). */
    public static long since(long startNanos) {
        return System.nanoTime() - startNanos;
    }

    /**
     * lock_tests.py's {@code assertTimeout}: {@code 0.6 * expected <= elapsed < 10 * expected}, a
     * tolerant check that still catches "returned at once" and "waited far too long".
     */
    public static void assertTimeout(long elapsedNanos, Duration expected) {
        assertElapsed(elapsedNanos, expected, expected.toNanos() * 10);
    }

    /**
     * The time since {@code startNanos} is about {@code expected}: at least 0.6 of it, and below 10
     * times it or 10 s, whichever is larger (for short waits on a loaded machine, where a
     * descheduled thread easily loses a second).
     */
    public static void assertTookAbout(Duration expected, long startNanos) {
        long elapsed = since(startNanos);
        assertElapsed(elapsed, expected,
                Math.max(expected.toNanos() * 10, Duration.ofSeconds(10).toNanos()));
    }

    /** The time since {@code startNanos} is well below anything a wait would take: under 5 s. */
    public static void assertDidNotWait(long startNanos) {
        long elapsed = since(startNanos);
        assertTrue(elapsed < Duration.ofSeconds(5).toNanos(),
                () -> "took " + Duration.ofNanos(elapsed) + ", expected no wait");
    }

    private static void assertElapsed(long elapsedNanos, Duration expected, long upperNanos) {
        long lower = expected.toNanos() * 6 / 10;
        assertTrue(elapsedNanos >= lower, () -> "returned after " + Duration.ofNanos(elapsedNanos)
                + ", expected about " + expected + " (at least " + Duration.ofNanos(lower) + ")");
        assertTrue(elapsedNanos < upperNanos, () -> "returned after " + Duration.ofNanos(elapsedNanos)
                + ", expected about " + expected + " (below " + Duration.ofNanos(upperNanos) + ")");
    }

    // ------------------------------------------------------------------ diagnostics

    /** {@code thread}'s current stack, one {@code \tat frame} a line, for failure messages. */
    public static String stack(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .map(frame -> "\tat " + frame)
                .collect(Collectors.joining("\n"));
    }

    // ------------------------------------------------------------------ internals

    private interface ParkedTest {
        boolean holds(Thread parked);
    }

    /**
     * Waits until {@code thread} is parked and {@code where} holds for it, with the state unchanged
     * across the check (so a stack taken while it was briefly running does not count).
     */
    private static void awaitWaiting(Thread thread, String what, ParkedTest where) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (int spins = 0; ; spins++) {
            Thread.State state = thread.getState();
            if (state == Thread.State.TERMINATED) {
                fail("thread " + thread.getName() + " ended while expected to be " + what);
            }
            if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                    && where.holds(thread) && thread.getState() == state) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("thread " + thread.getName() + " was not " + what + " in " + PATIENCE
                        + "; it is " + state + " (blocker " + LockSupport.getBlocker(thread) + ") at\n"
                        + stack(thread));
            }
            pause(spins);
        }
    }

    /**
     * Not queueing on a lock: the park blocker is not an AQS, or the thread is queued on it in
     * shared mode (a latch or a semaphore, a wait of its own). An AQS blocker without that evidence
     * (an exclusive acquire, or a condition waiter re-acquiring its lock) is lock queueing.
     */
    private static boolean inAWaitOfItsOwn(Thread thread) {
        Object blocker = LockSupport.getBlocker(thread);
        if (blocker instanceof AbstractQueuedSynchronizer aqs) {
            return aqs.getSharedQueuedThreads().contains(thread);
        }
        if (blocker instanceof AbstractQueuedLongSynchronizer aqs) {
            return aqs.getSharedQueuedThreads().contains(thread);
        }
        return true;
    }

    /** Backs off while polling: spin a little, then yield, then park briefly (few cores, many threads). */
    private static void pause(int spins) {
        if (spins < 50) {
            Thread.onSpinWait();
        } else if (spins < 200) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(200_000L);
        }
    }
}
