package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.SerializableFunction;
import io.bingfa.SerializableTask;
import io.bingfa.Task;
import io.bingfa.TaskFunction;
import io.bingfa.futures.BrokenExecutorException;
import io.bingfa.futures.Executor;
import io.bingfa.futures.Future;
import io.bingfa.futures.InvalidStateException;
import io.bingfa.futures.MapIterator;
import io.bingfa.futures.SettableFuture;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;

/**
 * An {@link Executor} that runs each task in a pool of worker processes (child JVMs): Python's
 * {@code concurrent.futures.ProcessPoolExecutor}. Tasks, their results and their exceptions are
 * <em>copied</em> between JVMs with JDK serialisation (filtered by the {@link AllowList}): submit a
 * {@link SerializableTask} (a lambda passed to {@code submit} is one), whose captured values must
 * be serialisable too. A plain {@link Task} that is not {@link Serializable} is refused with an
 * {@code IllegalArgumentException}; so is a {@code map} function that is not.
 *
 * <pre>{@code
 * try (var executor = new ProcessPoolExecutor(4)) {       // close() = shutdown(wait=true)
 *     Future<Long> f = executor.submit(() -> LongStream.range(0, 1_000_000).sum());
 *     System.out.println(f.result());
 * }
 * }</pre>
 *
 * <p>Workers are started on demand, up to {@code maxWorkers}, and reused. A failed task's future
 * holds the task's own exception (same type and message), caused by a {@link RemoteTraceback}
 * with the worker's stack trace; {@link Future#result()} throws it as the cause of a
 * {@link java.util.concurrent.CompletionException}.
 *
 * <p><b>Crashes</b> follow CPython's {@code concurrent.futures}, not {@link Pool}: when a worker
 * dies abruptly (kill -9, {@code System.exit}, a JVM crash), the executor is broken. Every pending
 * future fails with its own {@link BrokenExecutorException} (CPython's {@code BrokenProcessPool})
 * whose cause, a {@link WorkerCrashedException}, says "terminated abruptly with exit code N", the
 * other workers are killed, and every later {@code submit} throws {@code BrokenExecutorException}.
 * A failing initializer breaks it the same way. {@link Pool} instead fails only the task that was
 * running on the dead worker and carries on.
 *
 * <p>Lifecycle: {@code RUNNING --shutdown()--> SHUT DOWN (queued tasks still run, then the
 * workers exit)}; {@code RUNNING --a worker dies or the initializer fails--> BROKEN}.
 *
 * <p>Not supported: CPython 3.14's {@code terminate_workers()} / {@code kill_workers()}; waiting
 * at JVM exit for work submitted before {@code shutdown(wait=false)} (workers are daemon
 * processes and end with this JVM).
 *
 * <p>Memory consistency effects: a task is copied when it is submitted; later changes in the
 * parent are not seen by the worker. Results are copies; a result's arrival happens-before its
 * future is seen done.
 */
public final class ProcessPoolExecutor implements Executor {
    /** Runs a task in the worker: the one function every ProcessPoolExecutor task uses. */
    private static final SerializableFunction<SerializableTask<?>, Object> CALL = SerializableTask::call;

    private final WorkerPool workers;

    /**
     * Creates an executor with at most {@code maxWorkers} worker processes, started on demand.
     *
     * @throws IllegalArgumentException if {@code maxWorkers < 1}
     */
    public ProcessPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    /** Creates an executor with at most one worker per CPU. */
    public ProcessPoolExecutor() {
        this(builder());
    }

    private ProcessPoolExecutor(Builder b) {
        this.workers = new WorkerPool("ProcessPoolExecutor", b.maxWorkers, false, b.initializer,
                b.maxTasksPerChild, WorkerPool.OnCrash.BREAK);
    }

    /** Returns a builder: maxWorkers, initializer, maxTasksPerChild. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Schedules {@code task} in a worker process and returns its future, never waiting for it.
     *
     * @throws RejectedExecutionException if the executor is shut down ("cannot schedule new
     *     futures after shutdown")
     * @throws BrokenExecutorException if the executor is broken
     * @throws IllegalArgumentException if the task or something it captures is not serialisable
     */
    public <V> Future<V> submit(SerializableTask<V> task) {
        Objects.requireNonNull(task, "task");
        checkAccepting();
        SettableFuture<V> future = new SettableFuture<>();
        WorkerPool.State refused = workers.offer(workers.task(CALL, Collections.singletonList(task),
                sink(future)));
        if (refused != null) {
            throw rejection(refused);
        }
        return future;
    }

    /**
     * Schedules {@code task}, which must be {@link Serializable} (a {@link SerializableTask}):
     * see {@link #submit(SerializableTask)}.
     *
     * @throws IllegalArgumentException if {@code task} is not serialisable
     */
    @Override
    @SuppressWarnings("unchecked")
    public <V> Future<V> submit(Task<V> task) {
        Objects.requireNonNull(task, "task");
        checkAccepting();
        if (!(task instanceof Serializable)) {
            throw new IllegalArgumentException("task: " + task + " is not serialisable (expected: a "
                    + "SerializableTask; a ProcessPoolExecutor copies each task to a child JVM)");
        }
        return submit((SerializableTask<V>) (SerializableTask<?>) new SerialTask<>(task));
    }

