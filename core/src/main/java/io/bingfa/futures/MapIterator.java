package io.bingfa.futures;

import java.util.Iterator;

/**
 * The results of {@link Executor#map}, in input order: Python's result generator. Closing it (or
 * an expired timeout) cancels the calls that have not started; after that it has no more elements.
 *
 * <p>{@code next()} waits for the next result. It throws, for that position only, an unchecked
 * {@link java.util.concurrent.CompletionException} whose cause is the call's exception (iteration
 * may go on with the next position); a {@link java.util.concurrent.CancellationException} if that
 * call was cancelled; and {@link FuturesTimeoutException} when the map's timeout has elapsed, after
 * which the remaining calls are cancelled and {@code hasNext()} is {@code false}. An interrupt ends
 * the iteration the same way, with the {@link InterruptedException} as the cause of the
 * {@code CompletionException} and the thread's interrupt status set again.
 *
 * @param <R> the result type
 */
public interface MapIterator<R> extends Iterator<R>, AutoCloseable {
    /** Cancels the calls not yet started and ends the iteration, never waiting. Idempotent. */
    @Override
    void close();
}
