package io.bingfa.bench;

import java.util.List;

/**
 * One side-by-side workload. A subclass fixes its size in its constructor ({@code quick}: about 10x
 * smaller) and does one whole run, result checked, in each of {@link #bingfa()} and {@link #jdk()}.
 * The CPython side is {@code bench/python/NAME.py}, which prints the same {@link #workload()} text.
 */
public abstract class Benchmark {

    /** The name used on the command line and in bench/python/NAME.py. */
    public abstract String name();

    public abstract Unit unit();

    public abstract Goal goal();

    /** The workload in words, with its sizes; the CPython script must print the same text. */
    public abstract String workload();

    /** Operations per run (ops, increments, items, round trips); unused for {@link Unit#SECONDS}. */
    public abstract long amount();

    /** One run with bingfa's primitives; throws {@link CheckFailedException} on a wrong result. */
    public abstract void bingfa() throws Exception;

    /** One run with the JDK peer named by {@link Goal#jdkPeer()}; checked as {@link #bingfa()}. */
    public abstract void jdk() throws Exception;

    /**
     * Starts what the runs of both sides share, once, before the warm-up runs, untimed: a pool of
     * worker processes, a child process at the other end of a pipe. Nothing by default.
     */
    public void open() throws Exception {
    }

    /**
     * Stops what {@link #open()} started, once after the last run; also called when {@code open()}
     * or a run failed. When it returns no child process of this benchmark is left. Nothing by default.
     */
    public void close() throws Exception {
    }

    /**
     * The figure of one side ({@code bingfa} or {@code jdk}) from its best timed run, which took
     * {@code bestSeconds}: {@code unit().value(amount(), bestSeconds)} by default. A benchmark whose
     * figure is not one run's amount per time (a ratio of two timed passes, the fastest of several
     * samples) overrides it and returns what its timed runs recorded; the runner does one warm-up run
     * of each side (the first call of {@link #bingfa()} and of {@link #jdk()} after {@link #open()})
     * before the timed ones.
     */
    public double figure(String side, double bestSeconds) {
        return unit().value(amount(), bestSeconds);
    }

    /**
     * Lines printed as {@code #} comments after the timed runs, for example the best times a ratio
     * is made of. None by default.
     */
    public List<String> notes() {
        return List.of();
    }

    /**
     * Further checks that belong to neither side, run once before the timed runs, as {@code #}
     * lines; for example the unprotected run of {@code bank_race}. None by default.
     */
    public List<String> semantics() throws Exception {
        return List.of();
    }

    /**
     * A further bingfa figure, timed like the two sides (warm-up, then best of the timed runs) and
     * printed as {@code NAME IMPL VALUE UNIT} with its own goal; for example {@code io_sleepers}'
     * 100k virtual threads.
     *
     * @param impl the IMPL word, for example {@code bingfa-virtual-100k}
     * @param amount operations per run, as {@link Benchmark#amount()}
     * @param trial one run, result checked
     * @param maxSeconds the most a run may take to meet its goal, or {@code NaN} for no goal
     */
    public record Extra(String impl, long amount, Harness.Work trial, double maxSeconds) {
    }

    /** The further figures this benchmark reports; none by default. */
    public List<Extra> extras() {
        return List.of();
    }
}
