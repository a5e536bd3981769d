package io.bingfa.multiprocessing;

import java.time.Duration;

/**
 * Python's {@code multiprocessing.JoinableQueue}: a {@link ProcessQueue} with task accounting
 * shared by all processes. Every put adds an unfinished task, {@link #taskDone()} (in any process)
 * retires one, and {@link #join()} waits until none is left.
 *
 * <p>Items are copied between processes, as in {@link ProcessQueue}. A process's own buffered
 * puts reach the queue before its {@code taskDone()} or {@code join()} does.
 *
 * <p><b>Memory consistency effects:</b> actions in a process before {@code taskDone()}
 * happen-before the return of a {@code join()} that it ends; values are copied, not shared.
 *
 * @param <E> the element type
 */
public class JoinableProcessQueue<E> extends ProcessQueue<E> {
    private static final long serialVersionUID = 1L;

    /** Creates an unbounded joinable queue hosted by this process ({@code JoinableQueue()}). */
    public JoinableProcessQueue() {
        super(0);
    }

    /** Creates a joinable queue of at most {@code maxsize} items (0 or less: unbounded). */
    public JoinableProcessQueue(int maxsize) {
        super(maxsize);
    }

    JoinableProcessQueue(ProxyRef ref) {
        super(ref);
    }

    @Override
    String kind() {
        return "joinable";
    }

    /**
     * Marks one item taken from the queue as done ({@code task_done()}). Does not wait for other
     * processes, only for this call to reach the host.
     *
     * @throws IllegalStateException if called more times than items were put ("task_done() called
     *     too many times")
     */
    public void taskDone() {
        open();
        if (local() != null) {
            local().taskDone();
        } else {
            remote().callQuick("taskDone");
        }
    }

    /**
     * The number of unfinished tasks: items put (by any process) and not yet marked done. A
     * snapshot.
     */
    public long unfinishedTasks() {
        open();
        return local() != null ? local().unfinishedTasks() : (Long) remote().callQuick("unfinishedTasks");
    }

    /**
     * Waits until every item put (by any process) has been marked done. The thread lies dormant
     * until the count of unfinished tasks reaches zero or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     */
    public void join() throws InterruptedException {
        open();
        if (local() != null) {
            local().join();
        } else {
            remote().call("join");
        }
    }

    /**
     * Waits at most {@code timeout} until every item put has been marked done.
     *
     * @return {@code true} if all tasks were done, {@code false} if the timeout elapsed first
     * @throws InterruptedException if interrupted while waiting; the interrupt status is cleared
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public boolean join(Duration timeout) throws InterruptedException {
        checkTimeout(timeout);
        open();
        return local() != null ? local().join(timeout) : (Boolean) remote().call("join", timeout);
    }
}
