package io.bingfa.asyncio;

/**
 * The body of an asyncio task (Python's coroutine function): ordinary blocking-style code that runs
 * in a {@link Task} of an {@link EventLoop} and may throw checked exceptions. Its await points are
 * {@link Asyncio#sleep}, {@link Future#result()} and the other waits of this package.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface AsyncTask<T> {
    /** Runs the task's body in its task, returning its result. */
    T call() throws Exception;
}
