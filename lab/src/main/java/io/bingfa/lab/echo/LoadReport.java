package io.bingfa.lab.echo;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints a {@link LoadResult} for the console: throughput, latency percentiles, errors. */
public final class LoadReport {
    /** The percentiles reported, 100 being the maximum. */
    public static final List<Double> PERCENTILES = List.of(50.0, 90.0, 99.0, 99.9, 100.0);

    private LoadReport() {}

    /** {@code p50}, {@code p99.9}, {@code max}. */
    public static String label(double percentile) {
        if (percentile >= 100) {
            return "max";
        }
        return "p" + (percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile));
    }

    /** Prints the figures of {@code r}, one subject a line. */
    public static void print(LoadResult r, PrintStream out) {
        out.printf(Locale.ROOT, "round trips: %,d in %.1f s: %,.0f round trips/s%n", r.roundTrips(), r.seconds(),
                r.throughput());
        StringBuilder line = new StringBuilder("latency (µs):");
        for (double p : PERCENTILES) {
            line.append(String.format(Locale.ROOT, " %s %,.0f", label(p), r.micros(p)));
        }
        out.println(line);
        if (!r.clean()) {
            out.printf(Locale.ROOT, "errors: %d of %d connections failed%s; %d answers were not the request in upper case%n",
                    r.failedConnections(), r.settings().connections(),
                    r.firstError() == null ? "" : " (first: " + r.firstError() + ")", r.mismatches());
        } else {
            out.println("errors: none (every answer was the request in upper case)");
        }
    }
}
