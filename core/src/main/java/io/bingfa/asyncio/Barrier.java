package io.bingfa.asyncio;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CancellationException;

/**
 * Python's {@code asyncio.Barrier} (3.11): a meeting point for a fixed number of tasks of one
 * {@link EventLoop}. Each calls {@link #await()}; all are released together when the last arrives,
 * and the barrier is reusable.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>Java</th><th>waits</th></tr>
 * <tr><td>{@code await barrier.wait()}, {@code async with barrier as i}</td><td>{@link #await()}</td><td>yes, in a task</td></tr>
 * <tr><td>{@code await reset()}, {@code await abort()}</td><td>{@link #reset()}, {@link #abort()}</td><td>no (see below)</td></tr>
 * <tr><td>{@code parties}, {@code n_waiting}, {@code broken}</td><td>{@link #parties()}, {@link #waiting()}, {@link #isBroken()}</td><td>no</td></tr>
 * </table>
 *
 * <p>{@link #await()} suspends the task until one of these happens: the last party arrives (each gets
 * a unique index 0..parties-1), the barrier is reset or aborted ({@link BrokenBarrierException}), or
 * the task is cancelled (it leaves, and {@link #waiting()} drops by one). A task arriving while the
 * previous round drains or resets waits for that to finish first. {@link #reset()} breaks the current
 * round (its waiters get {@code BrokenBarrierException}) and leaves the barrier usable;
 * {@link #abort()} breaks it until the next {@code reset()}. In Python these two are coroutines
 * because they take the internal lock; here they need not wait, as no task holds it across an await.
 *
 * <p>States, as {@code toString()} shows them ({@code Barrier[filling, waiters:2/5]}):
 * <pre>
 *   filling --last party arrives--> draining --all parties left--> filling
 *   filling/draining --reset() with waiters--> resetting --all left--> filling
 *   any --abort()--> broken --reset()--> filling (or resetting while tasks are still leaving)
 * </pre>
 *
 * <p><b>Memory consistency effects:</b> everything each party did before {@link #await()}
 * happens-before every party returns from it; see the package documentation.
 */
public final class Barrier extends LoopBound {
    private enum State { FILLING, DRAINING, RESETTING, BROKEN }

    private final int parties;
    private final Condition cond = new Condition();
    private State state = State.FILLING;
    private int count;

    /**
     * Creates a barrier for {@code parties} tasks.
     *
     * @throws IllegalArgumentException if {@code parties < 1}
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties: " + parties + " (expected: >= 1)");
        }
        this.parties = parties;
    }

    /**
     * Waits until all parties have arrived, and returns this task's arrival index (0 for the first,
     * {@code parties - 1} for the last). The task lies dormant until the last party arrives, the
     * barrier is reset or aborted, or the task is cancelled.
     *
     * @throws BrokenBarrierException if the barrier is broken, or is reset or aborted while waiting
     * @throws CancellationException if the task is cancelled while waiting
     * @throws IllegalStateException if the caller is not a task of the barrier's loop
     */
    public int await() throws BrokenBarrierException {
        checkLoop();
        cond.acquire();
        try {
            cond.awaitUntil(() -> state != State.DRAINING && state != State.RESETTING);
            if (state == State.BROKEN) {
                throw new BrokenBarrierException("Barrier aborted");
            }
            int index = count++;
            try {
                if (index + 1 == parties) {
                    state = State.DRAINING; // release everyone; latecomers wait for the drain
                    cond.wakeUp(Integer.MAX_VALUE);
                } else {
                    cond.awaitUntil(() -> state != State.FILLING);
                    if (state == State.BROKEN || state == State.RESETTING) {
                        throw new BrokenBarrierException("Abort or reset of barrier");
                    }
                }
                return index;
            } finally {
                count--;
                exit();
            }
        } finally {
            cond.release();
        }
    }

    /** The last task out ends draining or resetting and wakes the tasks waiting for that. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.wakeUp(Integer.MAX_VALUE);
        }
    }

    /**
     * Returns the barrier to its empty state, never waiting: tasks waiting in it get
     * {@link BrokenBarrierException}, and a broken barrier is usable again.
     */
    public void reset() {
        checkLoop();
        if (count > 0) {
            state = State.RESETTING;
        } else {
            state = State.FILLING;
        }
        cond.wakeUp(Integer.MAX_VALUE);
    }

    /**
     * Breaks the barrier, never waiting: current and future {@link #await()} calls get
     * {@link BrokenBarrierException} until {@link #reset()}.
     */
    public void abort() {
        checkLoop();
        state = State.BROKEN;
        cond.wakeUp(Integer.MAX_VALUE);
    }

    /** The number of tasks needed to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** The number of tasks waiting in the barrier while it fills (Python's {@code n_waiting}). */
    public int waiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether the barrier is broken (aborted and not reset). */
    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** Shows the state: {@code Barrier[filling, waiters:2/5]}. */
    @Override
    public String toString() {
        String s = state.name().toLowerCase(java.util.Locale.ROOT);
        String waiters = state == State.BROKEN ? "" : ", waiters:" + waiting() + "/" + parties;
        return "Barrier[" + s + waiters + "]";
    }
}
