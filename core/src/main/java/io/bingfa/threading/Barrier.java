package io.bingfa.threading;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code threading.Barrier}: {@code parties} threads wait for each other, then all go on
 * together; the barrier is then ready for the next round (a new generation).
 *
 * <ul>
 * <li>{@link #await()} returns a distinct index per round, {@code 0} for the first thread to arrive
 *     up to {@code parties - 1} for the last (as Python, unlike
 *     {@link java.util.concurrent.CyclicBarrier}, which counts down).
 * <li>The action, if any, runs once per round in the last thread to arrive, before anyone is
 *     released. If it throws, the barrier breaks and the last thread gets the action's exception.
 * <li>The barrier breaks, and every thread waiting in it gets {@link BrokenBarrierException}, when
 *     a wait times out (the default timeout given at construction, or the one passed to
 *     {@code await}), when a waiting thread is interrupted (it gets {@link InterruptedException}),
 *     on {@link #abort()}, and on {@link #reset()} while threads wait. A broken barrier stays broken,
 *     failing every {@code await} at once, until {@link #reset()}.
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> actions before {@code await} in each thread happen-before
 * the action, which happens-before the return of {@code await} in every thread of the round.
 */
/*
 * Implementation: one ReentrantLock and one condition; each round is a Generation object, so a
 * thread of a finished round never confuses itself with the next one (CPython's "draining" state).
 * Breaking marks the generation broken; reset starts a fresh one.
 */
public final class Barrier {
    private final int parties;
    private final Runnable action;
    /** Default timeout in nanos, or -1 for none. */
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.locks.Condition trip = lock.newCondition();
    /** Guarded by lock. */
    private Generation generation = new Generation();
    /** Threads arrived in the current generation. Guarded by lock. */
    private int arrived;

    private static final class Generation {
        boolean broken;
    }

    /**
     * Creates a barrier for {@code parties} threads, with no action and no default timeout.
     *
     * @param parties how many threads each round waits for, {@code >= 1}
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        this(parties, null, null);
    }

    /**
     * Creates a barrier with an action and a default timeout.
     *
     * @param parties how many threads each round waits for, {@code >= 1}
     * @param action run once per round by the last thread to arrive, before the others go on; may
     *     be {@code null}
     * @param timeout the default timeout of {@link #await()}; {@code null} for none
     * @throws IllegalArgumentException if {@code parties < 1} or {@code timeout} is negative
     */
    public Barrier(int parties, Runnable action, Duration timeout) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties: " + parties + " (expected: >= 1)");
        }
        this.parties = parties;
        this.action = action;
        this.timeoutNanos = timeout == null ? -1L : Timeouts.toNanos(timeout);
    }

    /**
     * Waits until all parties have called {@code await} on this barrier, or the default timeout
     * elapses. The thread lies dormant until the last party arrives, the barrier breaks, the timeout
     * elapses (which breaks it), or it is interrupted (which breaks it).
     *
     * @return the arrival index, {@code 0} to {@code parties - 1}
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapses
     * @throws InterruptedException if interrupted while waiting
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        return doAwait(timeoutNanos);
    }

    /**
     * As {@link #await()}, with this timeout instead of the default one.
     *
     * @param timeout how long to wait for the other parties
     * @return the arrival index
     * @throws BrokenBarrierException if the barrier is or becomes broken, or the timeout elapses
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public int await(Duration timeout) throws InterruptedException, BrokenBarrierException {
        return doAwait(Timeouts.toNanos(timeout));
    }

    private int doAwait(long nanos) throws InterruptedException, BrokenBarrierException {
        boolean timed = nanos >= 0L;
        lock.lockInterruptibly();
        try {
            Generation current = generation;
            if (current.broken) {
                throw new BrokenBarrierException();
            }
            if (Thread.interrupted()) {
                breakBarrier();
                throw new InterruptedException();
            }
            int index = arrived++;
            if (arrived == parties) {
                runActionAndRelease();
                return index;
            }
            long deadline = timed ? Timeouts.deadline(nanos) : 0L;
            while (true) {
                try {
                    if (!timed) {
                        trip.await();
                    } else {
                        long remaining = deadline - System.nanoTime();
                        if (remaining > 0L) {
                            trip.awaitNanos(remaining);
                        }
                    }
                } catch (InterruptedException interrupted) {
                    if (current == generation && !current.broken) {
                        breakBarrier();
                        throw interrupted;
                    }
                    // The round ended as we were interrupted: finish it, keep the interrupt.
                    Thread.currentThread().interrupt();
                }
                if (current.broken) {
                    throw new BrokenBarrierException();
                }
                if (current != generation) {
                    return index;
                }
                if (timed && deadline - System.nanoTime() <= 0L) {
                    breakBarrier();
                    throw new BrokenBarrierException();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Call only when holding lock. */
    private void runActionAndRelease() {
        if (action != null) {
            try {
                action.run();
            } catch (RuntimeException | Error failure) {
                breakBarrier();
                throw failure;
            }
        }
        generation = new Generation();
        arrived = 0;
        trip.signalAll();
    }

    /** Call only when holding lock. */
    private void breakBarrier() {
        generation.broken = true;
        arrived = 0;
        trip.signalAll();
    }

    /**
     * Returns the barrier to its initial state: threads waiting in it now get
     * {@link BrokenBarrierException}, and a broken barrier is usable again.
     */
    public void reset() {
        lock.lock();
        try {
            breakBarrier();
            generation = new Generation();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Breaks the barrier: threads waiting in it now, and every later {@code await} until
     * {@link #reset()}, get {@link BrokenBarrierException}.
     */
    public void abort() {
        lock.lock();
        try {
            breakBarrier();
        } finally {
            lock.unlock();
        }
    }

    /** How many threads each round waits for. */
    public int parties() {
        return parties;
    }

    /** How many threads wait in the current round now; 0 when broken. */
    public int waiting() {
        lock.lock();
        try {
            return generation.broken ? 0 : arrived;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the barrier is broken. */
    public boolean isBroken() {
        lock.lock();
        try {
            return generation.broken;
        } finally {
            lock.unlock();
        }
    }

    /** Shows the state: {@code Barrier[waiting=2/5]} or {@code Barrier[broken, parties=5]}. */
    @Override
    public String toString() {
        lock.lock();
        try {
            return generation.broken
                    ? "Barrier[broken, parties=" + parties + "]"
                    : "Barrier[waiting=" + arrived + "/" + parties + "]";
        } finally {
            lock.unlock();
        }
    }
}
