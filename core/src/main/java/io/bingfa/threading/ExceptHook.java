package io.bingfa.threading;

/**
 * Receives the exception that ended a thread started by {@link Threads} or a {@link Timer}: Python's
 * {@code threading.excepthook}. Install one with {@link Threads#setExceptHook(ExceptHook)}.
 */
@FunctionalInterface
public interface ExceptHook {
    /**
     * Handles an uncaught exception.
     *
     * @param thread the thread it ended
     * @param exception what it threw
     */
    void handle(Thread thread, Throwable exception);
}
