package io.bingfa.threading;

import java.util.List;

/**
 * Deadlocks reported, not silent: cycle detection over threads blocked acquiring bingfa
 * {@link Lock}s and {@link RLock}s (directly or through a {@link Condition}'s acquire; the re-acquire
 * at the end of a condition wait is not tracked).
 *
 * <p>{@link #find()} looks at the threads waiting now and returns every cycle: a watchdog, a test or
 * a debugging session calls it when something seems stuck. With {@link #detect(boolean) detect(true)}
 * (or {@code -Dbingfa.deadlock=raise}) the acquire that would close a cycle throws a
 * {@link DeadlockException} naming it instead of hanging.
 *
 * <p>A {@link Lock} has no owner in Python's sense (any thread may release it); for the detector it
 * is held by the thread that last acquired it. Code that releases a Lock from another thread on
 * purpose (a Lock used as a signal) should use a {@link Semaphore} or {@link Event} when detection
 * is on. Semaphores, conditions, events and barriers have no holder and so are not in the graph: a
 * thread waiting on them is not part of a reported cycle.
 *
 * <p>Cost: none on an uncontended acquire beyond one volatile read; one map entry per blocked
 * acquire; recording acquisition sites (tracking, raising) adds a short stack walk to every acquire.
 */
public final class Deadlocks {
    private Deadlocks() {}

    /**
     * Returns the cycles among threads blocked on bingfa locks right now, each once. Empty when
     * there is none. Does not wait.
     */
    public static List<DeadlockCycle> find() {
        return WaitRegistry.findCycles();
    }

    /**
     * Turns raising on or off. When on, an untimed acquire that would close a cycle throws
     * {@link DeadlockException}; acquisition sites are recorded, so reports say where each lock was
     * taken. Timed acquires never throw it (they end by themselves).
     *
     * @param raise {@code true} to throw instead of hanging
     */
    public static void detect(boolean raise) {
        WaitRegistry.mode = raise ? WaitRegistry.RAISE : WaitRegistry.TRACK;
    }

    /**
     * Records (or stops recording) where each lock is acquired, for {@link #find()}'s reports,
     * without raising. Turning it off also turns raising off.
     *
     * @param track {@code true} to record acquisition sites
     */
    public static void trackSites(boolean track) {
        WaitRegistry.mode = track ? WaitRegistry.TRACK : WaitRegistry.OFF;
    }

    /** Whether an acquire that would close a cycle throws. */
    public static boolean isDetecting() {
        return WaitRegistry.mode == WaitRegistry.RAISE;
    }
}