    /** A serialisable Task that is not a SerializableTask (e.g. an intersection-typed lambda). */
    private record SerialTask<V>(Task<V> task) implements SerializableTask<V> {
        @Override
        public V call() throws Exception {
            return task.call();
        }
    }

    /**
     * Submits {@code fn} for every item at once, one task per item, and returns the results in
     * input order; see {@link Executor#map(TaskFunction, Iterable)}. A lambda passed here is
     * serialisable; its captured values and the items must be too.
     *
     * @throws IllegalArgumentException if something {@code fn} captures or an item is not
     *     serialisable
     */
    public <T, R> MapIterator<R> map(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items) {
        return results(submitting(fn).map(deferred(fn), items));
    }

    /** Like {@link #map(SerializableFunction, Iterable)}, with a timeout measured from this call. */
    public <T, R> MapIterator<R> map(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, Duration timeout) {
        return results(submitting(fn).map(deferred(fn), items, timeout));
    }

    /**
     * Like {@link #map(SerializableFunction, Iterable, Duration)}, sending the items in chunks of
     * {@code chunksize} (one task, one round trip per chunk): faster for many small items. A
     * failed item fails its whole chunk: {@code next()} throws once for that chunk and goes on with
     * the next one.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1} ("chunksize must be >= 1."), if
     *     {@code timeout} is negative, or if something is not serialisable
     */
    public <T, R> MapIterator<R> map(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, Duration timeout, int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize: " + chunksize
                    + " (expected: >= 1; chunksize must be >= 1.)");
        }
        Objects.requireNonNull(items, "items");
        List<List<T>> chunks = new java.util.ArrayList<>();
        List<T> chunk = new java.util.ArrayList<>(chunksize);
        for (T item : items) {
            chunk.add(item);
            if (chunk.size() == chunksize) {
                chunks.add(chunk);
                chunk = new java.util.ArrayList<>(chunksize);
            }
        }
        if (!chunk.isEmpty()) {
            chunks.add(chunk);
        }
        @SuppressWarnings("unchecked")
        SerializableFunction<T, R> f = (SerializableFunction<T, R>) fn;
        SerializableFunction<List<T>, List<R>> perChunk = new ApplyChunk<>(f);
        MapIterator<List<R>> lists = results(submitting(fn).map(deferred(perChunk), chunks, timeout));
        return new Flattened<>(lists);
    }

    private record ApplyChunk<T, R>(SerializableFunction<T, R> fn) implements SerializableFunction<List<T>, List<R>> {
        @Override
        public List<R> apply(List<T> chunk) throws Exception {
            List<R> out = new java.util.ArrayList<>(chunk.size());
            for (T item : chunk) {
                out.add(fn.apply(item));
            }
            return out;
        }
    }

    /** The items of the chunk results, in order. */
    private static final class Flattened<R> implements MapIterator<R> {
        private final MapIterator<List<R>> chunks;
        private java.util.Iterator<R> current = java.util.Collections.emptyIterator();

        Flattened(MapIterator<List<R>> chunks) {
            this.chunks = chunks;
        }

        @Override
        public boolean hasNext() {
            return current.hasNext() || chunks.hasNext();
        }

        @Override
        public R next() {
            while (!current.hasNext()) {
                current = chunks.next().iterator(); // throws for a failed chunk, or at the end
            }
            return current.next();
        }

        @Override
        public void close() {
            chunks.close();
        }
    }

    /**
     * Like {@link #map(SerializableFunction, Iterable)} for a function that is
     * {@link Serializable} without being a {@code SerializableFunction}.
     *
     * @throws IllegalArgumentException if {@code fn} or an item is not serialisable
     */
    @Override
    public <T, R> MapIterator<R> map(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return results(submitting(fn).map(deferred(fn), items));
    }

    /** Like {@link #map(TaskFunction, Iterable)}, with a timeout measured from this call. */
    @Override
    public <T, R> MapIterator<R> map(TaskFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            Duration timeout) {
        return results(submitting(fn).map(deferred(fn), items, timeout));
    }

    /*
     * map() reuses Executor's own map iterator (eager submission, timeout, close cancels) by
     * running it against a tiny in-parent executor: the "task" it submits for an item returns the
     * process future of fn(item), submitted by the deferred function below, and that future is
     * what the iterator waits on.
     */
    /** The inner iterator waits on the process futures, so it yields their results. */
    @SuppressWarnings("unchecked")
    private static <R> MapIterator<R> results(MapIterator<? extends Future<R>> waitsOnProcessFutures) {
        return (MapIterator<R>) (MapIterator<?>) waitsOnProcessFutures;
    }

    private <T, R> TaskFunction<T, Future<R>> deferred(TaskFunction<? super T, ? extends R> fn) {
        if (!(fn instanceof Serializable)) {
            throw new IllegalArgumentException("fn: " + fn + " is not serialisable (expected: a "
                    + "SerializableFunction; a ProcessPoolExecutor copies it to child JVMs)");
        }
        @SuppressWarnings("unchecked")
        SerializableFunction<T, R> f = (SerializableFunction<T, R>) (fn instanceof SerializableFunction<?, ?>
                ? fn : (SerializableFunction<T, R>) fn::apply);
        return item -> submit(new Apply<>(f, item));
    }

    private record Apply<T, R>(SerializableFunction<T, R> fn, T item) implements SerializableTask<R> {
        @Override
        public R call() throws Exception {
            return fn.apply(item);
        }
    }

    private Executor submitting(TaskFunction<?, ?> fn) {
        Objects.requireNonNull(fn, "fn");
        ProcessPoolExecutor self = this;
        return new Executor() {
            @Override
            @SuppressWarnings("unchecked")
            public <V> Future<V> submit(Task<V> submitsAndReturnsAFuture) {
                try {
                    return (Future<V>) submitsAndReturnsAFuture.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception impossible) {
                    throw new IllegalStateException(impossible);
                }
            }

            @Override
            public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
                self.shutdown(wait, cancelFutures);
            }
        };
    }

    /**
     * Stops accepting tasks; with {@code cancelFutures}, cancels the ones not yet sent to a worker;
     * with {@code wait}, waits until the remaining tasks are done and the workers have exited (the
     * thread lies dormant until then or until interrupted). Idempotent.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        if (cancelFutures) {
            for (PoolTask t : workers.takeQueued()) {
                t.sink.cancel();
            }
        }
        workers.close();
        if (wait) {
            workers.join();
        }
    }

    /** Shows the state: {@code ProcessPoolExecutor[state=RUNNING, workers=2/4, queued=0]}. */
    @Override
    public String toString() {
        return "ProcessPoolExecutor[" + workers.describe() + "]";
    }

    List<Long> workerPids() {
        return workers.workerPids();
    }

    private void checkAccepting() {
        WorkerPool.State s = workers.state();
        if (s != WorkerPool.State.RUNNING) {
            throw rejection(s);
        }
    }

    private RuntimeException rejection(WorkerPool.State s) {
        return s == WorkerPool.State.BROKEN ? new BrokenExecutorException(workers.brokenReason())
                : new RejectedExecutionException("cannot schedule new futures after shutdown");
    }

    private static <V> PoolTask.Sink sink(SettableFuture<V> future) {
        return new PoolTask.Sink() {
            @Override
            public boolean start() {
                return future.setRunningOrNotifyCancel();
            }

            @Override
            public void cancel() {
                if (future.cancel()) {
                    future.setRunningOrNotifyCancel();
                }
            }

            @Override
            @SuppressWarnings("unchecked")
            public void succeeded(Object[] results) {
                try {
                    future.setResult((V) results[0]);
                } catch (InvalidStateException cancelled) {
                    // cancelled meanwhile
                }
            }

            @Override
            public void failed(Throwable failure) {
                try {
                    future.setException(failure);
                } catch (InvalidStateException cancelled) {
                    // cancelled meanwhile
                }
            }
        };
    }

    /** Builds a {@link ProcessPoolExecutor}. */
    public static final class Builder {
        private int maxWorkers = Multiprocessing.cpuCount();
        private SerializableAction initializer;
        private int maxTasksPerChild;

        private Builder() {}

        /**
         * Sets the largest number of worker processes (default: {@link Multiprocessing#cpuCount()}).
         *
         * @throws IllegalArgumentException if {@code maxWorkers < 1} ("max_workers must be greater
         *     than 0")
         */
        public Builder maxWorkers(int maxWorkers) {
            if (maxWorkers < 1) {
                throw new IllegalArgumentException("maxWorkers: " + maxWorkers
                        + " (expected: > 0; max_workers must be greater than 0)");
            }
            this.maxWorkers = maxWorkers;
            return this;
        }

        /**
         * Sets what each worker runs once before its first task (copied to every worker); if it
         * throws, the executor is broken.
         */
        public Builder initializer(SerializableAction initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Makes each worker exit after {@code tasks} tasks, to be replaced by a fresh one; 0, the
         * default, means never.
         *
         * @throws IllegalArgumentException if {@code tasks < 0}
         */
        public Builder maxTasksPerChild(int tasks) {
            if (tasks < 0) {
                throw new IllegalArgumentException("maxTasksPerChild: " + tasks + " (expected: >= 0)");
            }
            this.maxTasksPerChild = tasks;
            return this;
        }

        /** Creates the executor; its workers start with the first tasks. */
        public ProcessPoolExecutor build() {
            return new ProcessPoolExecutor(this);
        }
    }
}
