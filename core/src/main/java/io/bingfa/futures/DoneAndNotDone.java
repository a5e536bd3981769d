package io.bingfa.futures;

import java.util.Set;

/**
 * What {@link Futures#wait} returns: Python's {@code DoneAndNotDoneFutures} named tuple. Both sets
 * are unmodifiable; together they hold each future given to {@code wait} exactly once.
 *
 * @param done the futures that finished or were cancelled (and notified)
 * @param notDone the futures still pending or running
 */
public record DoneAndNotDone(Set<Future<?>> done, Set<Future<?>> notDone) {
    /** Copies both sets into unmodifiable ones. */
    public DoneAndNotDone {
        done = Set.copyOf(done);
        notDone = Set.copyOf(notDone);
    }
}
