package io.bingfa.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.Action;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.TestThreads.Forked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * CPython's {@code FailingQueueTest}: a subclass whose storage hooks ({@link Queue#insert} and
 * {@link Queue#extract}, Python's {@code _put}/{@code _get}) throw on demand. Every put and get
 * form must propagate the failure and leave the queue consistent: size, full/empty, unfinished
 * tasks and order right, the lock released, later operations working.
 */
@Timeout(60)
class FailingQueueTest {
    private static final int QUEUE_SIZE = 5;
    private static final Duration LONG = Duration.ofSeconds(30);

    /** What the hooks throw. */
    static final class InjectedFailure extends RuntimeException {
        InjectedFailure(String message) {
            super(message);
        }
    }

    /** A FIFO queue whose next insert or extract can be made to throw. */
    static final class FailingQueue extends Queue<Integer> {
        volatile boolean failNextInsert;
        volatile boolean failNextExtract;
        int inserts;
        int extracts;

        FailingQueue(int maxsize) {
            super(maxsize);
        }

        @Override
        protected void insert(Integer item) {
            if (failNextInsert) {
                failNextInsert = false;
                throw new InjectedFailure("injected insert failure for " + item);
            }
            super.insert(item);
            inserts++;
        }

        @Override
        protected Integer extract() {
            if (failNextExtract) {
                failNextExtract = false;
                throw new InjectedFailure("injected extract failure");
            }
            Integer item = super.extract();
            extracts++;
            return item;
        }
    }

    @Test
    @Tag("cpython")
    void test_failing_queue_everyPutAndGetFormPropagatesTheFailureAndTheQueueStaysConsistent() throws Exception {
        // CPython: test_queue.FailingQueueTest.test_failing_queue (run twice on the same instance)
        FailingQueue q = new FailingQueue(QUEUE_SIZE);
        failingQueueRound(q);
        failingQueueRound(q);
    }

    private static void failingQueueRound(FailingQueue q) throws Exception {
        assertTrue(q.isEmpty(), "a round starts with an empty queue");
        long done = q.unfinishedTasks();
        for (int i = 0; i < QUEUE_SIZE - 1; i++) {
            q.put(i);
        }
        long puts = QUEUE_SIZE - 1;

        // puts that do not wait: every form
        List<Action> putForms = List.of(
                () -> q.put(99), () -> q.put(99, LONG), () -> q.put(99, Duration.ZERO), () -> q.putNowait(99),
                () -> q.offer(99), () -> q.offer(99, 1, TimeUnit.SECONDS), () -> q.add(99));
        for (Action put : putForms) {
            q.failNextInsert = true;
            assertThrows(InjectedFailure.class, put::run);
            assertConsistent(q, QUEUE_SIZE - 1, done + puts);
        }
        q.put(QUEUE_SIZE - 1);
        puts++;
        assertTrue(q.isFull());

        // puts that waited for room, then failed in insert
        try (var threads = new TestThreads()) {
            List<Action> waitingPuts = List.of(() -> q.put(99), () -> q.put(99, LONG),
                    () -> q.offer(99, 30, TimeUnit.SECONDS));
            for (Action put : waitingPuts) {
                q.failNextInsert = true;
                Forked<Void> putter = threads.run("putter", put);
                putter.awaitBlocked();
                q.get(); // makes room: the putter wakes, and its insert throws
                putter.joinThrowing(InjectedFailure.class);
                assertConsistent(q, QUEUE_SIZE - 1, done + puts);
                q.put(100);
                puts++;
                assertTrue(q.isFull());
            }
        }

        // gets that do not wait: every form; the head must still be there afterwards
        List<Action> getForms = List.of(q::get, () -> q.get(LONG), () -> q.get(Duration.ZERO), q::getNowait,
                q::take, q::poll, () -> q.poll(1, TimeUnit.SECONDS), q::remove);
        for (Action get : getForms) {
            Integer head = q.peek();
            q.failNextExtract = true;
            assertThrows(InjectedFailure.class, get::run);
            assertConsistent(q, QUEUE_SIZE, done + puts);
            assertEquals(head, q.peek(), "a failed extract must not lose or reorder the head");
        }
        List<Integer> drained = new ArrayList<>();
        assertEquals(3, q.drainTo(drained, 3));
        q.failNextExtract = true;
        assertThrows(InjectedFailure.class, () -> q.drainTo(drained));
        assertEquals(3, drained.size(), "items taken before the failure stay taken");
        assertConsistent(q, QUEUE_SIZE - 3, done + puts);
        while (!q.isEmpty()) {
            q.get();
        }

        // gets that waited for an item, then failed in extract; the item stays
        try (var threads = new TestThreads()) {
            List<Action> waitingGets = List.of(q::get, () -> q.get(LONG), q::take, () -> q.poll(30, TimeUnit.SECONDS));
            for (Action get : waitingGets) {
                q.failNextExtract = true;
                Forked<Void> getter = threads.run("getter", get);
                getter.awaitBlocked();
                q.put(7); // the getter wakes, and its extract throws
                puts++;
                getter.joinThrowing(InjectedFailure.class);
                assertConsistent(q, 1, done + puts);
                assertEquals(7, q.getNowait(), "the item a failed get woke for is still there");
            }
        }

        assertTrue(q.isEmpty());
        assertFalse(q.isFull());
        assertEquals(done + puts, q.unfinishedTasks(), "failed puts add no task, failed gets retire none");
        for (long i = q.unfinishedTasks(); i > 0; i--) {
            q.taskDone();
        }
        assertTrue(q.join(Duration.ZERO));
    }

    /** Size, full/empty and task count are right, and another thread can use the queue (lock released). */
    private static void assertConsistent(FailingQueue q, int size, long unfinished) throws InterruptedException {
        assertEquals(size, q.qsize());
        assertEquals(size == 0, q.isEmpty());
        assertEquals(size >= q.maxsize(), q.isFull());
        assertEquals(unfinished, q.unfinishedTasks());
        assertFalse(q.contains(99), "a failed put must not leave its item behind");
        try (var threads = new TestThreads()) {
            Forked<Integer> other = threads.fork("other thread", q::qsize);
            assertEquals(size, other.join(), "the lock must be free after a failure");
        }
    }

    @Test
    void test_failing_queue_immediateShutdownDiscardsThroughTheExtractHook() throws InterruptedException {
        // CPython's shutdown(immediate=True) removes the items left with _get() (source, not a test)
        FailingQueue q = new FailingQueue(0);
        q.put(1);
        q.put(2);
        q.put(3);
        q.get();
        q.shutdown(true);
        assertEquals(3, q.inserts);
        assertEquals(3, q.extracts, "discarded items go through extract(), so a subclass sees them leave");
        assertEquals(1, q.unfinishedTasks(), "the item got but not marked done stays unfinished");
    }

    @Test
    void test_failing_queue_failedExtractDuringImmediateShutdownStillWakesEveryWaiter() throws InterruptedException {
        FailingQueue q = new FailingQueue(2);
        q.put(1);
        q.put(2);
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> q.put(3));
            putter.awaitBlocked();
            q.failNextExtract = true;
            assertThrows(InjectedFailure.class, () -> q.shutdown(true));
            assertTrue(q.isShutdown());
            putter.joinThrowing(QueueShutDownException.class);
        }
        assertEquals(2, q.qsize(), "the items the failed discard did not reach stay");
        q.shutdown(true);
        assertTrue(q.isEmpty());
        assertEquals(0, q.unfinishedTasks());
    }
}
