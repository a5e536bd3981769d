package io.bingfa.lab.experiments;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress line on stderr ("[io-bound] virtual threads: 2000/4000 started, 1.4 s") for a step that
 * runs longer than a second; a shorter step prints nothing. Updates are rewritten in place with a
 * carriage return, at most four times a second. Used by the one thread that runs the step.
 */
public final class Progress implements AutoCloseable {
    private static final long SHOW_AFTER = 1_000_000_000L;
    private static final long EVERY = 250_000_000L;

    private final PrintStream err;
    private final String label;
    private final long start = System.nanoTime();
    private long last;
    private boolean shown;

    Progress(PrintStream err, String label) {
        this.err = err;
        this.label = label;
    }

    /** Seconds since the step started. */
    public double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Shows {@code what} (with the elapsed time) if the step has run 1 s and the last update is old. */
    public void update(String what) {
        long now = System.nanoTime();
        if (now - start < SHOW_AFTER || now - last < EVERY) {
            return;
        }
        last = now;
        shown = true;
        err.print("\r" + label + ": " + what + String.format(Locale.ROOT, ", %.1f s", seconds()) + "    ");
        err.flush();
    }

    /** Ends the line if anything was shown. */
    @Override
    public void close() {
        if (shown) {
            err.println();
        }
    }
}
