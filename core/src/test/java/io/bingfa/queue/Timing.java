package io.bingfa.queue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

/**
 * Tolerant timing asserts, as CPython's lock_tests: a wait that should take {@code t} may take
 * from 0.6 t (clock granularity) up to 10 t or, on a loaded machine, a few seconds more. Speed is
 * never asserted here.
 */
final class Timing {
    private Timing() {}

    /** Asserts that the time since {@code startNanos} (a {@link System#nanoTime()}) is about {@code expected}. */
    static void assertTookAbout(Duration expected, long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        long lower = expected.toNanos() * 6 / 10;
        long upper = Math.max(expected.toNanos() * 10, Duration.ofSeconds(10).toNanos());
        assertTrue(elapsed >= lower, "returned after " + Duration.ofNanos(elapsed) + ", expected about " + expected);
        assertTrue(elapsed < upper, "returned after " + Duration.ofNanos(elapsed) + ", expected about " + expected);
    }

    /** Asserts that the time since {@code startNanos} is well below {@code bound}: the call did not wait. */
    static void assertDidNotWait(long startNanos) {
        long elapsed = System.nanoTime() - startNanos;
        assertTrue(elapsed < Duration.ofSeconds(5).toNanos(), "took " + Duration.ofNanos(elapsed) + ", expected no wait");
    }
}
