package io.bingfa.futures;

/**
 * The unchecked timeout of the calls that report it by exception from inside an iteration, where a
 * checked {@link java.util.concurrent.TimeoutException} cannot be thrown:
 * {@link Futures#asCompleted(java.util.Collection, java.time.Duration)} and the iterator of
 * {@link Executor#map(io.bingfa.TaskFunction, Iterable, java.time.Duration)}. Python raises its
 * {@code TimeoutError} in both. The message reads {@code "N (of M) futures unfinished"}.
 *
 * <p>Not to be confused with a {@code TimeoutException} thrown by a task itself, which is that
 * task's own failure (the cause of a {@link java.util.concurrent.CompletionException}).
 */
public class FuturesTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int unfinished;
    private final int total;

    /** Creates the exception for {@code unfinished} of {@code total} futures. */
    public FuturesTimeoutException(int unfinished, int total) {
        super(unfinished + " (of " + total + ") futures unfinished");
        this.unfinished = unfinished;
        this.total = total;
    }

    /** How many futures had not finished when the time ran out. */
    public int unfinished() {
        return unfinished;
    }

    /** How many futures were waited for. */
    public int total() {
        return total;
    }
}
