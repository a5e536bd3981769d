package io.bingfa.multiprocessing;

import io.bingfa.futures.SettableFuture;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/** Where the chunks of Pool calls deliver: one async result, a whole list, or an iterator. */
final class PoolTaskResults {
    private static final System.Logger LOG = System.getLogger(Pool.class.getName());

    private PoolTaskResults() {}

    static void callSafely(Consumer<Object> callback, Object value, String what) {
        if (callback == null) {
            return;
        }
        try {
            callback.accept(value);
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.ERROR, "exception in the " + what + " of a pool task", t);
        }
    }

    /** applyAsync: the single item's result; callbacks run before the result is ready (CPython). */
    static <R> PoolTask.Sink single(SettableFuture<R> future, Consumer<Object> callback,
            Consumer<Object> errorCallback) {
        return new PoolTask.Sink() {
            @Override
            @SuppressWarnings("unchecked")
            public void succeeded(Object[] results) {
                callSafely(callback, results[0], "callback");
                future.setResult((R) results[0]);
            }

            @Override
            public void failed(Throwable failure) {
                callSafely(errorCallback, failure, "error callback");
                future.setException(failure);
            }
        };
    }

    /** map/mapAsync: all chunks into one list; the first failure fails it. */
    static final class Collector<R> {
        private final Object[] results;
        private final AtomicInteger remaining;
        private final AtomicBoolean settled = new AtomicBoolean();
        private final SettableFuture<List<R>> future;
        private final Consumer<Object> callback;
        private final Consumer<Object> errorCallback;

        Collector(int items, int chunks, SettableFuture<List<R>> future, Consumer<Object> callback,
                Consumer<Object> errorCallback) {
            this.results = new Object[items];
            this.remaining = new AtomicInteger(chunks);
            this.future = future;
            this.callback = callback;
            this.errorCallback = errorCallback;
        }

        /** Completes at once when there are no chunks. */
        void finishIfEmpty() {
            if (remaining.get() == 0 && settled.compareAndSet(false, true)) {
                deliver();
            }
        }

        @SuppressWarnings("unchecked")
        private void deliver() {
            List<R> list = (List<R>) Arrays.asList(results);
            callSafely(callback, list, "callback");
            future.setResult(list);
        }

        PoolTask.Sink chunk(int offset) {
            return new PoolTask.Sink() {
                @Override
                public void succeeded(Object[] chunk) {
                    System.arraycopy(chunk, 0, results, offset, chunk.length);
                    if (remaining.decrementAndGet() == 0 && settled.compareAndSet(false, true)) {
                        deliver();
                    }
                }

                @Override
                public void failed(Throwable failure) {
                    if (settled.compareAndSet(false, true)) {
                        callSafely(errorCallback, failure, "error callback");
                        future.setException(failure);
                    }
                }
            };
        }
    }

    /**
     * imap and imapUnordered: chunk outcomes (an Object[] of results or a Throwable) in input
     * order or in completion order. A failed chunk throws once at its place, as a
     * CompletionException; a failure of the input iterable ends the iteration, thrown as it was.
     */
    static final class Chunks<R> implements Iterator<R> {
        private final boolean ordered;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition arrived = lock.newCondition();
        /** Guarded by lock; ordered: outcomes by chunk index. */
        private Object[] byIndex = new Object[8];
        /** Guarded by lock; unordered: outcomes as they arrive. */
        private final ArrayDeque<Object> byArrival = new ArrayDeque<>();
        /** Set before the iterator is handed out. */
        private int chunks;
        private RuntimeException inputFailure;
        // Consumer-side state (one consuming thread, as with any Iterator).
        private int consumed;
        private Object[] current;
        private int position;
        private boolean inputFailureThrown;

        Chunks(boolean ordered) {
            this.ordered = ordered;
        }

        void submitted(int chunkCount, RuntimeException failureOfInput) {
            lock.lock();
            try {
                this.chunks = chunkCount;
                this.inputFailure = failureOfInput;
            } finally {
                lock.unlock();
            }
        }

        PoolTask.Sink chunk(int index) {
            return new PoolTask.Sink() {
                @Override
                public void succeeded(Object[] results) {
                    put(index, results);
                }

                @Override
                public void failed(Throwable failure) {
                    put(index, failure);
                }
            };
        }

        private void put(int index, Object outcome) {
            lock.lock();
            try {
                if (ordered) {
                    if (index >= byIndex.length) {
                        byIndex = Arrays.copyOf(byIndex, Math.max(index + 1, byIndex.length * 2));
                    }
                    byIndex[index] = outcome;
                } else {
                    byArrival.add(outcome);
                }
                arrived.signalAll();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean hasNext() {
            if (current != null && position < current.length) {
                return true;
            }
            lock.lock();
            try {
                return consumed < chunks || (inputFailure != null && !inputFailureThrown);
            } finally {
                lock.unlock();
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public R next() {
            while (true) {
                if (current != null && position < current.length) {
                    Object r = current[position];
                    current[position++] = null; // the iterator keeps no reference to yielded results
                    return (R) r;
                }
                Object outcome;
                lock.lock();
                try {
                    if (consumed >= chunks) {
                        if (inputFailure != null && !inputFailureThrown) {
                            inputFailureThrown = true;
                            throw inputFailure;
                        }
                        throw new NoSuchElementException();
                    }
                    while ((outcome = take()) == null) {
                        arrived.await();
                    }
                    consumed++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CompletionException(e);
                } finally {
                    lock.unlock();
                }
                if (outcome instanceof Throwable failure) {
                    current = null;
                    throw new CompletionException(failure);
                }
                current = (Object[]) outcome;
                position = 0;
            }
        }

        /** Call only when holding lock. */
        private Object take() {
            if (!ordered) {
                return byArrival.poll();
            }
            if (consumed >= byIndex.length) {
                return null;
            }
            Object o = byIndex[consumed];
            byIndex[consumed] = null;
            return o;
        }
    }
}
