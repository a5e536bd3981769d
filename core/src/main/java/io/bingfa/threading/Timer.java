package io.bingfa.threading;

import io.bingfa.Action;
import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.Objects;

/**
 * Python's {@code threading.Timer}: runs an action once, in its own thread, after an interval,
 * unless {@link #cancel() cancelled} first.
 *
 * <pre>{@code
 * Timer reminder = new Timer(Duration.ofSeconds(30), () -> System.out.println("time's up"));
 * reminder.start();
 * reminder.cancel();   // before 30 s: the action never runs
 * }</pre>
 *
 * <p>States: NEW -> (start) WAITING -> RUNNING the action -> FINISHED; or WAITING -> (cancel)
 * FINISHED without running it. {@code cancel()} after the action has started does not stop it. An
 * exception from the action goes to {@link Threads#exceptHook()}.
 */
public final class Timer {
    private final long intervalNanos;
    private final Event finished = new Event();
    /** Set when the action starts, for toString(). */
    private volatile boolean running;
    private final Thread thread;

    /**
     * Creates a timer; it does nothing until {@link #start()}.
     *
     * @param interval how long to wait before running the action
     * @param action what to run
     * @throws IllegalArgumentException if {@code interval} is negative
     */
    public Timer(Duration interval, Action action) {
        this.intervalNanos = Timeouts.toNanos(interval);
        Objects.requireNonNull(action, "action");
        this.thread = Thread.ofPlatform().name(Threads.nextName()).unstarted(Threads.runnable(() -> {
            try {
                if (!finished.await(Duration.ofNanos(intervalNanos))) {
                    running = true;
                    action.run();
                }
            } finally {
                finished.set();
            }
        }));
    }

    /**
     * Starts the timer's thread. Returns at once.
     *
     * @throws IllegalStateException if already started ("threads can only be started once")
     */
    public void start() {
        try {
            thread.start();
        } catch (IllegalThreadStateException again) {
            throw new IllegalStateException("threads can only be started once", again);
        }
    }

    /** Stops the timer if it is still waiting: the action will not run. Does nothing otherwise. */
    public void cancel() {
        finished.set();
    }

    /**
     * Waits until the timer's thread ends. The thread lies dormant until it ends or the current
     * thread is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the timer was never started, or if called from the timer's
     *     own thread ("cannot join current thread")
     */
    public void join() throws InterruptedException {
        checkJoinable();
        thread.join();
    }

    /**
     * Waits at most {@code timeout} for the timer's thread to end.
     *
     * @param timeout how long to wait
     * @return {@code true} if it has ended, {@code false} if the timeout elapsed first (Python
     *     returns None and wants {@code is_alive()} checked; this answers the same question)
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalStateException if the timer was never started, or if called from the timer's
     *     own thread ("cannot join current thread")
     */
    public boolean join(Duration timeout) throws InterruptedException {
        checkJoinable();
        return thread.join(Duration.ofNanos(Timeouts.toNanos(timeout)));
    }

    /** Whether the timer's thread is running (waiting or running the action). */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** The timer's thread. */
    public Thread thread() {
        return thread;
    }

    private void checkJoinable() {
        if (thread.getState() == Thread.State.NEW) {
            throw new IllegalStateException("cannot join thread before it is started");
        }
        if (Thread.currentThread() == thread) {
            // The action joining its own timer would wait forever (Python: RuntimeError).
            throw new IllegalStateException("cannot join current thread");
        }
    }

    /** Shows the state: {@code Timer[Thread-3, waiting]}. */
    @Override
    public String toString() {
        String state = thread.getState() == Thread.State.NEW ? "initial"
                : !thread.isAlive() ? "finished"
                : running ? "running" : finished.isSet() ? "cancelled" : "waiting";
        return "Timer[" + thread.getName() + ", " + state + "]";
    }
}
