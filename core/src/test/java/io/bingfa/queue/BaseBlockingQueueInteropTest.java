package io.bingfa.queue;

import static io.bingfa.testing.TestThreads.awaitAllBlocked;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.TestThreads.Forked;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link BlockingQueue} side of the bounded queues: the JDK method forms keep their JDK
 * contracts (return values, exception types, null handling, drainTo/iterator/toArray), and the
 * bingfa additions around them (setMaxsize, taskDone/join accounting, interrupts, toString) behave
 * as API.md says. Run for each type by a subclass supplying the factory.
 */
@Timeout(60)
abstract class BaseBlockingQueueInteropTest {
    static final Duration SHORT = Duration.ofMillis(50);

    /** A queue of the type under test; {@code maxsize <= 0} is unbounded. */
    abstract <T> Queue<T> newQueue(int maxsize);

    /** The order items put in {@code putOrder} come out in. */
    abstract <T extends Comparable<? super T>> List<T> expectedOrder(List<T> putOrder);

    private Queue<Integer> queueOf(int maxsize, Integer... items) {
        Queue<Integer> q = newQueue(maxsize);
        for (Integer x : items) {
            q.add(x);
        }
        return q;
    }

    // ------------------------------------------------------------------ types

    @Test
    void isABlockingQueueAndItsExceptionsAreTheJdkOnes() {
        assertInstanceOf(BlockingQueue.class, newQueue(0));
        assertTrue(IllegalStateException.class.isAssignableFrom(QueueFullException.class));
        assertTrue(NoSuchElementException.class.isAssignableFrom(QueueEmptyException.class));
        assertTrue(RuntimeException.class.isAssignableFrom(QueueShutDownException.class));
    }

    // ------------------------------------------------------------------ insert forms

    @Test
    void offerReturnsFalseWhenFullAndLeavesTheQueueAsItWas() {
        Queue<Integer> q = queueOf(2, 1, 2);
        assertFalse(q.offer(3));
        assertEquals(2, q.size());
        assertEquals(2, q.unfinishedTasks());
        assertEquals(0, q.remainingCapacity());
    }

    @Test
    void timedOfferReturnsFalseAfterTheTimeout() throws InterruptedException {
        Queue<Integer> q = queueOf(1, 1);
        long start = System.nanoTime();
        assertFalse(q.offer(2, SHORT.toMillis(), TimeUnit.MILLISECONDS));
        Waits.assertTookAbout(SHORT, start);
        start = System.nanoTime();
        assertFalse(q.offer(2, -5, TimeUnit.SECONDS), "a negative JDK timeout means do not wait");
        assertFalse(q.offer(2, 0, TimeUnit.SECONDS));
        Waits.assertDidNotWait(start);
        assertEquals(List.of(1), List.copyOf(q));
    }

    @Test
    void timedOfferSucceedsWhenAGetMakesRoom() throws InterruptedException {
        Queue<Integer> q = queueOf(1, 1);
        try (var threads = new TestThreads()) {
            Forked<Boolean> offer = threads.fork("offer", () -> q.offer(2, 30, TimeUnit.SECONDS));
            offer.awaitBlocked();
            assertEquals(1, q.take());
            assertTrue(offer.join());
        }
        assertEquals(2, q.poll());
    }

    @Test
    void addOnAFullQueueThrowsQueueFullExceptionWhichIsAnIllegalStateException() {
        Queue<Integer> q = queueOf(2, 1, 2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.add(3));
        assertInstanceOf(QueueFullException.class, e);
        assertEquals(2, q.size());
    }

    @Test
    void addAllStopsAtTheFirstItemThatDoesNotFit() {
        Queue<Integer> q = newQueue(3);
        assertThrows(QueueFullException.class, () -> q.addAll(List.of(1, 2, 3, 4, 5)));
        assertEquals(3, q.size());
        assertEquals(Set.of(1, 2, 3), new HashSet<>(q));
        assertThrows(IllegalArgumentException.class, () -> q.addAll(q));
    }

