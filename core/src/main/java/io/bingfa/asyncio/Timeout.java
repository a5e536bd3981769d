package io.bingfa.asyncio;

import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Python's {@code asyncio.Timeout} ({@code async with asyncio.timeout(delay)}): a scope that
 * cancels the task running it when its deadline passes and turns that cancellation, and only that
 * one, into a {@link TimeoutException} at the end of the scope.
 *
 * <p>Java's {@code close()} cannot see the exception leaving a try-with-resources block, so the scope
 * is entered by {@link #call(AsyncTask)}: {@code Asyncio.timeout(d).call(() -> ...)} or
 * {@link Asyncio#timeout(java.time.Duration, AsyncTask)}.
 *
 * <h2>States</h2>
 * <pre>
 *   CREATED --call()--> ENTERED --deadline passes: the task is cancelled--> EXPIRING --body ends--> EXPIRED
 *                       ENTERED --body ends--> EXITED
 * </pre>
 * When the body ends with a {@link CancellationException} in EXPIRING and no other cancellation of
 * the task is pending ({@code task.uncancel() <= cancelling-at-entry}), {@code call} throws a
 * {@link TimeoutException} whose cause is that CancellationException. With nested scopes whose
 * deadlines pass together, only the outermost raises TimeoutException; the inner ones let the
 * CancellationException through. An external {@code cancel()} stays a CancellationException.
 *
 * <p>{@code toString()}: {@code Timeout[active when=12.5]}, {@code Timeout[expired]},
 * {@code Timeout[finished]}. Loop context only.
 */
public final class Timeout {
    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private State state = State.CREATED;
    /** Deadline in nanoTime; null = never. */
    private Long whenNanos;
    private Task<?> task;
    private int cancelling;
    private Handle handle;

    /** The deadline exactly as given in loop time, or null if given as a delay. */
    private Double whenGiven;

    Timeout(Long whenNanos) {
        this.whenNanos = whenNanos;
    }

    Timeout(Double when) {
        this.whenNanos = when == null ? null : EventLoop.fromLoopTime(when);
        this.whenGiven = when;
    }

    /** The deadline as loop time ({@link EventLoop#time()}), or null if disabled. */
    public Double when() {
        Long w = whenNanos;
        if (w == null) {
            return null;
        }
        Double given = whenGiven;
        return given != null ? given : EventLoop.toLoopTime(w);
    }

    /**
     * Moves the deadline to loop time {@code when} ({@code null}: never).
     *
     * @throws IllegalStateException if the scope has not been entered ("has not been entered") or
     *     has ended ("finished"), or is expiring
     */
    public void reschedule(Double when) {
        if (state == State.CREATED) {
            throw new IllegalStateException("Timeout has not been entered");
        }
        if (state != State.ENTERED) {
            throw new IllegalStateException("Cannot change state of " + state.name().toLowerCase() + " Timeout");
        }
        schedule(when == null ? null : EventLoop.fromLoopTime(when));
        whenGiven = when;
    }

    private void schedule(Long nanos) {
        whenNanos = nanos;
        whenGiven = null;
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (nanos == null) {
            return;
        }
        EventLoop loop = task.loop;
        if (nanos - System.nanoTime() <= 0L) {
            handle = loop.callSoon(this::onTimeout);
        } else {
            handle = loop.callAtNanos(nanos, this::onTimeout);
        }
    }

    /** Whether the deadline passed and the scope cancelled its task. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /**
     * Runs {@code body} in this scope in the current task and returns its result, waiting as the
     * body does; exceptions of the body pass through, except as the class documentation says.
     *
     * @throws TimeoutException if the deadline passed and the body ended by the scope's cancellation
     * @throws IllegalStateException if entered twice ("has already been entered") or outside a task
     */
    public <T> T call(AsyncTask<T> body) throws Exception {
        enter();
        T value;
        try {
            value = body.call();
        } catch (Throwable t) {
            Throwable out = exit(t);
            if (out instanceof Exception e) {
                throw e;
            }
            throw (Error) out;
        }
        exit(null);
        return value;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new IllegalStateException("Timeout has already been entered");
        }
        Task<?> t = Task.current();
        if (t == null) {
            throw new IllegalStateException("Timeout should be used inside a task");
        }
        task = t;
        cancelling = t.cancelling();
        state = State.ENTERED;
        Double given = whenGiven;
        schedule(whenNanos);
        whenGiven = given;
    }

    /** CPython's {@code __aexit__}: what the scope lets out. */
    private Throwable exit(Throwable failure) {
        if (handle != null) {
            handle.cancel();
            handle = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancelling && failure instanceof CancellationException) {
                TimeoutException timeout = new TimeoutException();
                timeout.initCause(failure);
                return timeout;
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
        return failure;
    }

    private void onTimeout() {
        if (state != State.ENTERED) {
            return;
        }
        handle = null;
        task.cancel();
        state = State.EXPIRING;
    }

    @Override
    public String toString() {
        return switch (state) {
            case CREATED -> "Timeout[created]";
            case ENTERED -> "Timeout[active when=" + when() + "]";
            case EXPIRING, EXPIRED -> "Timeout[expired]";
            case EXITED -> "Timeout[finished]";
        };
    }
}
