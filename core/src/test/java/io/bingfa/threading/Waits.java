package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Waiting for a state instead of sleeping: every helper polls with a deadline and fails with a
 * description (and the thread's stack) when the state does not come. Also lock_tests.py's tolerant
 * timing assertion.
 */
final class Waits {
    /** How long a test waits for something that should happen at once before giving up. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private Waits() {}

    /** Waits until {@code thread} is in one of {@code states}; fails if it ends first. */
    static void awaitState(Thread thread, Thread.State first, Thread.State... rest) {
        Set<Thread.State> wanted = EnumSet.of(first, rest);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
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
            pause();
        }
    }

    /** Waits until each thread is parked (WAITING or TIMED_WAITING); fails if one ends first. */
    static void awaitBlocked(Thread... threads) {
        for (Thread thread : threads) {
            awaitState(thread, Thread.State.WAITING, Thread.State.TIMED_WAITING);
        }
    }

    /** Waits until {@code condition} holds; fails with {@code what} after {@link #PATIENCE}. */
    static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("gave up waiting for: " + what);
            }
            pause();
        }
    }

    /**
     * Waits until {@code thread} is parked with a frame of {@code method} on its stack and no frame
     * of any of {@code notIn} above (inside) it: "parked in this wait, not in that one".
     */
    static void awaitParkedIn(Thread thread, String method, String... notIn) {
        Set<String> excluded = Set.of(notIn);
        awaitTrue("thread " + thread.getName() + " parked in " + method + " (not in " + excluded + ")",
                () -> {
                    Thread.State state = thread.getState();
                    if (state == Thread.State.TERMINATED) {
                        fail("thread " + thread.getName() + " ended while expected to park in " + method);
                    }
                    if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
                        return false;
                    }
                    for (StackTraceElement frame : thread.getStackTrace()) {
                        if (excluded.contains(frame.getMethodName())) {
                            return false;
                        }
                        if (frame.getMethodName().equals(method)) {
                            return thread.getState() == state;
                        }
                    }
                    return false;
                });
    }

    /**
     * Waits until {@code thread} is parked inside a {@code java.util.concurrent} condition wait
     * (enqueued on the condition, not re-acquiring its lock): used for Event, whose lock is private.
     */
    static void awaitInConditionWait(Thread thread) {
        awaitTrue("thread " + thread.getName() + " parked in a condition wait", () -> {
            if (thread.getState() == Thread.State.TERMINATED) {
                fail("thread " + thread.getName() + " ended while expected to wait");
            }
            if (thread.getState() != Thread.State.WAITING
                    && thread.getState() != Thread.State.TIMED_WAITING) {
                return false;
            }
            for (StackTraceElement frame : thread.getStackTrace()) {
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

    /** Runs the garbage collector until {@code ref} is cleared. */
    static void awaitCollected(WeakReference<?> ref) {
        awaitTrue("the referent to be collected", () -> {
            System.gc();
            return ref.get() == null;
        });
    }

    /**
     * lock_tests.py's {@code assertTimeout}: {@code 0.6 * expected <= elapsed < 10 * expected}, a
     * tolerant check that still catches "returned at once" and "waited forever".
     */
    static void assertTimeout(long elapsedNanos, Duration expected) {
        long t = expected.toNanos();
        assertTrue(elapsedNanos >= 0.6 * t,
                "returned after " + Duration.ofNanos(elapsedNanos) + ", expected about " + expected);
        assertTrue(elapsedNanos < 10.0 * t,
                "returned after " + Duration.ofNanos(elapsedNanos) + ", expected about " + expected);
    }

    /** Nanoseconds since {@code start} (a {@link System#nanoTime()} reading). */
    static long since(long start) {
        return System.nanoTime() - start;
    }

    static String stack(Thread thread) {
        return Arrays.stream(thread.getStackTrace())
                .map(frame -> "\tat " + frame)
                .collect(Collectors.joining("\n"));
    }

    private static void pause() {
        LockSupport.parkNanos(1_000_000L);
    }
}
