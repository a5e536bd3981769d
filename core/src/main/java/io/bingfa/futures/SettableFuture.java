package io.bingfa.futures;

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
 * A {@link Future} completed by hand: what an executor uses for the futures it returns, and what
 * tests use to build futures in a given state. Python's {@code Future} with the methods it reserves
 * for executors ({@code set_running_or_notify_cancel}, {@code set_result}, {@code set_exception}).
 *
 * <p>States, as in {@link Future}:
 * <pre>
 *   PENDING --setRunningOrNotifyCancel() == true--> RUNNING --setResult / setException--> FINISHED
 *   PENDING --setResult / setException--> FINISHED
 *   PENDING --cancel()--> CANCELLED --setRunningOrNotifyCancel() == false--> CANCELLED_AND_NOTIFIED
 * </pre>
 * Setting a result or an exception on a finished or cancelled future throws
 * {@link InvalidStateException} with CPython's message shape, {@code FINISHED: Future[state=finished
 * returned Integer]}, and keeps the first outcome.
 *
 * <p>{@code toString()} shows the state: {@code Future[state=pending]}, {@code Future[state=running]},
 * {@code Future[state=cancelled]}, {@code Future[state=finished raised IOException]},
 * {@code Future[state=finished returned Integer]}.
 *
 * <p><b>Memory consistency effects:</b> actions before {@code setResult}, {@code setException} or
 * a successful {@code cancel} happen-before the done callbacks run and before any thread sees the
 * future done.
 *
 * @param <V> the result type
 */
/*
 * Implementation: one ReentrantLock (not a monitor: virtual threads waiting in result() must not pin
 * their carrier on JDK 21) guards the state, the outcome, the callbacks and the waiters. Callbacks
 * and waiters are run after the lock is released, in the completing thread. Waiters are the
 * package's hook for Futures.wait/asCompleted: unlike done callbacks they also fire on the
 * CANCELLED -> CANCELLED_AND_NOTIFIED step and can be removed.
 */
public class SettableFuture<V> implements Future<V> {
    private static final System.Logger LOG = System.getLogger("io.bingfa.futures");

    /** Python's future states. */
    enum PyState { PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition doneCondition = lock.newCondition();
    private volatile PyState state = PyState.PENDING;
    /** Guarded by lock; read after seeing state FINISHED. */
    private V result;
    /** Guarded by lock; read after seeing state FINISHED. */
    private Throwable exception;
    /** Guarded by lock. */
    private List<Consumer<? super Future<V>>> callbacks = new ArrayList<>();
    /** Guarded by lock. */
    private final List<Consumer<Future<?>>> waiters = new ArrayList<>();

    /** Creates a pending future. */
    public SettableFuture() {}

    // ------------------------------------------------------------------ executor side

    /**
     * Marks the future running, or, if it was cancelled, notifies the waiters of {@link Futures#wait}
     * and {@link Futures#asCompleted} that it is. An executor calls it just before running the task,
     * never waits, and runs the task only if it returns {@code true}.
     *
     * @return {@code true} if the future is now RUNNING, {@code false} if it was cancelled
     * @throws IllegalStateException if the future is already running or finished ("Future in
     *     unexpected state")
     */
    public boolean setRunningOrNotifyCancel() {
        List<Consumer<Future<?>>> toNotify;
        lock.lock();
        try {
            switch (state) {
                case PENDING -> {
                    state = PyState.RUNNING;
                    return true;
                }
                case CANCELLED -> {
                    state = PyState.CANCELLED_AND_NOTIFIED;
                    toNotify = List.copyOf(waiters);
                    waiters.clear();
                }
                default -> throw new IllegalStateException(
                        "Future in unexpected state: " + describe());
            }
        } finally {
            lock.unlock();
        }
        notifyWaiters(toNotify);
        return false;
    }

    /**
     * Finishes the future with {@code value} and runs the done callbacks in this thread. Never waits.
     *
     * @throws InvalidStateException if the future is already finished or cancelled
     */
    public void setResult(V value) {
        finish(value, null);
    }

