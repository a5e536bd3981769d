package io.bingfa.asyncio;

/**
 * How an {@link EventLoop} runs its tasks, one at a time. Which one a JVM uses by default is
 * {@link EventLoop#defaultSchedulerPath()}; see the package documentation.
 */
public enum SchedulerPath {
    /**
     * Each task is a virtual thread whose only carrier is the loop's own platform thread, through
     * the JDK's package-private {@code ThreadBuilders.VirtualThreadBuilder(Executor)}. Needs
     * {@code --add-opens java.base/java.lang=ALL-UNNAMED}. Any park of a task (bingfa's blocking
     * primitives included) gives the loop thread back.
     */
    LOOP_CARRIER,

    /**
     * Public API only: each task is a virtual thread on the default scheduler, and the loop hands a
     * single baton to one task at a time at every await point of this package. A task parked in a
     * wait that is not an await point (a {@code threading.Lock}) keeps the baton and stalls the loop.
     */
    HANDOFF
}
