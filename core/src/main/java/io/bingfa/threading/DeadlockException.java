package io.bingfa.threading;

/**
 * Thrown, when deadlock detection is on ({@link Deadlocks#detect(boolean)}), by the acquire that
 * would close a cycle of threads waiting for each other's locks, instead of letting all of them
 * hang. The thread that gets it has not acquired the lock and still holds what it held before: a
 * {@code try}-with-resources around its other locks releases them, and the other threads of the
 * cycle go on.
 */
public class DeadlockException extends IllegalMonitorStateException {
    private static final long serialVersionUID = 1L;

    private final transient DeadlockCycle cycle;

    /**
     * Creates the exception for a cycle.
     *
     * @param cycle the cycle the acquire would have closed
     */
    public DeadlockException(DeadlockCycle cycle) {
        super(cycle.report());
        this.cycle = cycle;
    }

    /** The cycle the acquire would have closed. */
    public DeadlockCycle cycle() {
        return cycle;
    }
}
