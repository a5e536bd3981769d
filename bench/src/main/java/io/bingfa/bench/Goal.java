package io.bingfa.bench;

import java.util.Locale;

/**
 * What a benchmark must reach, from BENCHMARKS.md: a least ratio over CPython, a floor against the
 * JDK peer, or, for demonstrations such as {@code bank_race}, only the same observable results; or
 * an absolute bound on the bingfa figure itself ({@code io_sleepers}: at most 2.3 s;
 * {@code parallel_sum}: a speedup of at least 1.6).
 *
 * @param vsCpython least bingfa/CPython ratio, or {@code NaN} when the goal is equal semantics
 * @param jdkFloor least bingfa/JDK ratio, or {@code NaN} when there is none
 * @param jdkPeer what the JDK side uses, for example {@code ReentrantLock}
 * @param atMost for an absolute goal, the most the bingfa figure may be, in the benchmark's unit
 *     ({@code io_sleepers}: 2.3 seconds); {@code NaN} otherwise
 * @param atLeast for an absolute goal, the least the bingfa figure must be ({@code parallel_sum}:
 *     a speedup of 1.6); {@code NaN} otherwise
 */
public record Goal(double vsCpython, double jdkFloor, String jdkPeer, double atMost, double atLeast) {

    /** A performance goal: at least {@code vsCpython} times CPython, {@code jdkFloor} times the peer. */
    public static Goal ratios(double vsCpython, double jdkFloor, String jdkPeer) {
        return new Goal(vsCpython, jdkFloor, jdkPeer, Double.NaN, Double.NaN);
    }

    /** No speed goal: every side must produce the same checked results. */
    public static Goal equalSemantics(String jdkPeer) {
        return new Goal(Double.NaN, Double.NaN, jdkPeer, Double.NaN, Double.NaN);
    }

    /**
     * A goal in absolute time: the bingfa run takes at most {@code maxSeconds}; the JDK peer and
     * CPython are shown for comparison, with no floor.
     */
    public static Goal atMostSeconds(double maxSeconds, String jdkPeer) {
        return atMost(maxSeconds, jdkPeer);
    }

    /**
     * An absolute goal: the bingfa figure is at most {@code bound}, in the benchmark's unit; the JDK
     * peer and CPython are shown for comparison, with no floor.
     */
    public static Goal atMost(double bound, String jdkPeer) {
        return new Goal(Double.NaN, Double.NaN, jdkPeer, bound, Double.NaN);
    }

    /**
     * An absolute goal: the bingfa figure is at least {@code bound}, in the benchmark's unit; the
     * JDK peer and CPython are shown for comparison, with no floor.
     */
    public static Goal atLeast(double bound, String jdkPeer) {
        return new Goal(Double.NaN, Double.NaN, jdkPeer, Double.NaN, bound);
    }

    /** The upper bound of an absolute goal in seconds ({@link #atMostSeconds}); {@code NaN} if none. */
    public double maxSeconds() {
        return atMost;
    }

    /** True when the goal is an absolute bound ({@link #atMost}, {@link #atLeast}). */
    public boolean isAbsolute() {
        return !Double.isNaN(atMost) || !Double.isNaN(atLeast);
    }

    public boolean isEqualSemantics() {
        return Double.isNaN(vsCpython) && !isAbsolute();
    }

    /** Whether the bingfa figure {@code value} meets an absolute goal. */
    public boolean meets(double value) {
        return (Double.isNaN(atMost) || value <= atMost) && (Double.isNaN(atLeast) || value >= atLeast);
    }

    /** The bound of an absolute goal, for example {@code <= 2.3 s} or {@code >= 1.6x}. */
    public String boundText(Unit unit) {
        String upper = Double.isNaN(atMost) ? "" : "<= " + unit.bound(atMost);
        String lower = Double.isNaN(atLeast) ? "" : ">= " + unit.bound(atLeast);
        return upper.isEmpty() ? lower : lower.isEmpty() ? upper : lower + " and " + upper;
    }

    /** For example {@code goal >= 5x}, {@code goal bingfa <= 2.3 s}, or {@code goal equal semantics}. */
    public String cpythonText(Unit unit) {
        if (isAbsolute()) {
            return "goal bingfa " + boundText(unit);
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
    public String describe(Unit unit) {
        if (isAbsolute()) {
            return "bingfa " + boundText(unit) + " (CPython and " + jdkPeer + " shown)";
        }
        if (isEqualSemantics()) {
            return "equal semantics (same checked results as CPython and " + jdkPeer + ")";
        }
        if (Double.isNaN(jdkFloor)) {
            return ">= " + number(vsCpython) + "x CPython (" + jdkPeer + " shown, no floor)";
        }
        return ">= " + number(vsCpython) + "x CPython, >= " + number(jdkFloor) + "x " + jdkPeer;
    }

    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%s", d);
    }
}
