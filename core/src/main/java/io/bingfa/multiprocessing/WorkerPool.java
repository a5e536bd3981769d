package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.futures.BrokenExecutorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The worker machinery shared by {@link Pool} and {@link ProcessPoolExecutor}: a server socket
 * the workers call back to, the worker processes, a queue of {@link PoolTask}s, and what happens
 * when a worker dies. The two owners differ only in {@link OnCrash}.
 *
 * <p>States: {@code RUNNING --close()--> CLOSED --queue drained, workers exited--> (joinable)};
 * {@code RUNNING/CLOSED --terminate()--> TERMINATED}; {@code RUNNING/CLOSED --crash under BREAK, or
 * a failing initializer--> BROKEN}.
 */
/*
 * Design: no dispatcher threads. Whoever makes progress possible (a submitting thread, a worker's
 * reader thread after a result or READY, a replacement) calls pump(), which under the lock picks a
 * ready worker with fewer than WINDOW tasks in flight and the queue's head, then sends outside the
 * lock. So a lone apply() costs one hand-off (the reader completing the caller's future), and a
 * second chunk is already in the worker's socket when the first finishes (pipelining).
 *
 * One reader thread per worker: authenticates the connection (before deserialising anything),
 * reads HELLO to learn which worker it is, then READY / results until EOF. On EOF it waits for the
 * process to exit (for the exit code) and calls gone(). A worker that dies before calling back is
 * noticed by JvmProcess.onExit(). A worker that answered all of maxTasksPerChild tasks exits with
 * 0 and nothing in flight: a clean retirement, replaced without fuss.
 */
final class WorkerPool {
    /** What a worker dying with tasks in flight (or with a non-zero exit) does to the pool. */
    enum OnCrash {
        /** Pool: the running task fails with WorkerCrashedException, the others are re-queued. */
        FAIL_RUNNING_TASK,
        /** ProcessPoolExecutor: every pending task fails with BrokenExecutorException. */
        BREAK
    }

    enum State { RUNNING, CLOSED, TERMINATED, BROKEN }

    private static final System.Logger LOG = System.getLogger(WorkerPool.class.getName());
    private static final int WINDOW = 2;

    private final String owner;
    private final int size;
    private final boolean eager;
    private final SerializableAction initializer;
    private final int maxTasksPerChild;
    private final OnCrash onCrash;
    private final WorkerFunctions functions = new WorkerFunctions();
    private final AtomicLong taskIds = new AtomicLong();
    private final AtomicLong workerIds = new AtomicLong();
    private final ServerSocketChannel server;
    private final Endpoint endpoint;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by lock. */
    private final ArrayDeque<PoolTask> queue = new ArrayDeque<>();
    /** Guarded by lock. */
    private final Map<Long, WorkerHandle> workers = new LinkedHashMap<>();
    /** Guarded by lock. */
    private State state = State.RUNNING;
    /** Guarded by lock. */
    private String brokenReason;
    /** Guarded by lock. */
    private boolean serverClosed;

    WorkerPool(String owner, int size, boolean eager, SerializableAction initializer,
            int maxTasksPerChild, OnCrash onCrash) {
        this.owner = owner;
        this.size = size;
        this.eager = eager;
        this.initializer = initializer;
        this.maxTasksPerChild = maxTasksPerChild;
        this.onCrash = onCrash;
        try {
            Endpoint wanted = RuntimeDir.newEndpoint("pool");
            this.server = wanted.bind();
            this.endpoint = wanted.isUnix() ? wanted : Endpoint.of(server);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot open the " + owner + "'s socket", e);
        }
        Thread.ofPlatform().daemon(true).name("bingfa-" + owner + "-acceptor").start(this::acceptLoop);
        if (eager) {
            List<WorkerHandle> spawns;
            lock.lock();
            try {
                spawns = planSpawns();
            } finally {
                lock.unlock();
            }
            for (WorkerHandle h : spawns) {
                try {
                    h.process.start();
                } catch (RuntimeException e) {
                    // as CPython's Pool(): the error propagates and the started workers end
                    terminate();
                    throw e;
                }
                watchExit(h);
            }
        }
    }

    // ------------------------------------------------------------------ submitting

