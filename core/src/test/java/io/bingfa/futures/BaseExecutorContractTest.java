package io.bingfa.futures;

import io.bingfa.testing.CapturedLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.Action;
import io.bingfa.SerializableAction;
import io.bingfa.SerializableFunction;
import io.bingfa.SerializableTask;
import io.bingfa.testing.Waits;
import io.bingfa.threading.Event;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link Executor} contract, CPython's executor.py, test_shutdown.py and test_init.py
 * (CONFORMANCE.md 4b, 4e, 4g), for any executor: a subclass supplies the factory, as CPython's
 * {@code ExecutorMixin} subclasses do. It runs for both thread pools and for the
 * {@code ProcessPoolExecutor}: a case whose tasks share nothing with the test declares them as
 * {@link SerializableTask} / {@link SerializableFunction} / {@link SerializableAction} (subtypes of
 * {@code Task} / {@code TaskFunction} / {@code Action}, so nothing changes for thread pools) and
 * returns serialisable values, so a process pool can copy them to its worker JVMs. The cases
 * whose tasks share in-JVM state with the test (an {@code Event}, a latch, a counter) cannot run
 * in a child JVM; the process subclass disables them.
 */
@Timeout(60)
abstract class BaseExecutorContractTest {
    /** CPython's tests use pools of 5 workers. */
    static final int WORKERS = 5;
    static final Duration LONG = Duration.ofSeconds(30);

    private final List<Executor> created = new ArrayList<>();
    /** Set at the end of a test so blocked tasks end even when it failed half-way. */
    private final Event release = new Event();

    /** A new executor with {@code maxWorkers} workers; {@code maxWorkers < 1} must throw IAE. */
    protected abstract Executor create(int maxWorkers);

    /** A new executor with {@code maxWorkers} workers that each run {@code initializer} first. */
    protected abstract Executor createWithInitializer(int maxWorkers, Action initializer);

    /** Remembers the executor so that it is shut down after the test. */
    protected final Executor executor(int maxWorkers) {
        Executor e = create(maxWorkers);
        created.add(e);
        return e;
    }

    @AfterEach
    final void shutDownExecutors() throws InterruptedException {
        release.set();
        for (Executor e : created) {
            e.shutdown(true, true);
        }
    }

    /** A task body that blocks until the test ends (or {@link #release} is set). */
    final void block() throws InterruptedException {
        release.await(LONG);
    }

