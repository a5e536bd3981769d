package io.bingfa.multiprocessing;

/**
 * One unit of work the parent sends to a worker: a function and a chunk of its arguments, already
 * encoded in the submitting thread (so an unserialisable argument fails there, never in the pool),
 * and the sink that receives the outcome. Owned by exactly one place at a time: the pool's queue,
 * or one worker's in-flight table; whoever removes it from there completes it.
 */
final class PoolTask {
    /** Receives a task's outcome, in a pool thread; must be quick and never throw. */
    interface Sink {
        /**
         * Called once, just before the task is first sent; {@code false} drops the task (a
         * cancelled future). Call only when holding the pool lock.
         */
        default boolean start() {
            return true;
        }

        /** Called when a queued task is dropped by {@code shutdown(cancelFutures=true)}. */
        default void cancel() {}

        void succeeded(Object[] results);

        void failed(Throwable failure);
    }

    final long id;
    final WorkerFunctions.Encoded fn;
    /** The items, encoded as {@link WorkerWire} describes. */
    final byte[] items;
    final Sink sink;
    /** Guarded by the pool lock. */
    boolean started;

    PoolTask(long id, WorkerFunctions.Encoded fn, byte[] items, Sink sink) {
        this.id = id;
        this.fn = fn;
        this.items = items;
        this.sink = sink;
    }

    void fail(Throwable failure) {
        sink.failed(failure);
    }

    @Override
    public String toString() {
        return "PoolTask[id=" + id + ", fn=" + fn.id() + ", " + items.length + " bytes]";
    }
}
