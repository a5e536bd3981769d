package io.bingfa.internal;

import java.time.Duration;
import java.util.Objects;

/**
 * Turns the public {@link Duration} timeouts into the nanosecond budgets the implementations wait
 * with, checking them the same way everywhere: {@code null} is a {@link NullPointerException}, a
 * negative duration an {@link IllegalArgumentException} (Python's {@code ValueError}), and a
 * duration longer than about 292 years saturates to "practically forever" instead of overflowing
 * (Python raises {@code OverflowError} there; a {@code Duration} that large has no other use).
 */
public final class Timeouts {
    private Timeouts() {}

    /**
     * Returns the timeout in nanoseconds, saturated at {@link Long#MAX_VALUE}.
     *
     * @param timeout the timeout, {@code Duration.ZERO} meaning "do not wait"
     * @return a value {@code >= 0}
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static long toNanos(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException(
                    "timeout: " + timeout + " (expected: a non-negative duration)");
        }
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Returns the deadline {@code nanos} from now on the {@link System#nanoTime()} scale, saturated
     * so that a huge timeout does not wrap around into the past.
     */
    public static long deadline(long nanos) {
        long now = System.nanoTime();
        long deadline = now + nanos;
        return deadline - now < 0 ? now + Long.MAX_VALUE : deadline;
    }
}
