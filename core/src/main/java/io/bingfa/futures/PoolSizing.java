package io.bingfa.futures;

import java.time.Duration;
import java.util.Objects;

/**
 * How many threads a pool wants for a task of known shape. Never waits.
 *
 * <p>The seeds' rule: on a machine with {@code N} cores, a task that computes for {@code x} and
 * then waits (on I/O, a sleep, a lock) for {@code y} keeps the cores busy with
 * {@code N * (x + y) / x} threads. Each thread uses a core only {@code x / (x + y)} of the time, so
 * that many threads together fill the {@code N} cores. A pure computation ({@code y = 0}) wants
 * {@code N} threads; a task that computes 20% and waits 80% of the time wants {@code 5 N}.
 *
 * <p>{@link ThreadPoolExecutor.Builder#adaptive(int, int)} measures {@code x} and {@code y} while the
 * pool runs and resizes it by this formula.
 */
public final class PoolSizing {
    private PoolSizing() {}

    /**
     * Returns {@code ceil(cores * (cpu + wait) / cpu)}, the number of threads that keeps
     * {@code cores} cores busy with a task that computes for {@code cpu} and waits for
     * {@code wait}, saturating at {@link Integer#MAX_VALUE}. Never waits.
     *
     * @param cores the number of cores, at least 1
     * @param cpu the computing time of one task, positive
     * @param wait the waiting time of one task, zero or positive
     * @return at least {@code cores}
     * @throws IllegalArgumentException if {@code cores < 1}, {@code cpu} is not positive or
     *     {@code wait} is negative; the message names the value and what was expected
     * @throws NullPointerException if {@code cpu} or {@code wait} is null
     */
    public static int threads(int cores, Duration cpu, Duration wait) {
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(wait, "wait");
        if (cores < 1) {
            throw new IllegalArgumentException("cores: " + cores + " (expected: >= 1)");
        }
        if (cpu.isNegative() || cpu.isZero()) {
            throw new IllegalArgumentException("cpu: " + cpu + " (expected: > 0)");
        }
        if (wait.isNegative()) {
            throw new IllegalArgumentException("wait: " + wait + " (expected: >= 0)");
        }
        // Exact arithmetic in nanoseconds (BigInteger: a Duration of centuries must not overflow).
        java.math.BigInteger x = nanos(cpu);
        java.math.BigInteger total = x.add(nanos(wait));
        java.math.BigInteger[] qr = java.math.BigInteger.valueOf(cores).multiply(total)
                .divideAndRemainder(x);
        java.math.BigInteger n = qr[1].signum() == 0 ? qr[0] : qr[0].add(java.math.BigInteger.ONE);
        return n.bitLength() < 32 ? n.intValue() : Integer.MAX_VALUE;
    }

    private static java.math.BigInteger nanos(Duration d) {
        return java.math.BigInteger.valueOf(d.getSeconds()).multiply(java.math.BigInteger.valueOf(1_000_000_000L))
                .add(java.math.BigInteger.valueOf(d.getNano()));
    }
}
