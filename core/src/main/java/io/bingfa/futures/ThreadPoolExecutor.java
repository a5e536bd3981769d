package io.bingfa.futures;

import io.bingfa.Action;
import io.bingfa.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Python's {@code concurrent.futures.ThreadPoolExecutor}: runs submitted tasks on up to
 * {@code maxWorkers} threads. Submitting never waits.
 *
 * <pre>{@code
 * try (var pool = new ThreadPoolExecutor(4)) {
 *     Future<Integer> f = pool.submit(() -> 2 + 2);
 *     f.addDoneCallback(done -> System.out.println("done"));
 *     for (var r = pool.map(x -> x * x, List.of(1, 2, 3)); r.hasNext(); ) System.out.println(r.next());
 * }
 * }</pre>
 *
 * <p>Workers start lazily, one per submit while there is no idle worker and fewer than
 * {@code maxWorkers} run: an idle worker is reused before a new one starts (CPython's
 * {@code _idle_semaphore}). The default size is CPython's, {@code min(32, cores + 4)}. Workers are
 * platform threads named {@code PREFIX_0, PREFIX_1, ...} (default prefix
 * {@code ThreadPoolExecutor-N}), or virtual threads when {@link Builder#virtualThreads(boolean)}
 * asks for them. Platform workers are daemon threads; as CPython does at interpreter exit, a JVM
 * shutdown hook stops every pool still running and waits for its queued work, and a submit after
 * that throws {@link RejectedExecutionException} ("cannot schedule new futures after interpreter
 * shutdown"). As in CPython, that exit waits for the queued tasks: a task that never ends keeps
 * the JVM from exiting (use {@code shutdown(false, true)} to drop queued work earlier).
 *
 * <p>An {@linkplain Builder#initializer(Action) initializer} runs in each worker before its first
 * task. If it fails, the failure is logged, the pool is broken: the futures still queued fail with
 * {@link BrokenExecutorException} and every later {@code submit} throws it.
 *
 * <p>{@link Builder#adaptive(int, int)} sizes the pool from measurement: each task's CPU time
 * ({@code ThreadMXBean}) and waiting time are measured, and the pool is resized toward
 * {@link PoolSizing#threads} of them, within {@code [min, max]}. See {@link Builder#adaptive}.
 *
 * <p>Not supported: interrupting running tasks (Python's futures cannot do that either; a running
 * future cannot be cancelled).
 *
 * <p><b>Memory consistency effects:</b> actions before {@code submit} happen-before the task runs;
 * the task's actions happen-before its future is seen done and before {@code shutdown(true, ...)}
 * returns.
 */
/*
 * Implementation, after CPython's thread.py: one unbounded work queue; a Semaphore counts idle
 * workers (released as each task's future completes, before it is seen done, so that "result()
 * then submit" reuses the worker; tryAcquired by submit before it considers starting a worker).
 * Shutdown puts a SHUTDOWN marker at the end of the queue; a worker that takes it puts it back and
 * exits, so every queued item runs first. An adaptive pool's workers poll with a timeout instead of
 * taking; an idle worker above the target exits only after taking its own idle permit, so a submit
 * never counts on a worker that is leaving.
 *
 * A fixed pool's submit takes no lock unless it starts a worker: it checks the volatile state,
 * enqueues, then re-checks; if a shutdown or a break raced the enqueue, it takes the lock (by then
 * shutdown's marker is queued, or the broken pool's drain done) and takes the item back if it is
 * still queued, rejecting the submit as if it came after; an item already taken was accepted before.
 * Workers are started under the lock, re-checking the state, so shutdown(wait) joins every worker.
 * Once a fixed pool is full it stays full until it ends, so the idle semaphore is left alone.
 * An adaptive pool's submit keeps CPython's submit-under-the-lock.
 */
public class ThreadPoolExecutor implements Executor {
    private static final System.Logger LOG = System.getLogger("io.bingfa.futures");
    private static final Object SHUTDOWN = new Object();
    private static final AtomicInteger POOLS = new AtomicInteger();
    private static final Set<ThreadPoolExecutor> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean jvmShuttingDown;
    private static final AtomicInteger HOOK = new AtomicInteger();
    private static final long IDLE_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final int maxWorkers;
    private final String prefix;
    private final Action initializer;
    private final boolean virtual;
    private final AdaptiveSizer sizer; // null unless adaptive

    private final LinkedBlockingQueue<Object> workQueue = new LinkedBlockingQueue<>();
    private final Semaphore idle = new Semaphore(0);
    /**
     * Marks one worker idle: run as its task's future completes, before anyone sees it done. Once a
     * fixed pool has all its workers, idle counts no longer matter (no worker can be started, and
     * none leaves before shutdown), so neither workers nor submit touch the semaphore any more.
     */
    private final Runnable markIdle = this::markIdle;
    private final ReentrantLock shutdownLock = new ReentrantLock();
    /** Guarded by shutdownLock: the workers started and not yet ended. */
    private final List<Thread> threads = new ArrayList<>();
    /** Guarded by shutdownLock. */
    private int started;
    /** Guarded by shutdownLock: whether the JVM exit hook knows this pool. */
    private boolean registered;
    private final AtomicInteger live = new AtomicInteger();
    private volatile boolean shutdown;
    private volatile BrokenExecutorException broken;

    /**
     * Creates a pool of at most {@code maxWorkers} platform threads.
     *
     * @throws IllegalArgumentException if {@code maxWorkers < 1} ("maxWorkers: 0 (expected: > 0)")
     */
    public ThreadPoolExecutor(int maxWorkers) {
        this(builder().maxWorkers(maxWorkers));
    }

    /** Creates a pool of {@link #defaultMaxWorkers()} platform threads. */
    public ThreadPoolExecutor() {
        this(builder());
    }

    private ThreadPoolExecutor(Builder b) {
        this.prefix = b.prefix != null ? b.prefix : "ThreadPoolExecutor-" + POOLS.getAndIncrement();
        this.initializer = b.initializer;
        this.virtual = b.virtual;
        if (b.adaptiveMax > 0) {
            this.maxWorkers = b.adaptiveMax;
            this.sizer = new AdaptiveSizer(b.adaptiveMin, b.adaptiveMax,
                    Runtime.getRuntime().availableProcessors(), virtual);
        } else {
            this.maxWorkers = b.maxWorkers > 0 ? b.maxWorkers : defaultMaxWorkers();
            this.sizer = null;
        }
    }

    /** CPython's default pool size, {@code min(32, cores + 4)}. */
    public static int defaultMaxWorkers() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    /** A builder for a pool with more options than its size. */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ Executor

    @Override
    public <V> Future<V> submit(Task<V> task) {
        Objects.requireNonNull(task, "task");
        if (sizer != null) {
            return submitLocked(task);
        }
        // Fast path, no lock: check, enqueue, then re-check. A shutdown (or a break) that raced the
        // enqueue is settled under the lock, where the item is taken back and the submit rejected.
        checkAccepting();
        WorkItem<V> item = new WorkItem<>(task);
        workQueue.add(item);
        boolean full = live.get() >= maxWorkers; // a full fixed pool stays full until shutdown
        boolean tookIdle = !full && idle.tryAcquire(); // an idle worker will take the item
        if (!tookIdle && !full) {
            shutdownLock.lock();
            try {
                undoIfClosed(item, false);
                if (live.get() < maxWorkers && !shutdown && broken == null) {
                    startWorker();
                }
            } finally {
                shutdownLock.unlock();
            }
        } else if (shutdown || broken != null) {
            shutdownLock.lock();
            try {
                undoIfClosed(item, tookIdle);
            } finally {
                shutdownLock.unlock();
            }
        }
        return item;
    }

    private void markIdle() {
        if (sizer != null || live.get() < maxWorkers) {
            idle.release();
        }
    }

    /** Throws if the pool takes no more work: broken, JVM exiting or shut down. */
    private void checkAccepting() {
        BrokenExecutorException b = broken;
        if (b != null) {
            throw new BrokenExecutorException(b.getMessage(), b.getCause());
        }
        if (jvmShuttingDown) { // checked first: the exit hook also shuts the pool down
            throw new RejectedExecutionException(
                    "cannot schedule new futures after interpreter shutdown");
        }
        if (shutdown) {
            throw new RejectedExecutionException("cannot schedule new futures after shutdown");
        }
    }

    /**
     * Call only when holding shutdownLock, after enqueuing {@code item}: if the pool was shut down
     * or broken meanwhile and the item is still queued, takes it back and throws as a submit after
     * shutdown does. An item already taken (by a worker, by shutdown's cancelFutures or by a broken
     * pool's drain) was accepted before the shutdown: its future tells its fate.
     */
    private void undoIfClosed(WorkItem<?> item, boolean tookIdle) {
        if ((shutdown || broken != null) && workQueue.remove(item)) {
            if (tookIdle) {
                idle.release();
            }
            checkAccepting();
            throw new RejectedExecutionException("cannot schedule new futures after shutdown");
        }
    }

    /** The adaptive pool's submit: everything under shutdownLock, as CPython does. */
    private <V> Future<V> submitLocked(Task<V> task) {
        shutdownLock.lock();
        try {
            checkAccepting();
            WorkItem<V> item = new WorkItem<>(task);
            workQueue.add(item);
            adjustThreadCount();
            return item;
        } finally {
            shutdownLock.unlock();
        }
    }

    /**
     * Stops accepting work; with {@code cancelFutures}, cancels the queued tasks that have not
     * started; with {@code wait}, waits until every worker has finished the work left and ended.
     * The thread lies dormant until then or until it is interrupted. Running tasks are never
     * interrupted. Called with {@code wait} from one of the pool's own tasks, it waits for the
     * other workers only. Idempotent.
     */
    @Override
    public void shutdown(boolean wait, boolean cancelFutures) throws InterruptedException {
        List<Thread> toJoin;
        shutdownLock.lock();
        try {
            shutdown = true;
            if (cancelFutures) {
                Object o;
                while ((o = workQueue.poll()) != null) {
                    if (o instanceof WorkItem<?> item) {
                        item.cancel();
                    }
                }
            }
            workQueue.add(SHUTDOWN); // after the queued items: workers drain, then exit
            toJoin = List.copyOf(threads);
        } finally {
            shutdownLock.unlock();
        }
        if (wait) {
            for (Thread t : toJoin) {
                if (t != Thread.currentThread()) { // a task may shut its own pool down
                    t.join();
                }
            }
            LIVE.remove(this);
        }
    }

    // ------------------------------------------------------------------ introspection

    /** The most workers this pool runs at once ({@code max} for an adaptive pool). */
    public int maxWorkers() {
        return maxWorkers;
    }

    /** How many worker threads are alive now. Never waits. */
    public int currentSize() {
        return live.get();
    }

    /**
     * How many workers the pool aims for: {@link #maxWorkers()} for a fixed pool; for an adaptive
     * pool, the latest {@link PoolSizing#threads} of the measured medians within {@code [min, max]}.
     */
    public int targetSize() {
        return sizer == null ? maxWorkers : sizer.target();
    }

    /**
     * The adaptive pool's measurements (median CPU and waiting time of the recent tasks, sample
     * count, target), for the lab; {@code null} for a fixed pool.
     */
    public AdaptiveSizer.Snapshot measurements() {
        return sizer == null ? null : sizer.snapshot();
    }

    /** Shows the state and the sizes: {@code ThreadPoolExecutor[running, workers=2/4, queued=0]}. */
    @Override
    public String toString() {
        String state = broken != null ? "broken" : shutdown ? "shutdown" : "running";
        return "ThreadPoolExecutor[" + state + ", workers=" + live.get() + "/" + targetSize()
                + ", queued=" + Math.max(0, workQueue.size() - (shutdown ? 1 : 0)) + "]";
    }

    // ------------------------------------------------------------------ workers

    /** Call only when holding shutdownLock. */
    private void adjustThreadCount() {
        if (idle.tryAcquire()) {
            return; // an idle worker will take the item
        }
        int limit = sizer == null ? maxWorkers : sizer.target();
        if (live.get() < limit) {
            startWorker();
        }
    }

    /** Call only when holding shutdownLock. */
    private void startWorker() {
        String name = prefix + "_" + started++;
        Runnable body = this::work;
        Thread t = virtual
                ? Thread.ofVirtual().name(name).unstarted(body)
                : Thread.ofPlatform().name(name).daemon(true).unstarted(body);
        live.incrementAndGet();
        threads.add(t);
        if (!registered) {
            registered = true;
            LIVE.add(this);
            installHook();
        }
        t.start();
    }

    private void work() {
        boolean retired = false;
        try {
            if (initializer != null) {
                try {
                    initializer.run();
                } catch (Throwable t) {
                    LOG.log(System.Logger.Level.ERROR, "Exception in initializer:", t);
                    initializerFailed(t);
                    return;
                }
            }
            while (true) {
                Object o;
                try {
                    if (sizer == null) {
                        o = workQueue.take();
                    } else {
                        o = workQueue.poll(IDLE_POLL_NANOS, TimeUnit.NANOSECONDS);
                        if (o == null) {
                            if (retireIfAboveTarget()) {
                                retired = true;
                                return;
                            }
                            continue;
                        }
                    }
                } catch (InterruptedException e) {
                    continue; // workers are not interrupted by the pool; ignore stray interrupts
                }
                if (o == SHUTDOWN) {
                    workQueue.add(SHUTDOWN);
                    return;
                }
                WorkItem<?> item = (WorkItem<?>) o;
                o = null;
                if (sizer != null) {
                    int before = sizer.target();
                    sizer.measure(item, markIdle);
                    if (sizer.target() > before) {
                        grow();
                    }
                } else {
                    item.run(markIdle);
                }
                item = null; // drop the task and its arguments now (CPython issue 16284)
                Thread.interrupted(); // a task's leftover interrupt must not reach the next one
                if (broken != null) {
                    return;
                }
                if (sizer != null && retireIfAboveTarget()) {
                    retired = true;
                    return;
                }
            }
        } finally {
            if (!retired) {
                live.decrementAndGet(); // a retired worker was uncounted under the lock
            }
            shutdownLock.lock();
            try {
                threads.remove(Thread.currentThread()); // an adaptive pool replaces workers over time
            } finally {
                shutdownLock.unlock();
            }
            if (shutdown && live.get() == 0) {
                LIVE.remove(this);
            }
        }
    }

    /** Lets this idle worker exit if the pool is above its target; true if it should exit. */
    private boolean retireIfAboveTarget() {
        if (shutdown || live.get() <= sizer.target() || !idle.tryAcquire()) {
            return false;
        }
        shutdownLock.lock();
        try {
            if (!workQueue.isEmpty() || live.get() <= sizer.target()) {
                idle.release();
                return false;
            }
            live.decrementAndGet(); // under the lock: two idle workers cannot both take the last slot
            return true;
        } finally {
            shutdownLock.unlock();
        }
    }

    /** Starts workers for queued work up to a raised target. */
    private void grow() {
        shutdownLock.lock();
        try {
            if (shutdown || broken != null) {
                return;
            }
            int want = Math.min(sizer.target(), workQueue.size() + live.get());
            while (live.get() < want) {
                startWorker();
            }
        } finally {
            shutdownLock.unlock();
        }
    }

    private void initializerFailed(Throwable cause) {
        BrokenExecutorException b = new BrokenExecutorException(
                "A thread initializer failed, the thread pool is not usable anymore", cause);
        shutdownLock.lock();
        try {
            if (broken == null) {
                broken = b;
            }
            Object o;
            while ((o = workQueue.poll()) != null) {
                if (o instanceof WorkItem<?> item) {
                    // each future gets its own exception instance (CPython test_broken_process_pool_traceback);
                    // a future cancelled meanwhile is only notified
                    if (item.setRunningOrNotifyCancel()) {
                        item.setException(new BrokenExecutorException(b.getMessage(), cause));
                    }
                } else {
                    workQueue.add(o); // keep the SHUTDOWN marker for the other workers
                    break;
                }
            }
        } finally {
            shutdownLock.unlock();
        }
    }

    private static void installHook() {
        if (HOOK.compareAndSet(0, 1)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                jvmShuttingDown = true;
                for (ThreadPoolExecutor pool : LIVE) {
                    try {
                        pool.shutdown(true, false);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bingfa-futures-exit"));
        }
    }

    /**
     * One submitted task, and its future: the item is the future the submitter gets back (one
     * object per task instead of two).
     */
    static final class WorkItem<V> extends SettableFuture<V> {
        private Task<V> task;

        WorkItem(Task<V> task) {
            this.task = task;
        }

        /** Runs the task; {@code idle} marks the worker idle just before the future is seen done. */
        void run(Runnable idle) {
            Task<V> t = task;
            task = null;
            if (!setRunningOrNotifyCancel()) {
                idle.run();
                return;
            }
            V value;
            try {
                value = t.call();
            } catch (Throwable e) {
                t = null;
                finish(null, e, idle);
                return;
            }
            t = null;
            finish(value, null, idle);
        }
    }

    // ------------------------------------------------------------------ builder

    /** Options of a {@link ThreadPoolExecutor}; Python's constructor arguments. */
    public static final class Builder {
        private int maxWorkers;
        private String prefix;
        private Action initializer;
        private boolean virtual;
        private int adaptiveMin;
        private int adaptiveMax;

        private Builder() {}

        /**
         * The most threads the pool runs ({@code max_workers}); default {@code min(32, cores + 4)}.
         *
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder maxWorkers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxWorkers: " + n + " (expected: > 0)");
            }
            this.maxWorkers = n;
            return this;
        }

        /** The worker names' prefix ({@code thread_name_prefix}); workers are {@code PREFIX_k}. */
        public Builder threadNamePrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Runs in each worker before its first task ({@code initializer}); failing breaks the pool. */
        public Builder initializer(Action initializer) {
            this.initializer = Objects.requireNonNull(initializer, "initializer");
            return this;
        }

        /** Whether workers are virtual threads (default: platform threads). */
        public Builder virtualThreads(boolean virtual) {
            this.virtual = virtual;
            return this;
        }

        /**
         * Sizes the pool from measurement, between {@code min} and {@code max} workers (replaces
         * {@link #maxWorkers}). Each task's CPU time ({@code ThreadMXBean.getCurrentThreadCpuTime})
         * and waiting time are recorded and, at most every 8 tasks and 50 ms, the target becomes
         * {@link PoolSizing#threads}{@code (cores, cpu, wait)} of the medians over the last 64 tasks, clamped to
         * {@code [min, max]}. The pool grows by starting workers for queued work and shrinks by
         * letting idle workers exit. The pool starts with a target of {@code min}.
         *
         * <p>The waiting time is the time the worker spent waiting or blocked (thread contention
         * monitoring, which this option switches on for the JVM) when that is available for a
         * platform thread; otherwise wall time minus CPU time, which also counts time spent
         * runnable but without a core and so overestimates waiting on a saturated machine. Where
         * the JVM cannot measure thread CPU time (or for virtual threads on JVMs that do not), the
         * target stays at {@code max} and a warning is logged once.
         *
         * @throws IllegalArgumentException if {@code min < 1} or {@code max < min}
         */
        public Builder adaptive(int min, int max) {
            if (min < 1) {
                throw new IllegalArgumentException("min: " + min + " (expected: > 0)");
            }
            if (max < min) {
                throw new IllegalArgumentException("max: " + max + " (expected: >= min " + min + ")");
            }
            this.adaptiveMin = min;
            this.adaptiveMax = max;
            return this;
        }

        /** Creates the pool; no thread starts before the first submit. */
        public ThreadPoolExecutor build() {
            return new ThreadPoolExecutor(this);
        }
    }
}
