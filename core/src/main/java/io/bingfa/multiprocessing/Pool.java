package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.SerializableFunction;
import io.bingfa.futures.SettableFuture;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A pool of worker processes (child JVMs) that run functions on copies of their arguments:
 * Python's {@code multiprocessing.Pool}. {@code apply}, {@code map} and {@code starmap} wait for
 * the results; the {@code Async} forms return an {@link AsyncResult} at once; {@code imap} and
 * {@code imapUnordered} return iterators that wait for each next result.
 *
 * <pre>{@code
 * Pool pool = new Pool(4);
 * try (Pool.Scope scope = pool.terminateOnExit()) {       // Python: with Pool(4) as pool:
 *     List<Integer> squares = pool.map(x -> x * x, List.of(1, 2, 3));
 * }
 * }</pre>
 *
 * <p>Functions, arguments and results are <em>copied</em> between JVMs with JDK serialisation
 * (filtered by the {@link AllowList}): functions must be {@link SerializableFunction}s and
 * everything they capture, every argument and every result must be serialisable. An argument that
 * is not fails in the calling thread with an {@code IllegalArgumentException}; a result that is
 * not fails that task with a {@link ResultNotSerializableException}, and its worker goes on.
 *
 * <p>A failed task is rethrown as {@link io.bingfa.futures.Future#result()} does: an unchecked
 * {@link java.util.concurrent.CompletionException} whose cause is the task's own exception (same
 * type and message as in the worker), itself caused by a {@link RemoteTraceback} with the
 * worker's stack trace. An exception thrown by the input {@code Iterable} of {@code map} or
 * {@code imap} is thrown as it is, and the pool stays usable.
 *
 * <p><b>Crashes</b> (unlike CPython, whose pool hangs: gh-66587): when a worker dies while running
 * a task (kill -9, {@code System.exit}, an OOM kill), exactly that task fails with a
 * {@link WorkerCrashedException} naming the worker, its pid and exit code; the tasks already sent
 * to it but not started go back to the queue; a new worker replaces it and everything else
 * finishes. {@link ProcessPoolExecutor} follows CPython's {@code concurrent.futures} instead: a
 * dead worker breaks the whole executor. If the initializer throws, or a worker dies before its
 * initializer has finished, the pool is broken: pending and later tasks fail with
 * {@code IllegalStateException} (CPython would restart failing workers forever).
 *
 * <p>Lifecycle, written out:
 * <pre>
 * RUNNING --close()--> CLOSED --queued tasks done, workers exited--> (join() returns)
 * RUNNING / CLOSED --terminate()--> TERMINATED (workers killed, unfinished tasks fail)
 * RUNNING / CLOSED --initializer throws--> BROKEN
 * </pre>
 * {@link #close()} keeps Python's meaning: no more tasks, the queued ones still run, and it
 * returns at once. {@link #join()} waits for the workers to exit and, as in Python, refuses to
 * wait on a running pool. Python's {@code with Pool() as p:} <em>terminates</em> the pool on
 * exit; since {@code close()} already has Python's meaning, Pool is not {@link AutoCloseable}
 * itself: use {@code try (Pool.Scope s = pool.terminateOnExit())}, whose {@code close()} is
 * {@link #terminate()} then {@link #join()}. Workers are daemon processes: they also end with this
 * JVM.
 *
 * <p>Chunks: {@code map} cuts its input into chunks of {@code ceil(n / (4 * processes))} items by
 * default (CPython's rule), {@code imap} into chunks of 1; each chunk is one round trip. A worker
 * counts chunks towards {@code maxTasksPerChild}. When every worker is busy, each may be sent one
 * more task to start as soon as the running one ends (pipelining, for throughput); that task then
 * waits for its worker even if another one frees up first. Callbacks run in a pool thread, before
 * the result is ready; they must be quick, and an exception they throw is logged.
 *
 * <p>Not supported: keyword arguments (use a record or a {@code List} with {@link #starmap});
 * {@code imap} consumes its input iterable in the calling thread before returning (CPython's task
 * thread consumes it in the background), so an endless input never returns; tasks cannot start
 * processes of their own (workers are daemon processes, as in CPython); a pool that is dropped
 * without {@code close()}/{@code terminate()} is not cleaned up until this JVM exits (CPython warns
 * with a ResourceWarning).
 *
 * <p>Memory consistency effects: arguments are copied when a call submits them; later changes in
 * the parent are not seen by the worker. Results are copies; the arrival of a result
 * happens-before the call or {@link AsyncResult#get()} that returns it.
 */
public final class Pool {
    private final int processes;
    private final WorkerPool workers;

    /**
     * Creates a pool of {@code processes} workers and starts them, without waiting for them to
     * be ready (tasks queue until they are).
     *
     * @throws IllegalArgumentException if {@code processes < 1}
     */
    public Pool(int processes) {
        this(builder().processes(processes));
    }

    /** Creates a pool with one worker per CPU ({@link Multiprocessing#cpuCount()}). */
    public Pool() {
        this(builder());
    }

    private Pool(Builder b) {
        this.processes = b.processes;
        this.workers = new WorkerPool("Pool", b.processes, true, b.initializer, b.maxTasksPerChild,
                WorkerPool.OnCrash.FAIL_RUNNING_TASK);
    }

    /** Returns a builder: processes, initializer and maxTasksPerChild. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ apply

    /**
     * Runs {@code fn(arg)} in a worker, waiting for the result. The thread lies dormant until the
     * task finishes or the thread is interrupted.
     *
     * @throws java.util.concurrent.CompletionException if the task failed; its cause is the task's
     *     exception (see the class comment)
     * @throws IllegalArgumentException if {@code fn} or {@code arg} is not serialisable
     * @throws IllegalStateException if the pool is not running ("Pool not running")
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public <T, R> R apply(SerializableFunction<? super T, ? extends R> fn, T arg)
            throws InterruptedException {
        return this.<T, R>applyAsync(fn, arg).get();
    }

    /**
     * Submits {@code fn(arg)} without waiting for it.
     *
     * @throws IllegalArgumentException if {@code fn} or {@code arg} is not serialisable
     * @throws IllegalStateException if the pool is not running
     */
    public <T, R> AsyncResult<R> applyAsync(SerializableFunction<? super T, ? extends R> fn, T arg) {
        return applyAsync(fn, arg, null, null);
    }

    /**
     * Submits {@code fn(arg)} without waiting for it; when it finishes, {@code callback} receives
     * the result or {@code errorCallback} the task's exception (either may be null), in a pool
     * thread, before the result is ready.
     *
     * @throws IllegalArgumentException if {@code fn} or {@code arg} is not serialisable
     * @throws IllegalStateException if the pool is not running
     */
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<R> applyAsync(SerializableFunction<? super T, ? extends R> fn, T arg,
            Consumer<? super R> callback, Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        SettableFuture<R> future = new SettableFuture<>();
        submit(workers.task(fn, java.util.Collections.singletonList(arg), PoolTaskResults.single(
                future, (Consumer<Object>) callback, (Consumer<Object>) errorCallback)));
        return new AsyncResult<>(future);
    }

    // ------------------------------------------------------------------ map

    /**
     * Runs {@code fn} on every item in the workers, waiting for all the results, which come back
     * in input order. The input is cut into chunks of {@code ceil(n / (4 * processes))} items.
     *
     * @throws java.util.concurrent.CompletionException if a task failed (the first failure)
     * @throws RuntimeException whatever the input iterable throws, as it is
     * @throws IllegalArgumentException if {@code fn} or an item is not serialisable
     * @throws IllegalStateException if the pool is not running
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items)
            throws InterruptedException {
        return this.<T, R>mapAsync(fn, items).get();
    }

    /**
     * Like {@link #map(SerializableFunction, Iterable)} with chunks of {@code chunksize} items.
     *
     * @throws IllegalArgumentException if {@code chunksize < 1}
     */
    public <T, R> List<R> map(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) throws InterruptedException {
        checkChunksize(chunksize);
        return this.<T, R>mapAsync(fn, items, chunksize, null, null).get();
    }

    /** Like {@link #map(SerializableFunction, Iterable)} without waiting for the results. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items) {
        return mapAsync(fn, items, 0, null, null);
    }

    /** Like {@link #map(SerializableFunction, Iterable, int)} without waiting for the results. */
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize) {
        checkChunksize(chunksize);
        return mapAsync(fn, items, chunksize, null, null);
    }

    /**
     * Like {@link #mapAsync(SerializableFunction, Iterable, int)}; {@code callback} receives the
     * whole result list once, or {@code errorCallback} the first failure once, in a pool thread,
     * before the result is ready. A {@code chunksize} of 0 means the default.
     */
    @SuppressWarnings("unchecked")
    public <T, R> AsyncResult<List<R>> mapAsync(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize, Consumer<? super List<R>> callback,
            Consumer<? super Throwable> errorCallback) {
        Objects.requireNonNull(fn, "fn");
        if (chunksize < 0) {
            checkChunksize(chunksize);
        }
        checkRunning();
        List<? extends T> all = materialise(items);
        int n = all.size();
        int size = chunksize > 0 ? chunksize : defaultChunksize(n);
        int chunks = n == 0 ? 0 : (n + size - 1) / size;
        SettableFuture<List<R>> future = new SettableFuture<>();
        var collector = new PoolTaskResults.Collector<R>(n, chunks, future,
                (Consumer<Object>) callback, (Consumer<Object>) errorCallback);
        for (int offset = 0; offset < n; offset += size) {
            List<? extends T> chunk = all.subList(offset, Math.min(n, offset + size));
            submit(workers.task(fn, chunk, collector.chunk(offset)));
        }
        collector.finishIfEmpty();
        return new AsyncResult<>(future);
    }

    /**
     * Runs {@code fn} on each argument list in the workers: Python's {@code starmap}, where each
     * item is the tuple of a call's arguments. The function receives the list and unpacks it
     * ({@code args -> (int) args.get(0) * (int) args.get(1)}). Waits for the results, in input order.
     *
     * @see #map(SerializableFunction, Iterable)
     */
    public <R> List<R> starmap(SerializableFunction<? super List<?>, ? extends R> fn,
            Iterable<? extends List<?>> argumentLists) throws InterruptedException {
        return map(fn, argumentLists);
    }

    /** Like {@link #starmap(SerializableFunction, Iterable)} with chunks of {@code chunksize}. */
    public <R> List<R> starmap(SerializableFunction<? super List<?>, ? extends R> fn,
            Iterable<? extends List<?>> argumentLists, int chunksize) throws InterruptedException {
        return map(fn, argumentLists, chunksize);
    }

    /** Like {@link #starmap(SerializableFunction, Iterable)} without waiting for the results. */
    public <R> AsyncResult<List<R>> starmapAsync(SerializableFunction<? super List<?>, ? extends R> fn,
            Iterable<? extends List<?>> argumentLists) {
        return mapAsync(fn, argumentLists);
    }

    // ------------------------------------------------------------------ imap

    /**
     * Submits {@code fn} for every item, one item per chunk, and returns an iterator over the
     * results in input order; {@code next()} waits for the next result. A failed item throws a
     * {@link java.util.concurrent.CompletionException} at its place and the iteration goes on; if
     * the input iterable threw, its exception is thrown, as it is, after the results of the items
     * before it, and ends the iteration. An interrupt while waiting throws a
     * {@code CompletionException} caused by an {@code InterruptedException}, with the thread's
     * interrupt status set.
     *
     * @throws IllegalArgumentException if {@code fn} or an item is not serialisable
     * @throws IllegalStateException if the pool is not running
     */
    public <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items) {
        return iterate(fn, items, 1, true);
    }

    /** Like {@link #imap(SerializableFunction, Iterable)} with chunks of {@code chunksize} items. */
    public <T, R> Iterator<R> imap(SerializableFunction<? super T, ? extends R> fn, Iterable<? extends T> items,
            int chunksize) {
        checkChunksize(chunksize);
        return iterate(fn, items, chunksize, true);
    }

    /** Like {@link #imap(SerializableFunction, Iterable)}, yielding results as they finish. */
    public <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items) {
        return iterate(fn, items, 1, false);
    }

    /** Like {@link #imapUnordered(SerializableFunction, Iterable)} with chunks of {@code chunksize}. */
    public <T, R> Iterator<R> imapUnordered(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize) {
        checkChunksize(chunksize);
        return iterate(fn, items, chunksize, false);
    }

    private <T, R> Iterator<R> iterate(SerializableFunction<? super T, ? extends R> fn,
            Iterable<? extends T> items, int chunksize, boolean ordered) {
        Objects.requireNonNull(fn, "fn");
        Objects.requireNonNull(items, "items");
        checkRunning();
        var results = new PoolTaskResults.Chunks<R>(ordered);
        int chunks = 0;
        RuntimeException inputFailure = null;
        List<T> chunk = new ArrayList<>(chunksize);
        Iterator<? extends T> it = items.iterator();
        try {
            while (it.hasNext()) {
                chunk.add(it.next());
                if (chunk.size() == chunksize) {
                    submit(workers.task(fn, chunk, results.chunk(chunks++)));
                    chunk = new ArrayList<>(chunksize);
                }
            }
            if (!chunk.isEmpty()) {
                submit(workers.task(fn, chunk, results.chunk(chunks++)));
            }
        } catch (IllegalArgumentException | IllegalStateException ours) {
            throw ours;
        } catch (RuntimeException fromTheInput) {
            inputFailure = fromTheInput; // the partial chunk is dropped, as CPython does
        }
        results.submitted(chunks, inputFailure);
        return results;
    }

    // ------------------------------------------------------------------ lifecycle

    /**
     * Stops accepting tasks (Python's {@code close()}): the queued tasks still run, then the
     * workers exit. Returns at once; {@link #join()} waits. Idempotent.
     */
    public void close() {
        workers.close();
    }

    /**
     * Kills the workers at once (SIGKILL) and fails every unfinished task with a
     * {@link java.util.concurrent.CancellationException} "the Pool was terminated before this task
     * finished". Returns at once; {@link #join()} waits for the workers to be gone. Idempotent.
     */
    public void terminate() {
        workers.terminate();
    }

    /**
     * Waits for the workers to exit, after {@link #close()} (once the queued tasks are done) or
     * {@link #terminate()}. The thread lies dormant until then or until it is interrupted.
     *
     * @throws IllegalStateException if the pool is still running ("Pool is still running")
     * @throws InterruptedException if the current thread is interrupted while waiting
     */
    public void join() throws InterruptedException {
        if (workers.state() == WorkerPool.State.RUNNING) {
            throw new IllegalStateException("Pool is still running");
        }
        workers.join();
    }

    /**
     * Returns a scope for try-with-resources whose {@code close()} terminates this pool and waits
     * for its workers: Python's {@code with Pool() as pool:}.
     */
    public Scope terminateOnExit() {
        return new Scope(this);
    }

    /** A try-with-resources scope that {@linkplain Pool#terminate() terminates} its pool on exit. */
    public static final class Scope implements AutoCloseable {
        private final Pool pool;

        private Scope(Pool pool) {
            this.pool = pool;
        }

        /** Returns the pool. */
        public Pool pool() {
            return pool;
        }

        /**
         * Terminates the pool and waits for its workers to exit. An interrupt while waiting stops
         * the wait and keeps the thread's interrupt status set.
         */
        @Override
        public void close() {
            pool.terminate();
            try {
                pool.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The pids of the current workers, for tests. */
    List<Long> workerPids() {
        return workers.workerPids();
    }

    /** Shows the state: {@code Pool[state=RUNNING, workers=4/4, queued=0]}. */
    @Override
    public String toString() {
        return "Pool[" + workers.describe() + "]";
    }

    // ------------------------------------------------------------------ internals

    private void submit(PoolTask task) {
        WorkerPool.State refused = workers.offer(task);
        if (refused != null) {
            throw notRunning(refused);
        }
    }

    private void checkRunning() {
        WorkerPool.State s = workers.state();
        if (s != WorkerPool.State.RUNNING) {
            throw notRunning(s);
        }
    }

    private IllegalStateException notRunning(WorkerPool.State s) {
        return s == WorkerPool.State.BROKEN
                ? new IllegalStateException("Pool not running: " + workers.brokenReason())
                : new IllegalStateException("Pool not running");
    }

    private int defaultChunksize(int n) {
        int per = 4 * processes;
        return Math.max(1, (n + per - 1) / per);
    }

    private static void checkChunksize(int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("Chunksize must be 1+, not " + chunksize);
        }
    }

    private static <T> List<? extends T> materialise(Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        if (items instanceof List<? extends T> list) {
            return list;
        }
        if (items instanceof Collection<? extends T> c) {
            return new ArrayList<>(c);
        }
        List<T> all = new ArrayList<>();
        for (T item : items) {
            all.add(item);
        }
        return all;
    }

    /** Builds a {@link Pool}. */
    public static final class Builder {
        private int processes = Multiprocessing.cpuCount();
        private SerializableAction initializer;
        private int maxTasksPerChild;

        private Builder() {}

        /**
         * Sets the number of workers (default: {@link Multiprocessing#cpuCount()}).
         *
         * @throws IllegalArgumentException if {@code processes < 1}
         */
        public Builder processes(int processes) {
            if (processes < 1) {
                throw new IllegalArgumentException("processes: " + processes + " (expected: > 0)");
            }
            this.processes = processes;
            return this;
        }

        /** Sets what each worker runs once before its first task (copied to every worker). */
        public Builder initializer(SerializableAction initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /**
         * Makes each worker exit after {@code tasks} tasks (chunks), to be replaced by a fresh one
         * (Python's {@code maxtasksperchild}); 0, the default, means never.
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

        /** Creates the pool and starts its workers. */
        public Pool build() {
            return new Pool(this);
        }
    }
}
