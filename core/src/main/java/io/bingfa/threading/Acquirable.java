package io.bingfa.threading;

import java.time.Duration;

/**
 * What Python code calls "the lock protocol": {@link Lock}, {@link RLock}, {@link Condition},
 * {@link Semaphore} and {@link BoundedSemaphore} can all be acquired, tried, released and held
 * with {@code try}-with-resources.
 *
 * <table class="striped">
 * <caption>Method forms</caption>
 * <tr><th>Python</th><th>blocks</th><th>does not wait</th><th>times out</th><th>releases</th></tr>
 * <tr><td>{@code acquire()}, {@code acquire(False)}, {@code acquire(timeout=t)}, {@code release()}, {@code with}</td>
 *     <td>{@link #acquire()}</td><td>{@link #tryAcquire()}</td><td>{@link #tryAcquire(Duration)}</td>
 *     <td>{@link #release()}, {@link #hold()}</td></tr>
 * </table>
 */
public interface Acquirable {
    /**
     * Acquires, waiting until it is available. The thread lies dormant until it acquires or is
     * interrupted.
     *
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    void acquire() throws InterruptedException;

    /**
     * Acquires only if available at the time of the call, without waiting.
     *
     * @return {@code true} if acquired, {@code false} otherwise
     */
    boolean tryAcquire();

    /**
     * Acquires, waiting at most {@code timeout}. The thread lies dormant until it acquires, the
     * timeout elapses, or it is interrupted.
     *
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @return {@code true} if acquired, {@code false} if the timeout elapsed first
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    boolean tryAcquire(Duration timeout) throws InterruptedException;

    /** Releases what was acquired. */
    void release();

    /**
     * Acquires, waiting as {@link #acquire()} does, and returns a {@link Held} that releases on
     * {@code close()}: {@code try (var held = lock.hold()) { ... }} is Python's {@code with lock:}.
     *
     * @return the handle that releases
     * @throws InterruptedException if the current thread is interrupted while waiting
     */
    default Held hold() throws InterruptedException {
        acquire();
        return this::release;
    }
}
