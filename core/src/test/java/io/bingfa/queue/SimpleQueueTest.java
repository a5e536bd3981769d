package io.bingfa.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.TestThreads.Forked;
import io.bingfa.testing.Waits;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CPython's {@code BaseSimpleQueueTest} cases (CONFORMANCE.md 3d) and SimpleQueue's own contract. */
@Timeout(60)
class SimpleQueueTest {
    @Test
    @Tag("cpython")
    void test_basic_qsizeAndEmptyTrackPutsAndGetsInFifoOrder() throws InterruptedException {
        // CPython: test_queue.BaseSimpleQueueTest.test_basic
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertTrue(q.isEmpty());
        assertEquals(0, q.qsize());
        q.put(1);
        assertFalse(q.isEmpty());
        assertEquals(1, q.qsize());
        q.put(2);
        q.putNowait(3);
        q.put(4);
        assertEquals(4, q.qsize());

        assertEquals(1, q.get());
        assertEquals(3, q.qsize());
        assertEquals(2, q.getNowait());
        assertEquals(2, q.qsize());
        assertEquals(3, q.get(Duration.ZERO)); // get(block=False)
        assertEquals(1, q.qsize());
        assertEquals(4, q.get(Duration.ofMillis(100)));
        assertEquals(0, q.qsize());
        assertTrue(q.isEmpty());

        long start = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
        assertThrows(QueueEmptyException.class, q::getNowait);
        Waits.assertDidNotWait(start);
        start = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(1)));
        Waits.assertTookAbout(Duration.ofMillis(1), start);
    }

    @Test
    @Tag("cpython")
    void test_negative_timeout_raises_exception_negativeGetTimeoutIsAnIllegalArgument() {
        // CPython: test_queue.BaseSimpleQueueTest.test_negative_timeout_raises_exception
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThrows(IllegalArgumentException.class, () -> q.get(Duration.ofSeconds(-1)));
        q.put(1);
        assertThrows(IllegalArgumentException.class, () -> q.get(Duration.ofNanos(-1)),
                "checked even when an item is there");
        assertEquals(1, q.qsize());
    }

    @Test
    @Tag("cpython")
    void test_order_oneProducerOneConsumerKeepPutOrder() throws InterruptedException {
        // CPython: test_queue.BaseSimpleQueueTest.test_order
        SimpleQueue<Integer> q = new SimpleQueue<>();
        try (var threads = new TestThreads()) {
            Forked<List<Integer>> consumer = threads.fork("consumer", () -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    got.add(q.get());
                }
                return got;
            });
            threads.run("producer", () -> {
                for (int i = 0; i < 100; i++) {
                    q.put(i);
                }
            });
            assertEquals(IntStream.range(0, 100).boxed().toList(), consumer.join());
        }
        assertTrue(q.isEmpty());
    }

    @Test
    @Tag("cpython")
    void test_many_threads_everyItemIsDeliveredExactlyOnce() throws InterruptedException {
        // CPython: test_queue.BaseSimpleQueueTest.test_many_threads
        manyThreads(10_000, Mode.BLOCKING);
    }

    @Test
    @Tag("cpython")
    void test_many_threads_nonblock_everyItemIsDeliveredExactlyOnce() throws InterruptedException {
        // CPython: test_queue.BaseSimpleQueueTest.test_many_threads_nonblock
        manyThreads(10_000, Mode.NON_BLOCKING);
    }

    @Test
    @Tag("cpython")
    void test_many_threads_timeout_everyItemIsDeliveredExactlyOnce() throws InterruptedException {
        // CPython: test_queue.BaseSimpleQueueTest.test_many_threads_timeout
        manyThreads(10_000, Mode.TIMEOUT);
    }

    private enum Mode { BLOCKING, NON_BLOCKING, TIMEOUT }

    /**
     * 50 producers share the inputs 0..n-1, each ending with a -1 sentinel; 50 consumers take
     * until they see a sentinel. Every input must come out exactly once.
     */
    private static void manyThreads(int n, Mode mode) throws InterruptedException {
        int threadCount = 50;
        SimpleQueue<Integer> q = new SimpleQueue<>();
        AtomicInteger next = new AtomicInteger();
        ConcurrentLinkedQueue<Integer> results = new ConcurrentLinkedQueue<>();
        try (var threads = new TestThreads()) {
            threads.runAll("producer", threadCount, p -> {
                for (int x = next.getAndIncrement(); x < n; x = next.getAndIncrement()) {
                    if (mode == Mode.BLOCKING) {
                        q.put(x);
                    } else {
                        q.putNowait(x);
                    }
                }
                q.put(-1); // one sentinel per producer, and there are as many consumers
            });
            threads.runAll("consumer", threadCount, c -> {
                while (true) {
                    Integer x = take(q, mode);
                    if (x < 0) {
                        return;
                    }
                    results.add(x);
                }
            });
        }
        List<Integer> sorted = results.stream().sorted().toList();
        assertEquals(IntStream.range(0, n).boxed().toList(), sorted, "every item exactly once");
        assertTrue(q.isEmpty(), "every sentinel was consumed");
    }

    private static Integer take(SimpleQueue<Integer> q, Mode mode) throws InterruptedException {
        while (true) {
            try {
                switch (mode) {
                    case BLOCKING:
                        return q.get();
                    case NON_BLOCKING:
                        return q.getNowait();
                    default:
                        return q.get(Duration.ofMillis(1));
                }
            } catch (QueueEmptyException e) {
                Thread.yield();
            }
        }
    }

    @Test
    @Tag("cpython")
    void test_references_aTakenItemIsNotKeptReachableByTheQueue() throws InterruptedException {
        // CPython: test_queue.BaseSimpleQueueTest.test_references
        SimpleQueue<Object> q = new SimpleQueue<>();
        Object item = new Object();
        WeakReference<Object> ref = new WeakReference<>(item);
        q.put(item);
        q.put("later");
        assertEquals(item, q.get());
        item = null;
        Waits.awaitCollected(ref);
        assertEquals("later", q.get());
        assertNull(item);
    }

    @Test
    void blockingGetWaitsUntilAPut() throws InterruptedException {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        try (var threads = new TestThreads()) {
            Forked<Integer> getter = threads.fork("getter", q::get);
            Forked<Integer> timedGetter = threads.fork("timed getter", () -> q.get(Duration.ofSeconds(30)));
            getter.awaitBlocked();
            timedGetter.awaitBlocked();
            q.put(1);
            q.put(2);
            assertEquals(3, getter.join() + timedGetter.join());
        }
    }

    @Test
    void timedGetThrowsQueueEmptyAfterTheTimeout() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        Duration timeout = Duration.ofMillis(50);
        long start = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(timeout));
        Waits.assertTookAbout(timeout, start);
    }

    @Test
    void putNeverWaits() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        long start = System.nanoTime();
        for (int i = 0; i < 100_000; i++) {
            q.putNowait(i);
        }
        Waits.assertDidNotWait(start);
        assertEquals(100_000, q.qsize());
    }

    @Test
    void nullItemsAreRefused() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(NullPointerException.class, () -> q.get(null));
        assertTrue(q.isEmpty());
    }

    @Test
    void blockedGetThrowsInterruptedExceptionAndClearsTheStatus() throws InterruptedException {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        try (var threads = new TestThreads()) {
            for (boolean timed : new boolean[] {false, true}) {
                Forked<Boolean> getter = threads.fork("getter", () -> {
                    try {
                        return timed ? q.get(Duration.ofSeconds(30)) != null : q.get() != null;
                    } catch (InterruptedException e) {
                        return Thread.currentThread().isInterrupted();
                    }
                });
                getter.awaitBlocked();
                getter.thread().interrupt();
                assertEquals(Boolean.FALSE, getter.join());
            }
        }
        q.put(5);
        assertEquals(5, q.getNowait(), "still works after interrupted gets");
    }

    @Test
    void toStringShowsTheSize() {
        SimpleQueue<Integer> q = new SimpleQueue<>();
        q.put(1);
        q.put(2);
        assertTrue(q.toString().startsWith("SimpleQueue["), q.toString());
        assertTrue(q.toString().contains("size=2"), q.toString());
    }
}
