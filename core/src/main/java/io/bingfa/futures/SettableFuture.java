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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
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
 * Implementation: the state is a volatile int changed by CAS. A finishing thread first moves the
 * state to the transient COMPLETING (reported as not done; readers that need a settled state spin
 * the few instructions until it ends), runs the pool's beforeDone hook, writes the outcome, then
 * publishes FINISHED. Threads blocked in result()/get() wait on a lock-free stack of nodes and
 * park (no monitor, no lock: virtual threads do not pin). Done callbacks and the package's waiters
 * (hooks for Futures.wait/asCompleted: unlike done callbacks they also fire on the CANCELLED ->
 * CANCELLED_AND_NOTIFIED step and can be removed) live in an Aux object created only when the
 * first one is added; its ReentrantLock orders "check the state and add" against "change the state,
 * then take the lists". Callbacks and waiters run in the completing thread, with no lock held.
 */
public class SettableFuture<V> implements Future<V> {
    private static final System.Logger LOG = System.getLogger("io.bingfa.futures");

    /** Python's future states. */
    enum PyState { PENDING, RUNNING, CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED }

    private static final int PENDING = 0;
    private static final int RUNNING = 1;
    private static final int CANCELLED = 2;
    private static final int CANCELLED_AND_NOTIFIED = 3;
    private static final int FINISHED = 4;
    /** Transient: a result or exception is being set; not done yet. */
    private static final int COMPLETING_FROM_PENDING = 5;
    private static final int COMPLETING_FROM_RUNNING = 6;

    private static final VarHandle STATE;
    private static final VarHandle WAITERS;
    private static final VarHandle AUX;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(SettableFuture.class, "state", int.class);
            WAITERS = l.findVarHandle(SettableFuture.class, "threads", WaitNode.class);
            AUX = l.findVarHandle(SettableFuture.class, "aux", Aux.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state = PENDING;
    /** Written before state becomes FINISHED; read after seeing it. */
    private V result;
    /** Written before state becomes FINISHED; read after seeing it. */
    private Throwable exception;
    /** Threads blocked waiting for the future to be done; null once done and released. */
    private volatile WaitNode threads;
    /** Callbacks and package waiters; null until one is added. */
    private volatile Aux<V> aux;

    /** A thread parked in awaitDone. */
    private static final class WaitNode {
        volatile Thread thread = Thread.currentThread();
        volatile WaitNode next;
    }

    /** Done callbacks and package waiters, guarded by lock. */
    private static final class Aux<V> {
        final ReentrantLock lock = new ReentrantLock();
        /** Null once taken by the transition to done. */
        List<Consumer<? super Future<V>>> callbacks = new ArrayList<>(2);
        final List<Consumer<Future<?>>> waiters = new ArrayList<>(2);
    }

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
        while (true) {
            int s = settledState();
            if (s == PENDING) {
                if (STATE.compareAndSet(this, PENDING, RUNNING)) {
                    return true;
                }
            } else if (s == CANCELLED) {
                if (STATE.compareAndSet(this, CANCELLED, CANCELLED_AND_NOTIFIED)) {
                    notifyWaiters(takeWaiters(true));
                    return false;
                }
            } else {
                throw new IllegalStateException("Future in unexpected state: " + describe());
            }
        }
    }

    /**
     * Finishes the future with {@code value} and runs the done callbacks in this thread. Never waits.
     *
     * @throws InvalidStateException if the future is already finished or cancelled
     */
    public void setResult(V value) {
        finish(value, null, null);
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
        finish(null, failure, null);
    }

    /**
     * Finishes the future; {@code beforeDone}, if not null, runs just before the future is seen done
     * (the pool marks its worker idle there, so that a thread that sees this future done and submits
     * again finds the worker idle).
     */
    void finish(V value, Throwable failure, Runnable beforeDone) {
        while (true) {
            int s = settledState();
            int completing;
            if (s == PENDING) {
                completing = COMPLETING_FROM_PENDING;
            } else if (s == RUNNING) {
                completing = COMPLETING_FROM_RUNNING;
            } else {
                throw new InvalidStateException(pyStateOf(s) + ": " + describe());
            }
            if (STATE.compareAndSet(this, s, completing)) {
                break;
            }
        }
        try {
            if (beforeDone != null) {
                beforeDone.run();
            }
        } finally {
            result = value;
            exception = failure;
            state = FINISHED; // volatile write publishes the outcome
        }
        releaseThreads();
        Aux<V> a = aux;
        if (a != null) {
            List<Consumer<? super Future<V>>> toCall;
            List<Consumer<Future<?>>> toNotify;
            a.lock.lock();
            try {
                toCall = a.callbacks;
                a.callbacks = null;
                toNotify = a.waiters.isEmpty() ? List.of() : List.copyOf(a.waiters);
                a.waiters.clear();
            } finally {
                a.lock.unlock();
            }
            notifyWaiters(toNotify);
            runCallbacks(toCall);
        }
    }

