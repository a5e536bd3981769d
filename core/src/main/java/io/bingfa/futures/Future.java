package io.bingfa.futures;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Python's {@code concurrent.futures.Future}: the eventual outcome of a task submitted to an
 * {@link Executor}, also usable as a {@link java.util.concurrent.Future}.
 *
 * <h2>States</h2>
 * A future moves through Python's states, and only forward:
 * <pre>
 *   PENDING --setRunningOrNotifyCancel()--> RUNNING --setResult / setException--> FINISHED
 *   PENDING --setResult / setException--> FINISHED
 *   PENDING --cancel()--> CANCELLED --setRunningOrNotifyCancel()--> CANCELLED_AND_NOTIFIED
 * </pre>
 * {@code cancel()} succeeds only while PENDING: a running or finished future cannot be cancelled
 * (it returns {@code false}); on a future already cancelled it returns {@code true} and changes
 * nothing. A future is <em>done</em> when finished or cancelled. {@link Futures#wait} and
 * {@link Futures#asCompleted} count a cancelled future as done only once its executor has been
 * notified (CANCELLED_AND_NOTIFIED), as CPython does. The JDK's {@link #state()} maps PENDING and
 * RUNNING to {@code RUNNING}, FINISHED to {@code SUCCESS} or {@code FAILED}, and both cancelled
 * states to {@code CANCELLED}.
 *
 * <h2>Method forms</h2>
 * <table class="striped">
 * <caption>Reading a future</caption>
 * <tr><th>Python</th><th>returns at once</th><th>blocks</th><th>times out</th><th>failure is</th></tr>
 * <tr><td>{@code result(timeout)}</td><td>{@code resultNow()}</td><td>{@link #result()}</td>
 *     <td>{@link #result(Duration)} -> {@code TimeoutException}</td>
 *     <td>unchecked {@link CompletionException} (cause: the task's exception)</td></tr>
 * <tr><td>(none)</td><td>{@code resultNow()}</td><td>{@link #get()}</td>
 *     <td>{@code get(long, TimeUnit)} -> {@code TimeoutException}</td>
 *     <td>checked {@link java.util.concurrent.ExecutionException}</td></tr>
 * <tr><td>{@code exception(timeout)}</td><td>{@code exceptionNow()}</td><td>{@link #exception()}</td>
 *     <td>{@link #exception(Duration)} -> {@code TimeoutException}</td>
 *     <td>returned, {@code null} on success</td></tr>
 * <tr><td>{@code cancel()}</td><td>{@link #cancel()}, {@link #cancel(boolean)}</td><td></td><td></td>
 *     <td>{@code false} when running or finished</td></tr>
 * <tr><td>{@code add_done_callback(fn)}</td><td>{@link #addDoneCallback}</td><td></td><td></td>
 *     <td>logged, never thrown</td></tr>
 * </table>
 * Every blocking form throws {@link CancellationException} if the future was cancelled and
 * {@link InterruptedException} if the waiting thread is interrupted. Python's {@code TimeoutError}
 * is the checked {@link TimeoutException}.
 *
 * <p><b>Memory consistency effects:</b> actions in the thread that completes a future (the task,
 * then {@code setResult}, {@code setException} or {@code cancel}) happen-before a done callback
 * runs and before another thread returns from any method that observes the future done. See the
 * package documentation.
 *
 * @param <V> the result type
 */
public interface Future<V> extends java.util.concurrent.Future<V> {

    /**
     * Returns the result, waiting for the future to finish if it has not. The thread lies dormant
     * until the future finishes, it is cancelled, or the thread is interrupted.
     *
     * @return the task's result
     * @throws CompletionException if the task failed; its cause is the task's exception
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    V result() throws InterruptedException;

    /**
     * Returns the result, waiting up to {@code timeout} for the future to finish. The thread lies
     * dormant until the future finishes, it is cancelled, the timeout elapses, or the thread is
     * interrupted. {@code Duration.ZERO} does not wait.
     *
     * @return the task's result
     * @throws CompletionException if the task failed; its cause is the task's exception
     * @throws CancellationException if the future was cancelled
     * @throws TimeoutException if the future did not finish in time
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    V result(Duration timeout) throws TimeoutException, InterruptedException;

    /**
     * Returns the exception the task failed with, or {@code null} if it succeeded, waiting for the
     * future to finish if it has not. The thread lies dormant until the future finishes, it is
     * cancelled, or the thread is interrupted.
     *
     * @throws CancellationException if the future was cancelled
     * @throws InterruptedException if interrupted while waiting
     */
    Throwable exception() throws InterruptedException;

    /**
     * Returns the exception the task failed with, or {@code null} if it succeeded, waiting up to
     * {@code timeout} for the future to finish. {@code Duration.ZERO} does not wait.
     *
     * @throws CancellationException if the future was cancelled
     * @throws TimeoutException if the future did not finish in time
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    Throwable exception(Duration timeout) throws TimeoutException, InterruptedException;

    /**
     * Cancels the future if it has not started, without waiting. Runs the done callbacks when it
     * does cancel.
     *
     * @return {@code true} if the future is now cancelled (also when it already was), {@code false}
     *     if it is running or finished
     */
    boolean cancel();

    /**
     * The same as {@link #cancel()}: a Python future never interrupts a running task, so
     * {@code mayInterruptIfRunning} is ignored and a running future is not cancelled.
     */
    @Override
    boolean cancel(boolean mayInterruptIfRunning);

    /** Whether the future was cancelled (in either cancelled state). Never waits. */
    @Override
    boolean isCancelled();

    /** Whether the task is running now (Python's {@code running()}). Never waits. */
    boolean isRunning();

    /** Whether the future finished or was cancelled. Never waits. */
    @Override
    boolean isDone();

    /**
     * Adds a callback that runs once when the future is done, never waiting. If the future is not
     * done yet, the callback runs later in the thread that completes or cancels it; if it is done
     * already, the callback runs now, in the calling thread. Callbacks run in the order added. An
     * exception thrown by a callback is logged (logger {@code io.bingfa.futures}) and does not stop
     * the other callbacks.
     *
     * @throws NullPointerException if {@code callback} is null
     */
    void addDoneCallback(Consumer<? super Future<V>> callback);

    /**
     * Returns a {@link CompletableFuture} completed with this future's outcome, never waiting:
     * the result, the task's exception, or a {@link CancellationException}. Cancelling the returned
     * stage cancels this future (if it has not started).
     */
    CompletableFuture<V> toCompletableFuture();
}
