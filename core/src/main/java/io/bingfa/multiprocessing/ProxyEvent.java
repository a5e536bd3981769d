package io.bingfa.multiprocessing;

import java.time.Duration;

/**
 * An event served by a {@link Manager} (Python's {@code EventProxy} of {@code threading.Event}):
 * each method is a call to the manager's {@link io.bingfa.threading.Event}. Serialisable: a copy
 * sent to a child JVM reaches the same event.
 *
 * <p><b>Memory consistency effects:</b> only the flag is shared; values are copied, not shared.
 */
public final class ProxyEvent implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Handle handle;

    ProxyEvent(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

    /** Whether the flag is set ({@code is_set()}). */
    public boolean isSet() {
        return (Boolean) handle.call("isSet");
    }

    /** Sets the flag and wakes every waiting thread, in every process. */
    public void set() {
        handle.call("set");
    }

    /** Resets the flag. */
    public void clear() {
        handle.call("clear");
    }

    /**
     * Waits until the flag is set. The thread lies dormant until the flag is set or it is
     * interrupted.
     *
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     */
    public void await() throws InterruptedException {
        handle.callWaiting("await");
    }

    /**
     * Waits at most {@code timeout} until the flag is set ({@code wait(timeout)}).
     *
     * @return {@code true} if the flag is set, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean await(Duration timeout) throws InterruptedException {
        ProcessQueue.checkTimeout(timeout);
        return (Boolean) handle.callWaiting("await", timeout);
    }

    /** {@code ProxyEvent[unix:/...#3]}. */
    @Override
    public String toString() {
        return "ProxyEvent[" + handle.where() + "]";
    }

    private Object writeReplace() {
        return handle.ref;
    }

    private static final class Handle extends ProxyObject {
        private static final long serialVersionUID = 1L;

        Handle(ProxyRef ref) {
            super(ref);
        }
    }
}
