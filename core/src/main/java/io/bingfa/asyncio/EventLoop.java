package io.bingfa.asyncio;

import io.bingfa.futures.Executor;
import io.bingfa.futures.ThreadPoolExecutor;
import io.bingfa.internal.Timeouts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * Python's asyncio event loop: one platform thread that runs ready callbacks, due timers and, one at
 * a time, the {@link Task}s created on it. {@link #run(AsyncTask)} is {@code asyncio.run}.
 *
 * <h2>States</h2>
 * <pre>
 *   IDLE --runForever() / runUntilComplete()--> RUNNING --stop() / the future is done--> IDLE
 *   IDLE --close()--> CLOSED
 * </pre>
 * {@code close()} on a running loop throws {@link IllegalStateException}; a closed loop refuses new
 * callbacks ("Event loop is closed").
 *
 * <h2>Threads</h2>
 * The loop's thread is the one that calls {@link #runForever()}. The "loop context" is that thread
 * plus the loop's tasks while they run; {@link #callSoon}, {@link #callLater}, {@link #callAt},
 * {@link #createTask} and {@link Task#cancelling()} are for the loop context only (Python's
 * "not thread-safe"), {@link #callSoonThreadsafe} for any thread. A call that would block the loop's
 * own thread on the loop ({@code result()} of a pending future from a callback) throws
 * {@link IllegalStateException} instead of hanging.
 *
 * <h2>Scheduler path</h2>
 * {@link #schedulerPath()} tells how this loop runs its tasks; {@link #defaultSchedulerPath()} what
 * a new loop uses: {@link SchedulerPath#LOOP_CARRIER} when the JVM allows it (it needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED}), else {@link SchedulerPath#HANDOFF}. The
 * system property {@code bingfa.asyncio.scheduler} ({@code auto}, {@code loop-carrier} or
 * {@code handoff}) overrides the choice.
 *
 * <p><b>Memory consistency effects:</b> actions before {@code callSoon}, {@code callSoonThreadsafe},
 * {@code callLater} or {@code callAt} happen-before the callback runs. See the package documentation.
 */
/*
 * One iteration (runOnce): wait for work (park until the next timer or a callSoonThreadsafe), move
 * due timers to the ready queue, then run exactly the handles that were ready when the iteration
 * began (a marker is appended first; handles added meanwhile wait for the next iteration, as in
 * CPython's _run_once). The ready queue is a ConcurrentLinkedQueue because other threads (and the
 * JDK, submitting virtual-thread continuations) add to it; the sleeping flag and the queue form a
 * Dekker pair so that a producer either sees the loop awake or unparks it. Timers and the task set
 * are confined to the loop context.
 */
public final class EventLoop implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger("io.bingfa.asyncio");
    private static final long ORIGIN = System.nanoTime();
    private static final ThreadLocal<EventLoop> RUNNING = new ThreadLocal<>();
    private static final String PROPERTY = "bingfa.asyncio.scheduler";

    private final SchedulerPath path;
    final TaskScheduler scheduler;
    private final ConcurrentLinkedQueue<Handle> ready = new ConcurrentLinkedQueue<>();
    private final java.util.function.Consumer<Handle> readySink = ready::add;
    private final PriorityQueue<TimerHandle> timers = new PriorityQueue<>();
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private long timerSeq;
    private volatile Thread thread;
    private volatile boolean sleeping;
    private volatile boolean stopping;
    private volatile boolean closed;
    /** Set by interruptRun: the caller of run was interrupted (see run's documentation). */
    private volatile boolean externalInterrupt;
    private Runnable onInterrupt;
    private boolean interrupted;
    private Executor defaultExecutor;
    /** Made at the first channel registration; until then the loop waits with park/unpark. */
    private volatile IoSelector io;
    /**
     * While callbacks are ready the loop does not wait for I/O, but still polls its selector, at most
     * once per BUSY_POLL_NANOS (CPython polls on every iteration; one epoll_wait per task switch
     * cost a measurable share of an echo round trip). Loop thread only.
     */
    private static final long BUSY_POLL_NANOS = 50_000L;
    private long lastPoll;
    private java.nio.ByteBuffer readBuffer;

    /** A new loop on {@link #defaultSchedulerPath()} (Python's {@code new_event_loop()}). */
    public EventLoop() {
        this(defaultSchedulerPath());
    }

    /**
     * A new loop on the given path.
     *
     * @throws UnsupportedOperationException if {@code path} is LOOP_CARRIER and this JVM does not
     *     allow it
     */
    public EventLoop(SchedulerPath path) {
        this.path = Objects.requireNonNull(path, "path");
        this.scheduler = TaskScheduler.create(path, this);
    }

    // ------------------------------------------------------------------ scheduler path

    /** The path new loops take in this JVM (see the class documentation). */
    public static SchedulerPath defaultSchedulerPath() {
        String p = System.getProperty(PROPERTY, "auto").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (p) {
            case "handoff" -> SchedulerPath.HANDOFF;
            case "loop-carrier", "loop_carrier" -> SchedulerPath.LOOP_CARRIER;
            case "auto", "" -> isLoopCarrierAvailable() ? SchedulerPath.LOOP_CARRIER : SchedulerPath.HANDOFF;
            default -> throw new IllegalArgumentException(PROPERTY + ": " + p
                    + " (expected: auto, loop-carrier or handoff)");
        };
    }

    /** Whether {@link SchedulerPath#LOOP_CARRIER} works in this JVM (probed once, at first use). */
    public static boolean isLoopCarrierAvailable() {
        return TaskScheduler.loopCarrierAvailable();
    }

    /** Why {@link SchedulerPath#LOOP_CARRIER} does not work in this JVM, or null if it does. */
    public static String loopCarrierUnavailableReason() {
        return TaskScheduler.loopCarrierUnavailableReason();
    }

    /** How this loop runs its tasks. */
    public SchedulerPath schedulerPath() {
        return path;
    }

    // ------------------------------------------------------------------ asyncio.run

    /**
     * Python's {@code asyncio.run(main)}: runs {@code main} as a task of a new loop, waiting until it
     * ends; then cancels the tasks still pending and waits for them, shuts the default executor down
     * and closes the loop.
     *
     * <p>The loop runs on a thread of its own, {@code asyncio-loop}, which the caller waits for: a
     * platform thread on {@link SchedulerPath#LOOP_CARRIER} (the carrier of the loop's tasks), a
     * virtual thread on {@link SchedulerPath#HANDOFF} (task switches then stay on one carrier:
     * measured here, ~4 us against ~70 us from a platform thread). A HANDOFF run called from a
     * virtual thread runs in that thread. The caller's interrupt reaches the loop through the loop
     * itself, never through its thread's interrupt status, which the JDK clears whenever a virtual
     * thread mounts on or leaves a carrier.
     *
     * @return what {@code main} returned
     * @throws java.util.concurrent.CompletionException if {@code main} failed; its cause is the failure
     * @throws CancellationException if {@code main} was cancelled
     * @throws IllegalStateException if called from a running loop
     * @throws InterruptedException if the thread was interrupted while running the loop (main is then
     *     cancelled and waited for first)
     */
    public static <T> T run(AsyncTask<T> main) throws InterruptedException {
        return run(defaultSchedulerPath(), main);
    }

    /** {@link #run(AsyncTask)} on a loop of the given path. */
    public static <T> T run(SchedulerPath path, AsyncTask<T> main) throws InterruptedException {
        Objects.requireNonNull(main, "main");
        if (current() != null) {
            throw new IllegalStateException("asyncio.run() cannot be called from a running event loop");
        }
        EventLoop loop = new EventLoop(path);
        if (path == SchedulerPath.HANDOFF && Thread.currentThread().isVirtual()) {
            return loop.runAndClose(main); // a virtual thread's interrupt status is its own
        }
        return loop.runOnOwnThread(main);
    }

    /**
     * Runs {@link #runAndClose} on a new {@code asyncio-loop} thread and waits for it; an interrupt
     * of the caller becomes {@link #interruptRun()}; the outcome is rethrown as it was thrown there.
     */
    private <T> T runOnOwnThread(AsyncTask<T> main) throws InterruptedException {
        Object[] outcome = new Object[2]; // value, failure; published by the thread's end (join)
        Runnable body = () -> {
            try {
                outcome[0] = runAndClose(main);
            } catch (Throwable t) {
                outcome[1] = t;
            }
        };
        Thread.Builder builder = path == SchedulerPath.HANDOFF ? Thread.ofVirtual() : Thread.ofPlatform();
        Thread loopThread = builder.name("asyncio-loop").start(body);
        boolean interrupted = false;
        while (true) {
            try {
                loopThread.join();
                break;
            } catch (InterruptedException e) {
                if (!interrupted) {
                    interrupted = true;
                    interruptRun();
                }
            }
        }
        Throwable failure = (Throwable) outcome[1];
        if (failure instanceof InterruptedException ie) {
            throw ie;
        }
        if (interrupted) {
            Thread.currentThread().interrupt(); // main ended before the interrupt reached it
        }
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        T value = (T) outcome[0];
        return value;
    }

    /** asyncio.run's body in the calling thread: main, then the cleanup, then close. */
    private <T> T runAndClose(AsyncTask<T> main) throws InterruptedException {
        try {
            return runUntilComplete(main);
        } finally {
            try {
                cancelAllTasks();
                shutdownDefaultExecutor();
            } finally {
                close();
            }
        }
    }

    /**
     * Delivers an interrupt to {@link #runUntilComplete(AsyncTask)} as if its thread had been
     * interrupted (main is cancelled, then InterruptedException), from any thread, never waiting.
     */
    private void interruptRun() {
        externalInterrupt = true;
        wake();
    }

    /**
     * Whether an interruptRun waits to be delivered: only while main runs (its hook is set); one
     * arriving during asyncio.run's cleanup is left to the caller, who keeps its interrupt status.
     * Loop thread only.
     */
    private boolean interruptPending() {
        return externalInterrupt && onInterrupt != null;
    }

    /** The loop whose context the caller is in (running loop's thread or one of its tasks), or null. */
    public static EventLoop current() {
        Task<?> t = Task.current();
        return t != null ? t.loop : RUNNING.get();
    }

    /**
     * Python's {@code get_running_loop()}.
     *
     * @throws IllegalStateException "no running event loop"
     */
    public static EventLoop getRunningLoop() {
        EventLoop loop = current();
        if (loop == null) {
            throw new IllegalStateException("no running event loop");
        }
        return loop;
    }

    // ------------------------------------------------------------------ running

    /**
     * Runs {@code main} as a task and the loop until it is done, waiting; returns its result.
     *
     * @throws java.util.concurrent.CompletionException if {@code main} failed
     * @throws CancellationException if {@code main} was cancelled
     * @throws InterruptedException if the thread was interrupted (main is cancelled and awaited first)
     */
    public <T> T runUntilComplete(AsyncTask<T> main) throws InterruptedException {
        checkRunnable();
        Task<T> task = createTaskUnchecked(main, null);
        onInterrupt = () -> task.cancel("interrupted");
        try {
            return runUntilComplete(task);
        } finally {
            onInterrupt = null;
        }
    }

    /** Runs the loop until {@code future} is done, waiting; returns its result. */
    public <T> T runUntilComplete(Future<T> future) throws InterruptedException {
        checkRunnable();
        if (future.loop != this) {
            throw new IllegalArgumentException("future: " + future + " (expected: one of this loop)");
        }
        if (!future.isDone()) {
            future.addWaker(this::stopThreadsafe);
            runForever();
            if (!future.isDone()) {
                throw new IllegalStateException("Event loop stopped before Future completed.");
            }
        }
        if (interrupted) {
            interrupted = false;
            throw new InterruptedException("event loop interrupted; " + future);
        }
        return future.outcome();
    }

    /** Runs the loop in the calling thread until {@link #stop()}, waiting. */
    public void runForever() {
        checkRunnable();
        if (path == SchedulerPath.LOOP_CARRIER && Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("a LOOP_CARRIER loop needs a platform thread; this is "
                    + Thread.currentThread());
        }
        thread = Thread.currentThread();
        RUNNING.set(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            RUNNING.remove();
            thread = null;
        }
    }

    private void checkRunnable() {
        checkClosed();
        if (thread != null) {
            throw new IllegalStateException("This event loop is already running");
        }
        if (current() != null) {
            throw new IllegalStateException("Cannot run the event loop while another loop is running");
        }
    }

    /** One iteration; see the implementation note. */
    private void runOnce() {
        if (ready.isEmpty() && !stopping && !interruptPending()) {
            long timeout = -1L;
            TimerHandle next;
            while ((next = timers.peek()) != null && next.isCancelled()) {
                timers.poll();
            }
            if (next != null) {
                timeout = Math.max(0L, next.whenNanos - System.nanoTime());
            }
            IoSelector selector = io;
            if (selector != null) {
                sleeping = timeout != 0L;
                selector.select(ready.isEmpty() && !stopping && !interruptPending() ? timeout : 0L, readySink);
                sleeping = false;
                lastPoll = System.nanoTime();
            } else if (timeout != 0L) {
                sleeping = true;
                if (ready.isEmpty() && !stopping && !interruptPending()) {
                    if (timeout < 0L) {
                        LockSupport.park(this);
                    } else {
                        LockSupport.parkNanos(this, timeout);
                    }
                }
                sleeping = false;
            }
        } else {
            IoSelector selector = io;
            if (selector != null && System.nanoTime() - lastPoll >= BUSY_POLL_NANOS) {
                selector.select(0L, readySink); // a busy loop still looks at its sockets
                lastPoll = System.nanoTime();
            }
        }
        boolean external = interruptPending();
        if (external) {
            externalInterrupt = false;
        }
        if (Thread.interrupted() || external) {
            interrupted = true;
            Runnable hook = onInterrupt;
            if (hook != null) {
                hook.run();
            } else {
                stopping = true;
            }
        }
        long now = System.nanoTime();
        TimerHandle t;
        while ((t = timers.peek()) != null) {
            if (t.isCancelled()) {
                timers.poll();
            } else if (t.whenNanos - now <= 0L) {
                ready.add(timers.poll());
            } else {
                break;
            }
        }
        Handle marker = new Handle(() -> {});
        ready.add(marker);
        Handle h;
        while ((h = ready.poll()) != marker && h != null) {
            h.run();
        }
    }

    /** Stops the loop after the current iteration (Python's {@code stop()}); any thread. */
    public void stop() {
        stopping = true;
        wake();
    }

    /** Wakes the loop thread from its wait for work (park, or the selector's select). */
    private void wake() {
        IoSelector selector = io;
        if (selector != null) {
            selector.wakeup();
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void stopThreadsafe() {
        stop();
    }

    /** Whether the loop is running. */
    public boolean isRunning() {
        return thread != null;
    }

    /** Whether the loop is closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop, never waiting: drops pending callbacks and shuts the default executor down
     * without waiting. Tasks still pending are logged ("Task was destroyed but it is pending!").
     *
     * @throws IllegalStateException if the loop is running
     */
    @Override
    public void close() {
        if (thread != null) {
            throw new IllegalStateException("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        closed = true;
        ready.clear();
        timers.clear();
        for (Task<?> t : tasks) {
            LOG.log(System.Logger.Level.WARNING, "Task was destroyed but it is pending! " + t);
        }
        tasks.clear();
        IoSelector selector = io;
        io = null;
        if (selector != null) {
            selector.close();
        }
        Executor ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            try {
                ex.shutdown(false, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Cancels every pending task and runs the loop until they have all ended (asyncio.run's cleanup). */
    void cancelAllTasks() throws InterruptedException {
        List<Task<?>> left = new ArrayList<>();
        for (Task<?> t : tasks) {
            if (!t.isDone()) {
                left.add(t);
            }
        }
        if (left.isEmpty()) {
            return;
        }
        for (Task<?> t : left) {
            t.cancel();
        }
        runUntilComplete(Asyncio.gather(this, true, left));
        for (Task<?> t : left) {
            Throwable failure = t.failureNow();
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "unhandled exception during asyncio.run() shutdown: "
                        + t, failure);
            }
        }
    }

    /** Shuts the default executor down, waiting for its threads (Python's {@code shutdown_default_executor}). */
    public void shutdownDefaultExecutor() throws InterruptedException {
        Executor ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            ex.shutdown(true, false);
        }
    }

    // ------------------------------------------------------------------ tasks and futures

    /**
     * Schedules {@code body} as a new task of this loop (Python's {@code loop.create_task}), never
     * waiting; it starts at a later turn of the loop. Loop context only.
     */
    public <T> Task<T> createTask(AsyncTask<T> body) {
        return createTask(body, null);
    }

    /** {@link #createTask(AsyncTask)} with a name ({@code null}: {@code Task-N}). */
    public <T> Task<T> createTask(AsyncTask<T> body, String name) {
        checkLoopContext();
        return createTaskUnchecked(body, name);
    }

    private <T> Task<T> createTaskUnchecked(AsyncTask<T> body, String name) {
        checkClosed();
        Task<T> task = new Task<>(this, body, name);
        tasks.add(task);
        scheduler.start(task);
        return task;
    }

    void taskEnded(Task<?> task) {
        tasks.remove(task);
    }

    /** A new pending future of this loop (Python's {@code loop.create_future()}). */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /**
     * Runs {@code fn} in {@code executor} ({@code null}: the loop's default executor, a thread pool
     * created at first use) and returns a future of this loop for its outcome, never waiting.
     * Cancelling the returned future cancels the executor's future if it has not started.
     */
    public <T> Future<T> runInExecutor(Executor executor, io.bingfa.Task<T> fn) {
        Objects.requireNonNull(fn, "fn");
        checkClosed();
        Executor ex = executor;
        if (ex == null) {
            synchronized (this) {
                if (defaultExecutor == null) {
                    defaultExecutor = ThreadPoolExecutor.builder().threadNamePrefix("asyncio").build();
                }
                ex = defaultExecutor;
            }
        }
        Future<T> out = createFuture();
        io.bingfa.futures.Future<T> inner = ex.submit(fn);
        inner.addDoneCallback(f -> callSoonThreadsafe(() -> {
            if (out.isDone()) {
                return;
            }
            switch (f.state()) {
                case SUCCESS -> out.setResult(f.resultNow());
                case FAILED -> out.setException(f.exceptionNow());
                default -> out.cancel();
            }
        }));
        out.addDoneCallback(f -> {
            if (f.isCancelled()) {
                inner.cancel();
            }
        });
        return out;
    }

    // ------------------------------------------------------------------ callbacks

    /**
     * Schedules {@code callback} for the next iteration (FIFO), never waiting. Loop context only
     * (or before the loop runs); other threads use {@link #callSoonThreadsafe}.
     */
    public Handle callSoon(Runnable callback) {
        checkLoopContext();
        Handle h = new Handle(callback);
        enqueue(h);
        return h;
    }

    /** {@link #callSoon} for any thread; wakes the loop if it is waiting. */
    public Handle callSoonThreadsafe(Runnable callback) {
        Handle h = new Handle(callback);
        enqueue(h);
        return h;
    }

    /**
     * Schedules {@code callback} to run after {@code delay}, never waiting. Loop context only.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLaterNanos(Timeouts.toNanos(delay), callback);
    }

    /** Schedules {@code callback} at loop time {@code when} ({@link #time()}). Loop context only. */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAtNanos(fromLoopTime(when), callback);
    }

    TimerHandle callLaterNanos(long nanos, Runnable callback) {
        return callAtNanos(Timeouts.deadline(nanos), callback);
    }

    TimerHandle callAtNanos(long whenNanos, Runnable callback) {
        checkLoopContext();
        checkClosed();
        TimerHandle h = new TimerHandle(whenNanos, timerSeq++, callback);
        timers.add(h);
        return h;
    }

    /** The loop's clock in seconds (monotonic; Python's {@code loop.time()}). */
    public double time() {
        return toLoopTime(System.nanoTime());
    }

    static double toLoopTime(long nanos) {
        return (nanos - ORIGIN) / 1e9;
    }

    static long fromLoopTime(double when) {
        double nanos = when * 1e9;
        if (nanos >= 4e18) {
            return ORIGIN + 4_000_000_000_000_000_000L;
        }
        if (nanos <= -4e18) {
            return ORIGIN - 4_000_000_000_000_000_000L;
        }
        return ORIGIN + (long) nanos;
    }

    // ------------------------------------------------------------------ I/O

    /**
     * Calls {@code callback} on this loop whenever {@code channel} is readable (a server channel:
     * acceptable), never waiting (Python's {@code add_reader}); replaces an earlier reader of the
     * channel. Loop context only.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode or closed
     */
    public void addReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkLoopContext();
        io().addReader(channel, callback);
    }

    /** Stops watching {@code channel} for reading; returns whether it was watched. Loop context only. */
    public boolean removeReader(java.nio.channels.SelectableChannel channel) {
        checkLoopContext();
        IoSelector selector = io;
        return selector != null && selector.removeReader(channel);
    }

    /**
     * Calls {@code callback} on this loop whenever {@code channel} is writable (a connecting
     * {@code SocketChannel}: when its connect has finished), never waiting (Python's
     * {@code add_writer}); replaces an earlier writer. Loop context only.
     *
     * @throws IllegalArgumentException if the channel is in blocking mode or closed
     */
    public void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        checkLoopContext();
        io().addWriter(channel, callback);
    }

    /** Stops watching {@code channel} for writing; returns whether it was watched. Loop context only. */
    public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
        checkLoopContext();
        IoSelector selector = io;
        return selector != null && selector.removeWriter(channel);
    }

    private IoSelector io() {
        checkClosed();
        IoSelector selector = io;
        if (selector == null) {
            selector = new IoSelector();
            io = selector;
        }
        return selector;
    }

    /** A buffer the loop's transports read into, one at a time (loop-confined, 64 KiB). */
    java.nio.ByteBuffer readBuffer() {
        if (readBuffer == null) {
            readBuffer = java.nio.ByteBuffer.allocate(64 * 1024);
        }
        return readBuffer.clear();
    }

    // ------------------------------------------------------------------ internals

    /**
     * Set by {@link #resumeInline} while it unparks a task on the loop thread: the continuation the
     * JDK submits for it is kept here instead of queued. Loop thread only.
     */
    private boolean capturing;
    private Runnable captured;

    /**
     * LOOP_CARRIER: {@code unpark} the task's thread and run its continuation at once, on this (the
     * loop) thread, as CPython's {@code Task.__wakeup} runs {@code __step} directly, instead of
     * queueing it for the next iteration. Falls back to the queue if the JDK does not submit the
     * continuation synchronously. Call only on the loop thread, outside any task.
     */
    void resumeInline(Thread taskThread) {
        capturing = true;
        Runnable r;
        try {
            LockSupport.unpark(taskThread);
        } finally {
            capturing = false;
            r = captured;
            captured = null;
        }
        if (r != null) {
            r.run(); // mounts the task until its next park; its failures end the task, not here
        }
    }

    /** The JDK (LOOP_CARRIER) or the handoff scheduler submits task turns here; any thread. */
    void enqueueContinuation(Runnable r) {
        if (capturing && captured == null && Thread.currentThread() == thread) {
            captured = r;
            return;
        }
        Handle h = new Handle(r);
        if (closed) {
            LOG.log(System.Logger.Level.WARNING, "task turn dropped: the event loop is closed");
            return;
        }
        enqueue(h);
    }

    private void enqueue(Handle h) {
        checkClosed();
        ready.add(h);
        if (sleeping) {
            wake();
        }
    }

    Thread thread() {
        return thread;
    }

    boolean isLoopThread() {
        return Thread.currentThread() == thread;
    }

    /** The loop thread, or one of this loop's tasks. */
    boolean inLoopContext() {
        Task<?> t = Task.current();
        return t != null ? t.loop == this : Thread.currentThread() == thread;
    }

    private void checkLoopContext() {
        if (!inLoopContext() && (thread != null || Task.current() != null)) {
            throw new IllegalStateException("Non-thread-safe operation invoked on an event loop other"
                    + " than the current one; use callSoonThreadsafe");
        }
    }

    private void checkClosed() {
        if (closed) {
            throw new IllegalStateException("Event loop is closed");
        }
    }

    /** Shows the state: {@code EventLoop[running, HANDOFF, tasks=3]}. */
    @Override
    public String toString() {
        return "EventLoop[" + (closed ? "closed" : thread != null ? "running" : "idle") + ", " + path
                + ", tasks=" + tasks.size() + "]";
    }
}
