package io.bingfa.queue;

import static io.bingfa.testing.TestThreads.awaitAllBlocked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.TestThreads.Forked;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The cases of CPython's {@code test_queue.BaseQueueTestMixin} (CONFORMANCE.md section 3a and 3b),
 * run against each bounded queue type by a subclass that supplies the factory, as CPython runs the
 * mixin for {@code Queue}, {@code LifoQueue} and {@code PriorityQueue}. Values follow the CPython
 * test (QUEUE_SIZE = 5, items 111/333/222, Queue(2) for the shutdown cases); the code is ours.
 */
@Timeout(60)
abstract class BaseQueueContractTest {
    /** The capacity CPython's mixin uses. */
    static final int QUEUE_SIZE = 5;
    /** A timeout that should elapse ("a short while"). */
    static final Duration SHORT = Duration.ofMillis(50);
    /** A timeout that should not elapse before the other thread acts. */
    static final Duration LONG = Duration.ofSeconds(30);

    /** A queue of the type under test; {@code maxsize <= 0} is unbounded. */
    abstract <T> Queue<T> newQueue(int maxsize);

    /** The order items put in {@code putOrder} come out in. */
    abstract <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder);

    // ------------------------------------------------------------------ 3a: test_basic

    @Test
    @Tag("cpython")
    void test_basic_freshQueueIsEmptyAndNotFull() {
        // CPython: test_queue.BaseQueueTestMixin.test_basic
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        assertTrue(q.isEmpty());
        assertFalse(q.isFull());
        assertEquals(0, q.qsize());
        assertEquals(QUEUE_SIZE, q.maxsize());
    }

    @Test
    @Tag("cpython")
    void test_basic_itemsComeOutInTheTypesOrder() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_basic
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        List<Integer> in = List.of(111, 333, 222);
        for (int x : in) {
            q.put(x);
        }
        List<Integer> out = List.of(q.get(), q.get(), q.get());
        assertEquals(expectedOrder(in), out);
        assertTrue(q.isEmpty());
    }

    @Test
    @Tag("cpython")
    void test_basic_fullQueueRefusesPutNowaitAndTimesOutTimedPut() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_basic
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        for (int i = 0; i < QUEUE_SIZE - 1; i++) {
            q.put(i);
            assertFalse(q.isEmpty());
            assertFalse(q.isFull(), "not full with " + q.qsize() + " of " + QUEUE_SIZE);
        }
        q.put(2 * QUEUE_SIZE);
        assertTrue(q.isFull());
        assertFalse(q.isEmpty());

        long start = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.putNowait(99));
        assertThrows(QueueFullException.class, () -> q.put(99, Duration.ZERO));
        Waits.assertDidNotWait(start);

        start = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(99, SHORT));
        Waits.assertTookAbout(SHORT, start);

        assertEquals(QUEUE_SIZE, q.qsize());
        assertEquals(QUEUE_SIZE, q.unfinishedTasks());
        assertFalse(q.contains(99), "a refused item must not be in the queue");
    }

    @Test
    @Tag("cpython")
    void test_basic_blockingPutWaitsUntilAGetMakesRoom() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_basic (do_blocking_test with q.put)
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        fill(q);
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> q.put(100));
            putter.awaitBlocked();
            assertFalse(putter.isDone(), "put on a full queue returned before any get");
            q.get();
            putter.join();
            assertTrue(q.contains(100));
            assertEquals(QUEUE_SIZE, q.qsize());

            Forked<Void> timedPutter = threads.run("timed putter", () -> q.put(101, LONG));
            timedPutter.awaitBlocked();
            assertFalse(timedPutter.isDone(), "timed put on a full queue returned before any get");
            q.get();
            timedPutter.join();
            assertTrue(q.contains(101));
            assertEquals(QUEUE_SIZE, q.qsize());
            assertEquals(QUEUE_SIZE + 2, q.unfinishedTasks());
        }
    }

    @Test
    @Tag("cpython")
    void test_basic_emptyQueueRefusesGetNowaitAndTimesOutTimedGet() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_basic
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        long start = System.nanoTime();
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ZERO));
        Waits.assertDidNotWait(start);

        start = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(SHORT));
        Waits.assertTookAbout(SHORT, start);
        assertTrue(q.isEmpty());
    }

    @Test
    @Tag("cpython")
    void test_basic_blockingGetWaitsUntilAPut() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_basic (do_blocking_test with q.get)
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        try (var threads = new TestThreads()) {
            Forked<Integer> getter = threads.fork("getter", q::get);
            getter.awaitBlocked();
            assertFalse(getter.isDone(), "get on an empty queue returned before any put");
            q.put(7);
            assertEquals(7, getter.join());

            Forked<Integer> timedGetter = threads.fork("timed getter", () -> q.get(LONG));
            timedGetter.awaitBlocked();
            assertFalse(timedGetter.isDone(), "timed get on an empty queue returned before any put");
            q.put(8);
            assertEquals(8, timedGetter.join());
            assertTrue(q.isEmpty());
        }
    }

    @Test
    @Tag("cpython")
    void test_basic_sameInstanceStaysConsistentOverTwoFullEmptyCycles() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_basic (simple_queue_test run twice on one queue)
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        fullEmptyCycle(q);
        fullEmptyCycle(q);
    }

    private void fullEmptyCycle(Queue<Integer> q) throws InterruptedException {
        assertEquals(0, q.qsize(), "the cycle needs an empty queue");
        assertEquals(0, q.unfinishedTasks());
        assertTrue(q.isEmpty());
        assertFalse(q.isFull());
        List<Integer> in = List.of(111, 333, 222);
        for (int x : in) {
            q.put(x);
        }
        assertEquals(expectedOrder(in), List.of(q.get(), q.get(), q.get()));
        fill(q);
        assertTrue(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNowait(-1));
        assertThrows(QueueFullException.class, () -> q.put(-1, Duration.ofMillis(10)));
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> q.put(-2));
            putter.awaitBlocked();
            q.get();
            putter.join();
        }
        for (int i = 0; i < QUEUE_SIZE; i++) {
            q.get();
        }
        assertTrue(q.isEmpty());
        assertFalse(q.isFull());
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(10)));
        try (var threads = new TestThreads()) {
            Forked<Integer> getter = threads.fork("getter", () -> q.get(LONG));
            getter.awaitBlocked();
            q.put(42);
            assertEquals(42, getter.join());
        }
        assertEquals(0, q.qsize());
        // every put so far is unfinished: nobody called taskDone()
        // nobody called taskDone(): every put of this cycle is unfinished (3, fill, the putter, 42)
        long puts = 3 + QUEUE_SIZE + 1 + 1;
        assertEquals(puts, q.unfinishedTasks());
        assertFalse(q.join(Duration.ZERO));
        for (long i = 0; i < puts; i++) {
            q.taskDone();
        }
        assertTrue(q.join(Duration.ZERO));
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    // ------------------------------------------------------------------ 3a: tasks

    @Test
    @Tag("cpython")
    void test_queue_task_done_taskDoneOnFreshQueueThrows() {
        // CPython: test_queue.BaseQueueTestMixin.test_queue_task_done
        Queue<Integer> q = newQueue(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
        assertEquals(0, q.unfinishedTasks());
    }

    @Test
    @Tag("cpython")
    void test_queue_join_joinReturnsOnlyAfterWorkersMarkedEveryItemDone() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_queue_join (queue_join_test run twice, then one task_done too many)
        Queue<Integer> q = newQueue(0);
        joinWithWorkers(q);
        joinWithWorkers(q);
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    /** Two workers sum 0..99 from the queue; join() must see the whole sum; -1 stops a worker. */
    private static void joinWithWorkers(Queue<Integer> q) throws InterruptedException {
        AtomicLong sum = new AtomicLong();
        try (var threads = new TestThreads()) {
            threads.runAll("worker", 2, i -> {
                while (true) {
                    int x = q.get();
                    if (x < 0) {
                        q.taskDone();
                        return;
                    }
                    sum.addAndGet(x);
                    q.taskDone();
                }
            });
            for (int i = 0; i < 100; i++) {
                q.put(i);
            }
            q.join();
            assertEquals(4950, sum.get(), "join() returned before every item was marked done");
            q.put(-1);
            q.put(-1);
            q.join(); // joining twice is fine
            assertEquals(0, q.unfinishedTasks());
        }
    }

    @Test
    @Tag("cpython")
    void test_queue_join_joinWaitsForTaskDoneNotForEmptiness() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_queue_join (join() waits for task_done(), CONFORMANCE 8.5)
        Queue<Integer> q = newQueue(0);
        q.put(1);
        q.put(2);
        q.get();
        q.get();
        assertTrue(q.isEmpty());
        assertEquals(2, q.unfinishedTasks());
        try (var threads = new TestThreads()) {
            Forked<Void> joiner = threads.run("joiner", q::join);
            joiner.awaitBlocked();
            q.taskDone();
            joiner.assertStaysBlocked();
            q.taskDone();
            joiner.join();
        }
        assertTrue(q.join(Duration.ZERO));
    }

    // ------------------------------------------------------------------ 3a: argument and capacity checks

    @Test
    @Tag("cpython")
    void test_negative_timeout_raises_exception_negativePutAndGetTimeoutsAreIllegalArguments() {
        // CPython: test_queue.BaseQueueTestMixin.test_negative_timeout_raises_exception
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        Duration minusOne = Duration.ofSeconds(-1);
        assertThrows(IllegalArgumentException.class, () -> q.put(1, minusOne));
        assertThrows(IllegalArgumentException.class, () -> q.get(minusOne));
        assertThrows(IllegalArgumentException.class, () -> q.join(minusOne));
        assertEquals(0, q.qsize());
        assertEquals(0, q.unfinishedTasks());
    }

    @Test
    @Tag("cpython")
    void test_nowait_putNowaitFillsThenThrowsFullAndGetNowaitDrainsThenThrowsEmpty() {
        // CPython: test_queue.BaseQueueTestMixin.test_nowait
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        for (int i = 0; i < QUEUE_SIZE; i++) {
            q.putNowait(1);
        }
        assertThrows(QueueFullException.class, () -> q.putNowait(1));
        assertEquals(QUEUE_SIZE, q.qsize());
        for (int i = 0; i < QUEUE_SIZE; i++) {
            assertEquals(1, q.getNowait());
        }
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertTrue(q.isEmpty());
    }

    @Test
    @Tag("cpython")
    void test_shrinking_queue_loweredMaxsizeIsHonoured() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shrinking_queue (bpo-10110)
        Queue<Integer> q = newQueue(3);
        q.put(1);
        q.put(2);
        q.put(3);
        assertThrows(QueueFullException.class, () -> q.putNowait(4));
        assertEquals(3, q.qsize());
        q.setMaxsize(2); // "q.maxsize = 2"
        assertEquals(2, q.maxsize());
        assertTrue(q.isFull(), "3 items with maxsize 2 is full");
        assertThrows(QueueFullException.class, () -> q.putNowait(4));
        assertEquals(3, q.qsize(), "items beyond the new maxsize stay");
        q.get();
        assertThrows(QueueFullException.class, () -> q.putNowait(4), "2 items with maxsize 2 is still full");
        q.get();
        q.putNowait(4);
        assertEquals(2, q.qsize());
        assertTrue(q.isFull());
    }

    // ------------------------------------------------------------------ 3b: shutdown, one thread

    @Test
    @Tag("cpython")
    void test_shutdown_empty_putAndGetThrowShutDown() {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_empty
        Queue<String> q = newQueue(QUEUE_SIZE);
        q.shutdown();
        assertTrue(q.isShutdown());
        assertThrows(QueueShutDownException.class, () -> q.put("data"));
        assertThrows(QueueShutDownException.class, q::get, "get() on a shut-down empty queue must not block");
    }

    @Test
    @Tag("cpython")
    void test_shutdown_nonempty_getReturnsTheItemLeftThenThrowsShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_nonempty
        Queue<String> q = newQueue(QUEUE_SIZE);
        q.put("data");
        q.shutdown();
        assertEquals("data", q.get());
        assertThrows(QueueShutDownException.class, q::get);
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_discardsItemsSoGetThrowsShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate
        Queue<String> q = newQueue(QUEUE_SIZE);
        q.put("data");
        q.shutdown(true);
        assertThrows(QueueShutDownException.class, q::get);
        assertEquals(0, q.qsize());
        assertEquals(0, q.unfinishedTasks(), "discarded items retire their tasks");
    }

    @Test
    @Tag("cpython")
    void test_shutdown_allowed_transitions_immediateThenNonImmediateIsAllowed() {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_allowed_transitions
        Queue<Integer> q = newQueue(QUEUE_SIZE);
        assertFalse(q.isShutdown());
        q.shutdown(true);
        assertTrue(q.isShutdown());
        q.shutdown(false);
        assertTrue(q.isShutdown());
        q.shutdown(true);
        assertTrue(q.isShutdown());
    }

    @Test
    @Tag("cpython")
    void test_shutdown_all_methods_in_one_thread_putsThrowGetsDrainThenThrow() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_all_methods_in_one_thread
        Queue<String> q = newQueue(2);
        q.put("L");
        q.putNowait("O");
        q.shutdown();
        assertThrows(QueueShutDownException.class, () -> q.put("E"));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("W"));
        assertThrows(QueueShutDownException.class, () -> q.put("W", Duration.ofSeconds(1)));
        List<String> out = List.of(q.get(), q.getNowait());
        assertEquals(expectedOrder(List.of("L", "O")), out);
        q.taskDone();
        q.taskDone();
        q.join();
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
        assertThrows(QueueShutDownException.class, () -> q.get(Duration.ofSeconds(1)));
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_all_methods_in_one_thread_everythingThrowsAndJoinReturns() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate_all_methods_in_one_thread
        Queue<String> q = newQueue(2);
        q.put("L");
        q.putNowait("O");
        q.shutdown(true);
        assertThrows(QueueShutDownException.class, () -> q.put("E"));
        assertThrows(QueueShutDownException.class, () -> q.putNowait("W"));
        assertThrows(QueueShutDownException.class, q::get);
        assertThrows(QueueShutDownException.class, q::getNowait);
        assertThrows(QueueShutDownException.class, () -> q.get(Duration.ofSeconds(1)));
        IllegalStateException tooMany = assertThrows(IllegalStateException.class, q::taskDone,
                "the discarded items' tasks were retired, so no task is unfinished");
        assertEquals("task_done() called too many times", tooMany.getMessage());
        long start = System.nanoTime();
        q.join();
        Waits.assertDidNotWait(start);
    }

    // ------------------------------------------------------------------ 3b: shutdown, many threads

    @Test
    @Tag("cpython")
    void test_shutdown_all_methods_in_many_threads_everyReaderEndsWithShutDownAndAllTasksFinish() throws Exception {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_all_methods_in_many_threads
        shutdownWhileManyThreadsWork(false);
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_all_methods_in_many_threads_queueIsEmptiedAndJoinersReleased() throws Exception {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate_all_methods_in_many_threads
        shutdownWhileManyThreadsWork(true);
    }

    /**
     * Writers put, readers get and mark done, a writer halfway through its items asks a separate
     * thread to shut the queue down; with {@code immediate}, joiners wait too. Every reader must end
     * with ShutDown, every writer stops at ShutDown or its last item, no task stays unfinished.
     */
    private void shutdownWhileManyThreadsWork(boolean immediate) throws Exception {
        Queue<Integer> q = newQueue(0);
        int writers = 4;
        int readers = 6;
        int joiners = immediate ? 2 : 0;
        int perWriter = 4096;
        CyclicBarrier start = new CyclicBarrier(writers + readers + joiners);
        CountDownLatch shutdownRequested = new CountDownLatch(1);
        AtomicBoolean requested = new AtomicBoolean();
        AtomicInteger writersShutDown = new AtomicInteger();
        AtomicInteger readersShutDown = new AtomicInteger();
        AtomicBoolean emptyRightAfterShutdown = new AtomicBoolean();
        try (var threads = new TestThreads()) {
            threads.runAll("writer", writers, w -> {
                for (int i = 0; i < perWriter / 2; i++) {
                    q.put(w * perWriter + i);
                }
                start.await();
                for (int i = perWriter / 2; i < perWriter; i++) {
                    try {
                        q.put(w * perWriter + i);
                    } catch (QueueShutDownException e) {
                        writersShutDown.incrementAndGet();
                        return;
                    }
                    if (i == perWriter * 3 / 4 && requested.compareAndSet(false, true)) {
                        shutdownRequested.countDown();
                    }
                }
            });
            threads.runAll("reader", readers, r -> {
                q.get();
                q.taskDone();
                start.await();
                while (true) {
                    try {
                        q.getNowait();
                        q.taskDone();
                    } catch (QueueShutDownException e) {
                        readersShutDown.incrementAndGet();
                        return;
                    } catch (QueueEmptyException e) {
                        Thread.yield();
                    }
                }
            });
            threads.runAll("joiner", joiners, j -> {
                start.await();
                q.join();
            });
            threads.run("shutdown", () -> {
                shutdownRequested.await();
                q.shutdown(immediate);
                emptyRightAfterShutdown.set(q.qsize() == 0);
            });
        }
        assertTrue(requested.get(), "some writer reached the point where it asks for the shutdown");
        assertEquals(readers, readersShutDown.get(), "every reader ends with ShutDown");
        assertTrue(writersShutDown.get() <= writers);
        if (immediate) {
            assertTrue(emptyRightAfterShutdown.get(), "shutdown(immediate=True) discards every item");
        }
        assertTrue(q.isEmpty());
        assertEquals(0, q.unfinishedTasks(), "every item was got and marked done, or discarded");
        assertTrue(q.join(Duration.ZERO));
    }

    @Test
    @Tag("cpython")
    void test_shutdown_get_twoGettersGetItemsAndOneGetsShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_get
        Queue<String> q = newQueue(2);
        q.put("Y");
        q.put("D");
        CountDownLatch go = new CountDownLatch(1);
        try (var threads = new TestThreads()) {
            List<Forked<String>> getters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                getters.add(threads.fork("getter-" + i, () -> {
                    go.await();
                    return q.get();
                }));
            }
            q.shutdown(false);
            go.countDown();
            Set<String> got = new HashSet<>();
            int shutDown = 0;
            for (Forked<String> g : getters) {
                Throwable t = g.outcome();
                if (t == null) {
                    got.add(g.join());
                } else {
                    assertTrue(t instanceof QueueShutDownException, "unexpected " + t);
                    shutDown++;
                }
            }
            assertEquals(Set.of("Y", "D"), got);
            assertEquals(1, shutDown, "exactly one getter finds the queue shut down and empty");
        }
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_get_bothGettersGetShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate_get
        Queue<String> q = newQueue(2);
        q.put("Y");
        q.put("D");
        CountDownLatch go = new CountDownLatch(1);
        try (var threads = new TestThreads()) {
            List<Forked<String>> getters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                getters.add(threads.fork("getter-" + i, () -> {
                    go.await();
                    return q.get();
                }));
            }
            q.shutdown(true);
            go.countDown();
            for (Forked<String> g : getters) {
                g.joinThrowing(QueueShutDownException.class);
            }
        }
    }

    @Test
    @Tag("cpython")
    void test_shutdown_get_blockedGettersAreWokenWithShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_get (getters already waiting on an empty queue)
        for (boolean immediate : new boolean[] {false, true}) {
            Queue<String> q = newQueue(2);
            try (var threads = new TestThreads()) {
                List<Forked<String>> getters = List.of(
                        threads.fork("getter", q::get),
                        threads.fork("timed getter", () -> q.get(LONG)),
                        threads.fork("take", q::take));
                awaitAllBlocked(getters);
                q.shutdown(immediate);
                for (Forked<String> g : getters) {
                    g.joinThrowing(QueueShutDownException.class);
                }
            }
        }
    }

    @Test
    @Tag("cpython")
    void test_shutdown_put_blockedPuttersAreWokenWithShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_put
        shutdownWakesBlockedPutters(false);
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_put_blockedPuttersAreWokenWithShutDown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate_put
        shutdownWakesBlockedPutters(true);
    }

    private void shutdownWakesBlockedPutters(boolean immediate) throws InterruptedException {
        Queue<String> q = newQueue(2);
        q.put("Y");
        q.put("D");
        try (var threads = new TestThreads()) {
            List<Forked<Void>> putters = List.of(
                    threads.run("putter", () -> q.put("E")),
                    threads.run("timed putter", () -> q.put("W", LONG)),
                    threads.run("timed offer", () -> q.offer("O", 30, TimeUnit.SECONDS)));
            awaitAllBlocked(putters);
            q.shutdown(immediate);
            for (Forked<Void> p : putters) {
                p.joinThrowing(QueueShutDownException.class);
            }
        }
        assertEquals(immediate ? 0 : 2, q.qsize());
        assertFalse(q.contains("E") || q.contains("W") || q.contains("O"));
    }

    @Test
    @Tag("cpython")
    void test_shutdown_join_joinersReturnOnlyAfterTheItemLeftIsDone() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_join
        Queue<String> q = newQueue(2);
        q.put("Y");
        try (var threads = new TestThreads()) {
            List<Forked<Void>> joiners = List.of(threads.run("joiner-0", q::join), threads.run("joiner-1", q::join));
            awaitAllBlocked(joiners);
            q.shutdown(false);
            for (Forked<Void> j : joiners) {
                j.assertStaysBlocked();
            }
            assertEquals("Y", q.get());
            q.taskDone();
            for (Forked<Void> j : joiners) {
                j.join(); // returns normally: join() never throws ShutDown
            }
        }
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_join_joinersAreReleasedByTheShutdown() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate_join
        Queue<String> q = newQueue(2);
        q.put("Y");
        try (var threads = new TestThreads()) {
            List<Forked<Void>> joiners = List.of(threads.run("joiner-0", q::join),
                    threads.run("joiner-1", () -> assertTrue(q.join(LONG))));
            awaitAllBlocked(joiners);
            q.shutdown(true);
            for (Forked<Void> j : joiners) {
                j.join();
            }
        }
        assertThrows(QueueShutDownException.class, q::getNowait);
    }

    @Test
    @Tag("cpython")
    void test_shutdown_put_join_putterGetsShutDownAndJoinerReturnsAfterTaskDone() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_put_join
        shutdownWithPutterAndJoiner(false);
    }

    @Test
    @Tag("cpython")
    void test_shutdown_immediate_put_join_putterGetsShutDownAndJoinerReturns() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_immediate_put_join
        shutdownWithPutterAndJoiner(true);
    }

    private void shutdownWithPutterAndJoiner(boolean immediate) throws InterruptedException {
        Queue<String> q = newQueue(2);
        q.put("Y");
        assertEquals(1, q.unfinishedTasks());
        CountDownLatch go = new CountDownLatch(1);
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> {
                go.await();
                q.put("E");
            });
            Forked<Void> joiner = threads.run("joiner", q::join);
            joiner.awaitBlocked();
            q.shutdown(immediate);
            go.countDown();
            putter.joinThrowing(QueueShutDownException.class);
            if (immediate) {
                assertThrows(QueueShutDownException.class, q::getNowait);
            } else {
                joiner.assertStaysBlocked();
                assertEquals("Y", q.get());
                q.taskDone();
            }
            joiner.join();
        }
        assertEquals(0, q.unfinishedTasks());
    }

    @Test
    @Tag("cpython")
    void test_shutdown_get_task_done_join_gettersAndJoinersAllFinishNormally() throws InterruptedException {
        // CPython: test_queue.BaseQueueTestMixin.test_shutdown_get_task_done_join
        Queue<String> q = newQueue(2);
        q.put("Y");
        q.put("D");
        assertEquals(q.qsize(), q.unfinishedTasks());
        CountDownLatch go = new CountDownLatch(1);
        try (var threads = new TestThreads()) {
            List<Forked<String>> getters = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                getters.add(threads.fork("getter-" + i, () -> {
                    go.await();
                    String x = q.get();
                    q.taskDone();
                    return x;
                }));
            }
            List<Forked<Void>> joiners = List.of(threads.run("joiner-0", q::join), threads.run("joiner-1", q::join));
            awaitAllBlocked(joiners);
            go.countDown();
            q.shutdown(false);
            Set<String> got = new HashSet<>();
            for (Forked<String> g : getters) {
                got.add(g.join());
            }
            assertEquals(Set.of("Y", "D"), got);
            for (Forked<Void> j : joiners) {
                j.join();
            }
        }
        assertEquals(0, q.unfinishedTasks());
        assertNull(q.poll());
    }

    // ------------------------------------------------------------------ helpers

    static void fill(Queue<Integer> q) throws InterruptedException {
        for (int i = q.qsize(); i < q.maxsize(); i++) {
            q.put(i);
        }
        assertTrue(q.isFull());
    }
}
