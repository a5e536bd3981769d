package io.bingfa;

/**
 * A computation that returns a value and may throw, the counterpart of a Python callable passed as
 * {@code target} or to {@code submit}. Unlike {@link java.util.concurrent.Callable} it is the one
 * shape every bingfa module takes, so a lambda written for a thread pool also fits a process pool
 * (through {@link SerializableTask}).
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface Task<V> {
    /**
     * Computes the result.
     *
     * @return the result
     * @throws Exception if the computation fails; the caller decides how to report it
     */
    V call() throws Exception;
}
