package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.TestThreads.IndexedAction;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Deadlocks}: cycles among threads blocked on bingfa locks are found by {@code find()} and,
 * with {@code detect(true)}, refused by the acquire that would close them.
 */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
@Timeout(60)
class DeadlocksTest {
    @BeforeEach
    @AfterEach
    void detectionOff() {
        Deadlocks.trackSites(false);
    }

    /** A named lock of the kind given by the parameterized tests. */
    private static Acquirable newLock(String kind, String name) {
        return switch (kind) {
            case "Lock" -> new Lock(name);
            case "RLock" -> new RLock(name);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** Polls {@link Deadlocks#find()} until it reports something; returns what it reported. */
    private static List<DeadlockCycle> awaitCycles() {
        AtomicReference<List<DeadlockCycle>> found = new AtomicReference<>(List.of());
        Waits.awaitTrue("Deadlocks.find() to report a cycle", () -> {
            found.set(Deadlocks.find());
            return !found.get().isEmpty();
        });
        return found.get();
    }

    /**
     * Two threads, two locks, acquired in opposite order: thread 0 holds {@code a} and wants
     * {@code b}, thread 1 holds {@code b} and wants {@code a}. Both hold their first lock before
     * either asks for its second.
     */
    private static TestThreads crossAcquire(String name, Acquirable a, Acquirable b,
            IndexedAction onClosing, ConcurrentLinkedQueue<Throwable> outcomes) {
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        return TestThreads.start(name, 2, i -> {
            Acquirable first = i == 0 ? a : b;
            Acquirable second = i == 0 ? b : a;
            try (Held one = first.hold()) {
                bothHoldOne.countDown();
                bothHoldOne.await();
                try (Held two = second.hold()) {
                    onClosing.run(i);
                }
            } catch (InterruptedException | DeadlockException outcome) {
                outcomes.add(outcome);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lock", "RLock"})
    void findReportsOneCycleNamingBothThreadsAndBothLocks(String kind) throws InterruptedException {
        Acquirable a = newLock(kind, "a");
        Acquirable b = newLock(kind, "b");
        ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        try (TestThreads bunch = crossAcquire("crossed-" + kind, a, b, i -> completed.incrementAndGet(), outcomes)) {
            List<DeadlockCycle> cycles = awaitCycles();
            bunch.awaitParked();
            assertEquals(1, cycles.size(), cycles.toString());
            DeadlockCycle cycle = cycles.get(0);
            assertEquals(2, cycle.links().size());
            Thread t0 = bunch.thread(0);
            Thread t1 = bunch.thread(1);
            assertEquals(Set.of(t0.getName(), t1.getName()), Set.copyOf(cycle.threadNames()));
            Map<Thread, DeadlockCycle.Link> byThread = cycle.links().stream()
                    .collect(Collectors.toMap(DeadlockCycle.Link::thread, Function.identity()));
            assertEquals(kind + "(\"b\")", byThread.get(t0).waitsFor());
            assertSame(t1, byThread.get(t0).heldBy());
            assertEquals(kind + "(\"a\")", byThread.get(t1).waitsFor());
            assertSame(t0, byThread.get(t1).heldBy());
            assertFalse(byThread.get(t0).timed());
            String report = cycle.report();
            assertTrue(report.startsWith("deadlock: 2 threads wait for each other"), report);
            for (String expected : List.of(t0.getName(), t1.getName(), kind + "(\"a\")", kind + "(\"b\")")) {
                assertTrue(report.contains(expected), expected + " missing from\n" + report);
            }
            assertTrue(report.contains("acquired at: not recorded"), "sites are off by default:\n" + report);

            // The way out of a real deadlock: interrupt one thread; it releases a, the other goes on.
            bunch.thread(0).interrupt();
            bunch.join();
        }
        assertEquals(1, outcomes.size());
        assertTrue(outcomes.peek() instanceof InterruptedException, outcomes.toString());
        assertEquals(1, completed.get());
        assertEquals(List.of(), Deadlocks.find());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Lock", "RLock"})
    void detectThrowsInExactlyOneThreadAndTheOtherCompletes(String kind) throws InterruptedException {
        Deadlocks.detect(true);
        assertTrue(Deadlocks.isDetecting());
        Acquirable a = newLock(kind, "a");
        Acquirable b = newLock(kind, "b");
        ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        try (TestThreads bunch = crossAcquire("detected-" + kind, a, b, i -> completed.incrementAndGet(), outcomes)) {
            bunch.join();
        }
        assertEquals(1, outcomes.size(), outcomes.toString());
        assertEquals(1, completed.get(), "the other thread goes on once the thrower releases");
        DeadlockException e = (DeadlockException) outcomes.peek();
        assertEquals(2, e.cycle().links().size());
        String report = e.getMessage();
        assertTrue(report.startsWith("deadlock: 2 threads wait for each other"), report);
        assertTrue(report.contains("acquired at "), report);
        assertFalse(report.contains("not recorded"), report);
        for (DeadlockCycle.Link link : e.cycle().links()) {
            assertFalse(link.acquiredAt().isEmpty(), "acquisition sites are recorded in detect mode");
        }
        assertFalse(a.toString().contains("[locked"), a.toString());
        assertFalse(b.toString().contains("[locked"), b.toString());
    }

    @Test
    void detectRefusesAThreadReacquiringAPlainLockItHolds() throws InterruptedException {
        Deadlocks.detect(true);
        Lock lock = new Lock("self");
        lock.acquire();
        try {
            DeadlockException e = assertThrows(DeadlockException.class, lock::acquire);
            assertEquals(1, e.cycle().links().size());
            assertSame(Thread.currentThread(), e.cycle().links().get(0).heldBy());
            assertTrue(e.getMessage().startsWith("deadlock: 1 thread waits for itself"), e.getMessage());
            assertTrue(e.getMessage().contains("Lock(\"self\")"), e.getMessage());
            assertTrue(lock.isLocked(), "the refused acquire leaves the lock as it was");
        } finally {
            lock.release();
        }
        assertFalse(lock.isLocked());
        assertEquals(List.of(), Deadlocks.find());
    }

    @Test
    void detectLetsAnRLockOwnerReenter() throws InterruptedException {
        Deadlocks.detect(true);
        RLock lock = new RLock("again");
        try (Held outer = lock.hold(); Held inner = lock.hold()) {
            assertEquals(2, lock.holdCount());
        }
    }

    @Test
    void timedAcquiresNeverThrowDeadlockException() throws InterruptedException {
        Deadlocks.detect(true);
        Lock self = new Lock("self-timed");
        self.acquire();
        try {
            assertFalse(self.tryAcquire(Duration.ofMillis(20)), "times out, does not throw");
            assertFalse(self.tryAcquire());
        } finally {
            self.release();
        }

        Lock a = new Lock("a");
        Lock b = new Lock("b");
        Event holdsB = new Event();
        Event go = new Event();
        AtomicReference<Boolean> timedResult = new AtomicReference<>();
        AtomicInteger completed = new AtomicInteger();
        try (TestThreads untimed = TestThreads.start("untimed", 1, i -> {
                    holdsB.await();
                    try (Held one = a.hold(); Held two = b.hold()) {
                        completed.incrementAndGet();
                    }
                });
                TestThreads timed = TestThreads.start("timed", 1, i -> {
                    try (Held one = b.hold()) {
                        holdsB.set();
                        go.await();
                        boolean got = a.tryAcquire(Duration.ofMillis(100)); // closes the cycle, timed
                        timedResult.set(got);
                        if (got) {
                            a.release();
                        }
                    }
                })) {
            // Once it holds a, the only place it can park is b's acquire.
            Waits.awaitTrue("untimed holds a", a::isLocked);
            Waits.awaitParked(untimed.thread(0));
            go.set();
            timed.join();
            untimed.join();
        }
        assertEquals(Boolean.FALSE, timedResult.get());
        assertEquals(1, completed.get());
    }

    @Test
    void findMarksATimedWaitInACycle() throws InterruptedException {
        Lock a = new Lock("a");
        Lock b = new Lock("b");
        ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        AtomicInteger completed = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start("timed-cycle", 2, i -> {
            Lock first = i == 0 ? a : b;
            Lock second = i == 0 ? b : a;
            try (Held one = first.hold()) {
                bothHoldOne.countDown();
                bothHoldOne.await();
                if (i == 0) {
                    second.acquire();
                    second.release();
                } else if (second.tryAcquire(Duration.ofMinutes(5))) {
                    second.release();
                }
                completed.incrementAndGet();
            } catch (InterruptedException outcome) {
                outcomes.add(outcome);
            }
        })) {
            List<DeadlockCycle> cycles = awaitCycles();
            assertEquals(1, cycles.size());
            DeadlockCycle.Link timedLink = cycles.get(0).links().stream()
                    .filter(link -> link.thread() == bunch.thread(1)).findFirst().orElseThrow();
            assertTrue(timedLink.timed());
            assertTrue(cycles.get(0).report().contains("(with a timeout)"), cycles.get(0).report());
            bunch.thread(1).interrupt(); // ends the timed wait; its lock is released, the other goes on
            bunch.join();
        }
        assertEquals(1, outcomes.size());
        assertEquals(1, completed.get());
    }

    @Test
    void findIsEmptyWhenThreadsWaitWithoutACycle() throws InterruptedException {
        Lock lock = new Lock("plain");
        lock.acquire();
        try (TestThreads bunch = TestThreads.start(2, i -> {
            lock.acquire();
            lock.release();
        })) {
            bunch.awaitParked();
            assertEquals(List.of(), Deadlocks.find());
            lock.release();
            bunch.join();
        }
    }

    @Test
    void trackSitesRecordsWhereTheLocksWereAcquired() throws InterruptedException {
        Deadlocks.trackSites(true);
        assertFalse(Deadlocks.isDetecting(), "tracking alone does not raise");
        Lock a = new Lock("a");
        Lock b = new Lock("b");
        ConcurrentLinkedQueue<Throwable> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger completed = new AtomicInteger();
        try (TestThreads bunch = crossAcquire("tracked", a, b, i -> completed.incrementAndGet(), outcomes)) {
            DeadlockCycle cycle = awaitCycles().get(0);
            for (DeadlockCycle.Link link : cycle.links()) {
                assertFalse(link.acquiredAt().isEmpty(), "site recorded for " + link.waitsFor());
            }
            assertTrue(cycle.report().contains(", acquired at "), cycle.report());
            bunch.thread(1).interrupt();
            bunch.join();
        }
        assertEquals(1, outcomes.size());
        assertEquals(1, completed.get());
    }
}
