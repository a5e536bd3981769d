package io.bingfa.asyncio;

import io.bingfa.futures.DoneAndNotDone;
import io.bingfa.futures.FuturesTimeoutException;
import io.bingfa.futures.ReturnWhen;
import io.bingfa.internal.Timeouts;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Python's {@code asyncio} module functions. The waiting ones are await points: call them from a
 * task; they suspend it (the loop runs other tasks) and deliver a pending cancellation as
 * {@link CancellationException}.
 */
public final class Asyncio {
    private Asyncio() {}

    // ------------------------------------------------------------------ loop and tasks

    /** Python's {@code asyncio.run(main)}: see {@link EventLoop#run(AsyncTask)}. */
    public static <T> T run(AsyncTask<T> main) throws InterruptedException {
        return EventLoop.run(main);
    }

    /** Python's {@code asyncio.get_running_loop()}. @throws IllegalStateException outside a loop */
    public static EventLoop getRunningLoop() {
        return EventLoop.getRunningLoop();
    }

    /** Python's {@code asyncio.current_task()}: the task running in this thread, or null. */
    public static Task<?> currentTask() {
        return Task.current();
    }

    /** Python's {@code asyncio.create_task(coro, name=None)} on the running loop; never waits. */
    public static <T> Task<T> createTask(AsyncTask<T> body) {
        return getRunningLoop().createTask(body);
    }

    /** {@link #createTask(AsyncTask)} with a name. */
    public static <T> Task<T> createTask(AsyncTask<T> body, String name) {
        return getRunningLoop().createTask(body, name);
    }

    private static Task<?> requireTask(String what) {
        Task<?> t = Task.current();
        if (t == null) {
            throw new IllegalStateException(what + " must be called from a task of a running event loop");
        }
        return t;
    }

    // ------------------------------------------------------------------ sleep

    /**
     * Suspends the current task for {@code delay} (Python's {@code await asyncio.sleep(delay)}).
     * {@code Duration.ZERO} yields once: every other ready task and callback runs first. The task
     * lies dormant until the delay elapses or it is cancelled.
     *
     * @throws CancellationException if the task is cancelled meanwhile (also when cancelled before)
     * @throws IllegalArgumentException if {@code delay} is negative
     * @throws IllegalStateException outside a task
     */
    public static void sleep(Duration delay) {
        long nanos = Timeouts.toNanos(delay);
        Task<?> me = requireTask("sleep()");
        if (nanos == 0L) {
            me.yieldNow();
            return;
        }
        Future<Void> f = me.loop.createFuture();
        TimerHandle h = me.loop.callLaterNanos(nanos, () -> {
            if (!f.isDone()) {
                f.setResult(null);
            }
        });
        try {
            me.awaitFuture(f, -1L);
            f.outcome();
        } finally {
            h.cancel();
        }
    }

    /** {@link #sleep(Duration)}, then returns {@code result} (Python's {@code sleep(delay, result)}). */
    public static <T> T sleep(Duration delay, T result) {
        sleep(delay);
        return result;
    }

    // ------------------------------------------------------------------ gather

    /**
     * Python's {@code gather(*aws)}: a future of the children's results in argument order, never
     * waiting. It fails with the first child failure as soon as it happens (the other children keep
     * running, not cancelled); a cancelled child makes it fail with a CancellationException (it is
     * not itself cancelled). Cancelling it cancels every child still running.
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Future<? extends T>... children) {
        return gather(Arrays.asList(children));
    }

    /** {@link #gather(Future[])} over a list. */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(List<? extends Future<? extends T>> children) {
        return (Future<List<T>>) (Future<?>) gather(null, false, children);
    }

