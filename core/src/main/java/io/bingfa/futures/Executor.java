package io.bingfa.futures;

import io.bingfa.Task;
import io.bingfa.TaskFunction;
import java.time.Duration;

/**
 * Python's {@code concurrent.futures.Executor}: runs tasks asynchronously and hands back
 * {@link Future}s. {@code try (var pool = new ThreadPoolExecutor(4)) { ... }} is Python's
 * {@code with ThreadPoolExecutor(4) as pool:} — {@link #close()} waits for the submitted work.
 *
 * <p>Submitting after {@code shutdown} throws {@link java.util.concurrent.RejectedExecutionException}
 * ("cannot schedule new futures after shutdown"); a broken executor throws
 * {@link BrokenExecutorException}.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before it submits a task
 * happen-before the task runs, and the task's actions happen-before its future is seen done.
 */
public interface Executor extends AutoCloseable {

    /**
     * Schedules {@code task} and returns its future, never waiting for it to run.
     *
     * @throws java.util.concurrent.RejectedExecutionException if the executor is shut down
     * @throws BrokenExecutorException if the executor is broken
     * @throws NullPointerException if {@code task} is null
     */
    <V> Future<V> submit(Task<V> task);

    /**
     * Submits {@code fn} for every item at once (before iterating, Python's eager {@code map}) and
     * returns an iterator over the results in input order, with no timeout. See {@link MapIterator}
     * for how failures are reported.
     */
    default <T, R> MapIterator<R> map(TaskFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items) {
        return MapResults.start(this, fn, items, Long.MAX_VALUE);
    }

    /**
     * Like {@link #map(TaskFunction, Iterable)}, with a timeout measured from this call: when it
     * elapses before a result is ready, {@code next()} throws {@link FuturesTimeoutException} and
     * the calls not yet started are cancelled.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    default <T, R> MapIterator<R> map(TaskFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, Duration timeout) {
        return MapResults.start(this, fn, items, io.bingfa.internal.Timeouts.toNanos(timeout));
    }

    /**
     * Stops accepting work and waits for the submitted work to finish: {@code shutdown(true, false)}.
     */
    default void shutdown() throws InterruptedException {
        shutdown(true, false);
    }

    /**
     * Stops accepting work, optionally cancelling what has not started, and optionally waits for
     * the workers to end. With {@code wait}, the thread lies dormant until every running and queued
     * task has finished or it is interrupted. Idempotent.
     *
     * @param wait whether to wait for the work to finish
     * @param cancelFutures whether to cancel the futures not yet started
     * @throws InterruptedException if interrupted while waiting
     */
    void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException;

    /**
     * {@code shutdown(true, false)}: waits for the submitted work. An interrupt while waiting stops
     * the wait and keeps the thread's interrupt status set.
     */
    @Override
    default void close() {
        try {
            shutdown(true, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