    // ------------------------------------------------------------------ Future

    @Override
    public boolean cancel() {
        while (true) {
            int s = settledState();
            if (s == RUNNING || s == FINISHED) {
                return false;
            }
            if (s == CANCELLED || s == CANCELLED_AND_NOTIFIED) {
                return true;
            }
            if (STATE.compareAndSet(this, PENDING, CANCELLED)) {
                break;
            }
        }
        releaseThreads();
        Aux<V> a = aux;
        if (a != null) {
            List<Consumer<? super Future<V>>> toCall;
            List<Consumer<Future<?>>> toNotify;
            a.lock.lock();
            try {
                toCall = a.callbacks;
                a.callbacks = null;
                // FIRST_COMPLETED-style wake-ups re-check the state; the waiters stay for the
                // CANCELLED_AND_NOTIFIED step
                toNotify = a.waiters.isEmpty() ? List.of() : List.copyOf(a.waiters);
            } finally {
                a.lock.unlock();
            }
            notifyWaiters(toNotify);
            runCallbacks(toCall);
        }
        return true;
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return cancel();
    }

    @Override
    public boolean isCancelled() {
        int s = state;
        return s == CANCELLED || s == CANCELLED_AND_NOTIFIED;
    }

    @Override
    public boolean isRunning() {
        return settledState() == RUNNING;
    }

    @Override
    public boolean isDone() {
        return isDone(state);
    }

    private static boolean isDone(int s) {
        return s == CANCELLED || s == CANCELLED_AND_NOTIFIED || s == FINISHED;
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
        return switch (settledState()) {
            case CANCELLED, CANCELLED_AND_NOTIFIED -> State.CANCELLED;
            case FINISHED -> exception == null ? State.SUCCESS : State.FAILED;
            default -> State.RUNNING;
        };
    }

    @Override
    public V resultNow() {
        if (state() != State.SUCCESS) {
            throw new IllegalStateException("no result: " + describe());
        }
        return result;
    }

    @Override
    public Throwable exceptionNow() {
        if (state() != State.FAILED) {
            throw new IllegalStateException("no exception: " + describe());
        }
        return exception;
    }