    // ------------------------------------------------------------------ 4b executor.py

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_submit
    @Test
    @Tag("cpython")
    void test_submit_returnsTheResult() throws Exception {
        SerializableTask<Integer> pow = () -> (int) Math.pow(2, 8);
        Future<Integer> f = executor(WORKERS).submit(pow);
        assertEquals(256, f.result(LONG));
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_map
    @Test
    @Tag("cpython")
    void test_map_resultsInInputOrder() {
        List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        SerializableFunction<Integer, Long> pow = i -> (long) Math.pow(i, i);
        MapIterator<Long> results = executor(WORKERS).map(pow, items);
        List<Long> got = new ArrayList<>();
        results.forEachRemaining(got::add);
        assertEquals(items.stream().map(i -> (long) Math.pow(i, i)).toList(), got);
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_map_exception
    @Test
    @Tag("cpython")
    void test_map_exception_raisesAtItsPositionAndIterationContinues() {
        int[][] args = {{5, 2}, {5, 3}, {5, 0}, {5, 5}};
        SerializableFunction<int[], List<Integer>> divmod = a -> List.of(a[0] / a[1], a[0] % a[1]);
        MapIterator<List<Integer>> it = executor(WORKERS).map(divmod, List.of(args));
        assertEquals(List.of(2, 1), it.next());
        assertEquals(List.of(1, 2), it.next());
        CompletionException e = assertThrows(CompletionException.class, it::next);
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertEquals(List.of(1, 0), it.next());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertThrows(NoSuchElementException.class, it::next);
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_map_timeout_from_callable
    @Test
    @Tag("cpython")
    void test_map_timeout_from_callable_isThatItemsException() {
        SerializableFunction<Integer, Integer> timesOutAtOne = i -> {
            if (i == 1) {
                throw new TimeoutException();
            }
            return i;
        };
        MapIterator<Integer> it = executor(WORKERS).map(timesOutAtOne, List.of(0, 1, 2, 3), LONG);
        assertEquals(0, it.next());
        CompletionException e = assertThrows(CompletionException.class, it::next);
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertEquals(2, it.next());
        assertEquals(3, it.next());
        assertFalse(it.hasNext());
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_map_timeout
    @Test
    @Tag("cpython")
    void test_map_timeout_measuredFromTheCallThenTheRestIsCancelled() {
        Duration timeout = Duration.ofMillis(300);
        long start = System.nanoTime();
        MapIterator<Integer> it = executor(WORKERS).map(i -> {
            if (i == 2) {
                block();
            }
            return i;
        }, List.of(0, 1, 2), timeout);
        List<Integer> got = new ArrayList<>();
        FuturesTimeoutException e = assertThrows(FuturesTimeoutException.class, () -> {
            while (it.hasNext()) {
                got.add(it.next());
            }
        });
        Waits.assertTookAbout(timeout, start);
        assertTrue(got.size() <= 2, got::toString);
        assertEquals(3, e.total());
        assertFalse(it.hasNext()); // exhausted: the remaining calls were cancelled
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_map_close
    @Test
    @Tag("cpython")
    void test_map_close_endsTheIteration() {
        SerializableFunction<Integer, Integer> identity = i -> i;
        MapIterator<Integer> it = executor(WORKERS).map(identity, List.of(1, 2, 3, 4));
        assertEquals(1, it.next());
        it.close();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_shutdown_race_issue12456
    @Test
    @Tag("cpython")
    void test_shutdown_race_issue12456_shutdownRightAfterABigMapDoesNotHang() throws Exception {
        Executor e = executor(WORKERS);
        SerializableFunction<Integer, Integer> square = i -> i * i;
        e.map(square, java.util.stream.IntStream.range(0, 40).boxed().toList());
        e.shutdown();
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_no_stale_references
    @Test
    @Tag("cpython")
    void test_no_stale_references_finishedCallsAreNotKept() throws Exception {
        Object argument = new StringBuilder("argument"); // serialisable, compared by identity
        WeakReference<Object> ref = new WeakReference<>(argument);
        Future<Integer> f = executor(WORKERS).submit(makeTask(argument));
        argument = null;
        assertEquals(1, f.result(LONG));
        Waits.awaitCollected(ref); // the future is still referenced; the task and its argument are not
        assertTrue(f.isDone());
    }

    private static SerializableTask<Integer> makeTask(Object argument) {
        return () -> argument.hashCode() == 0 ? 0 : 1;
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_free_reference
    @Test
    @Tag("cpython")
    void test_free_reference_mapDoesNotKeepYieldedResults() {
        SerializableFunction<Integer, Object> fresh = i -> new StringBuilder("result " + i);
        MapIterator<Object> it = executor(WORKERS).map(fresh, List.of(1, 2, 3));
        WeakReference<Object> ref = new WeakReference<>(it.next());
        Waits.awaitCollected(ref);
        it.close();
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_max_workers_negative
    @Test
    @Tag("cpython")
    void test_max_workers_negative_isIllegal() {
        assertThrows(IllegalArgumentException.class, () -> create(0));
        assertThrows(IllegalArgumentException.class, () -> create(-1));
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_swallows_falsey_exceptions
    @Test
    @Tag("cpython")
    void test_swallows_falsey_exceptions_anEmptyExceptionIsStillRaised() throws Exception {
        SerializableTask<Object> fails = () -> {
            throw new Exception((String) null);
        };
        Future<Object> f = executor(WORKERS).submit(fails);
        CompletionException e = assertThrows(CompletionException.class, () -> f.result(LONG));
        assertNull(e.getCause().getMessage());
        assertTrue(f.exception() != null);
    }

    // ------------------------------------------------------------------ 4e test_shutdown.py

    // CPython: test_concurrent_futures.test_shutdown.ExecutorShutdownTest.test_run_after_shutdown
    @Test
    @Tag("cpython")
    void test_run_after_shutdown_submitIsRejected() throws Exception {
        Executor e = executor(WORKERS);
        e.shutdown();
        SerializableTask<Integer> one = () -> 1;
        RejectedExecutionException r = assertThrows(RejectedExecutionException.class,
                () -> e.submit(one));
        assertEquals("cannot schedule new futures after shutdown", r.getMessage());
    }

    // CPython: test_concurrent_futures.test_shutdown.ExecutorShutdownTest.test_hang_issue12364
    @Test
    @Tag("cpython")
    void test_hang_issue12364_shutdownDrainsTheQueue() throws Exception {
        Executor e = executor(WORKERS);
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            SerializableTask<Integer> task = () -> {
                Thread.sleep(1);
                return n;
            };
            fs.add(e.submit(task));
        }
        e.shutdown();
        for (int i = 0; i < 50; i++) {
            assertTrue(fs.get(i).isDone());
            assertEquals(i, fs.get(i).result());
        }
    }

    // CPython: test_concurrent_futures.test_shutdown.ExecutorShutdownTest.test_cancel_futures
    @Test
    @Tag("cpython")
    void test_cancel_futures_cancelsOnlyWorkNotStarted() throws Exception {
        Executor e = executor(WORKERS);
        AtomicInteger running = new AtomicInteger();
        Event go = new Event();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fs.add(e.submit(() -> {
                running.incrementAndGet();
                go.await(LONG);
                return 1;
            }));
        }
        Waits.awaitTrue("the workers to be busy", () -> running.get() >= 1);
        e.shutdown(false, true);
        go.set();
        e.shutdown(true, false);
        int cancelled = 0;
        int finished = 0;
        for (Future<Integer> f : fs) {
            if (f.isCancelled()) {
                cancelled++;
            } else {
                assertEquals(1, f.result()); // finished without exception
                finished++;
            }
        }
        assertTrue(cancelled > 20, "cancelled " + cancelled);
        assertTrue(finished >= 1, "finished " + finished);
        assertTrue(finished <= WORKERS, "finished " + finished);
    }

    // CPython: test_concurrent_futures.test_shutdown.ExecutorShutdownTest.test_hang_gh83386
    @Test
    @Tag("cpython")
    void test_hang_gh83386_shutdownWithoutWaitLetsTheRunningTaskFinish() throws Exception {
        Executor e = executor(WORKERS);
        CountDownLatch started = new CountDownLatch(1);
        Event go = new Event();
        Future<String> f = e.submit(() -> {
            started.countDown();
            go.await(LONG);
            return "apple";
        });
        started.await();
        e.shutdown(false, false); // returns at once
        go.set();
        assertEquals("apple", f.result(LONG));
    }

    // CPython: test_concurrent_futures.test_shutdown.ExecutorShutdownTest.test_hang_gh94440
    @Test
    @Tag("cpython")
    void test_hang_gh94440_cancelledFutureDoesNotHangShutdown() throws Exception {
        Executor e = executor(WORKERS);
        SerializableTask<Integer> one = () -> 1;
        Future<Integer> f = e.submit(one);
        f.cancel();
        e.shutdown();
        assertTrue(f.isDone());
    }

    // ------------------------------------------------------------------ 4g test_init.py

    /** Per worker thread, as CPython's module global is per worker process (each JVM has its own). */
    private static final ThreadLocal<String> INIT_STATUS = ThreadLocal.withInitial(() -> "uninitialized");

    // CPython: test_concurrent_futures.test_init.InitializerMixin.test_initializer
    @Test
    @Tag("cpython")
    void test_initializer_runsInEveryWorkerBeforeItsTasks() throws Exception {
        SerializableAction init = () -> INIT_STATUS.set("initialized");
        Executor e = createWithInitializer(WORKERS, init);
        created.add(e);
        SerializableTask<String> status = () -> INIT_STATUS.get(); // read where the task runs
        List<Future<String>> fs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            fs.add(e.submit(status));
        }
        for (Future<String> f : fs) {
            assertEquals("initialized", f.result(LONG));
        }
    }

    // CPython: test_concurrent_futures.test_init.FailingInitializerMixin.test_initializer
    @Test
    @Tag("cpython")
    void test_failing_initializer_breaksThePool() throws Exception {
        Event failNow = new Event();
        try (CapturedLog log = new CapturedLog("io.bingfa.futures")) {
            Executor e = createWithInitializer(1, () -> {
                failNow.await(LONG);
                throw new IllegalArgumentException("error in initializer");
            });
            created.add(e);
            Future<Integer> first = e.submit(() -> 1);
            Future<Integer> second = e.submit(() -> 2);
            failNow.set();
            Throwable b1 = assertThrows(CompletionException.class, () -> first.result(LONG)).getCause();
            Throwable b2 = assertThrows(CompletionException.class, () -> second.result(LONG)).getCause();
            assertInstanceOf(BrokenExecutorException.class, b1);
            assertInstanceOf(BrokenExecutorException.class, b2);
            assertNotSame(b1, b2);
            assertThrows(BrokenExecutorException.class, () -> e.submit(() -> 3));
            assertTrue(log.records().stream().anyMatch(r -> r.getLevel() == Level.SEVERE
                    && r.getThrown() != null
                    && "error in initializer".equals(r.getThrown().getMessage())), "logged");
        }
    }

    // ------------------------------------------------------------------ beyond CPython

    @Test
    void cancelledFutureNeverRuns() throws Exception {
        Executor e = executor(1);
        AtomicInteger ran = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        Future<Object> busy = e.submit(() -> {
            started.countDown();
            block();
            return null;
        });
        started.await();
        Future<Integer> queued = e.submit(ran::incrementAndGet);
        assertTrue(queued.cancel());
        assertFalse(busy.cancel()); // running
        release();
        busy.result(LONG);
        e.shutdown();
        assertEquals(0, ran.get());
        assertThrows(CancellationException.class, queued::result);
    }

    /** Lets the blocked tasks of this test go. */
    final void release() {
        release.set();
    }
}
