package io.bingfa.asyncio;

/**
 * Python's {@code asyncio.TimerHandle}: a callback scheduled for a loop time by
 * {@link EventLoop#callLater} or {@link EventLoop#callAt}. Thread-safe.
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    /** The deadline on the {@link System#nanoTime()} scale. */
    final long whenNanos;
    private final long seq;

    TimerHandle(long whenNanos, long seq, Runnable callback) {
        super(callback);
        this.whenNanos = whenNanos;
        this.seq = seq;
    }

    /** The loop time ({@link EventLoop#time()}) at which the callback is due. */
    public double when() {
        return EventLoop.toLoopTime(whenNanos);
    }

    @Override
    public int compareTo(TimerHandle o) {
        int c = Long.compare(whenNanos - o.whenNanos, 0L);
        return c != 0 ? c : Long.compare(seq, o.seq);
    }
}
