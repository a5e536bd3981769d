package io.bingfa.asyncio;

/**
 * Python's {@code asyncio.Handle}: a callback scheduled on an {@link EventLoop} by
 * {@link EventLoop#callSoon}, which {@link #cancel()} stops from running. Thread-safe.
 */
public class Handle {
    private static final System.Logger LOG = System.getLogger("io.bingfa.asyncio");

    private final Runnable callback;
    private volatile boolean cancelled;

    Handle(Runnable callback) {
        this.callback = java.util.Objects.requireNonNull(callback, "callback");
    }

    /** Stops the callback from running if it has not run yet. Never waits. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether {@link #cancel()} was called. */
    public boolean isCancelled() {
        return cancelled;
    }

    /** Runs the callback unless cancelled; a failure is logged, never thrown at the loop. */
    void run() {
        if (cancelled) {
            return;
        }
        try {
            callback.run();
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "Exception in callback " + callback, t);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (cancelled ? "[cancelled]" : "[" + callback + "]");
    }
}
