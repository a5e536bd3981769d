package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.SerializableTask;
import io.bingfa.threading.Barrier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;

/**
 * A barrier served by a {@link Manager} (Python's {@code manager.Barrier(parties)}): {@code
 * parties} threads, of any processes, wait for each other, then all go on together. Each method is
 * a call to the manager's {@link Barrier}, so the semantics are its own: {@link #await()} returns
 * a distinct arrival index per round ({@code 0} for the first to arrive), and a wait that times
 * out, an {@link #abort()}, a {@link #reset()} while threads wait, or a waiter that is interrupted
 * breaks the barrier, and every thread waiting in it gets {@link BrokenBarrierException}.
 * Serialisable: a copy sent to a child JVM reaches the same barrier.
 *
 * <p>A waiter whose process dies breaks the barrier as an interrupted one does (the manager sees
 * its connection end). If the manager goes away, calls fail with {@link UncheckedIOException}.
 *
 * <p><b>Memory consistency effects:</b> only the barrier's state is shared between processes;
 * values are copied, not shared. Calls made before {@code await} on other shared objects reach the
 * manager before the round ends.
 */
public final class ProxyBarrier implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Handle handle;

    ProxyBarrier(ProxyRef ref) {
        this.handle = new Handle(ref);
    }

    /**
     * Waits until all parties have called {@code await}, or the barrier's default timeout elapses
     * ({@code wait()}). The thread lies dormant until the last party arrives, the barrier breaks,
     * the timeout elapses (which breaks it), or it is interrupted (which breaks it).
     *
     * @return the arrival index, {@code 0} to {@code parties - 1}
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapses
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        return (Integer) awaiting("await");
    }

    /**
     * As {@link #await()}, with this timeout instead of the default one ({@code wait(timeout)}).
     *
     * @param timeout how long to wait for the other parties
     * @return the arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapses
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        ProcessQueue.checkTimeout(timeout);
        return (Integer) awaiting("await", timeout);
    }

    /**
     * Returns the barrier to its initial state; does not wait. Threads waiting in it now get
     * {@link BrokenBarrierException}, and a broken barrier is usable again.
     */
    public void reset() {
        handle.call("reset");
    }

    /**
     * Breaks the barrier; does not wait. Threads waiting in it now, and every later {@code await}
     * until {@link #reset()}, get {@link BrokenBarrierException}.
     */
    public void abort() {
        handle.call("abort");
    }

    /** How many threads each round waits for. */
    public int parties() {
        return (Integer) handle.call("parties");
    }

    /** How many threads, of all processes, wait in the current round now ({@code n_waiting}); 0 when broken. */
    public int waiting() {
        return (Integer) handle.call("waiting");
    }

    /** Whether the barrier is broken. */
    public boolean isBroken() {
        return (Boolean) handle.call("isBroken");
    }

    /** {@code ProxyBarrier[unix:/...#3]}. */
    @Override
    public String toString() {
        return "ProxyBarrier[" + handle.where() + "]";
    }

    private Object writeReplace() {
        return handle.ref;
    }

    private Object awaiting(String method, Object... args) throws InterruptedException, BrokenBarrierException {
        try {
            return handle.client.call(handle.ref.id(), method, args);
        } catch (RuntimeException | InterruptedException | BrokenBarrierException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (Exception e) {
            var wrapped = new RemoteException(e.toString());
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    private static final class Handle extends ProxyObject {
        private static final long serialVersionUID = 1L;

        Handle(ProxyRef ref) {
            super(ref);
        }
    }

    /**
     * Makes a new barrier on the server ({@link Manager#barrier}); the action, if any, runs there.
     *
     * @param timeoutNanos the default timeout in nanoseconds, or -1 for none
     */
    record Factory(int parties, SerializableAction action, long timeoutNanos) implements SerializableTask<Object> {
        /** The name the factory is registered under: one per parties and timeout; unique with an action. */
        String name() {
            return action == null ? "#bingfa.barrier/" + parties + "/" + timeoutNanos
                    : "#bingfa.barrier/" + java.util.UUID.randomUUID();
        }

        @Override
        public Object call() {
            Runnable run = action == null ? null : () -> {
                try {
                    action.run();
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("the barrier's action failed: " + e, e);
                }
            };
            return new Barrier(parties, run, timeoutNanos < 0 ? null : Duration.ofNanos(timeoutNanos));
        }
    }
}
