package io.bingfa.bench;

import java.util.Locale;

/**
 * The unit a benchmark reports, and which direction is better.
 *
 * <p>Throughputs are counts per second of the best (fastest) run, higher is better. {@link #SECONDS}
 * is the best run's wall time and {@link #MS} the fastest sample in milliseconds, lower is better.
 * {@link #RATIO} and {@link #SPEEDUP} are quotients of two best times that the benchmark computes
 * itself ({@link Benchmark#figure}): {@code ratio} is a slowdown (threads time / processes time),
 * lower is better; {@code speedup} (sequential time / parallel time) is higher-is-better. The four
 * are printed with three decimals, as {@code bench/python/_common.py} prints them.
 */
public enum Unit {
    OPS_PER_SECOND("ops/s"),
    INCREMENTS_PER_SECOND("increments/s"),
    ITEMS_PER_SECOND("items/s"),
    ROUND_TRIPS_PER_SECOND("round trips/s"),
    TASKS_PER_SECOND("tasks/s"),
    SECONDS("seconds"),
    MS("ms"),
    RATIO("ratio"),
    SPEEDUP("speedup");

    private final String label;

    Unit(String label) {
        this.label = label;
    }

    /** The text printed after a value, as in BENCHMARKS.md ({@code ops/s}, {@code round trips/s}). */
    public String label() {
        return label;
    }

    /** True for throughputs and {@link #SPEEDUP}, false for times and {@link #RATIO}. */
    public boolean higherIsBetter() {
        return this != SECONDS && this != MS && this != RATIO;
    }

    /** True for the units printed with three decimals: times, ratios and speedups. */
    public boolean hasDecimals() {
        return this == SECONDS || this == MS || this == RATIO || this == SPEEDUP;
    }

    /** True for the units that are a time ({@link #SECONDS}, {@link #MS}). */
    public boolean isTime() {
        return this == SECONDS || this == MS;
    }

    /**
     * The figure reported for a best run of {@code bestSeconds} that did {@code amount} operations:
     * {@code amount / bestSeconds} for throughputs, the time itself for {@link #SECONDS} and
     * {@link #MS}.
     *
     * @throws UnsupportedOperationException for {@link #RATIO} and {@link #SPEEDUP}, which the
     *     benchmark computes from two times ({@link Benchmark#figure})
     */
    public double value(long amount, double bestSeconds) {
        return switch (this) {
            case SECONDS -> bestSeconds;
            case MS -> bestSeconds * 1000;
            case RATIO, SPEEDUP -> throw new UnsupportedOperationException(
                    "a " + label + " is the quotient of two times: the benchmark computes it (Benchmark.figure)");
            default -> amount / bestSeconds;
        };
    }

    /** A value as printed: whole operations per second, or three decimals. */
    public String format(double value) {
        return hasDecimals() ? String.format(Locale.ROOT, "%.3f", value) : Long.toString(Math.round(value));
    }

    /** A goal's bound in this unit, as printed: {@code 2.3 s}, {@code 50 ms}, {@code 1.1x}. */
    public String bound(double value) {
        return switch (this) {
            case SECONDS -> Goal.number(value) + " s";
            case RATIO, SPEEDUP -> Goal.number(value) + "x";
            default -> Goal.number(value) + " " + label;
        };
    }

    /**
     * How many times better {@code ours} is than {@code theirs}: {@code ours/theirs} when higher is
     * better, {@code theirs/ours} otherwise, so that a ratio above 1 always means "ours is better".
     */
    public double ratio(double ours, double theirs) {
        return higherIsBetter() ? ours / theirs : theirs / ours;
    }
}