    /**
     * Encodes a chunk and wraps it as a task (in the calling thread, so encoding errors are the
     * caller's).
     *
     * @throws IllegalArgumentException if the function or an item is not serialisable
     */
    PoolTask task(Object fn, List<?> items, PoolTask.Sink sink) {
        WorkerFunctions.Encoded encoded = functions.encode(fn);
        byte[] bytes;
        try {
            bytes = WorkerWire.encodeItems(items, 0);
        } catch (IOException e) {
            throw new IllegalArgumentException("an argument cannot be copied to a worker (arguments "
                    + "must be serialisable): " + e, e);
        }
        if ((long) bytes.length + encoded.bytes().length + 17 > FramedChannel.DEFAULT_MAX_FRAME) {
            throw new IllegalArgumentException("a chunk of " + items.size() + " items encodes to "
                    + bytes.length + " bytes (expected: at most " + FramedChannel.DEFAULT_MAX_FRAME
                    + " bytes per task; use a smaller chunksize)");
        }
        return new PoolTask(taskIds.incrementAndGet(), encoded, bytes, sink);
    }

    /** Queues {@code task}; returns {@code null} if accepted, else the state that refused it. */
    State offer(PoolTask task) {
        List<WorkerHandle> spawns;
        lock.lock();
        try {
            if (state != State.RUNNING) {
                return state;
            }
            queue.add(task);
            spawns = planSpawns();
        } finally {
            lock.unlock();
        }
        startAll(spawns);
        pump();
        return null;
    }

    State state() {
        lock.lock();
        try {
            return state;
        } finally {
            lock.unlock();
        }
    }

    String brokenReason() {
        lock.lock();
        try {
            return brokenReason;
        } finally {
            lock.unlock();
        }
    }

    /** Sends queued tasks to ready workers with room, until one of the two runs out. */
    private void pump() {
        while (true) {
            WorkerHandle w;
            PoolTask t;
            List<WorkerHandle> toClose;
            lock.lock();
            try {
                if (state == State.TERMINATED || state == State.BROKEN) {
                    return;
                }
                w = pick();
                t = w == null ? null : nextStartable();
                if (t == null) {
                    toClose = idleToClose();
                } else {
                    toClose = List.of();
                    w.load++;
                    w.sent++;
                }
            } finally {
                lock.unlock();
            }
            if (t == null) {
                for (WorkerHandle c : toClose) {
                    c.closeOutput();
                }
                return;
            }
            if (!w.send(t)) {
                takeBack(w, t);
            }
        }
    }

    /**
     * Call only when holding lock. The ready worker with the fewest tasks in flight; a second task
     * is queued behind a running one only when no worker (ready or starting) is idle, so that
     * pipelining never makes a task wait while another worker has nothing to do.
     */
    private WorkerHandle pick() {
        WorkerHandle best = null;
        boolean someoneIdle = false;
        for (WorkerHandle w : workers.values()) {
            if (w.gone || w.closing || (maxTasksPerChild > 0 && w.sent >= maxTasksPerChild)) {
                continue;
            }
            if (w.load == 0) {
                someoneIdle = true;
            }
            if (w.ready && w.load < WINDOW && (best == null || w.load < best.load)) {
                best = w;
            }
        }
        return best != null && best.load > 0 && someoneIdle ? null : best;
    }

    /** Call only when holding lock. Drops tasks whose sink refuses to start (cancelled). */
    private PoolTask nextStartable() {
        PoolTask head;
        while ((head = queue.peek()) != null) {
            if (head.started || head.sink.start()) {
                head.started = true;
                return queue.poll();
            }
            queue.poll();
        }
        return null;
    }

    /** Call only when holding lock: once closed and drained, idle workers are told to exit. */
    private List<WorkerHandle> idleToClose() {
        if (state != State.CLOSED || !queue.isEmpty()) {
            return List.of();
        }
        List<WorkerHandle> idle = new ArrayList<>();
        for (WorkerHandle w : workers.values()) {
            if (w.ready && w.load == 0 && !w.closing) {
                w.closing = true;
                idle.add(w);
            }
        }
        return idle;
    }