    @Override
    public void addDoneCallback(Consumer<? super Future<V>> callback) {
        Objects.requireNonNull(callback, "callback");
        if (!isDone(state)) {
            Aux<V> a = aux();
            a.lock.lock();
            try {
                // the state is read after aux is published: a transition that missed aux is seen here
                if (a.callbacks != null && !isDone(state)) {
                    a.callbacks.add(callback);
                    return;
                }
            } finally {
                a.lock.unlock();
            }
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
            Throwable failure = exception;
            if (failure != null) {
                stage.completeExceptionally(failure);
            } else {
                stage.complete(result);
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
        return pyStateOf(settledState());
    }

    /**
     * Adds a waiter called (in the completing thread) when the future finishes, is cancelled or is
     * notified of its cancellation; returns false, adding nothing, if it already is finished or
     * cancelled-and-notified.
     */
    boolean addWaiter(Consumer<Future<?>> waiter) {
        int s = state;
        if (s == FINISHED || s == CANCELLED_AND_NOTIFIED) {
            return false;
        }
        Aux<V> a = aux();
        a.lock.lock();
        try {
            s = state;
            if (s == FINISHED || s == CANCELLED_AND_NOTIFIED) {
                return false;
            }
            a.waiters.add(waiter);
            return true;
        } finally {
            a.lock.unlock();
        }
    }

    void removeWaiter(Consumer<Future<?>> waiter) {
        Aux<V> a = aux;
        if (a == null) {
            return;
        }
        a.lock.lock();
        try {
            a.waiters.remove(waiter);
        } finally {
            a.lock.unlock();
        }
    }

    // ------------------------------------------------------------------ internals

    private Aux<V> aux() {
        Aux<V> a = aux;
        if (a == null) {
            Aux<V> created = new Aux<>();
            @SuppressWarnings("unchecked")
            Aux<V> witness = (Aux<V>) AUX.compareAndExchange(this, (Aux<V>) null, created);
            a = witness == null ? created : witness;
        }
        return a;
    }

    /** Takes the package waiters under the aux lock; clears them if {@code clear}. */
    private List<Consumer<Future<?>>> takeWaiters(boolean clear) {
        Aux<V> a = aux;
        if (a == null) {
            return List.of();
        }
        a.lock.lock();
        try {
            List<Consumer<Future<?>>> copy = a.waiters.isEmpty() ? List.of() : List.copyOf(a.waiters);
            if (clear) {
                a.waiters.clear();
            }
            return copy;
        } finally {
            a.lock.unlock();
        }
    }

    /** The state, waiting out the few instructions of a COMPLETING step. */
    private int settledState() {
        int s;
        int spins = 0;
        while ((s = state) >= COMPLETING_FROM_PENDING) {
            if (++spins < 64) {
                Thread.onSpinWait();
            } else {
                Thread.yield(); // the completing thread may have lost its core
            }
        }
        return s;
    }

    private static PyState pyStateOf(int s) {
        return switch (s) {
            case PENDING -> PyState.PENDING;
            case RUNNING -> PyState.RUNNING;
            case CANCELLED -> PyState.CANCELLED;
            case CANCELLED_AND_NOTIFIED -> PyState.CANCELLED_AND_NOTIFIED;
            case FINISHED -> PyState.FINISHED;
            case COMPLETING_FROM_PENDING -> PyState.PENDING;
            default -> PyState.RUNNING;
        };
    }

    /** Wakes every thread parked in awaitDone; called once the state is done. */
    private void releaseThreads() {
        // a thread that pushes itself after this null read re-checks the (already done) state
        if (threads == null) {
            return;
        }
        WaitNode q = (WaitNode) WAITERS.getAndSet(this, (WaitNode) null);
        while (q != null) {
            Thread t = q.thread;
            if (t != null) {
                q.thread = null;
                LockSupport.unpark(t);
            }
            q = q.next;
        }
    }

    private void awaitDone() throws InterruptedException {
        try {
            awaitDone(false, 0L);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    private void awaitDone(long nanos) throws InterruptedException, TimeoutException {
        if (isDone()) {
            return;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        awaitDone(true, nanos);
    }

    private void awaitDone(boolean timed, long nanos) throws InterruptedException, TimeoutException {
        long deadline = timed ? Timeouts.deadline(nanos) : 0L;
        WaitNode node = null;
        boolean queued = false;
        while (true) {
            if (isDone()) {
                if (node != null) {
                    node.thread = null;
                }
                return;
            }
            if (Thread.interrupted()) {
                if (node != null) {
                    unlink(node);
                }
                throw new InterruptedException();
            }
            if (node == null) {
                if (timed && deadline - System.nanoTime() <= 0L) {
                    throw new TimeoutException();
                }
                node = new WaitNode();
            } else if (!queued) {
                WaitNode head = threads;
                node.next = head;
                queued = WAITERS.compareAndSet(this, head, node);
            } else if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    unlink(node);
                    if (isDone()) {
                        return;
                    }
                    throw new TimeoutException();
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** Drops a waiting node that gave up (timeout or interrupt) and any other abandoned ones. */
    private void unlink(WaitNode node) {
        node.thread = null;
        retry:
        while (true) {
            WaitNode pred = null;
            WaitNode q = threads;
            while (q != null) {
                WaitNode next = q.next;
                if (q.thread != null) {
                    pred = q;
                } else if (pred != null) {
                    pred.next = next;
                    if (pred.thread == null) { // pred abandoned meanwhile: start over
                        continue retry;
                    }
                } else if (!WAITERS.compareAndSet(this, q, next)) {
                    continue retry;
                }
                q = next;
            }
            return;
        }
    }

    /** Call only when done. */
    private V outcome() {
        if (isCancelled()) {
            throw new CancellationException();
        }
        Throwable failure = exception;
        if (failure != null) {
            throw new CompletionException(failure);
        }
        return result;
    }

    /** Call only when done. */
    private V getOutcome() throws ExecutionException {
        if (isCancelled()) {
            throw new CancellationException();
        }
        Throwable failure = exception;
        if (failure != null) {
            throw new ExecutionException(failure);
        }
        return result;
    }

    /** Call only when done. */
    private Throwable failure() {
        if (isCancelled()) {
            throw new CancellationException();
        }
        return exception;
    }

    private String describe() {
        return switch (settledState()) {
            case PENDING -> "Future[state=pending]";
            case RUNNING -> "Future[state=running]";
            case CANCELLED, CANCELLED_AND_NOTIFIED -> "Future[state=cancelled]";
            default -> exception != null
                    ? "Future[state=finished raised " + exception.getClass().getSimpleName() + "]"
                    : "Future[state=finished returned "
                            + (result == null ? "null" : result.getClass().getSimpleName()) + "]";
        };
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