    /**
     * Python's {@code gather(*aws, return_exceptions=...)}: with {@code returnExceptions} failures
     * (and CancellationException instances for cancelled children) take their place in the list.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, List<? extends Future<?>> children) {
        return gather(null, returnExceptions, children);
    }

    static Future<List<Object>> gather(EventLoop given, boolean returnExceptions,
            List<? extends Future<?>> children) {
        List<Future<?>> kids = List.copyOf(children);
        EventLoop loop = given != null ? given : kids.isEmpty() ? getRunningLoop() : kids.get(0).loop;
        for (Future<?> k : kids) {
            if (k.loop != loop) {
                throw new IllegalArgumentException("futures of gather() belong to different loops: " + k);
            }
        }
        GatheringFuture outer = new GatheringFuture(loop, kids);
        if (kids.isEmpty()) {
            outer.complete(Future.FINISHED, List.of(), null, null);
            return outer;
        }
        int distinct = new HashSet<>(kids).size();
        int[] finished = {0};
        Consumer<io.bingfa.futures.Future<?>> onChildDone = fut -> {
            Future<?> child = (Future<?>) fut;
            finished[0]++;
            if (outer.isDone()) {
                return;
            }
            if (!returnExceptions) {
                if (child.isCancelled()) {
                    outer.complete(Future.FINISHED, null, child.cancellationException(), null);
                    return;
                }
                Throwable failure = child.failureNow();
                if (failure != null) {
                    outer.complete(Future.FINISHED, null, failure, null);
                    return;
                }
            }
            if (finished[0] == distinct) {
                List<Object> results = new ArrayList<>(kids.size());
                for (Future<?> k : kids) {
                    if (k.isCancelled()) {
                        results.add(k.cancellationException());
                    } else if (k.failureNow() != null) {
                        results.add(k.failureNow());
                    } else {
                        results.add(k.resultOrNull());
                    }
                }
                if (outer.cancelRequested) {
                    outer.complete(Future.FINISHED, null, new CancellationException(outer.cancelMessage), null);
                } else {
                    outer.complete(Future.FINISHED, results, null, null);
                }
            }
        };
        for (Future<?> k : new LinkedHashSet<>(kids)) {
            k.addDoneCallback(onChildDone::accept);
        }
        return outer;
    }

    /** CPython's {@code _GatheringFuture}: cancel() cancels the children. */
    private static final class GatheringFuture extends Future<List<Object>> {
        private final List<Future<?>> children;
        boolean cancelRequested;
        String cancelMessage;

        GatheringFuture(EventLoop loop, List<Future<?>> children) {
            super(loop);
            this.children = children;
        }

        @Override
        public boolean cancel(String message) {
            if (isDone()) {
                return false;
            }
            boolean any = false;
            for (Future<?> c : children) {
                if (c.cancel(message)) {
                    any = true;
                }
            }
            if (any) {
                cancelRequested = true;
                cancelMessage = message;
            }
            return any;
        }
    }

    // ------------------------------------------------------------------ wait_for and timeout

    /**
     * Python 3.12's {@code await wait_for(fut, timeout)}: waits for {@code future} for at most
     * {@code timeout} ({@code null}: no limit). When the time runs out it cancels the future, waits
     * until it has really ended, and throws {@link TimeoutException} whose cause is the
     * CancellationException; if the future swallowed the cancellation and produced a value, that
     * value is returned instead. A zero timeout checks once: a done future's result is returned,
     * otherwise it is cancelled as above (Python treats a negative timeout as zero; here it is an
     * {@link IllegalArgumentException}, API.md's rule for every timeout). Cancelling the waiting task
     * cancels the future too.
     *
     * @throws TimeoutException if the time ran out
     * @throws CompletionException if the future failed; its cause is the failure
     * @throws CancellationException if the future or the waiting task was cancelled
     */
    public static <T> T waitFor(Future<T> future, Duration timeout) throws TimeoutException {
        Objects.requireNonNull(future, "future");
        checkTimeout(timeout);
        Task<?> me = requireTask("waitFor()");
        try {
            if (timeout == null) {
                return future.result();
            }
            if (timeout.isZero()) {
                if (future.isDone()) {
                    return future.outcome();
                }
                cancelAndWait(me, future);
                try {
                    return future.outcome();
                } catch (CancellationException c) {
                    TimeoutException t = new TimeoutException();
                    t.initCause(c);
                    throw t;
                }
            }
            return new Timeout(Timeouts.deadline(timeout.toNanos())).call(future::result);
        } catch (TimeoutException | RuntimeException | Error e) {
            throw e;
        } catch (Exception e) { // not thrown by future::result; keep the compiler content
            throw new CompletionException(e);
        }
    }

    /**
     * {@link #waitFor(Future, Duration)} for a body not started yet: it becomes a task of the running
     * loop; with a zero timeout it never starts.
     */
    public static <T> T waitFor(AsyncTask<T> body, Duration timeout) throws TimeoutException {
        checkTimeout(timeout);
        return waitFor(createTask(body), timeout);
    }