    /** A send that never reached the worker: queue the task again at the front (or fail it). */
    private void takeBack(WorkerHandle w, PoolTask t) {
        Throwable failure = null;
        lock.lock();
        try {
            w.load--;
            if (state == State.RUNNING || state == State.CLOSED) {
                queue.addFirst(t);
            } else {
                failure = endFailure();
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            t.fail(failure);
        }
    }

    // ------------------------------------------------------------------ workers

    /** Call only when holding lock. Creates (unstarted) the workers the current demand needs. */
    private List<WorkerHandle> planSpawns() {
        if (state != State.RUNNING && (state != State.CLOSED || queue.isEmpty())) {
            return List.of();
        }
        int want;
        if (eager && state == State.RUNNING) {
            want = size;
        } else {
            int spare = 0;
            for (WorkerHandle w : workers.values()) {
                if (!w.ready || w.load == 0) {
                    spare++;
                }
            }
            want = Math.min(size, workers.size() + Math.max(0, queue.size() - spare));
        }
        List<WorkerHandle> spawns = new ArrayList<>();
        while (workers.size() < want) {
            long id = workerIds.incrementAndGet();
            JvmProcess p = JvmProcess.builder()
                    .target(new WorkerLoop(endpoint, id, initializer, maxTasksPerChild))
                    .daemon(true).build();
            WorkerHandle h = new WorkerHandle(id, p);
            workers.put(id, h);
            spawns.add(h);
        }
        return spawns;
    }

    private void startAll(List<WorkerHandle> spawns) {
        for (WorkerHandle h : spawns) {
            try {
                h.process.start();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a worker of the " + owner + " could not be started", e);
                couldNotStart(h, e);
                continue;
            }
            watchExit(h);
            boolean ended;
            lock.lock();
            try {
                ended = state == State.TERMINATED || state == State.BROKEN;
            } finally {
                lock.unlock();
            }
            if (ended) {
                h.process.kill(); // started after terminate() looked for workers to kill
            }
        }
    }

    /** A worker that dies before calling back has no reader to notice it: its exit does. */
    private void watchExit(WorkerHandle h) {
        h.process.onExit().thenRun(() -> {
            if (!h.connected) {
                gone(h);
            }
        });
    }

    private void couldNotStart(WorkerHandle h, RuntimeException e) {
        List<Runnable> failures;
        lock.lock();
        try {
            h.gone = true;
            workers.remove(h.id);
            if (!workers.isEmpty()) {
                return;
            }
            failures = breakPool("a worker process could not be started: " + e, e);
        } finally {
            lock.unlock();
        }
        failures.forEach(Runnable::run);
    }

    private void acceptLoop() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException closed) {
                return;
            }
            Thread.ofPlatform().daemon(true).name("bingfa-" + owner + "-reader")
                    .start(() -> serve(channel));
        }
    }

    /** One worker's connection: handshake, HELLO, then READY and results until the end. */
    private void serve(SocketChannel socket) {
        FramedChannel channel = new FramedChannel(socket);
        WorkerHandle w = null;
        try {
            Auth.accept(channel, Multiprocessing.currentProcess().authKey());
            ByteBuffer hello = ByteBuffer.wrap(channel.read(Auth.MAX_HANDSHAKE_FRAME));
            if (hello.remaining() != 9 || hello.get() != WorkerWire.HELLO) {
                return;
            }
            long id = hello.getLong();
            lock.lock();
            try {
                w = workers.get(id);
                if (w == null || w.connected || w.gone) {
                    w = null;
                    return;
                }
                w.channel = channel;
                w.connected = true;
            } finally {
                lock.unlock();
            }
            Thread.currentThread().setName("bingfa-" + owner + "-reader-" + w.process.name());
            while (true) {
                byte[] frame = channel.read();
                switch (frame[0]) {
                    case WorkerWire.READY -> ready(w);
                    case WorkerWire.INIT_FAILED -> initializerFailed(w, frame);
                    default -> answered(w, frame);
                }
            }
        } catch (IOException | RuntimeException endOfWorker) {
            // EOF: the worker exited (or was killed); anything else: it is treated as gone
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing
            }
            if (w != null) {
                awaitExit(w);
                gone(w);
            }
        }
    }

    private static void awaitExit(WorkerHandle w) {
        try {
            if (!w.process.join(Duration.ofSeconds(5))) {
                w.process.kill(); // it closed its connection but lingers
                w.process.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void ready(WorkerHandle w) {
        lock.lock();
        try {
            w.ready = true;
        } finally {
            lock.unlock();
        }
        pump();
    }

    private void answered(WorkerHandle w, byte[] frame) {
        long taskId = ByteBuffer.wrap(frame, 1, 8).getLong();
        PoolTask t = w.answered(taskId);
        lock.lock();
        try {
            if (t != null) {
                w.load--;
            }
        } finally {
            lock.unlock();
        }
        if (t != null) {
            switch (frame[0]) {
                case WorkerWire.OK -> {
                    Object[] results;
                    try {
                        results = WorkerWire.decodeItems(frame, WorkerWire.RESULT_HEADER);
                    } catch (IOException | RuntimeException e) {
                        t.fail(e);
                        break;
                    }
                    t.sink.succeeded(results);
                }
                case WorkerWire.FAILED -> t.fail(decodeFailure(frame));
                case WorkerWire.UNENCODABLE -> t.fail(new ResultNotSerializableException(new String(frame,
                        WorkerWire.RESULT_HEADER, frame.length - WorkerWire.RESULT_HEADER,
                        StandardCharsets.UTF_8)));
                default -> t.fail(new java.net.ProtocolException("unknown frame kind " + frame[0]));
            }
        }
        pump();
    }

    /** The task's own exception, copied, with the worker's trace as a {@link RemoteTraceback}. */
    private static Throwable decodeFailure(byte[] frame) {
        try {
            Object[] pair = (Object[]) Codec.standard().decode(frame, WorkerWire.RESULT_HEADER,
                    frame.length - WorkerWire.RESULT_HEADER);
            return RemoteTraceback.attach((Throwable) pair[0], (String) pair[1]);
        } catch (IOException | RuntimeException e) {
            return e;
        }
    }

    private void initializerFailed(WorkerHandle w, byte[] frame) {
        Throwable failure = decodeFailure(frame);
        LOG.log(System.Logger.Level.ERROR, "Exception in initializer of " + owner + " worker "
                + w.process.name() + ":", failure);
        List<Runnable> failures;
        lock.lock();
        try {
            failures = breakPool(onCrash == OnCrash.BREAK
                    ? "A process initializer failed, the process pool is not usable anymore"
                    : "the initializer failed in worker " + w.process.name()
                            + "; the pool is not usable anymore", failure);
        } finally {
            lock.unlock();
        }
        failures.forEach(Runnable::run);
    }

    /** A worker ended: settle its tasks, replace it if there is still work, wake join(). */
    private void gone(WorkerHandle w) {
        List<PoolTask> lost = w.takeAll();
        Integer code = w.process.exitCode();
        int exitCode = code == null ? Integer.MIN_VALUE : code;
        long pid = w.process.pid();
        List<Runnable> failures = new ArrayList<>();
        List<WorkerHandle> spawns = List.of();
        lock.lock();
        try {
            if (w.gone) {
                return;
            }
            w.gone = true;
            workers.remove(w.id);
            boolean active = state == State.RUNNING || state == State.CLOSED;
            boolean clean = lost.isEmpty() && exitCode == 0;
            if (!active) {
                Throwable end = endFailure();
                for (PoolTask t : lost) {
                    failures.add(() -> t.fail(end));
                }
            } else if (!w.ready && exitCode != 0 && onCrash == OnCrash.FAIL_RUNNING_TASK) {
                // it never got through its initializer: a replacement would likely die the same way
                failures.addAll(breakPool("worker " + w.process.name() + " (pid " + pid
                        + ") exited with code " + exitCode + " before it was ready; the pool is not "
                        + "usable anymore", null));
            } else if (!clean && onCrash == OnCrash.BREAK) {
                String reason = "A process in the process pool was terminated abruptly while the "
                        + "future was running or pending.";
                for (PoolTask t : lost) {
                    failures.add(() -> t.fail(brokenFailure(reason, w.process.name(), pid, exitCode)));
                }
                failures.addAll(breakPool(reason, null, w.process.name(), pid, exitCode));
            } else {
                if (!lost.isEmpty()) {
                    PoolTask running = lost.get(0);
                    WorkerCrashedException crash = new WorkerCrashedException("worker "
                            + w.process.name() + " (pid " + pid + ") died with exit code " + exitCode
                            + " while running this task", w.process.name(), pid, exitCode);
                    failures.add(() -> running.fail(crash));
                    for (int i = lost.size() - 1; i >= 1; i--) {
                        queue.addFirst(lost.get(i)); // sent but never started
                    }
                    LOG.log(System.Logger.Level.WARNING, "{0} worker {1} (pid {2}) died with exit code "
                            + "{3}; its running task failed and a new worker replaces it",
                            owner, w.process.name(), pid, exitCode);
                }
                spawns = planSpawns();
            }
            closeServerIfDone();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        failures.forEach(Runnable::run);
        startAll(spawns);
        pump();
    }

    private Throwable brokenFailure(String reason, String name, long pid, int exitCode) {
        return new BrokenExecutorException(reason, new WorkerCrashedException(
                "A child process terminated abruptly with exit code " + exitCode + " (worker " + name
                + ", pid " + pid + ")", name, pid, exitCode));
    }

    /**
     * Call only when holding lock. Marks the pool broken, kills the workers and returns the
     * failures of every pending task, each with its own exception, to run outside the lock.
     */
    private List<Runnable> breakPool(String reason, Throwable cause) {
        return breakPool(reason, cause, null, 0, 0);
    }

    private List<Runnable> breakPool(String reason, Throwable cause, String name, long pid, int exitCode) {
        List<Runnable> failures = new ArrayList<>();
        if (state == State.TERMINATED || state == State.BROKEN) {
            return failures;
        }
        state = State.BROKEN;
        brokenReason = reason;
        List<PoolTask> pending = takeEverything();
        for (PoolTask t : pending) {
            failures.add(() -> t.fail(name != null ? brokenFailure(reason, name, pid, exitCode)
                    : onCrash == OnCrash.BREAK ? new BrokenExecutorException(reason, cause)
                    : new IllegalStateException(reason, cause)));
        }
        closeServerIfDone();
        changed.signalAll();
        return failures;
    }

    /** Call only when holding lock: empties the queue and every worker, killing the workers. */
    private List<PoolTask> takeEverything() {
        List<PoolTask> all = new ArrayList<>(queue);
        queue.clear();
        for (WorkerHandle w : workers.values()) {
            all.addAll(w.takeAll());
            try {
                w.process.kill();
            } catch (IllegalStateException notStarted) {
                // nothing to kill
            }
        }
        return all;
    }

    /** Call only when holding lock. The failure of a task that can no longer run. */
    private Throwable endFailure() {
        if (state == State.BROKEN) {
            return onCrash == OnCrash.BREAK ? new BrokenExecutorException(brokenReason)
                    : new IllegalStateException(brokenReason);
        }
        return new CancellationException("the " + owner + " was terminated before this task finished");
    }

    /** Call only when holding lock. */
    private void closeServerIfDone() {
        if (!serverClosed && state != State.RUNNING && workers.isEmpty()
                && (state != State.CLOSED || queue.isEmpty())) {
            serverClosed = true;
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
            endpoint.unlink();
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Stops accepting tasks; the queued ones still run, then the workers exit. Never waits. */
    void close() {
        lock.lock();
        try {
            if (state == State.RUNNING) {
                state = State.CLOSED;
                closeServerIfDone();
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        pump();
    }

    /** Kills the workers and fails every unfinished task; never waits. */
    void terminate() {
        List<PoolTask> pending;
        Throwable[] failures;
        lock.lock();
        try {
            if (state == State.TERMINATED || state == State.BROKEN) {
                return;
            }
            state = State.TERMINATED;
            pending = takeEverything();
            failures = new Throwable[pending.size()];
            for (int i = 0; i < failures.length; i++) {
                failures[i] = endFailure();
            }
            closeServerIfDone();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (int i = 0; i < failures.length; i++) {
            pending.get(i).fail(failures[i]);
        }
    }

    /** Removes the queued tasks that were never sent; the caller cancels them. */
    List<PoolTask> takeQueued() {
        lock.lock();
        try {
            List<PoolTask> unsent = new ArrayList<>();
            queue.removeIf(t -> {
                if (!t.started) {
                    unsent.add(t);
                    return true;
                }
                return false;
            });
            return unsent;
        } finally {
            lock.unlock();
        }
        // callers run pump() through close() afterwards
    }

    /** Waits until the pool is not running and every worker has exited. */
    void join() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (state == State.RUNNING || !workers.isEmpty()
                    || (state == State.CLOSED && !queue.isEmpty())) {
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Returns the pids of the live workers (tests and toString). */
    List<Long> workerPids() {
        lock.lock();
        try {
            List<Long> pids = new ArrayList<>();
            for (WorkerHandle w : workers.values()) {
                try {
                    pids.add(w.process.pid());
                } catch (IllegalStateException notStarted) {
                    // starting
                }
            }
            return pids;
        } finally {
            lock.unlock();
        }
    }

    String describe() {
        lock.lock();
        try {
            return "state=" + state + ", workers=" + workers.size() + "/" + size + ", queued=" + queue.size();
        } finally {
            lock.unlock();
        }
    }
}
