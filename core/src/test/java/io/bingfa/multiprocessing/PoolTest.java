package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.SerializableFunction;
import io.bingfa.testing.ChildJvms;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** CPython's _TestPool (CONFORMANCE.md 5f): one pool per test, terminated and joined after it. */
@Timeout(60)
class PoolTest {
    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    private final List<Pool> pools = new ArrayList<>();

    private Pool pool(Pool p) {
        pools.add(p);
        return p;
    }

    @AfterEach
    void terminatePools() throws InterruptedException {
        for (Pool p : pools) {
            p.terminate();
            p.join();
        }
    }

    static final SerializableFunction<Integer, Integer> SQR = x -> x * x;

    /** CPython's SayWhenError: raised by an input iterable. */
    static final class SayWhenError extends RuntimeException {
        SayWhenError() {
            super("Somebody said when");
        }
    }

    static Iterable<Integer> throwingAt(int total, int when) {
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < total;
            }

            @Override
            public Integer next() {
                if (i == when) {
                    throw new SayWhenError();
                }
                return i++;
            }
        };
    }

    static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    static List<Integer> squares(int n) {
        return IntStream.range(0, n).map(i -> i * i).boxed().toList();
    }

    // CPython: _TestPool.test_apply, test_map, test_starmap, test_starmap_async, test_map_async
    @Test
    @Tag("cpython")
    void applyMapAndStarmapReturnResultsInInputOrder() throws Exception {
        Pool p = pool(new Pool(2));
        assertEquals(25, p.apply(SQR, 5));
        assertEquals(squares(10), p.map(SQR, range(10)));
        assertEquals(squares(100), p.map(SQR, range(100), 20));
        assertEquals(squares(100), p.mapAsync(SQR, range(100)).get());
        List<List<?>> pairs = List.of(List.of(1, 2), List.of(3, 4), List.of(5, 6));
        SerializableFunction<List<?>, Integer> mul = args -> (Integer) args.get(0) * (Integer) args.get(1);
        assertEquals(List.of(2, 12, 30), p.starmap(mul, pairs));
        assertEquals(List.of(2, 12, 30), p.starmapAsync(mul, pairs).get());
        List<List<?>> many = IntStream.range(0, 100).<List<?>>mapToObj(i -> List.of(i, i)).toList();
        assertEquals(squares(100), p.starmap(mul, many, 20));
        // mixed and non-primitive items and results take the object path
        assertEquals(List.of("a!", "b!"), p.map((String s) -> s + "!", List.of("a", "b")));
        assertEquals(List.of(2L, 4L), p.map((Long x) -> x * 2, List.of(1L, 2L)));
        assertEquals(List.of(0.5, 1.5), p.map((Double x) -> x / 2, List.of(1.0, 3.0)));
    }

    // CPython: _TestPool.test_map_async_callbacks, test_async_error_callback
    @Test
    @Tag("cpython")
    void callbacksGetTheWholeListOnceOrTheErrorOnce() throws Exception {
        Pool p = pool(new Pool(2));
        List<Object> calls = new CopyOnWriteArrayList<>();
        p.mapAsync(Integer::parseInt, List.of("1"), 0, calls::add, calls::add).await(Duration.ofSeconds(20));
        assertEquals(List.of(List.of(1)), calls);
        calls.clear();
        p.mapAsync(Integer::parseInt, List.of("a"), 0, calls::add, calls::add).await(Duration.ofSeconds(20));
        assertEquals(1, calls.size());
        assertInstanceOf(NumberFormatException.class, calls.get(0));

        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AsyncResult<Object> r = p.applyAsync(x -> {
            throw new IllegalStateException("key " + x);
        }, 1, null, errors::add);
        CompletionException e = assertThrows(CompletionException.class, r::get);
        assertEquals(List.of(e.getCause()), errors);
        assertFalse(r.isSuccessful());
    }

    // CPython: _TestPool.test_async, test_async_timeout
    @Test
    @Tag("cpython")
    void timedGetThrowsTimeoutExceptionWhileTheTaskRuns() throws Exception {
        Pool p = pool(new Pool(1));
        AsyncResult<Integer> r = p.applyAsync(x -> {
            Thread.sleep(1_000);
            return x * x;
        }, 7);
        assertThrows(TimeoutException.class, () -> r.get(Duration.ofMillis(100)));
        assertThrows(IllegalStateException.class, r::isSuccessful);
        assertFalse(r.isReady());
        assertEquals(49, r.get(Duration.ofSeconds(20)));
        assertTrue(r.isReady());
        assertTrue(r.isSuccessful());
        assertEquals(49, p.applyAsync(SQR, 7).get());
    }

    // CPython: _TestPool.test_imap, test_imap_unordered
    @Test
    @Tag("cpython")
    void imapIsOrderedAndEndsAndImapUnorderedYieldsEverything() throws Exception {
        Pool p = pool(new Pool(2));
        Iterator<Integer> it = p.imap(SQR, range(10));
        for (int i = 0; i < 10; i++) {
            assertTrue(it.hasNext());
            assertEquals(i * i, it.next());
        }
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);

        List<Integer> got = new ArrayList<>();
        p.imap(SQR, range(1000), 100).forEachRemaining(got::add);
        assertEquals(squares(1000), got);

        List<Integer> unordered = new ArrayList<>();
        p.imapUnordered(SQR, range(1000)).forEachRemaining(unordered::add);
        unordered.sort(null);
        assertEquals(squares(1000), unordered);
        List<Integer> chunked = new ArrayList<>();
        p.imapUnordered(SQR, range(1000), 53).forEachRemaining(chunked::add);
        chunked.sort(null);
        assertEquals(squares(1000), chunked);
    }

    // CPython: _TestPool.test_map_handle_iterable_exception, test_imap_handle_iterable_exception,
    // test_imap_unordered_handle_iterable_exception
    @Test
    @Tag("cpython")
    void anExceptionOfTheInputIterablePropagatesAsItIsAndThePoolStaysUsable() throws Exception {
        Pool p = pool(new Pool(2));
        assertThrows(SayWhenError.class, () -> p.map(SQR, throwingAt(1, 0), 1));
        assertThrows(SayWhenError.class, () -> p.map(SQR, throwingAt(10, 3), 1));
        assertThrows(SayWhenError.class, () -> p.mapAsync(SQR, throwingAt(10, 3)));

        Iterator<Integer> it = p.imap(SQR, throwingAt(1, 0), 1);
        SayWhenError first = assertThrows(SayWhenError.class, it::next);
        assertEquals(null, first.getCause()); // no RemoteTraceback: it never crossed a process

        assertImapYields(p.imap(SQR, throwingAt(10, 3), 1), 3);
        assertImapYields(p.imap(SQR, throwingAt(20, 7), 2), 6);
        assertImapYields(p.imap(SQR, throwingAt(20, 7), 4), 4);

        Iterator<Integer> unordered = p.imapUnordered(SQR, throwingAt(10, 3), 1);
        List<Integer> got = new ArrayList<>();
        assertThrows(SayWhenError.class, () -> {
            while (true) {
                got.add(unordered.next());
            }
        });
        got.sort(null);
        assertEquals(squares(3), got);

        assertEquals(squares(10), p.map(SQR, range(10)));
    }

    private static void assertImapYields(Iterator<Integer> it, int good) {
        for (int i = 0; i < good; i++) {
            assertEquals(i * i, it.next());
        }
        assertThrows(SayWhenError.class, it::next);
        assertFalse(it.hasNext());
    }

    // CPython: _TestPool.test_map_unplicklable
    @Test
    @Tag("cpython")
    void anUnserialisableArgumentFailsInTheCallerInsteadOfHanging() throws Exception {
        Pool p = pool(new Pool(1));
        Object notSerialisable = new Object();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> p.map((Object o) -> o.hashCode(), List.of(notSerialisable)));
        assertInstanceOf(java.io.NotSerializableException.class, e.getCause());
        assertThrows(IllegalArgumentException.class, () -> p.apply((Object o) -> 1, notSerialisable));
        assertEquals(9, p.apply(SQR, 3));
    }

    // CPython: _TestPool.test_empty_iterable, test_map_chunksize
    @Test
    @Tag("cpython")
    void anEmptyIterableGivesEmptyResults() throws Exception {
        Pool p = pool(new Pool(1));
        assertEquals(List.of(), p.map(SQR, List.of()));
        assertEquals(List.of(), p.map(SQR, List.of(), 1));
        assertEquals(List.of(), p.mapAsync(SQR, List.of()).get());
        assertFalse(p.imap(SQR, List.of()).hasNext());
        assertFalse(p.imapUnordered(SQR, List.of()).hasNext());
        assertThrows(IllegalArgumentException.class, () -> p.map(SQR, range(3), 0));
    }

    // CPython: _TestPool.test_terminate
    @Test
    @Tag("cpython")
    void terminateWithLongTasksReturnsPromptly() throws Exception {
        Pool p = pool(new Pool(2));
        AsyncResult<List<Integer>> r = p.mapAsync(x -> {
            Thread.sleep(10_000);
            return x;
        }, range(1_000), 1);
        long start = System.nanoTime();
        p.terminate();
        p.join();
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
        CompletionException e = assertThrows(CompletionException.class, r::get);
        assertInstanceOf(CancellationException.class, e.getCause());
        assertThrows(IllegalStateException.class, () -> p.apply(SQR, 1));
    }

    // CPython: _TestPool.test_context, test_enter
    @Test
    @Tag("cpython")
    void scopeTerminatesThePoolOnExit() throws Exception {
        Pool p = pool(new Pool(1));
        try (Pool.Scope scope = p.terminateOnExit()) {
            assertEquals(4, scope.pool().apply(SQR, 2));
        }
        assertTrue(Multiprocessing.activeChildren().isEmpty());
        assertThrows(IllegalStateException.class, () -> p.mapAsync(SQR, range(3)));
    }

    /** An exception type of the test, copied back with its type and message. */
    static final class CustomException extends RuntimeException {
        CustomException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static Integer raise123(Integer x) {
        throw new IllegalStateException(String.valueOf(123));
    }

    // CPython: _TestPool.test_traceback, test_wrapped_exception
    @Test
    @Tag("cpython")
    void aWorkerExceptionComesBackWithItsTypeMessageAndRemoteTraceback() throws Exception {
        Pool p = pool(new Pool(1));
        CompletionException e = assertThrows(CompletionException.class, () -> p.apply(x -> {
            throw new IllegalArgumentException(String.valueOf(x));
        }, 123));
        assertInstanceOf(IllegalArgumentException.class, e.getCause());
        assertEquals("123", e.getCause().getMessage());
        RemoteTraceback trace = assertInstanceOf(RemoteTraceback.class, e.getCause().getCause());
        assertTrue(trace.getMessage().contains("at io.bingfa.multiprocessing.PoolTest"), trace.getMessage());
        assertTrue(trace.getMessage().contains("(pid "), trace.getMessage());

        // an exception that already has a cause gets the trace as a suppressed exception
        CompletionException wrapped = assertThrows(CompletionException.class, () -> p.apply(x -> {
            throw new CustomException("outer", new java.io.IOException("inner"));
        }, 1));
        assertInstanceOf(CustomException.class, wrapped.getCause());
        assertInstanceOf(java.io.IOException.class, wrapped.getCause().getCause());
        assertInstanceOf(RemoteTraceback.class, wrapped.getCause().getSuppressed()[0]);

        // a failing map chunk, via a method reference: the trace names the method
        CompletionException m = assertThrows(CompletionException.class,
                () -> p.map(PoolTest::raise123, range(3)));
        assertEquals("123", m.getCause().getMessage());
        assertTrue(m.getCause().getCause().getMessage().contains("raise123"));
    }

    // CPython: _TestPool.test_unpickleable_result
    @Test
    @Tag("cpython")
    void anUnserialisableResultFailsItsTaskTwentyTimesWithoutLosingWorkers() throws Exception {
        Pool p = pool(new Pool(2));
        List<Long> pids = p.workerPids();
        for (int i = 0; i < 20; i++) {
            List<Throwable> errors = new CopyOnWriteArrayList<>();
            AsyncResult<Object> r = p.applyAsync(x -> new Object(), i, null, errors::add);
            CompletionException e = assertThrows(CompletionException.class, r::get);
            ResultNotSerializableException cause = assertInstanceOf(ResultNotSerializableException.class,
                    e.getCause());
            assertTrue(cause.getMessage().startsWith("Error sending result: 'java.lang.Object@"),
                    cause.getMessage());
            assertTrue(cause.getMessage().contains("NotSerializableException"), cause.getMessage());
            assertEquals(List.of(cause), errors);
        }
        assertEquals(pids, p.workerPids());
        assertEquals(4, p.apply(SQR, 2));
    }

    record Squared(int value, long pid) implements Serializable {}

    static Squared squareWithPid(Integer x) {
        return new Squared(x * x, ProcessHandle.current().pid());
    }

    // CPython: _TestPool.test_pool_worker_lifetime
    @Test
    @Tag("cpython")
    void maxTasksPerChildReplacesWorkersAndKeepsResultsRight() throws Exception {
        Pool p = pool(Pool.builder().processes(2).maxTasksPerChild(5).build());
        List<Squared> results = p.map(PoolTest::squareWithPid, range(40), 1);
        assertEquals(squares(40), results.stream().map(Squared::value).toList());
        long distinct = results.stream().map(Squared::pid).distinct().count();
        assertTrue(distinct >= 8, "40 tasks, 5 per worker: " + distinct + " workers");
    }

    // CPython: _TestPoolWorkerLifetime.test_pool_worker_lifetime_early_close (issue 10332)
    @Test
    @Tag("cpython")
    void maxTasksPerChildOneWithImmediateCloseDoesNotHang() throws Exception {
        Pool p = pool(Pool.builder().processes(3).maxTasksPerChild(1).build());
        List<AsyncResult<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            results.add(p.applyAsync(x -> {
                Thread.sleep(10);
                return x * x;
            }, n));
        }
        p.close();
        p.join();
        for (int i = 0; i < 6; i++) {
            assertEquals(i * i, results.get(i).get());
        }
    }

    // CPython: multiprocessing/pool.py Pool.join ("Pool is still running")
    @Test
    @Tag("cpython")
    void joinBeforeCloseIsIllegal() throws Exception {
        Pool p = pool(new Pool(1));
        IllegalStateException e = assertThrows(IllegalStateException.class, p::join);
        assertEquals("Pool is still running", e.getMessage());
        p.close();
        assertThrows(IllegalStateException.class, () -> p.apply(SQR, 1));
        p.join();
        assertThrows(IllegalArgumentException.class, () -> new Pool(0));
    }

    // CPython: TestInitializers.test_pool_initializer
    @Test
    @Tag("cpython")
    void theInitializerRunsInEveryWorkerBeforeItsTasks() throws Exception {
        Pool p = pool(Pool.builder().processes(2)
                .initializer(() -> System.setProperty("pool.test.init", "initialized")).build());
        assertEquals(List.of("initialized", "initialized", "initialized"),
                p.map((Integer x) -> System.getProperty("pool.test.init"), range(3), 1));
    }

    @Test
    void aFailingInitializerBreaksThePool() throws Exception {
        Pool p = pool(Pool.builder().processes(1).initializer(() -> {
            throw new IllegalArgumentException("error in initializer");
        }).build());
        AsyncResult<Integer> r = p.applyAsync(SQR, 2);
        CompletionException e = assertThrows(CompletionException.class, r::get);
        IllegalStateException broken = assertInstanceOf(IllegalStateException.class, e.getCause());
        assertEquals("error in initializer", broken.getCause().getMessage());
        assertThrows(IllegalStateException.class, () -> p.apply(SQR, 1));
        p.join(); // broken: not running, the worker is gone
    }

    @Test
    void toStringShowsTheState() throws Exception {
        Pool p = pool(new Pool(1));
        assertTrue(p.toString().startsWith("Pool[state=RUNNING, workers=1/1"), p.toString());
        p.terminate();
        assertTrue(p.toString().startsWith("Pool[state=TERMINATED"), p.toString());
        AsyncResult<Integer> r = new AsyncResult<>(new io.bingfa.futures.SettableFuture<>());
        assertEquals("AsyncResult[state=pending]", r.toString());
        assertSame(r, r);
        assertNotEquals("", r.toString());
    }
}
