package io.bingfa;

/**
 * A piece of work with no result that may throw checked exceptions: Python's {@code target} of a
 * {@code Thread}, {@code Timer} or {@code Process}.
 */
@FunctionalInterface
public interface Action {
    /**
     * Does the work.
     *
     * @throws Exception if the work fails; a thread started by {@code Threads} passes it to the
     *     except hook
     */
    void run() throws Exception;
}