    @Test
    void nullElementsAreRefusedByEveryInsertFormAndChangeNothing() {
        Queue<Integer> q = newQueue(2);
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.put(null, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(NullPointerException.class, () -> q.offer(null));
        assertThrows(NullPointerException.class, () -> q.offer(null, 1, TimeUnit.SECONDS));
        assertThrows(NullPointerException.class, () -> q.add(null));
        List<Integer> withNull = new ArrayList<>();
        withNull.add(null);
        assertThrows(NullPointerException.class, () -> q.addAll(withNull));
        assertTrue(q.isEmpty());
        assertEquals(0, q.unfinishedTasks());
    }

    @Test
    void nullElementIsRefusedEvenOnAFullQueueWithoutWaiting() {
        Queue<Integer> q = queueOf(1, 1);
        long start = System.nanoTime();
        assertThrows(NullPointerException.class, () -> q.put(null));
        assertThrows(NullPointerException.class, () -> q.put(null, Duration.ofSeconds(5)));
        assertThrows(NullPointerException.class, () -> q.offer(null, 5, TimeUnit.SECONDS));
        Waits.assertDidNotWait(start);
    }

    @Test
    void everyInsertFormThrowsQueueShutDownExceptionAfterShutdown() {
        Queue<Integer> q = newQueue(5);
        q.shutdown();
        assertThrows(QueueShutDownException.class, () -> q.offer(1));
        assertThrows(QueueShutDownException.class, () -> q.offer(1, 1, TimeUnit.SECONDS));
        assertThrows(QueueShutDownException.class, () -> q.add(1));
        assertThrows(QueueShutDownException.class, () -> q.put(1));
        assertThrows(QueueShutDownException.class, () -> q.put(1, Duration.ZERO));
        assertThrows(QueueShutDownException.class, () -> q.putNowait(1));
        assertTrue(q.isEmpty());
        assertEquals(0, q.unfinishedTasks());
    }

    // ------------------------------------------------------------------ remove forms

    @Test
    void pollReturnsNullWhenEmptyAndTimedPollAfterTheTimeout() throws InterruptedException {
        Queue<Integer> q = newQueue(0);
        assertNull(q.poll());
        long start = System.nanoTime();
        assertNull(q.poll(SHORT.toMillis(), TimeUnit.MILLISECONDS));
        Waits.assertTookAbout(SHORT, start);
        start = System.nanoTime();
        assertNull(q.poll(-1, TimeUnit.SECONDS), "a negative JDK timeout means do not wait");
        Waits.assertDidNotWait(start);
    }

    @Test
    void pollOnAShutDownEmptyQueueReturnsNullWithoutWaiting() throws InterruptedException {
        Queue<Integer> q = queueOf(0, 1);
        q.shutdown();
        assertEquals(1, q.poll(), "items left are still handed out after a non-immediate shutdown");
        long start = System.nanoTime();
        assertNull(q.poll());
        assertNull(q.poll(30, TimeUnit.SECONDS));
        Waits.assertDidNotWait(start);
    }

    @Test
    void blockedTimedPollIsWokenByShutdownWithNull() throws InterruptedException {
        Queue<Integer> q = newQueue(0);
        try (var threads = new TestThreads()) {
            Forked<Integer> poller = threads.fork("poller", () -> q.poll(30, TimeUnit.SECONDS));
            poller.awaitBlocked();
            long start = System.nanoTime();
            q.shutdown();
            assertNull(poller.join());
            Waits.assertDidNotWait(start);
        }
    }

    @Test
    void removeOnAnEmptyQueueThrowsQueueEmptyExceptionWhichIsANoSuchElementException() {
        Queue<Integer> q = newQueue(0);
        NoSuchElementException e = assertThrows(NoSuchElementException.class, q::remove);
        assertInstanceOf(QueueEmptyException.class, e);
        assertThrows(NoSuchElementException.class, q::element);
    }

    @Test
    void removeElementAndPeekTakeTheHeadInTheTypesOrder() {
        List<Integer> in = List.of(5, 1, 3);
        Queue<Integer> q = queueOf(0, in.toArray(Integer[]::new));
        List<Integer> order = expectedOrder(in);
        assertEquals(order.get(0), q.peek());
        assertEquals(order.get(0), q.element());
        assertEquals(3, q.size(), "peek and element do not remove");
        assertEquals(order.get(0), q.remove());
        assertEquals(order.get(1), q.poll());
        assertEquals(order.get(2), q.element());
        assertEquals(order.get(2), q.remove());
        assertNull(q.peek());
    }

    @Test
    void takeWaitsForAPutAndThrowsShutDownOnAShutDownEmptyQueue() throws InterruptedException {
        Queue<Integer> q = newQueue(0);
        try (var threads = new TestThreads()) {
            Forked<Integer> taker = threads.fork("taker", q::take);
            taker.awaitBlocked();
            q.put(9);
            assertEquals(9, taker.join());
        }
        q.shutdown();
        assertThrows(QueueShutDownException.class, q::take);
    }

    @Test
    void everyBlockedGetterIsServedWhenAsManyItemsArrive() throws InterruptedException {
        Queue<Integer> q = newQueue(0);
        try (var threads = new TestThreads()) {
            List<Forked<Integer>> getters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                getters.add(threads.fork("getter-" + i, i % 2 == 0 ? q::take : () -> q.get(Duration.ofSeconds(30))));
            }
            awaitAllBlocked(getters);
            for (int i = 0; i < 4; i++) {
                q.put(i);
            }
            Set<Integer> got = new HashSet<>();
            for (Forked<Integer> g : getters) {
                got.add(g.join());
            }
            assertEquals(Set.of(0, 1, 2, 3), got);
        }
    }