    /**
     * Finishes the future with the failure {@code failure} and runs the done callbacks in this
     * thread. Never waits.
     *
     * @throws InvalidStateException if the future is already finished or cancelled
     * @throws NullPointerException if {@code failure} is null
     */
    public void setException(Throwable failure) {
        Objects.requireNonNull(failure, "failure");
        finish(null, failure);
    }

    private void finish(V value, Throwable failure) {
        finish(value, failure, null);
    }

    /**
     * Finishes the future; {@code beforeDone}, if not null, runs under the lock just before the
     * future is seen done (the pool marks its worker idle there, so that a thread that sees this
     * future done and submits again finds the worker idle).
     */
    void finish(V value, Throwable failure, Runnable beforeDone) {
        List<Consumer<? super Future<V>>> toCall;
        List<Consumer<Future<?>>> toNotify;
        lock.lock();
        try {
            if (state == PyState.CANCELLED || state == PyState.CANCELLED_AND_NOTIFIED
                    || state == PyState.FINISHED) {
                throw new InvalidStateException(state + ": " + describe());
            }
            if (beforeDone != null) {
                beforeDone.run();
            }
            result = value;
            exception = failure;
            state = PyState.FINISHED;
            doneCondition.signalAll();
            toCall = callbacks;
            callbacks = null;
            toNotify = List.copyOf(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        notifyWaiters(toNotify);
        runCallbacks(toCall);
    }

    // ------------------------------------------------------------------ Future

    @Override
    public boolean cancel() {
        List<Consumer<? super Future<V>>> toCall;
        List<Consumer<Future<?>>> toNotify;
        lock.lock();
        try {
            switch (state) {
                case RUNNING, FINISHED -> {
                    return false;
                }
                case CANCELLED, CANCELLED_AND_NOTIFIED -> {
                    return true;
                }
                default -> { }
            }
            state = PyState.CANCELLED;
            doneCondition.signalAll();
            toCall = callbacks;
            callbacks = null;
            toNotify = List.copyOf(waiters); // FIRST_COMPLETED-style wake-ups re-check the state
        } finally {
            lock.unlock();
        }
        notifyWaiters(toNotify);
        runCallbacks(toCall);
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    @Override
    public boolean isCancelled() {
        PyState s = state;
        return s == PyState.CANCELLED || s == PyState.CANCELLED_AND_NOTIFIED;
    }

    @Override
    public boolean isRunning() {
        return state == PyState.RUNNING;
    }

    @Override
    public boolean isDone() {
        PyState s = state;
        return s != PyState.PENDING && s != PyState.RUNNING;
    }

    @Override
    public V result() throws InterruptedException {
        awaitDone();
        return outcome();
    }

    @Override
    public V result(Duration timeout) throws TimeoutException, InterruptedException {
        awaitDone(Timeouts.toNanos(timeout));
        return outcome();
    }

    @Override
    public Throwable exception() throws InterruptedException {
        awaitDone();
        return failure();
    }

    @Override
    public Throwable exception(Duration timeout) throws TimeoutException, InterruptedException {
        awaitDone(Timeouts.toNanos(timeout));
        return failure();
    }

    /** Waits until the future is done; throws {@link ExecutionException} for a failed task. */
    @Override
    public V get() throws InterruptedException, ExecutionException {
        awaitDone();
        return getOutcome();
    }

    @Override
    public V get(long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        awaitDone(Math.max(0L, unit.toNanos(timeout)));
        return getOutcome();
    }

    @Override
    public State state() {
        return switch (state) {
            case PENDING, RUNNING -> State.RUNNING;
            case CANCELLED, CANCELLED_AND_NOTIFIED -> State.CANCELLED;
            case FINISHED -> exceptionUnderLock() == null ? State.SUCCESS : State.FAILED;
        };
    }

    @Override
    public V resultNow() {
        if (state() != State.SUCCESS) {
            throw new IllegalStateException("no result: " + describe());
        }
        return outcomeUnderLock();
    }

    @Override
    public Throwable exceptionNow() {
        if (state() != State.FAILED) {
            throw new IllegalStateException("no exception: " + describe());
        }
        return exceptionUnderLock();
    }

    @Override
    public void addDoneCallback(Consumer<? super Future<V>> callback) {
        Objects.requireNonNull(callback, "callback");
        lock.lock();
        try {
            if (callbacks != null) {
                callbacks.add(callback);
                return;
            }
        } finally {
            lock.unlock();
        }
        runCallback(callback);
    }

    @Override
    public CompletableFuture<V> toCompletableFuture() {
        CompletableFuture<V> stage = new CompletableFuture<>();
        addDoneCallback(f -> {
            if (f.isCancelled()) {
                stage.cancel(false);
                return;
            }
            Throwable failure = exceptionUnderLock();
            if (failure != null) {
                stage.completeExceptionally(failure);
            } else {
                stage.complete(outcomeUnderLock());
            }
        });
        stage.whenComplete((v, e) -> {
            if (stage.isCancelled()) {
                cancel();
            }
        });
        return stage;
    }

    /** Shows the state: {@code Future[state=finished returned Integer]}. */
    @Override
    public String toString() {
        return describe();
    }

    // ------------------------------------------------------------------ package hooks

    /** Python's state, for Futures.wait and asCompleted. */
    PyState pyState() {
        return state;
    }

    /**
     * Adds a waiter called (in the completing thread) when the future finishes, is cancelled or is
     * notified of its cancellation; returns false, adding nothing, if it already is finished or
     * cancelled-and-notified.
     */
    boolean addWaiter(Consumer<Future<?>> waiter) {
        lock.lock();
        try {
            if (state == PyState.FINISHED || state == PyState.CANCELLED_AND_NOTIFIED) {
                return false;
            }
            waiters.add(waiter);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void removeWaiter(Consumer<Future<?>> waiter) {
        lock.lock();
        try {
            waiters.remove(waiter);
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    private void awaitDone() throws InterruptedException {
        if (isDone()) {
            return;
        }
        lock.lockInterruptibly();
        try {
            while (!isDone()) {
                doneCondition.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private void awaitDone(long nanos) throws InterruptedException, TimeoutException {
        if (isDone()) {
            return;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long deadline = Timeouts.deadline(nanos);
        lock.lockInterruptibly();
        try {
            while (!isDone()) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    throw new TimeoutException();
                }
                doneCondition.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Call only when done. */
    private V outcome() {
        if (isCancelled()) {
            throw new CancellationException();
        }
        Throwable failure = exceptionUnderLock();
        if (failure != null) {
            throw new CompletionException(failure);
        }
        return outcomeUnderLock();
    }

    /** Call only when done. */
    private V getOutcome() throws ExecutionException {
        if (isCancelled()) {
            throw new CancellationException();
        }
        Throwable failure = exceptionUnderLock();
        if (failure != null) {
            throw new ExecutionException(failure);
        }
        return outcomeUnderLock();
    }

    /** Call only when done. */
    private Throwable failure() {
        if (isCancelled()) {
            throw new CancellationException();
        }
        return exceptionUnderLock();
    }

    private Throwable exceptionUnderLock() {
        lock.lock();
        try {
            return exception;
        } finally {
            lock.unlock();
        }
    }

    private V outcomeUnderLock() {
        lock.lock();
        try {
            return result;
        } finally {
            lock.unlock();
        }
    }

    private String describe() {
        lock.lock();
        try {
            return switch (state) {
                case PENDING -> "Future[state=pending]";
                case RUNNING -> "Future[state=running]";
                case CANCELLED, CANCELLED_AND_NOTIFIED -> "Future[state=cancelled]";
                case FINISHED -> exception != null
                        ? "Future[state=finished raised " + exception.getClass().getSimpleName() + "]"
                        : "Future[state=finished returned "
                                + (result == null ? "null" : result.getClass().getSimpleName()) + "]";
            };
        } finally {
            lock.unlock();
        }
    }

    private void notifyWaiters(List<Consumer<Future<?>>> toNotify) {
        for (Consumer<Future<?>> w : toNotify) {
            w.accept(this);
        }
    }

    private void runCallbacks(List<Consumer<? super Future<V>>> toCall) {
        if (toCall != null) {
            for (Consumer<? super Future<V>> c : toCall) {
                runCallback(c);
            }
        }
    }

    private void runCallback(Consumer<? super Future<V>> callback) {
        try {
            callback.accept(this);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "exception calling callback for " + this, t);
        }
    }
}
