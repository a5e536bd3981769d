package io.bingfa.futures;

import io.bingfa.TaskFunction;
import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** The iterator behind {@link Executor#map}: futures submitted eagerly, consumed in input order. */
final class MapResults<R> implements MapIterator<R> {
    /** Futures not yet yielded, in input order; the head is dropped before its result is returned. */
    private final ArrayDeque<Future<? extends R>> futures;
    private final int total;
    private final long deadline;
    /** False for map() without a timeout: results are then awaited without a deadline. */
    private final boolean timed;

    private MapResults(ArrayDeque<Future<? extends R>> futures, long deadline, boolean timed) {
        this.futures = futures;
        this.total = futures.size();
        this.deadline = deadline;
        this.timed = timed;
    }

    static <T, R> MapResults<R> start(Executor executor, TaskFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, long timeoutNanos) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        long deadline = Timeouts.deadline(timeoutNanos); // measured from the call, as CPython
        ArrayDeque<Future<? extends R>> futures = new ArrayDeque<>();
        try {
            for (T item : items) {
                futures.add(executor.submit(() -> fn.apply(item)));
            }
        } catch (RuntimeException | Error e) {
            for (Future<? extends R> f : futures) {
                f.cancel();
            }
            throw e;
        }
        return new MapResults<>(futures, deadline, timeoutNanos != Long.MAX_VALUE);
    }

    @Override
    public boolean hasNext() {
        return !futures.isEmpty();
    }

    @Override
    public R next() {
        Future<? extends R> f = futures.pollFirst();
        if (f == null) {
            throw new NoSuchElementException();
        }
        try {
            if (!timed) {
                return f.result();
            }
            long remaining = deadline - System.nanoTime();
            return f.result(Duration.ofNanos(Math.max(0L, remaining)));
        } catch (TimeoutException e) {
            // A TimeoutException thrown BY the call arrives as the cause of a CompletionException
            // and is not caught here; this one is the map's own deadline.
            int unfinished = futures.size() + 1;
            f.cancel();
            close();
            throw new FuturesTimeoutException(unfinished, total);
        } catch (InterruptedException e) {
            f.cancel();
            close();
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    @Override
    public void close() {
        Future<? extends R> f;
        while ((f = futures.pollLast()) != null) { // last first: workers take from the front
            f.cancel();
        }
    }
}
