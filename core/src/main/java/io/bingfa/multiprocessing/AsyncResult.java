package io.bingfa.multiprocessing;

import io.bingfa.futures.SettableFuture;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * The pending result of {@link Pool#applyAsync} or {@link Pool#mapAsync}: CPython's
 * {@code multiprocessing.pool.AsyncResult}.
 *
 * <table>
 *   <caption>Methods</caption>
 *   <tr><th>Python</th><th>Java</th><th>Blocks</th><th>On a failed task</th></tr>
 *   <tr><td>{@code get()}</td><td>{@link #get()}</td><td>until ready</td>
 *       <td>throws {@code CompletionException}</td></tr>
 *   <tr><td>{@code get(timeout)}</td><td>{@link #get(Duration)}</td><td>at most the timeout
 *       ({@code TimeoutException})</td><td>throws {@code CompletionException}</td></tr>
 *   <tr><td>{@code wait(timeout)}</td><td>{@link #await(Duration)}</td><td>at most the timeout</td>
 *       <td>returns {@code true}</td></tr>
 *   <tr><td>{@code ready()}</td><td>{@link #isReady()}</td><td>no</td><td>{@code true}</td></tr>
 *   <tr><td>{@code successful()}</td><td>{@link #isSuccessful()}</td><td>no</td><td>{@code false}</td></tr>
 * </table>
 *
 * <p>A failed task is reported as {@link io.bingfa.futures.Future#result()} does: an unchecked
 * {@link java.util.concurrent.CompletionException} whose cause is the task's own exception, copied
 * from the worker with the same type and message, whose own cause is a {@link RemoteTraceback}
 * holding the worker's stack trace. A task lost with its worker fails with a
 * {@link WorkerCrashedException}; a result that cannot be copied back with a
 * {@link ResultNotSerializableException}; a task still unfinished when the pool is terminated with
 * a {@link java.util.concurrent.CancellationException}.
 *
 * <p>Memory consistency effects: the result is a copy made in the worker; its arrival
 * happens-before {@code get} returns it and before {@code isReady()} returns {@code true}.
 *
 * @param <R> the result type
 */
public final class AsyncResult<R> {
    private final SettableFuture<R> future;

    AsyncResult(SettableFuture<R> future) {
        this.future = future;
    }

    /**
     * Returns the result, waiting for it to arrive. The thread lies dormant until the task
     * finishes or the thread is interrupted.
     *
     * @throws java.util.concurrent.CompletionException if the task failed; its cause is the
     *     task's exception
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public R get() throws InterruptedException {
        return future.result();
    }

    /**
     * Returns the result, waiting at most {@code timeout} for it to arrive.
     *
     * @throws TimeoutException if the result is not ready when the timeout elapses (CPython's
     *     {@code multiprocessing.TimeoutError})
     * @throws java.util.concurrent.CompletionException if the task failed; its cause is the
     *     task's exception
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public R get(Duration timeout) throws TimeoutException, InterruptedException {
        return future.result(timeout);
    }

    /**
     * Waits at most {@code timeout} for the result to be ready (Python's {@code wait(timeout)}).
     *
     * @return {@code true} if it is ready, successful or not
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public boolean await(Duration timeout) throws InterruptedException {
        try {
            future.exception(timeout);
            return true;
        } catch (TimeoutException notYet) {
            return false;
        }
    }

    /** Returns {@code true} once the task has finished, successfully or not. Never waits. */
    public boolean isReady() {
        return future.isDone();
    }

    /**
     * Returns {@code true} if the task finished without an exception. Never waits.
     *
     * @throws IllegalStateException if the result is not ready (CPython's {@code ValueError})
     */
    public boolean isSuccessful() {
        if (!future.isDone()) {
            throw new IllegalStateException(this + " not ready");
        }
        return future.state() == java.util.concurrent.Future.State.SUCCESS;
    }

    /** Shows the state: {@code AsyncResult[state=finished returned Integer]}. */
    @Override
    public String toString() {
        return "AsyncResult" + future.toString().substring("Future".length());
    }
}
