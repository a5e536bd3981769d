package io.bingfa.bench;

import java.util.Locale;

/**
 * What a benchmark must reach, from BENCHMARKS.md: a least ratio over CPython, a floor against the
 * JDK peer, or, for demonstrations such as {@code bank_race}, only the same observable results.
 *
 * @param vsCpython least bingfa/CPython ratio, or {@code NaN} when the goal is equal semantics
 * @param jdkFloor least bingfa/JDK ratio, or {@code NaN} when there is none
 * @param jdkPeer what the JDK side uses, for example {@code ReentrantLock}
 * @param maxSeconds for a goal in absolute time ({@code io_sleepers}: at most 2.3 s), the most the
 *     bingfa run may take, in seconds; {@code NaN} otherwise
 */
public record Goal(double vsCpython, double jdkFloor, String jdkPeer, double maxSeconds) {

    /** A performance goal: at least {@code vsCpython} times CPython, {@code jdkFloor} times the peer. */
    public static Goal ratios(double vsCpython, double jdkFloor, String jdkPeer) {
        return new Goal(vsCpython, jdkFloor, jdkPeer, Double.NaN);
    }

    /** No speed goal: every side must produce the same checked results. */
    public static Goal equalSemantics(String jdkPeer) {
        return new Goal(Double.NaN, Double.NaN, jdkPeer, Double.NaN);
    }

    /**
     * A goal in absolute time: the bingfa run takes at most {@code maxSeconds}; the JDK peer and
     * CPython are shown for comparison, with no floor.
     */
    public static Goal atMostSeconds(double maxSeconds, String jdkPeer) {
        return new Goal(Double.NaN, Double.NaN, jdkPeer, maxSeconds);
    }

    /** True when the goal is an absolute time ({@link #atMostSeconds}). */
    public boolean isAbsolute() {
        return !Double.isNaN(maxSeconds);
    }

    public boolean isEqualSemantics() {
        return Double.isNaN(vsCpython) && !isAbsolute();
    }

    /** For example {@code goal >= 5x}, {@code goal <= 2.3 s}, or {@code goal equal semantics}. */
    public String cpythonText() {
        if (isAbsolute()) {
            return "goal bingfa <= " + number(maxSeconds) + " s";
        }
        return isEqualSemantics() ? "goal equal semantics" : "goal >= " + number(vsCpython) + "x";
    }

    /** For example {@code floor 0.8x}, or {@code no floor}. */
    public String jdkText() {
        if (isAbsolute()) {
            return "no floor";
        }
        return Double.isNaN(jdkFloor) ? "no floor, equal semantics" : "floor " + number(jdkFloor) + "x";
    }

    /** The goal as {@code list} prints it. */
    public String describe() {
        if (isAbsolute()) {
            return "bingfa <= " + number(maxSeconds) + " s (CPython and " + jdkPeer + " shown)";
        }
        if (isEqualSemantics()) {
            return "equal semantics (same checked results as CPython and " + jdkPeer + ")";
        }
        return ">= " + number(vsCpython) + "x CPython, >= " + number(jdkFloor) + "x " + jdkPeer;
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