    /**
     * API.md's rule for every timeout: negative is an {@link IllegalArgumentException} (Python's
     * {@code wait_for} and {@code timeout} would treat it as zero; {@code timeoutAt} with a past time
     * still means "already expired").
     */
    private static void checkTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0, or null to wait forever)");
        }
    }

    /** CPython's {@code _cancel_and_wait}: cancels {@code f} and waits until it is done. */
    private static void cancelAndWait(Task<?> me, Future<?> f) {
        Future<Void> waiter = me.loop.createFuture();
        Consumer<io.bingfa.futures.Future<?>> release = x -> {
            if (!waiter.isDone()) {
                waiter.setResult(null);
            }
        };
        f.addDoneCallback(release::accept); // harmless if it runs after we stopped waiting
        f.cancel();
        me.awaitFuture(waiter, -1L);
        waiter.outcome();
    }

    /**
     * Python's {@code asyncio.timeout(delay)}: a scope, not entered yet, whose deadline is
     * {@code delay} from now ({@code null}: never; zero: already passed; negative:
     * {@link IllegalArgumentException}, where Python would treat it as passed - use
     * {@link #timeoutAt} with a past loop time for that).
     * Enter it with {@link Timeout#call(AsyncTask)}.
     */
    public static Timeout timeout(Duration delay) {
        if (delay == null) {
            return new Timeout((Long) null);
        }
        checkTimeout(delay);
        return new Timeout(Timeouts.deadline(Timeouts.toNanos(delay)));
    }

    /** Python's {@code asyncio.timeout_at(when)}: a scope with deadline loop time {@code when}. */
    public static Timeout timeoutAt(Double when) {
        return new Timeout(when);
    }

    /** {@code timeout(delay).call(body)}: runs {@code body} in a timeout scope. */
    public static <T> T timeout(Duration delay, AsyncTask<T> body) throws Exception {
        return timeout(delay).call(body);
    }

    // ------------------------------------------------------------------ shield

    /**
     * Python's {@code shield(aw)}: a future that follows {@code inner}, never waiting, whose
     * cancellation does not cancel {@code inner}. Cancelling {@code inner} cancels it. A done
     * {@code inner} is returned as it is.
     */
    public static <T> Future<T> shield(Future<T> inner) {
        if (inner.isDone()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        inner.addDoneCallback(f -> {
            if (outer.isDone()) {
                return;
            }
            if (inner.isCancelled()) {
                outer.cancel();
            } else if (inner.failureNow() != null) {
                outer.setException(inner.failureNow());
            } else {
                outer.setResult(inner.resultOrNull());
            }
        });
        return outer;
    }

    // ------------------------------------------------------------------ wait and as_completed

    /**
     * Python's {@code await asyncio.wait(aws, timeout=..., return_when=...)}: waits until the
     * condition holds or {@code timeout} ({@code null}: none) elapses and returns the done and
     * pending futures; never throws on timeout and never cancels.
     *
     * @throws IllegalArgumentException if {@code futures} is empty
     */
    public static DoneAndNotDone wait(Collection<? extends Future<?>> futures, Duration timeout,
            ReturnWhen returnWhen) {
        Objects.requireNonNull(returnWhen, "returnWhen");
        Set<Future<?>> fs = new LinkedHashSet<>(futures);
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("Set of Tasks/Futures is empty.");
        }
        Task<?> me = requireTask("wait()");
        Future<Void> waiter = me.loop.createFuture();
        int[] counter = {fs.size()};
        Consumer<io.bingfa.futures.Future<?>> onCompletion = fut -> {
            Future<?> f = (Future<?>) fut;
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.isCancelled() && f.failureNow() != null)) {
                if (!waiter.isDone()) {
                    waiter.setResult(null);
                }
            }
        };
        for (Future<?> f : fs) {
            f.addDoneCallback(onCompletion::accept);
        }
        long nanos = timeout == null ? -1L : Timeouts.toNanos(timeout);
        me.awaitFuture(waiter, nanos);
        Set<io.bingfa.futures.Future<?>> done = new LinkedHashSet<>();
        Set<io.bingfa.futures.Future<?>> pending = new LinkedHashSet<>();
        for (Future<?> f : fs) {
            (f.isDone() ? done : pending).add(f);
        }
        return new DoneAndNotDone(done, pending);
    }

    /**
     * Python's {@code as_completed(aws, timeout=...)}: iterates over the futures as they complete;
     * each {@code next()} is an await point that suspends the task until one more is done. When the
     * timeout ({@code null}: none) elapses first, {@code next()} throws {@link FuturesTimeoutException}.
     */
    public static <T> Iterable<Future<T>> asCompleted(Collection<? extends Future<T>> futures, Duration timeout) {
        Set<Future<T>> todo = new LinkedHashSet<>(futures);
        long deadline = timeout == null ? Long.MIN_VALUE : Timeouts.deadline(Timeouts.toNanos(timeout));
        int total = todo.size();
        return () -> new Iterator<>() {
            private final ArrayDeque<Future<T>> done = new ArrayDeque<>();
            private final Set<Future<T>> left = new LinkedHashSet<>(todo);
            private Future<Void> waiter;
            private boolean registered;

            @Override
            public boolean hasNext() {
                return !left.isEmpty() || !done.isEmpty();
            }

            @Override
            @SuppressWarnings("unchecked")
            public Future<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Task<?> me = requireTask("asCompleted()");
                if (!registered) {
                    registered = true;
                    for (Future<T> f : List.copyOf(left)) {
                        f.addDoneCallback(x -> {
                            if (left.remove(f)) {
                                done.add(f);
                                if (waiter != null && !waiter.isDone()) {
                                    waiter.setResult(null);
                                }
                            }
                        });
                    }
                }
                while (done.isEmpty()) {
                    waiter = me.loop.createFuture();
                    long nanos = -1L;
                    if (deadline != Long.MIN_VALUE) {
                        nanos = deadline - System.nanoTime();
                        if (nanos <= 0L) {
                            throw new FuturesTimeoutException(left.size(), total);
                        }
                    }
                    me.awaitFuture(waiter, nanos);
                }
                return done.poll();
            }
        };
    }

    // ------------------------------------------------------------------ streams

    /**
     * Connects to {@code host:port} and returns the connection's reader and writer (Python's
     * {@code await open_connection(host, port)}), waiting in the current task until connected. A host
     * name is looked up in the loop's default executor; each of its addresses is tried in turn.
     *
     * @throws IOException if no address could be connected to ({@link java.net.ConnectException},
     *     {@link java.net.UnknownHostException})
     * @throws CancellationException if the task is cancelled meanwhile (the socket is closed)
     * @throws IllegalArgumentException if {@code port} is not 0 to 65535
     * @throws IllegalStateException outside a task
     */
    public static Streams openConnection(String host, int port) throws IOException {
        return openConnection(host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #openConnection(String, int)} with the reader's limit (see {@link StreamReader}). */
    public static Streams openConnection(String host, int port, int limit) throws IOException {
        StreamReader.checkLimit(limit);
        Task<?> me = requireTask("openConnection()");
        SocketChannel channel = Sockets.connect(me.loop, host, port);
        try {
            SocketTransport transport = SocketTransport.open(me.loop, channel, limit);
            transport.start();
            return new Streams(transport.reader(), new StreamWriter(transport));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Listens on {@code host:port} and runs {@code handler} as a new task for each client (Python's
     * {@code await start_server(cb, host, port)}), never waiting for clients: it returns once the
     * socket is bound. {@code host} null or empty binds the loopback address (Python's None means
     * every interface; give {@code "0.0.0.0"} for that); port 0 takes any free port
     * ({@link Server#port()}).
     *
     * @throws IOException if the address cannot be bound ({@link java.net.BindException})
     * @throws IllegalArgumentException if {@code port} is not 0 to 65535
     * @throws IllegalStateException outside a task
     */
    public static Server startServer(StreamHandler handler, String host, int port) throws IOException {
        return startServer(handler, host, port, StreamReader.DEFAULT_LIMIT);
    }

    /** {@link #startServer(StreamHandler, String, int)} with each reader's limit (see {@link StreamReader}). */
    public static Server startServer(StreamHandler handler, String host, int port, int limit) throws IOException {
        Objects.requireNonNull(handler, "handler");
        StreamReader.checkLimit(limit);
        Task<?> me = requireTask("startServer()");
        return Server.start(me.loop, handler, Sockets.bindAddress(me.loop, host, port), limit, BACKLOG);
    }

    private static final int BACKLOG = 100;
}
