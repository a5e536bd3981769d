package io.bingfa.threading;

import java.util.List;

/** A lock whose holder the deadlock detector can see. Implemented by the syncs of Lock and RLock. */
interface TrackedLock {
    /** The thread that holds the lock now (for a {@link Lock}: the one that last acquired it), or null. */
    Thread holder();

    /** Where the holder acquired it; empty unless sites are tracked. */
    List<StackTraceElement> acquiredAt();

    /** How the lock shows in a report: {@code Lock("noodle")}. */
    String describe();
}
