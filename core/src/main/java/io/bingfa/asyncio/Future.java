package io.bingfa.asyncio;

import io.bingfa.futures.InvalidStateException;
import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio.Future}: an outcome that tasks of one {@link EventLoop} await. Reading it
 * with {@link #result()} from a task of its loop is Python's {@code await fut}: the task is
 * suspended (the loop runs others) until the future is done.
 *
 * <h2>States</h2>
 * <pre>
 *   PENDING --setResult / setException--> FINISHED
 *   PENDING --cancel(msg)--> CANCELLED
 * </pre>
 * A future is done when finished or cancelled; setting an outcome on a done future throws
 * {@link InvalidStateException}, and {@code cancel} on a done future returns {@code false}.
 *
 * <h2>Method forms</h2>
 * <table class="striped">
 * <caption>Reading a future</caption>
 * <tr><th>Python</th><th>in a task of the loop</th><th>on another thread</th><th>on the loop's own thread</th></tr>
 * <tr><td>{@code await fut}</td><td>{@link #result()} suspends the task</td><td>blocks the thread</td>
 *     <td>{@link IllegalStateException} unless done</td></tr>
 * <tr><td>{@code wait_for(fut, t)} without cancel</td><td>{@link #result(Duration)} -> {@code TimeoutException}</td>
 *     <td>blocks up to {@code t}</td><td>{@link IllegalStateException} unless done</td></tr>
 * <tr><td>{@code fut.result()} / {@code exception()}</td><td colspan="3">{@link #resultNow()},
 *     {@link #exceptionNow()}: never wait</td></tr>
 * <tr><td>{@code add_done_callback(fn)}</td><td colspan="3">{@link #addDoneCallback}: {@code fn} is
 *     scheduled on the loop ({@code call_soon}), also when already done; failures are logged</td></tr>
 * </table>
 * {@code result()} throws the unchecked {@link CompletionException} whose cause is the failure, and
 * {@link CancellationException} (with the cancel message) when cancelled. Waiting in a task never
 * throws {@link InterruptedException}: a task is stopped by {@link Task#cancel()}, not by interrupts.
 *
 * <p><b>Memory consistency effects:</b> actions before {@code setResult}, {@code setException} or a
 * successful {@code cancel} happen-before the done callbacks run and before any thread sees the
 * future done. See the package documentation.
 *
 * @param <V> the result type
 */
/*
 * Implementation: a small lock guards the outcome and the listener list, so that threads outside
 * the loop may read and even complete a future. Listeners are of two kinds: wakers (Runnables run
 * synchronously by the completing thread; the package uses them to schedule a task's resumption)
 * and user callbacks (scheduled on the loop with callSoonThreadsafe, as Python's call_soon). Both
 * keep their order of registration.
 */
public class Future<V> implements io.bingfa.futures.Future<V> {
    static final System.Logger LOG = System.getLogger("io.bingfa.asyncio");

    private static final int PENDING = 0;
    private static final int CANCELLED = 1;
    static final int FINISHED = 2;

    final EventLoop loop;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition settled = lock.newCondition();
    private volatile int state = PENDING;
    /** Written under lock before state leaves PENDING. */
    private V result;
    private Throwable exception;
    private String cancelMessage;
    /** Wakers (Runnable) and callbacks (Callback); null once done. Guarded by lock. */
    private List<Object> listeners = new ArrayList<>(2);

    private record Callback(Consumer<Object> fn) {}

    /** A pending future of {@code loop} (Python's {@code loop.create_future()}). */
    Future(EventLoop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** The loop this future belongs to. */
    public EventLoop getLoop() {
        return loop;
    }

    // ------------------------------------------------------------------ completing

    /**
     * Finishes the future with {@code value}, never waiting; tasks awaiting it are woken and its
     * callbacks scheduled.
     *
     * @throws InvalidStateException if the future is already done
     */
    public void setResult(V value) {
        if (!complete(FINISHED, value, null, null)) {
            throw new InvalidStateException("invalid state: " + this);
        }
    }

    /**
     * Finishes the future with {@code failure}, never waiting.
     *
     * @throws InvalidStateException if the future is already done
     * @throws IllegalArgumentException if {@code failure} is a {@link CancellationException}
     *     (Python's TypeError: use {@link #cancel()})
     */
    public void setException(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        if (failure instanceof CancellationException) {
            throw new IllegalArgumentException("CancellationException cannot be set as an exception;"
                    + " use cancel()");
        }
        if (!complete(FINISHED, null, failure, null)) {
            throw new InvalidStateException("invalid state: " + this);
        }
    }

    /** Cancels the future if it is pending, never waiting. @return whether it was pending */
    @Override
    public boolean cancel() {
        return cancel((String) null);
    }

    /**
     * Cancels the future with a message that the {@link CancellationException} of its readers
     * carries (Python's {@code cancel(msg)}). Never waits.
     *
     * @return {@code true} if the future was pending and is now cancelled
     */
    public boolean cancel(String message) {
        return complete(CANCELLED, null, null, message);
    }

    /** The same as {@link #cancel()}; {@code mayInterruptIfRunning} is ignored. */
    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    /** Moves PENDING to {@code to}; false if already done. */
    final boolean complete(int to, V value, Throwable failure, String message) {
        List<Object> toRun;
        lock.lock();
        try {
            if (state != PENDING) {
                return false;
            }
            result = value;
            exception = failure;
            cancelMessage = message;
            state = to;
            settled.signalAll();
            toRun = listeners;
            listeners = null;
        } finally {
            lock.unlock();
        }
        for (Object l : toRun) {
            if (l instanceof Runnable waker) {
                try {
                    waker.run();
                } catch (Throwable t) {
                    LOG.log(System.Logger.Level.ERROR, "waker of " + this + " failed", t);
                }
            } else {
                schedule((Callback) l);
            }
        }
        return true;
    }

    final boolean completeCancelled(String message) {
        return complete(CANCELLED, null, null, message);
    }

    // ------------------------------------------------------------------ listeners

    /**
     * Adds a callback run on the loop once the future is done ({@code call_soon}), also if it is done
     * already. Never waits. Failures are logged (logger {@code io.bingfa.asyncio}).
     */
    @Override
    @SuppressWarnings("unchecked")
    public void addDoneCallback(Consumer<? super io.bingfa.futures.Future<V>> callback) {
        Objects.requireNonNull(callback, "callback");
        Callback cb = new Callback((Consumer<Object>) (Consumer<?>) callback);
        lock.lock();
        try {
            if (listeners != null) {
                listeners.add(cb);
                return;
            }
        } finally {
            lock.unlock();
        }
        schedule(cb);
    }

    /** Removes every registration of {@code callback}; returns how many were removed. */
    public int removeDoneCallback(Consumer<? super io.bingfa.futures.Future<V>> callback) {
        lock.lock();
        try {
            if (listeners == null) {
                return 0;
            }
            int before = listeners.size();
            listeners.removeIf(l -> l instanceof Callback c && c.fn() == callback);
            return before - listeners.size();
        } finally {
            lock.unlock();
        }
    }

    /** Adds a waker run by the completing thread; false (not added) if already done. */
    final boolean addWaker(Runnable waker) {
        lock.lock();
        try {
            if (listeners == null) {
                return false;
            }
            listeners.add(waker);
            return true;
        } finally {
            lock.unlock();
        }
    }

    final void removeWaker(Runnable waker) {
        lock.lock();
        try {
            if (listeners != null) {
                listeners.removeIf(l -> l == waker);
            }
        } finally {
            lock.unlock();
        }
    }

    private void schedule(Callback cb) {
        Runnable run = () -> {
            try {
                cb.fn().accept(this);
            } catch (Throwable t) {
                LOG.log(System.Logger.Level.ERROR, "Exception in done callback of " + this, t);
            }
        };
        try {
            loop.callSoonThreadsafe(run);
        } catch (IllegalStateException closed) {
            LOG.log(System.Logger.Level.WARNING, "done callback of " + this + " dropped: loop closed");
        }
    }

    // ------------------------------------------------------------------ reading

    @Override
    public boolean isDone() {
        return state != PENDING;
    }

    @Override
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /** Python futures are never "running"; a {@link Task} is while its body has not ended. */
    @Override
    public boolean isRunning() {
        return false;
    }

    /**
     * Returns the result, waiting for the future to be done. In a task of the loop this suspends the
     * task (Python's {@code await}); elsewhere the thread lies dormant until the future is done or
     * the thread is interrupted.
     *
     * @throws CompletionException if the future failed; its cause is the failure
     * @throws CancellationException if the future was cancelled
     * @throws IllegalStateException on the loop's own thread while the future is pending (the wait
     *     would stall the loop), or in a task of another loop
     * @throws InterruptedException if a thread outside the loop is interrupted while waiting
     */
    @Override
    public V result() throws InterruptedException {
        awaitDone(-1L);
        return outcome();
    }

    /**
     * Returns the result, waiting up to {@code timeout} for the future to be done, without
     * cancelling it when the time runs out (for that, use {@link Asyncio#waitFor}).
     *
     * @throws TimeoutException if the future is not done in time
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    @Override
    public V result(Duration timeout) throws TimeoutException, InterruptedException {
        if (!awaitDone(Timeouts.toNanos(timeout))) {
            throw new TimeoutException("future not done after " + timeout + ": " + this);
        }
        return outcome();
    }

    /** Returns the failure, or null after success, waiting as {@link #result()} does. */
    @Override
    public Throwable exception() throws InterruptedException {
        awaitDone(-1L);
        return failureOrThrowCancelled();
    }

    @Override
    public Throwable exception(Duration timeout) throws TimeoutException, InterruptedException {
        if (!awaitDone(Timeouts.toNanos(timeout))) {
            throw new TimeoutException("future not done after " + timeout + ": " + this);
        }
        return failureOrThrowCancelled();
    }

    @Override
    public V get() throws InterruptedException, ExecutionException {
        awaitDone(-1L);
        return getOutcome();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (!awaitDone(Math.max(0L, unit.toNanos(timeout)))) {
            throw new TimeoutException();
        }
        return getOutcome();
    }

    @Override
    public State state() {
        return switch (state) {
            case CANCELLED -> State.CANCELLED;
            case FINISHED -> exception == null ? State.SUCCESS : State.FAILED;
            default -> State.RUNNING;
        };
    }

    @Override
    public V resultNow() {
        if (state() != State.SUCCESS) {
            throw new IllegalStateException("no result: " + this);
        }
        return result;
    }

    @Override
    public Throwable exceptionNow() {
        if (state() != State.FAILED) {
            throw new IllegalStateException("no exception: " + this);
        }
        return exception;
    }

    @Override
    public CompletableFuture<V> toCompletableFuture() {
        CompletableFuture<V> stage = new CompletableFuture<>();
        Runnable copy = () -> {
            switch (state) {
                case CANCELLED -> stage.cancel(false);
                default -> {
                    if (exception != null) {
                        stage.completeExceptionally(exception);
                    } else {
                        stage.complete(result);
                    }
                }
            }
        };
        if (!addWaker(copy)) {
            copy.run();
        }
        return stage;
    }

    // ------------------------------------------------------------------ internals

    /**
     * Waits until done or {@code nanos} (negative: forever) elapse; returns whether done.
     * In a task of the loop, suspends the task; on the loop thread, refuses to wait.
     */
    final boolean awaitDone(long nanos) throws InterruptedException {
        if (state != PENDING) {
            return true;
        }
        Task<?> me = Task.current();
        if (me != null) {
            if (me == this) {
                throw new IllegalStateException("Task cannot await on itself: " + this);
            }
            if (me.loop != loop) {
                throw new IllegalStateException("Task " + me.getName() + " got Future " + this
                        + " attached to a different loop");
            }
            me.awaitFuture(this, nanos);
            return state != PENDING;
        }
        if (loop.isLoopThread()) {
            throw new IllegalStateException("waiting for " + this + " on the event loop's own thread"
                    + " would stall the loop; wait for it in a task (or add a done callback)");
        }
        if (nanos == 0L) {
            return false;
        }
        lock.lock();
        try {
            long remaining = nanos;
            while (state == PENDING) {
                if (nanos < 0L) {
                    settled.await();
                } else {
                    if (remaining <= 0L) {
                        return false;
                    }
                    remaining = settled.awaitNanos(remaining);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** The outcome of a done future, as {@link #result()} gives it. */
    final V outcome() {
        return switch (state) {
            case FINISHED -> {
                if (exception instanceof CancellationException c) {
                    // a gather of a cancelled child: awaiting it raises CancelledError, as in Python
                    CancellationException copy = new CancellationException(c.getMessage());
                    copy.initCause(c);
                    throw copy;
                }
                if (exception != null) {
                    throw new CompletionException(exception);
                }
                yield result;
            }
            case CANCELLED -> throw cancellationException();
            default -> throw new InvalidStateException("Result is not set: " + this);
        };
    }

    private Throwable failureOrThrowCancelled() {
        if (state == CANCELLED) {
            throw cancellationException();
        }
        if (state == PENDING) {
            throw new InvalidStateException("Exception is not set: " + this);
        }
        return exception;
    }

    private V getOutcome() throws ExecutionException {
        if (state == CANCELLED) {
            throw cancellationException();
        }
        if (exception != null) {
            throw new ExecutionException(exception);
        }
        return result;
    }

    /** A new CancellationException carrying the cancel message (Python's {@code CancelledError(msg)}). */
    final CancellationException cancellationException() {
        return new CancellationException(cancelMessage);
    }

    /** The failure of a finished future, or null (no waiting, no exception for a cancelled one). */
    final Throwable failureNow() {
        return state == FINISHED ? exception : null;
    }

    final V resultOrNull() {
        return state == FINISHED ? result : null;
    }

    /** "pending", "cancelled", "finished raised X", "finished returned Y". */
    final String describeState() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            default -> exception != null
                    ? "finished raised " + exception.getClass().getSimpleName()
                    : "finished returned " + (result == null ? "null" : result.getClass().getSimpleName());
        };
    }

    /** Shows the state: {@code Future[state=finished returned Integer]}. */
    @Override
    public String toString() {
        return "Future[state=" + describeState() + "]";
    }
}
