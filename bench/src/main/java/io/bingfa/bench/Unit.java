package io.bingfa.bench;

import java.util.Locale;

/**
 * The unit a benchmark reports, and which direction is better.
 *
 * <p>Throughputs are counts per second of the best (fastest) run; {@link #SECONDS} is the best run's
 * wall time, where lower is better.
 */
public enum Unit {
    OPS_PER_SECOND("ops/s"),
    INCREMENTS_PER_SECOND("increments/s"),
    ITEMS_PER_SECOND("items/s"),
    ROUND_TRIPS_PER_SECOND("round trips/s"),
    TASKS_PER_SECOND("tasks/s"),
    SECONDS("seconds");

    private final String label;

    Unit(String label) {
        this.label = label;
    }

    /** The text printed after a value, as in BENCHMARKS.md ({@code ops/s}, {@code round trips/s}). */
    public String label() {
        return label;
    }

    /** True for throughputs, false for {@link #SECONDS}. */
    public boolean higherIsBetter() {
        return this != SECONDS;
    }

    /**
     * The figure reported for a best run of {@code bestSeconds} that did {@code amount} operations.
     */
    public double value(long amount, double bestSeconds) {
        return higherIsBetter() ? amount / bestSeconds : bestSeconds;
    }

    /** A value as printed: whole operations per second, or seconds with three decimals. */
    public String format(double value) {
        return higherIsBetter() ? Long.toString(Math.round(value)) : String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * How many times better {@code ours} is than {@code theirs}: {@code ours/theirs} for throughputs,
     * {@code theirs/ours} for seconds, so that a ratio above 1 always means "ours is faster".
     */
    public double ratio(double ours, double theirs) {
        return higherIsBetter() ? ours / theirs : theirs / ours;
    }
}
