package io.bingfa.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * The best times of the named passes (a threads pass, a sequential pass, one start+join sample) of
 * one side's timed runs, for a benchmark whose figure is not one run's amount per time. The runner
 * does one warm-up run of each side first: what that run records is dropped. Used by one side's
 * runs, one at a time.
 */
final class PassTimes {
    private int runs;
    private final Map<String, Double> best = new HashMap<>();

    /** Forgets everything: the next run is a warm-up again. */
    void reset() {
        runs = 0;
        best.clear();
    }

    /** Called at the start of each run of the side; the first run after {@link #reset()} is the warm-up. */
    void newRun() {
        runs++;
    }

    /** Times {@code work} and records it under {@code pass} unless this is the warm-up run. */
    void time(String pass, Harness.Work work) throws Exception {
        double seconds = Harness.seconds(work);
        if (runs > 1) {
            best.merge(pass, seconds, Math::min);
        }
    }

    /** The fastest timed {@code pass}, in seconds. */
    double best(String pass) {
        Double seconds = best.get(pass);
        if (seconds == null) {
            throw new IllegalStateException("no timed run recorded " + pass);
        }
        return seconds;
    }
}