    @Test
    void everyBlockedPutterIsServedWhenAsManyItemsLeave() throws InterruptedException {
        Queue<Integer> q = queueOf(1, 100);
        try (var threads = new TestThreads()) {
            List<Forked<Void>> putters = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int x = i;
                putters.add(threads.run("putter-" + i, i % 2 == 0 ? () -> q.put(x) : () -> q.put(x, Duration.ofSeconds(30))));
            }
            awaitAllBlocked(putters);
            Set<Integer> got = new HashSet<>();
            for (int i = 0; i < 5; i++) {
                got.add(q.take());
            }
            for (Forked<Void> p : putters) {
                p.join();
            }
            assertEquals(Set.of(100, 0, 1, 2, 3), got);
        }
    }

    // ------------------------------------------------------------------ bulk and views

    @Test
    void drainToMovesItemsInTheTypesOrderAndKeepsTheirTasksUnfinished() {
        List<Integer> in = List.of(4, 2, 9, 7);
        Queue<Integer> q = queueOf(0, in.toArray(Integer[]::new));
        List<Integer> out = new ArrayList<>();
        assertEquals(2, q.drainTo(out, 2));
        assertEquals(2, q.size());
        assertEquals(0, q.drainTo(out, 0));
        assertEquals(2, q.drainTo(out));
        assertEquals(expectedOrder(in), out);
        assertTrue(q.isEmpty());
        assertEquals(4, q.unfinishedTasks(), "taking items by drainTo does not mark them done");
        assertEquals(0, q.drainTo(out));
    }

    @Test
    void drainToRefusesNullAndItself() {
        Queue<Integer> q = queueOf(0, 1);
        assertThrows(NullPointerException.class, () -> q.drainTo(null));
        assertThrows(NullPointerException.class, () -> q.drainTo(null, 1));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q));
        assertThrows(IllegalArgumentException.class, () -> q.drainTo(q, 1));
        assertEquals(1, q.size());
    }

    @Test
    void drainToWakesABlockedPutter() throws InterruptedException {
        Queue<Integer> q = queueOf(2, 1, 2);
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> q.put(3));
            putter.awaitBlocked();
            assertEquals(2, q.drainTo(new ArrayList<>()));
            putter.join();
        }
        assertEquals(List.of(3), List.copyOf(q));
    }

    @Test
    void remainingCapacityIsMaxsizeMinusSizeOrMaxValueWhenUnbounded() throws InterruptedException {
        Queue<Integer> q = queueOf(3, 1);
        assertEquals(2, q.remainingCapacity());
        q.put(2);
        q.put(3);
        assertEquals(0, q.remainingCapacity());
        q.setMaxsize(2);
        assertEquals(0, q.remainingCapacity(), "never negative when over a lowered maxsize");
        assertEquals(Integer.MAX_VALUE, newQueue(0).remainingCapacity());
        assertEquals(Integer.MAX_VALUE, newQueue(-1).remainingCapacity());
    }

    @Test
    void containsAndRemoveObjectFindEqualItems() {
        Queue<Integer> q = queueOf(0, 1, 2, 3, 2);
        assertTrue(q.contains(2));
        assertFalse(q.contains(4));
        assertFalse(q.contains(null));
        assertTrue(q.remove((Object) 2));
        assertTrue(q.contains(2), "only one occurrence is removed");
        assertTrue(q.remove((Object) 2));
        assertFalse(q.contains(2));
        assertFalse(q.remove((Object) 2));
        assertFalse(q.remove(null));
        assertEquals(2, q.size());
        assertEquals(4, q.unfinishedTasks(), "removed items keep their tasks unfinished");
    }

    @Test
    void removeObjectWakesABlockedPutter() throws InterruptedException {
        Queue<Integer> q = queueOf(2, 1, 2);
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> q.put(3));
            putter.awaitBlocked();
            assertTrue(q.remove((Object) 1));
            putter.join();
        }
        assertEquals(Set.of(2, 3), new HashSet<>(q));
    }

    @Test
    void clearEmptiesTheQueueAndWakesBlockedPutters() throws InterruptedException {
        Queue<Integer> q = queueOf(2, 1, 2);
        try (var threads = new TestThreads()) {
            List<Forked<Void>> putters = List.of(threads.run("putter-0", () -> q.put(3)),
                    threads.run("putter-1", () -> q.put(4)));
            awaitAllBlocked(putters);
            q.clear();
            for (Forked<Void> p : putters) {
                p.join();
            }
        }
        assertEquals(Set.of(3, 4), new HashSet<>(q));
    }

    @Test
    void iteratorIsASnapshotUnaffectedByLaterChanges() {
        List<Integer> in = List.of(3, 1, 2);
        Queue<Integer> q = queueOf(0, in.toArray(Integer[]::new));
        Iterator<Integer> it = q.iterator();
        q.clear();
        q.add(42);
        List<Integer> seen = new ArrayList<>();
        it.forEachRemaining(seen::add);
        assertEquals(Set.copyOf(in), Set.copyOf(seen), "the snapshot holds the items at the time of the call");
        assertEquals(3, seen.size());
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
        assertEquals(List.of(42), List.copyOf(q));
    }

    @Test
    void iteratorRemoveRemovesTheLastItemReturnedFromTheQueue() {
        Queue<Integer> q = queueOf(0, 10, 20, 30);
        Iterator<Integer> it = q.iterator();
        assertThrows(IllegalStateException.class, it::remove, "remove before next");
        Integer first = it.next();
        it.remove();
        assertThrows(IllegalStateException.class, it::remove, "remove twice");
        assertFalse(q.contains(first));
        assertEquals(2, q.size());
        while (it.hasNext()) {
            it.next();
            it.remove();
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void iteratorOfAnEmptyQueueHasNothing() {
        Queue<Integer> q = newQueue(0);
        Iterator<Integer> it = q.iterator();
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void toArrayCopiesTheItems() {
        Queue<Integer> q = queueOf(0, 2, 1);
        Object[] plain = q.toArray();
        assertEquals(Set.of(1, 2), Set.of(plain));
        Integer[] big = new Integer[] {7, 7, 7, 7};
        Integer[] same = q.toArray(big);
        assertSame(big, same, "an array large enough is reused");
        assertNull(same[2], "the element after the last is set to null");
        assertEquals(Set.of(1, 2), Set.of(same[0], same[1]));
        Integer[] grown = q.toArray(new Integer[0]);
        assertEquals(2, grown.length);
        plain[0] = 99;
        assertFalse(q.contains(99), "the array is a copy");
        assertThrows(NullPointerException.class, () -> q.toArray((Integer[]) null));
        assertArrayEquals(new Object[0], newQueue(0).toArray());
    }

    @Test
    void sizeIsEmptyAndIsFullAgreeWithQsize() throws InterruptedException {
        Queue<Integer> q = newQueue(2);
        assertEquals(0, q.size());
        q.put(1);
        assertEquals(q.qsize(), q.size());
        assertFalse(q.isEmpty());
        assertFalse(q.isFull());
        q.put(2);
        assertTrue(q.isFull());
        Queue<Integer> unbounded = newQueue(0);
        for (int i = 0; i < 1000; i++) {
            unbounded.put(i);
        }
        assertFalse(unbounded.isFull(), "an unbounded queue is never full");
        assertEquals(1000, unbounded.size());
    }

    // ------------------------------------------------------------------ maxsize

    @Test
    void setMaxsizeLowerKeepsItemsAndRefusesPutsUntilBelowIt() throws InterruptedException {
        // the test_shrinking_queue values: Queue(3) holding 3 items, maxsize lowered to 2
        Queue<Integer> q = queueOf(3, 1, 2, 3);
        q.setMaxsize(2);
        assertThrows(QueueFullException.class, () -> q.putNowait(4));
        assertFalse(q.offer(4));
        assertEquals(3, q.qsize());
        assertEquals(2, q.maxsize());
        assertTrue(q.toString().contains("maxsize=2"), q.toString());
    }

    @Test
    void setMaxsizeHigherWakesABlockedPutter() throws InterruptedException {
        Queue<Integer> q = queueOf(1, 1);
        try (var threads = new TestThreads()) {
            Forked<Void> putter = threads.run("putter", () -> q.put(2));
            putter.awaitBlocked();
            q.setMaxsize(2);
            putter.join();
        }
        assertEquals(2, q.qsize());
        assertTrue(q.isFull());
    }

    @Test
    void setMaxsizeToUnboundedWakesEveryBlockedPutter() throws InterruptedException {
        Queue<Integer> q = queueOf(1, 1);
        try (var threads = new TestThreads()) {
            List<Forked<Void>> putters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int x = 10 + i;
                putters.add(threads.run("putter-" + i, () -> q.put(x)));
            }
            awaitAllBlocked(putters);
            q.setMaxsize(0);
            for (Forked<Void> p : putters) {
                p.join();
            }
        }
        assertEquals(4, q.qsize());
        assertFalse(q.isFull());
    }

    // ------------------------------------------------------------------ tasks

    @Test
    void taskDoneTooManyTimesThrowsWithCpythonsMessage() throws InterruptedException {
        Queue<Integer> q = queueOf(0, 1);
        q.get();
        q.taskDone();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
        assertEquals(0, q.unfinishedTasks(), "a refused taskDone changes nothing");
    }

    @Test
    void everyInsertFormAddsAnUnfinishedTask() throws InterruptedException {
        Queue<Integer> q = newQueue(0);
        q.put(1);
        q.put(2, Duration.ZERO);
        q.putNowait(3);
        q.offer(4);
        q.offer(5, 0, TimeUnit.SECONDS);
        q.add(6);
        q.addAll(List.of(7, 8));
        assertEquals(8, q.unfinishedTasks());
        assertEquals(8, q.qsize());
    }

    @Test
    void timedJoinReturnsFalseAfterTheTimeoutAndTrueOnceTasksAreDone() throws InterruptedException {
        Queue<Integer> q = queueOf(0, 1);
        long start = System.nanoTime();
        assertFalse(q.join(SHORT));
        Waits.assertTookAbout(SHORT, start);
        assertFalse(q.join(Duration.ZERO));
        q.get();
        try (var threads = new TestThreads()) {
            Forked<Boolean> joiner = threads.fork("joiner", () -> q.join(Duration.ofSeconds(30)));
            joiner.awaitBlocked();
            q.taskDone();
            assertTrue(joiner.join());
        }
        assertTrue(q.join(Duration.ZERO));
        assertTrue(newQueue(0).join(Duration.ZERO), "a fresh queue has no unfinished task");
    }

    @Test
    void negativeDurationsAreIllegalArgumentsEvenWhenTheCallWouldNotWait() {
        Queue<Integer> q = queueOf(0, 1);
        Duration negative = Duration.ofNanos(-1);
        assertThrows(IllegalArgumentException.class, () -> q.put(2, negative));
        assertThrows(IllegalArgumentException.class, () -> q.get(negative));
        assertThrows(IllegalArgumentException.class, () -> q.join(negative));
        assertThrows(NullPointerException.class, () -> q.get(null));
        assertEquals(1, q.qsize());
        assertEquals(1, q.unfinishedTasks());
    }

    // ------------------------------------------------------------------ interrupts

    @Test
    void blockedCallsThrowInterruptedExceptionAndClearTheInterruptStatus() throws InterruptedException {
        Queue<Integer> full = queueOf(1, 1);
        Queue<Integer> empty = newQueue(1);
        Queue<Integer> unfinished = queueOf(0, 1);
        List<BlockingCall> blocking = List.of(
                () -> full.put(2),
                () -> full.put(2, Duration.ofSeconds(30)),
                () -> full.offer(2, 30, TimeUnit.SECONDS),
                empty::get,
                () -> empty.get(Duration.ofSeconds(30)),
                empty::take,
                () -> empty.poll(30, TimeUnit.SECONDS),
                unfinished::join,
                () -> unfinished.join(Duration.ofSeconds(30)));
        try (var threads = new TestThreads()) {
            for (int i = 0; i < blocking.size(); i++) {
                BlockingCall call = blocking.get(i);
                Forked<Boolean> f = threads.fork("blocked-" + i, () -> {
                    try {
                        call.run();
                        return null;
                    } catch (InterruptedException e) {
                        return Thread.currentThread().isInterrupted();
                    }
                });
                f.awaitBlocked();
                f.thread().interrupt();
                assertEquals(Boolean.FALSE, f.join(), "call " + i + " should throw InterruptedException with the status cleared");
            }
        }
        assertEquals(List.of(1), List.copyOf(full));
        assertTrue(empty.isEmpty());
        // the queues still work after the interrupted waits
        assertEquals(1, full.poll());
        full.put(3);
        empty.put(4);
        assertEquals(4, empty.take());
    }

    @Test
    void blockingCallsOfAnAlreadyInterruptedThreadThrowInterruptedException() throws InterruptedException {
        Queue<Integer> q = newQueue(1);
        try (var threads = new TestThreads()) {
            Forked<List<String>> f = threads.fork("interrupted", () -> {
                List<String> interruptedCalls = new ArrayList<>();
                List<BlockingCall> calls = List.of(() -> q.put(1), q::get, q::take,
                        () -> q.get(Duration.ofSeconds(30)), () -> q.poll(30, TimeUnit.SECONDS));
                for (int i = 0; i < calls.size(); i++) {
                    Thread.currentThread().interrupt();
                    try {
                        calls.get(i).run();
                    } catch (InterruptedException e) {
                        interruptedCalls.add("call-" + i);
                    }
                }
                return interruptedCalls;
            });
            assertEquals(List.of("call-0", "call-1", "call-2", "call-3", "call-4"), f.join());
        }
        assertTrue(q.isEmpty());
        assertEquals(0, q.unfinishedTasks());
    }

    /** A blocking call under test. */
    @FunctionalInterface
    interface BlockingCall {
        void run() throws Exception;
    }

    // ------------------------------------------------------------------ toString

    @Test
    void toStringShowsSizeMaxsizeUnfinishedTasksAndShutdown() throws InterruptedException {
        Queue<Integer> q = queueOf(5, 1, 2, 3);
        q.get();
        String s = q.toString();
        assertTrue(s.startsWith(q.getClass().getSimpleName() + "["), s);
        assertTrue(s.contains("size=2"), s);
        assertTrue(s.contains("maxsize=5"), s);
        assertTrue(s.contains("unfinished=3"), s);
        assertFalse(s.contains("shut down"), s);
        q.shutdown();
        assertTrue(q.toString().contains("shut down"), q.toString());
    }
}
