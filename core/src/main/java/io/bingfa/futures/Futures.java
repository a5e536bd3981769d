package io.bingfa.futures;

import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Python's module functions {@code concurrent.futures.wait} and {@code as_completed}.
 *
 * <p>Both count a future as done when it finished, or when it was cancelled <em>and</em> its
 * executor was notified ({@code CANCELLED_AND_NOTIFIED}); a future cancelled by hand but never
 * handed to {@link SettableFuture#setRunningOrNotifyCancel()} stays "not done" for them, as in
 * CPython. The same future given twice counts once.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread that completes a future happen-before
 * {@code wait} returns it in {@code done()} and before {@code asCompleted} yields it.
 */
/*
 * Implementation: one queue of "something happened to this future" events per call, fed by the
 * futures' waiters (SettableFuture) or done callbacks (other Future implementations); the caller
 * re-checks the state on each event. Waiters are removed when the call ends.
 */
public final class Futures {
    private Futures() {}

    /**
     * Waits for the futures until {@code returnWhen} is met or the timeout elapses, and returns
     * which are done and which not. The thread lies dormant until the condition holds, the timeout
     * elapses, or it is interrupted. A timeout does not throw: the result simply has futures in
     * {@code notDone()} (Python's {@code wait} returns in the same way).
     *
     * @param futures the futures; duplicates count once
     * @param timeout how long to wait; {@code Duration.ZERO} only looks
     * @param returnWhen when to return
     * @throws InterruptedException if interrupted while waiting
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static DoneAndNotDone wait(Collection<? extends Future<?>> futures, Duration timeout,
            ReturnWhen returnWhen) throws InterruptedException {
        return doWait(futures, Timeouts.toNanos(timeout), returnWhen);
    }

    /**
     * Waits, with no timeout, until {@code returnWhen} is met, and returns which futures are done
     * and which not. The thread lies dormant until the condition holds or it is interrupted.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public static DoneAndNotDone wait(Collection<? extends Future<?>> futures, ReturnWhen returnWhen)
            throws InterruptedException {
        return doWait(futures, Long.MAX_VALUE, returnWhen);
    }

    private static DoneAndNotDone doWait(Collection<? extends Future<?>> futures, long nanos,
            ReturnWhen returnWhen) throws InterruptedException {
        Objects.requireNonNull(returnWhen, "returnWhen");
        Set<Future<?>> all = new LinkedHashSet<>(futures);
        long deadline = Timeouts.deadline(nanos);
        Events events = new Events();
        try {
            for (Future<?> f : all) {
                events.watch(f);
            }
            while (true) {
                Set<Future<?>> done = new LinkedHashSet<>();
                Set<Future<?>> notDone = new LinkedHashSet<>();
                boolean failed = false;
                for (Future<?> f : all) {
                    if (isFinished(f)) {
                        done.add(f);
                        failed |= raised(f);
                    } else {
                        notDone.add(f);
                    }
                }
                boolean met = switch (returnWhen) {
                    case FIRST_COMPLETED -> !done.isEmpty();
                    case FIRST_EXCEPTION -> failed;
                    case ALL_COMPLETED -> false;
                };
                if (met || notDone.isEmpty()) {
                    return new DoneAndNotDone(done, notDone);
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                    return new DoneAndNotDone(done, notDone);
                }
                events.poll(remaining);
            }
        } finally {
            events.close();
        }
    }

    /**
     * Returns the futures as they complete: first those already done, then each as it finishes
     * (or is cancelled and notified), each only once. Iterating waits: {@code hasNext()} and
     * {@code next()} lie dormant until a future completes or the timeout, measured from this call,
     * elapses, and then throw {@link FuturesTimeoutException} ("N (of M) futures unfinished"). The
     * iterator does not keep the futures it has yielded.
     *
     * <p>An interrupt while iterating ends the wait with a {@link FuturesTimeoutException} whose
     * cause is the {@link InterruptedException}; the thread's interrupt status is set again.
     *
     * @param futures the futures; duplicates are yielded once
     * @param timeout how long to wait in all; {@code Duration.ZERO} yields only those already done
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static <V> Iterable<Future<V>> asCompleted(Collection<? extends Future<V>> futures,
            Duration timeout) {
        long deadline = Timeouts.deadline(Timeouts.toNanos(timeout));
        List<Future<V>> copy = List.copyOf(new LinkedHashSet<>(futures));
        return () -> new Completed<>(copy, deadline);
    }

    /** {@link #asCompleted(Collection, Duration)} with no timeout. */
    public static <V> Iterable<Future<V>> asCompleted(Collection<? extends Future<V>> futures) {
        List<Future<V>> copy = List.copyOf(new LinkedHashSet<>(futures));
        return () -> new Completed<>(copy, Timeouts.deadline(Long.MAX_VALUE));
    }

    private static final class Completed<V> implements Iterator<Future<V>> {
        private final Set<Future<V>> pending;
        private final int total;
        private final long deadline;
        private final Events events = new Events();
        private Future<V> next;
        private boolean closed;

        Completed(List<Future<V>> futures, long deadline) {
            this.pending = new LinkedHashSet<>(futures);
            this.total = futures.size();
            this.deadline = deadline;
            for (Future<V> f : futures) {
                events.watch(f);
            }
        }

        @Override
        public boolean hasNext() {
            if (next != null) {
                return true;
            }
            if (pending.isEmpty()) {
                close();
                return false;
            }
            while (true) {
                for (Iterator<Future<V>> it = pending.iterator(); it.hasNext(); ) {
                    Future<V> f = it.next();
                    if (isFinished(f)) {
                        it.remove();
                        events.unwatch(f);
                        next = f;
                        return true;
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    close();
                    throw new FuturesTimeoutException(pending.size(), total);
                }
                try {
                    events.poll(remaining);
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    FuturesTimeoutException t = new FuturesTimeoutException(pending.size(), total);
                    t.initCause(e);
                    throw t;
                }
            }
        }

        @Override
        public Future<V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Future<V> f = next;
            next = null;
            return f;
        }

        private void close() {
            if (!closed) {
                closed = true;
                events.close();
            }
        }
    }

    /** Whether {@code wait} and {@code asCompleted} count {@code f} as done. */
    static boolean isFinished(Future<?> f) {
        if (f instanceof SettableFuture<?> s) {
            SettableFuture.PyState st = s.pyState();
            return st == SettableFuture.PyState.FINISHED
                    || st == SettableFuture.PyState.CANCELLED_AND_NOTIFIED;
        }
        return f.isDone();
    }

    private static boolean raised(Future<?> f) {
        return !f.isCancelled() && f.state() == java.util.concurrent.Future.State.FAILED;
    }

    /** The events of one call: a queue fed by the futures' waiters. */
    private static final class Events {
        private final LinkedBlockingQueue<Future<?>> queue = new LinkedBlockingQueue<>();
        private final Consumer<Future<?>> waiter = queue::add;
        private final Set<SettableFuture<?>> watched = new LinkedHashSet<>();
        private volatile boolean closed;

        void watch(Future<?> f) {
            if (f instanceof SettableFuture<?> s) {
                if (s.addWaiter(waiter)) {
                    watched.add(s);
                }
            } else {
                f.addDoneCallback(done -> {
                    if (!closed) {
                        queue.add(done);
                    }
                });
            }
        }

        void unwatch(Future<?> f) {
            if (f instanceof SettableFuture<?> s && watched.remove(s)) {
                s.removeWaiter(waiter);
            }
        }

        void poll(long nanos) throws InterruptedException {
            Future<?> first = queue.poll(nanos, TimeUnit.NANOSECONDS);
            if (first != null) {
                queue.clear(); // the caller re-checks every future anyway
            }
        }

        void close() {
            closed = true;
            for (SettableFuture<?> s : watched) {
                s.removeWaiter(waiter);
            }
            watched.clear();
            queue.clear();
        }
    }
}
