package io.bingfa.asyncio;

import java.util.Collection;
import java.util.concurrent.CancellationException;

/**
 * The loop binding shared by the asyncio synchronisation primitives (Python's
 * {@code mixins._LoopBoundMixin}): a primitive binds to the loop of the first task or loop callback
 * that uses it, and refuses every later use from anywhere else.
 */
/*
 * The bound loop is written once, in the loop context of that loop; the volatile makes a misuse from
 * another thread see it. Every other field of a primitive is loop-confined and needs no lock: tasks
 * of one loop never run at the same time, and each primitive changes its state only between awaits.
 */
abstract class LoopBound {
    private volatile EventLoop loop;

    LoopBound() {}

    /** Bound to {@code loop} from the start (a stream made by the loop's own transport). */
    LoopBound(EventLoop loop) {
        this.loop = java.util.Objects.requireNonNull(loop, "loop");
    }

    /**
     * Returns the loop this primitive is bound to, binding it to the caller's loop at first use.
     *
     * @throws IllegalStateException outside an event loop, or in a task or callback of another loop
     */
    final EventLoop checkLoop() {
        EventLoop current = EventLoop.current();
        if (current == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " is loop-confined: use it"
                    + " from a task or callback of its event loop, not from thread "
                    + Thread.currentThread().getName() + " (hand work in with callSoonThreadsafe)");
        }
        EventLoop bound = loop;
        if (bound == null) {
            checkCompatible(current);
            loop = current;
            return current;
        }
        if (bound != current) {
            throw new IllegalStateException(this + " is bound to a different event loop");
        }
        return bound;
    }

    /** The loop this primitive is bound to, or null before its first use. */
    final EventLoop boundLoop() {
        return loop;
    }

    /** Hook: refuse to bind to {@code candidate} (a Condition whose Lock is bound elsewhere). */
    void checkCompatible(EventLoop candidate) {}

    /**
     * Awaits {@code waiter} in the current task (Python's {@code await fut}).
     *
     * @throws CancellationException if the task is cancelled meanwhile, or the waiter was cancelled
     * @throws IllegalStateException if the caller is not a task (the loop thread must not wait)
     */
    static void await(Future<?> waiter, String what) {
        if (Task.current() == null) {
            throw new IllegalStateException(what + " waits: call it from a task of the event loop,"
                    + " not from a loop callback (the wait would stall the loop)");
        }
        try {
            waiter.awaitDone(-1L);
        } catch (InterruptedException e) { // not thrown in a task: tasks are stopped by cancel()
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted");
        }
        waiter.outcome();
    }

    /** Whether every future in {@code waiters} is cancelled (true when there are none). */
    static boolean allCancelled(Collection<? extends Future<?>> waiters) {
        for (Future<?> w : waiters) {
            if (!w.isCancelled()) {
                return false;
            }
        }
        return true;
    }
}
