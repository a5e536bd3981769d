package io.bingfa.asyncio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Python's {@code asyncio.Task}: an {@link AsyncTask} body running on an {@link EventLoop}, and the
 * {@link Future} of its outcome. Made by {@link EventLoop#createTask} or
 * {@link Asyncio#createTask}; its body starts at a later turn of the loop.
 *
 * <h2>States</h2>
 * <pre>
 *   SCHEDULED --first turn--> RUNNING --body returns--> FINISHED (result)
 *                                     --body throws--> FINISHED (exception)
 *                                     --body throws CancellationException--> CANCELLED
 *   SCHEDULED --cancel(), then its first turn--> CANCELLED (the body never runs)
 * </pre>
 * A task runs only on its loop and never at the same time as another task of that loop: between two
 * await points its code runs alone, so loop-confined state needs no lock.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel(String)} is a request: the body sees a {@link CancellationException} at its next
 * await point (or, if it is awaiting one, the awaited future is cancelled first, as Python does; if
 * that is a task, this task goes on waiting for it to end). A body that catches the exception and
 * returns normally ends FINISHED, not cancelled. {@link #cancelling()} counts pending requests and
 * {@link #uncancel()} takes one back (what {@link Timeout} does). A task that cancels itself and never
 * awaits again ends cancelled when its body returns.
 *
 * <p>{@code cancel} from a thread outside the loop is forwarded to the loop with
 * {@link EventLoop#callSoonThreadsafe}; it returns whether the task was not done yet.
 *
 * <p>{@code toString()} shows the state: {@code Task[name=Task-3, state=pending cancelling=1]}.
 *
 * <p><b>Memory consistency effects:</b> as for {@link Future}; besides, everything a task did before
 * an await point happens-before what any other task of its loop does after it next runs.
 *
 * @param <V> the result type
 */
/*
 * The loop-confined fields (cancel bookkeeping, the awaited future, the await sequence number) are
 * read and written only in the loop context (the loop thread, or this task's thread while it holds
 * the loop), where the scheduler provides the happens-before order. Each await point bumps awaitSeq;
 * every waker of that await (the awaited future, a timer, a bare yield) calls wake(seq) on the loop
 * thread, and only the first one for the current sequence resumes the task.
 */
public final class Task<V> extends Future<V> {
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final ThreadLocal<Task<?>> CURRENT = new ThreadLocal<>();

    private final AsyncTask<V> body;
    private volatile String name;
    /** The task's virtual thread; set by the scheduler before it starts. */
    volatile Thread thread;
    /** LOOP_CARRIER path: set by resume, cleared by suspend. */
    volatile boolean resumeSignal;

    // loop-confined
    private int numCancelsRequested;
    private boolean mustCancel;
    private String cancelMessage;
    private Future<?> futWaiter;
    private int awaitSeq;
    private boolean suspended;
    private volatile boolean started;

    Task(EventLoop loop, AsyncTask<V> body, String name) {
        super(loop);
        this.body = java.util.Objects.requireNonNull(body, "body");
        this.name = name != null ? name : "Task-" + COUNTER.incrementAndGet();
    }

    /** The task running in the calling thread, or null. */
    static Task<?> current() {
        return CURRENT.get();
    }

    /** The task's name ({@code Task-N} unless given). */
    public String getName() {
        return name;
    }

    /** Renames the task ({@code set_name}); the name is stored as {@code String.valueOf(name)}. */
    public void setName(Object name) {
        this.name = String.valueOf(name);
    }

    /** Python's {@code Task.get_coro()}: the body. */
    public AsyncTask<V> getCoro() {
        return body;
    }

    /** Whether the body has started and not ended. */
    @Override
    public boolean isRunning() {
        return started && !isDone();
    }

    /** Not supported, as in Python: a task's outcome is its body's. */
    @Override
    public void setResult(V value) {
        throw new IllegalStateException("Task does not support set_result operation");
    }

    /** Not supported, as in Python: a task's outcome is its body's. */
    @Override
    public void setException(Throwable failure) {
        throw new IllegalStateException("Task does not support set_exception operation");
    }

    /**
     * Requests cancellation, never waiting: the body gets a {@link CancellationException} carrying
     * {@code message} at its next await point.
     *
     * @return {@code false} if the task is already done, else {@code true}
     */
    @Override
    public boolean cancel(String message) {
        if (!loop.inLoopContext()) {
            if (isDone()) {
                return false;
            }
            loop.callSoonThreadsafe(() -> cancel(message));
            return true;
        }
        if (isDone()) {
            return false;
        }
        numCancelsRequested++;
        Future<?> waiter = futWaiter;
        if (waiter != null && waiter.cancel(message)) {
            return true; // the awaited future's end wakes this task
        }
        mustCancel = true;
        cancelMessage = message;
        return true;
    }

    /** The number of pending cancellation requests (Python's {@code cancelling()}). Loop only. */
    public int cancelling() {
        return numCancelsRequested;
    }

    /**
     * Takes back one cancellation request and returns how many remain (Python's {@code uncancel()});
     * at zero, a request not yet delivered is dropped. Loop only.
     */
    public int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
            if (numCancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return numCancelsRequested;
    }

    // ------------------------------------------------------------------ in the task's thread

    /** The task thread's body. */
    void runBody() {
        CURRENT.set(this);
        loop.scheduler.enter(this);
        try {
            started = true;
            V value;
            try {
                if (mustCancel) {
                    mustCancel = false;
                    throw new CancellationException(cancelMessage);
                }
                value = body.call();
            } catch (CancellationException c) {
                completeCancelled(c.getMessage());
                return;
            } catch (Throwable t) {
                finishExceptionally(t);
                return;
            }
            if (mustCancel) { // cancelled right before the body returned
                mustCancel = false;
                completeCancelled(cancelMessage);
            } else {
                finish(value);
            }
        } finally {
            loop.taskEnded(this);
            CURRENT.remove();
            loop.scheduler.exit(this);
        }
    }

    private void finish(V value) {
        complete(FINISHED, value, null, null);
    }

    private void finishExceptionally(Throwable t) {
        complete(FINISHED, null, t, null);
        if (t instanceof Error) {
            LOG.log(System.Logger.Level.ERROR, "Task " + name + " ended with an Error", t);
        }
    }

    /**
     * The await point for {@code f}: suspends this task (letting the loop run others) until
     * {@code f} is done, {@code nanos} elapse (negative: no limit) or the task is cancelled.
     * Call only in this task's thread.
     *
     * @throws CancellationException if a cancellation request is delivered here
     */
    void awaitFuture(Future<?> f, long nanos) {
        int seq = ++awaitSeq;
        Runnable waker = () -> loop.callSoonThreadsafe(() -> wake(seq));
        if (!f.addWaker(waker)) {
            return;
        }
        futWaiter = f;
        if (mustCancel && f.cancel(cancelMessage)) {
            mustCancel = false; // as CPython's __step: a pending cancel goes to the new awaited future
        }
        TimerHandle timer = nanos >= 0L ? loop.callLaterNanos(nanos, () -> wake(seq)) : null;
        try {
            suspend();
        } finally {
            futWaiter = null;
            if (timer != null) {
                timer.cancel();
            }
            f.removeWaker(waker);
        }
        throwIfCancelRequested();
    }

    /** A bare yield (Python's {@code await sleep(0)}): lets every other ready callback run once. */
    void yieldNow() {
        int seq = ++awaitSeq;
        loop.callSoon(() -> wake(seq));
        suspend();
        throwIfCancelRequested();
    }

    private void suspend() {
        suspended = true;
        loop.scheduler.suspend(this);
    }

    private void throwIfCancelRequested() {
        if (mustCancel) {
            mustCancel = false;
            throw new CancellationException(cancelMessage);
        }
    }

    /** Resumes the task if it is still suspended in await number {@code seq}. Loop thread only. */
    private void wake(int seq) {
        if (suspended && seq == awaitSeq) {
            suspended = false;
            loop.scheduler.resume(this);
        }
    }

    /** Shows the state: {@code Task[name=Task-3, state=pending cancelling=1]}. */
    @Override
    public String toString() {
        int c = numCancelsRequested;
        return "Task[name=" + name + ", state=" + describeState()
                + (c > 0 && !isDone() ? " cancelling=" + c : "") + "]";
    }
}
