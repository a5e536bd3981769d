package io.bingfa.futures;

import io.bingfa.testing.CapturedLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.Waits;
import io.bingfa.threading.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link ThreadPoolExecutor} against CPython's test_thread_pool.py (CONFORMANCE.md 4f) and its own options. */
@Timeout(60)
class ThreadPoolExecutorTest {
    private static final Duration LONG = Duration.ofSeconds(30);

    // CPython: test_concurrent_futures.test_thread_pool.ThreadPoolExecutorTest.test_map_submits_without_iteration
    @Test
    @Tag("cpython")
    void test_map_submits_without_iteration_submitsEagerly() throws Exception {
        Set<Integer> finished = ConcurrentHashMap.newKeySet();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            pool.map(finished::add, List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        }
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), finished);
    }

    // CPython: test_concurrent_futures.test_thread_pool.ThreadPoolExecutorTest.test_default_workers
    @Test
    @Tag("cpython")
    void test_default_workers_isMin32CoresPlus4() {
        int expected = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
        assertEquals(expected, ThreadPoolExecutor.defaultMaxWorkers());
        assertEquals(expected, new ThreadPoolExecutor().maxWorkers());
        assertEquals(expected, ThreadPoolExecutor.builder().build().maxWorkers());
    }

    // CPython: test_concurrent_futures.test_thread_pool.ThreadPoolExecutorTest.test_saturation
    @Test
    @Tag("cpython")
    void test_saturation_neverMoreThanMaxWorkers() throws Exception {
        Event release = new Event();
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(4)) {
            for (int i = 0; i < 60; i++) {
                pool.submit(() -> {
                    used.add(Thread.currentThread());
                    return release.await(LONG);
                });
            }
            Waits.awaitTrue("4 workers busy", () -> used.size() == 4);
            assertEquals(4, pool.currentSize());
            release.set();
        }
        assertEquals(4, used.size());
    }

    // CPython: test_concurrent_futures.test_thread_pool.ThreadPoolExecutorTest.test_idle_thread_reuse
    @Test
    @Tag("cpython")
    void test_idle_thread_reuse_sequentialTasksUseOneWorker() throws Exception {
        Set<Thread> used = ConcurrentHashMap.newKeySet();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(5)) {
            pool.submit(() -> used.add(Thread.currentThread())).result();
            pool.submit(() -> used.add(Thread.currentThread())).result();
            assertEquals(1, pool.currentSize());
        }
        assertEquals(1, used.size());
    }

    // CPython: test_concurrent_futures.test_thread_pool.ThreadPoolExecutorTest.test_executor_map_current_future_cancel
    @Test
    @Tag("cpython")
    void test_executor_map_current_future_cancel_closingCancelsTheRest() throws Exception {
        Event release = new Event();
        AtomicInteger ran = new AtomicInteger();
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            CountDownLatch started = new CountDownLatch(1);
            pool.submit(() -> {
                started.countDown();
                return release.await(LONG);
            });
            started.await();
            MapIterator<Integer> it = pool.map(ran::addAndGet, List.of(1, 2, 3), Duration.ZERO);
            assertThrows(FuturesTimeoutException.class, it::next);
            it.close();
            assertFalse(it.hasNext());
            release.set();
        }
        assertEquals(0, ran.get());
    }

    // ------------------------------------------------------------------ bingfa's options

    @Test
    void platformByDefaultVirtualWhenAsked() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(2)) {
            Thread t = pool.submit(Thread::currentThread).result();
            assertFalse(t.isVirtual());
            assertTrue(t.isDaemon());
        }
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().virtualThreads(true).build()) {
            assertTrue(pool.submit(Thread::currentThread).result().isVirtual());
        }
    }

    @Test
    void workersAreNamedAfterThePrefix() throws Exception {
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(2)
                .threadNamePrefix("worker").build()) {
            assertEquals("worker_0", pool.submit(() -> Thread.currentThread().getName()).result());
        }
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            assertTrue(pool.submit(() -> Thread.currentThread().getName()).result()
                    .matches("ThreadPoolExecutor-\\d+_0"));
        }
    }

    @Test
    void builderRejectsBadSizesNamingTheValue() {
        assertEquals("maxWorkers: 0 (expected: > 0)", assertThrows(IllegalArgumentException.class,
                () -> ThreadPoolExecutor.builder().maxWorkers(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ThreadPoolExecutor(-1));
        assertThrows(IllegalArgumentException.class, () -> ThreadPoolExecutor.builder().adaptive(0, 4));
        assertThrows(IllegalArgumentException.class, () -> ThreadPoolExecutor.builder().adaptive(5, 4));
    }

    @Test
    void shutdownIsIdempotentAndJoinsWorkers() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(3);
        List<Future<Thread>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(pool.submit(Thread::currentThread));
        }
        pool.shutdown();
        pool.shutdown();
        pool.close();
        for (Future<Thread> f : fs) {
            assertFalse(f.result().isAlive());
        }
        assertEquals(0, pool.currentSize());
        assertTrue(pool.toString().startsWith("ThreadPoolExecutor[shutdown"), pool.toString());
    }

    @Test
    void aTasksLeftoverInterruptDoesNotReachTheNextTask() throws Exception {
        try (ThreadPoolExecutor pool = new ThreadPoolExecutor(1)) {
            pool.submit(() -> {
                Thread.currentThread().interrupt();
                return null;
            }).result();
            assertFalse(pool.submit(() -> Thread.currentThread().isInterrupted()).result());
        }
    }

    @Test
    void aTaskMayShutItsOwnPoolDown() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2);
        Future<Boolean> f = pool.submit(() -> {
            pool.shutdown(true, false);
            return true;
        });
        assertTrue(f.result(LONG));
        pool.shutdown();
        assertEquals(0, pool.currentSize());
    }

    @Test
    void aFailingInitializerOnlyNotifiesFuturesCancelledMeanwhile() throws Exception {
        Event failNow = new Event();
        try (ThreadPoolExecutor pool = ThreadPoolExecutor.builder().maxWorkers(1).initializer(() -> {
            failNow.await(LONG);
            throw new IllegalStateException("init");
        }).build(); CapturedLog log = new CapturedLog("io.bingfa.futures")) {
            Future<Integer> cancelled = pool.submit(() -> 1);
            Future<Integer> broken = pool.submit(() -> 2);
            assertTrue(cancelled.cancel());
            failNow.set();
            Throwable t = assertThrows(java.util.concurrent.CompletionException.class,
                    () -> broken.result(LONG)).getCause();
            assertTrue(t instanceof BrokenExecutorException, t.toString());
            assertEquals("init", t.getCause().getMessage());
            assertTrue(cancelled.isCancelled());
            assertTrue(Futures.isFinished(cancelled)); // notified
        }
    }
}
