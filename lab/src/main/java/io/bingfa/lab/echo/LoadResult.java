package io.bingfa.lab.echo;

import java.io.IOException;
import org.HdrHistogram.Histogram;

/**
 * What a {@link LoadGenerator} run measured.
 *
 * @param settings what was run
 * @param latency every measured round trip's latency, in nanoseconds
 * @param seconds how long round trips were measured
 * @param failedConnections connections that failed (a read timed out, the server reset it)
 * @param mismatches answers that were not the request in upper case
 * @param firstError the first connection's failure, or null
 */
public record LoadResult(LoadGenerator.Settings settings, Histogram latency, double seconds, long failedConnections,
        long mismatches, IOException firstError) {

    /** The measured round trips. */
    public long roundTrips() {
        return latency.getTotalCount();
    }

    /** Round trips per second. */
    public double throughput() {
        return roundTrips() / seconds;
    }

    /** The latency at {@code percentile} (50, 99.9, 100 for the maximum), in microseconds; 0 without round trips. */
    public double micros(double percentile) {
        if (roundTrips() == 0) {
            return 0;
        }
        long nanos = percentile >= 100 ? latency.getMaxValue() : latency.getValueAtPercentile(percentile);
        return nanos / 1e3;
    }

    /** Whether every connection ran to the end and every answer was right. */
    public boolean clean() {
        return failedConnections == 0 && mismatches == 0;
    }
}
