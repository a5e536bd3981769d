package io.bingfa.threading;

/**
 * A held lock, semaphore permit or condition, released by {@link #close()}: Python's
 * {@code with lock:} as {@code try (var held = lock.hold()) { ... }}. Close it exactly once.
 */
@FunctionalInterface
public interface Held extends AutoCloseable {
    /** Releases what {@code hold()} acquired. */
    @Override
    void close();
}
