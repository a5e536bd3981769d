package io.bingfa.multiprocessing;

import static io.bingfa.testing.Waits.assertDidNotWait;
import static io.bingfa.testing.Waits.assertTookAbout;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.queue.QueueEmptyException;
import io.bingfa.queue.QueueFullException;
import io.bingfa.queue.QueueShutDownException;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The single-process cases of CONFORMANCE 5b for {@link ProcessQueue}, run against the hosting
 * handle and against a proxy to it (the path another process takes), by the two subclasses.
 */
@Timeout(60)
abstract class ProcessQueueBaseTest {
    static final Duration SHORT = Duration.ofMillis(100);

    /** A queue handle of the kind under test. */
    abstract <T> ProcessQueue<T> newQueue(int maxsize);

    abstract <T> JoinableProcessQueue<T> newJoinableQueue(int maxsize);

    /** Waits until {@code getter} is blocked in a get (in the queue, or waiting for the host's reply). */
    abstract void awaitGetterBlocked(Thread getter);

    /** Waits until {@code thread} waits for a reply from another process. */
    static void awaitWaitingForReply(Thread thread) {
        Waits.awaitTrue(thread.getName() + " waiting for a reply", () -> {
            boolean reading = false;
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals(FramedChannel.class.getName())
                        && frame.getMethodName().equals("read")) {
                    reading = true;
                }
                if (reading && frame.getClassName().equals(ProxyClient.Conn.class.getName())
                        && frame.getMethodName().equals("call")) {
                    return true;
                }
            }
            return false;
        });
    }

    // CPython: _TestQueue.test_put
    @Test
    @Tag("cpython")
    void test_put_fullQueueRefusesEveryNonBlockingFormAndTimesOutTheBlockingOne() throws Exception {
        ProcessQueue<Integer> q = newQueue(6);
        q.put(1);
        q.put(2);
        q.put(3, Duration.ofSeconds(30));
        q.putNowait(4);
        q.putNowait(5);
        q.putNowait(6);
        assertTrue(q.isFull());
        assertEquals(6, q.qsize());
        long start = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.putNowait(7));
        assertThrows(QueueFullException.class, () -> q.put(7, Duration.ZERO));
        assertDidNotWait(start);
        start = System.nanoTime();
        assertThrows(QueueFullException.class, () -> q.put(7, SHORT));
        assertTookAbout(SHORT, start);
        for (int i = 1; i <= 6; i++) {
            assertEquals(i, q.get());
        }
        assertTrue(q.isEmpty());
    }

    // CPython: _TestQueue.test_qsize
    @Test
    @Tag("cpython")
    void test_qsize_countsUpAndDown() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        assertEquals(0, q.qsize());
        q.put(1);
        assertEquals(1, q.qsize());
        q.put(5);
        assertEquals(2, q.qsize());
        q.get();
        assertEquals(1, q.qsize());
        q.get();
        assertEquals(0, q.qsize());
    }

    // CPython: _TestQueue.test_timeout
    @Test
    @Tag("cpython")
    void test_timeout_timedGetOnEmptyQueueThrowsEmptyAfterTheTimeout() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        long start = System.nanoTime();
        assertThrows(QueueEmptyException.class, () -> q.get(Duration.ofMillis(200)));
        assertTookAbout(Duration.ofMillis(200), start);
        assertThrows(QueueEmptyException.class, q::getNowait);
        assertThrows(IllegalArgumentException.class, () -> q.get(Duration.ofMillis(-1)));
    }

    @Test
    void itemsComeOutInTheOrderTheyWentIn() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        for (int i = 0; i < 1000; i++) {
            q.put(i);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, q.get());
        }
    }

    @Test
    void itemIsCopiedWhenPutSoLaterChangesDoNotReachTheGetter() throws Exception {
        ProcessQueue<List<Integer>> q = newQueue(0);
        var list = new ArrayList<>(List.of(1, 2));
        q.put(list);
        list.add(3);
        q.put(list);
        assertEquals(List.of(1, 2), q.get());
        assertEquals(List.of(1, 2, 3), q.get());
    }

    // CPython: test_queue_feeder_donot_stop_onexc (ours fails the put instead of dropping the item)
    @Test
    @Tag("cpython")
    void unserialisableItemFailsThePutAtOnceAndTheQueueGoesOn() throws Exception {
        ProcessQueue<Object> q = newQueue(1);
        var e = assertThrows(UncheckedIOException.class, () -> q.put(new Object()));
        assertInstanceOf(NotSerializableException.class, e.getCause());
        assertTrue(q.isEmpty());
        assertFalse(q.isFull());
        q.put(42);
        assertEquals(42, q.get());
        ProcessQueue<Object> unbounded = newQueue(0);
        unbounded.put(1);
        assertThrows(UncheckedIOException.class, () -> unbounded.put(new Object()));
        unbounded.put(2);
        assertEquals(1, unbounded.get());
        assertEquals(2, unbounded.get());
    }

    // CPython: test_closed_queue_empty_exceptions
    @Test
    @Tag("cpython")
    void test_closed_queue_empty_exceptions_neverUsedQueueStillAnswersEmpty() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        q.close();
        assertTrue(q.isEmpty());
        ProcessQueue<Integer> used = newQueue(0);
        used.put(1);
        used.close();
        var e = assertThrows(IllegalStateException.class, used::isEmpty);
        assertTrue(e.getMessage().contains("is closed"), e.getMessage());
    }

    // CPython: test_closed_queue_put_get_exceptions
    @Test
    @Tag("cpython")
    void test_closed_queue_put_get_exceptions_putAndGetAfterCloseThrow() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        q.put(1);
        q.close();
        q.close(); // twice is fine
        assertTrue(assertThrows(IllegalStateException.class, () -> q.put(2)).getMessage().contains("is closed"));
        assertTrue(assertThrows(IllegalStateException.class, q::get).getMessage().contains("is closed"));
    }

    // CPython: _TestQueue.test_shutdown_empty / test_shutdown_nonempty / test_shutdown_immediate
    @Test
    @Tag("cpython")
    void test_shutdown_putsThrowAndGetsDrainTheItemsLeft() throws Exception {
        ProcessQueue<Integer> q = newQueue(2);
        q.put(1);
        q.shutdown();
        assertTrue(q.isShutdown());
        assertThrows(QueueShutDownException.class, () -> q.put(2));
        assertThrows(QueueShutDownException.class, () -> q.putNowait(2));
        assertEquals(1, q.get());
        assertThrows(QueueShutDownException.class, q::get);
        ProcessQueue<Integer> now = newQueue(2);
        now.put(1);
        now.shutdown(true);
        assertThrows(QueueShutDownException.class, now::get);
    }

    // CPython: test_shutdown_get (a blocked getter is woken with ShutDown)
    @Test
    @Tag("cpython")
    void test_shutdown_blockedGetterIsWokenWithShutDown() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        try (var threads = new TestThreads()) {
            var getter = threads.fork("getter", q::get);
            awaitGetterBlocked(getter.thread());
            q.shutdown();
            getter.joinThrowing(QueueShutDownException.class);
        }
    }

    // CPython: test_shutdown_immediate_join / test_task_done beyond count
    @Test
    @Tag("cpython")
    void test_shutdown_immediate_releasesJoinersAndExtraTaskDoneThrows() throws Exception {
        JoinableProcessQueue<Integer> q = newJoinableQueue(0);
        q.put(1);
        q.put(2);
        assertFalse(q.join(SHORT));
        q.shutdown(true);
        assertTrue(q.join(Duration.ofSeconds(30)));
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void joinWaitsForTaskDoneNotForEmptiness() throws Exception {
        JoinableProcessQueue<Integer> q = newJoinableQueue(0);
        q.put(1);
        assertEquals(1, q.get());
        assertFalse(q.join(SHORT));
        q.taskDone();
        q.join();
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void blockingGetIsInterruptible() throws Exception {
        ProcessQueue<Integer> q = newQueue(0);
        try (var threads = new TestThreads()) {
            var getter = threads.fork("getter", q::get);
            awaitGetterBlocked(getter.thread());
            getter.thread().interrupt();
            getter.joinThrowing(InterruptedException.class);
        }
        q.put(5);
        assertEquals(5, q.get(Duration.ofSeconds(30)), "an interrupted get takes no item");
    }
}
