package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.SerializableAction;
import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BrokenBarrierException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A manager's Condition and Barrier shared by child JVMs and threads, the manager itself in a
 * child JVM of its own ({@link Manager#startProcess()}) (CONFORMANCE 5c 27, 28, 30; 5e 37).
 */
@Timeout(120)
class ManagerSyncTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    private Manager manager;
    /** What the waiters report, in the order they report it. */
    private ProcessQueue<String> reports;

    @BeforeEach
    void startManager() throws Exception {
        manager = Manager.startProcess();
        children.track(manager.process());
        reports = manager.queue();
    }

    @AfterEach
    void stopManager() {
        manager.close();
    }

    /** Runs {@code body} in {@code n} threads and joins them; fails if one failed (in a child JVM). */
    static void inThreads(int n, SerializableAction body) throws Exception {
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a waiter failed: " + failures.get(0), failures.get(0));
        }
    }

    private JvmProcess child(SerializableAction target) {
        return children.start(new JvmProcess(target));
    }

    private static void awaitWaiting(ProxyCondition cond, int n) {
        Waits.awaitTrue(n + " waiting on " + cond, () -> cond.waiting() == n);
    }

    private static void awaitWaiting(ProxyBarrier barrier, int n) {
        Waits.awaitTrue(n + " waiting on " + barrier, () -> barrier.waiting() == n);
    }

    /** Takes exactly {@code n} reports, then checks that no other is there. */
    private List<String> take(int n) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String r = reports.get(LONG);
            assertTrue(r != null, "report " + i);
            got.add(r);
        }
        assertTrue(reports.isEmpty(), () -> "more than " + n + " reports: " + got);
        return got;
    }

    // ------------------------------------------------------------------ Condition

    // CPython: _TestCondition.test_notify
    @Test
    @Tag("cpython")
    void test_notify_eachSignalWakesExactlyOneWaiterOfAProcessAndAThread() throws Exception {
        ProxyCondition cond = manager.condition();
        ProcessQueue<String> reports = this.reports;
        var p = child(() -> {
            try (var held = cond.hold()) {
                cond.await();
            }
            reports.put("woken");
        });
        try (var threads = new TestThreads()) {
            threads.run("waiter", () -> {
                try (var held = cond.hold()) {
                    cond.await();
                }
                reports.put("woken");
            });
            awaitWaiting(cond, 2);
            assertTrue(reports.isEmpty());
            try (var held = cond.hold()) {
                cond.signal();
            }
            assertEquals(List.of("woken"), List.of(reports.get(LONG)));
            awaitWaiting(cond, 1); // the other one still waits
            assertTrue(reports.isEmpty());
            try (var held = cond.hold()) {
                cond.signal();
            }
            assertEquals(List.of("woken"), take(1));
            threads.join();
        }
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        assertEquals(0, cond.waiting());
    }

    // CPython: _TestCondition.test_notify_all
    @Test
    @Tag("cpython")
    void test_notify_all_timedWaitersAllTimeOutThenSignalAllWakesSix() throws Exception {
        ProxyCondition cond = manager.condition();
        ProcessQueue<String> reports = this.reports;
        // six timed waiters, three in a child JVM and three threads here: all time out
        SerializableAction timed = () -> {
            try (var held = cond.hold()) {
                reports.put(cond.await(SHORT) ? "signalled" : "timed out");
            }
        };
        var p = child(() -> inThreads(3, timed));
        try (var threads = TestThreads.start(3, i -> timed.run())) {
            threads.join();
        }
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        assertEquals(List.of("timed out", "timed out", "timed out", "timed out", "timed out",
                "timed out"), take(6));
        // six waiters without a timeout: one signalAll wakes them all
        SerializableAction untimed = () -> {
            try (var held = cond.hold()) {
                cond.await();
            }
            reports.put("woken");
        };
        var q = child(() -> inThreads(3, untimed));
        try (var threads = TestThreads.start(3, i -> untimed.run())) {
            awaitWaiting(cond, 6);
            assertTrue(reports.isEmpty());
            try (var held = cond.hold()) {
                cond.signalAll();
            }
            assertEquals(6, take(6).size());
            threads.join();
        }
        joinOrFail(q);
        assertEquals(0, q.exitCode());
    }

    // CPython: _TestCondition.test_notify_n
    @Test
    @Tag("cpython")
    void test_notify_n_signalOfTwoThenFourWakesExactlyThatManyAndThreeWithNobodyDoesNothing() throws Exception {
        ProxyCondition cond = manager.condition();
        ProcessQueue<String> reports = this.reports;
        SerializableAction waiter = () -> {
            try (var held = cond.hold()) {
                cond.await();
            }
            reports.put("woken");
        };
        var p = child(() -> inThreads(3, waiter));
        try (var threads = TestThreads.start(3, i -> waiter.run())) {
            awaitWaiting(cond, 6);
            try (var held = cond.hold()) {
                cond.signal(2);
            }
            assertEquals(2, take(2).size());
            awaitWaiting(cond, 4);
            assertTrue(reports.isEmpty());
            try (var held = cond.hold()) {
                cond.signal(4);
            }
            assertEquals(4, take(4).size());
            threads.join();
        }
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        try (var held = cond.hold()) {
            cond.signal(3); // nobody waits: nothing happens
        }
        assertEquals(0, cond.waiting());
        assertThrows(IllegalArgumentException.class, () -> cond.signal(-1));
    }

    // CPython: _TestCondition.test_timeout and test_wait_result (wait(0) False, wait(60) True)
    @Test
    @Tag("cpython")
    void test_timeout_timedWaitReturnsFalseAndAChildsSignalEndsALongWaitWithTrue() throws Exception {
        ProxyCondition cond = manager.condition();
        try (var held = cond.hold()) {
            assertFalse(cond.await(Duration.ZERO));
            long start = System.nanoTime();
            assertFalse(cond.await(SHORT));
            Waits.assertTookAbout(SHORT, start);
            // the child gets the lock only once this thread waits, and signals it
            var p = child(() -> {
                try (var childHeld = cond.hold()) {
                    cond.signal();
                }
            });
            assertTrue(cond.await(LONG));
            assertTrue(cond.isLocked());
            joinOrFail(p);
            assertEquals(0, p.exitCode());
        }
        assertFalse(cond.isLocked());
    }

    // CPython: _TestCondition.test_waitfor
    @Test
    @Tag("cpython")
    void test_waitfor_aChildsAwaitUntilReturnsTrueOnceTheSharedValueReachesFour() throws Exception {
        ProxyCondition cond = manager.condition();
        Namespace state = manager.namespace();
        ProcessQueue<String> reports = this.reports;
        state.set("value", 0);
        var p = child(() -> {
            try (var held = cond.hold()) {
                boolean result = cond.awaitUntil(() -> (Integer) state.get("value") == 4);
                reports.put(result + " at " + state.get("value"));
                // CPython: test_waitfor_timeout (a predicate that stays false: False after the timeout)
                long start = System.nanoTime();
                boolean timedOut = !cond.awaitUntil(() -> (Integer) state.get("value") == 5, SHORT);
                reports.put(timedOut + " after " + (System.nanoTime() - start >= SHORT.toNanos() * 6 / 10));
            }
        });
        for (int i = 1; i <= 4; i++) {
            awaitWaiting(cond, 1);
            try (var held = cond.hold()) {
                state.set("value", i);
                cond.signal();
            }
        }
        assertEquals(List.of("true at 4", "true after true"), take(2));
        joinOrFail(p);
        assertEquals(0, p.exitCode());
    }

    // CPython: _TestCondition.test_wait_result (a SIGINT interrupts wait())
    @Test
    @Tag("cpython")
    void interruptedWaitThrowsWithTheLockHeldAgainAndTheConditionGoesOn() throws Exception {
        ProxyCondition cond = manager.condition();
        try (var threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> {
                cond.acquire();
                cond.acquire(); // held twice: both holds come back after the interrupt
                try {
                    cond.await();
                    return "signalled";
                } catch (InterruptedException expected) {
                    cond.signal(); // the owner again: no IllegalMonitorStateException
                    cond.release();
                    cond.release();
                    try {
                        cond.release();
                        return "interrupted, held more than twice";
                    } catch (IllegalMonitorStateException notHeldAnyMore) {
                        return "interrupted, held twice";
                    }
                }
            });
            awaitWaiting(cond, 1);
            waiter.thread().interrupt();
            assertEquals("interrupted, held twice", waiter.join());
        }
        assertFalse(cond.isLocked());
        try (var held = cond.hold()) {
            assertFalse(cond.await(Duration.ofMillis(1)));
        }
    }

    @Test
    void waitingOrSignallingWithoutTheLockIsRefusedByTheManager() {
        ProxyCondition cond = manager.condition();
        var e = assertThrows(IllegalMonitorStateException.class, cond::signal);
        assertEquals("cannot notify on un-acquired lock", e.getMessage());
        assertThrows(IllegalMonitorStateException.class, cond::signalAll);
        assertThrows(IllegalMonitorStateException.class, cond::await);
        assertThrows(IllegalMonitorStateException.class, cond::release);
    }

    // ------------------------------------------------------------------ Barrier

    // CPython: _TestBarrier.test_barrier / test_barrier_10 (multipass lockstep) and test_wait_return
    @Test
    @Tag("cpython")
    void test_barrier_partiesInAChildAndThreadsPassInLockstepWithOneIndexZeroPerRound() throws Exception {
        int parties = 3;
        int passes = 3;
        ProxyBarrier barrier = manager.barrier(parties);
        List<Integer> phase1 = manager.list();
        ProcessQueue<String> reports = this.reports;
        SerializableAction party = () -> {
            for (int round = 0; round < passes; round++) {
                phase1.add(round);
                int index = barrier.await();
                int arrived = phase1.size();
                reports.put(round + ":" + index + ":" + (arrived == parties * (round + 1)));
                barrier.await(); // nobody starts the next round before all have looked
            }
        };
        var p = child(party);
        try (var threads = TestThreads.start(parties - 1, i -> party.run())) {
            threads.join();
        }
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        Map<Integer, TreeSet<Integer>> indexes = new HashMap<>();
        for (String r : take(parties * passes)) {
            String[] f = r.split(":");
            assertEquals("true", f[2], "lockstep broken: " + r);
            indexes.computeIfAbsent(Integer.parseInt(f[0]), k -> new TreeSet<>()).add(Integer.parseInt(f[1]));
        }
        for (int round = 0; round < passes; round++) {
            assertEquals(new TreeSet<>(List.of(0, 1, 2)), indexes.get(round), "round " + round);
        }
        assertEquals(parties, barrier.parties());
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    // CPython: _TestBarrier.test_action
    @Test
    @Tag("cpython")
    void test_action_runsOnceARoundInTheManagersProcess() throws Exception {
        Namespace counter = manager.namespace();
        counter.set("n", 0);
        ProxyBarrier barrier = manager.barrier(3, () -> counter.set("n", (Integer) counter.get("n") + 1), null);
        var p = child(() -> {
            barrier.await();
            barrier.await();
        });
        try (var threads = TestThreads.start(2, i -> {
            barrier.await();
            barrier.await();
        })) {
            threads.join();
        }
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        int n = counter.get("n");
        assertEquals(2, n);
    }

    // CPython: _TestBarrier.test_abort
    @Test
    @Tag("cpython")
    void test_abort_breaksTheBarrierForEveryWaiterOfEveryProcess() throws Exception {
        ProxyBarrier barrier = manager.barrier(3);
        ProcessQueue<String> reports = this.reports;
        SerializableAction party = () -> {
            try {
                barrier.await();
                reports.put("passed");
            } catch (BrokenBarrierException e) {
                reports.put("broken");
            }
        };
        var p = child(party);
        try (var threads = new TestThreads()) {
            threads.run("party", party);
            awaitWaiting(barrier, 2);
            barrier.abort();
            assertEquals(List.of("broken", "broken"), take(2));
            threads.join();
        }
        joinOrFail(p);
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.waiting());
        assertThrows(BrokenBarrierException.class, barrier::await); // stays broken
        // CPython: _TestBarrier.test_abort_and_reset (usable again after reset)
        barrier.reset();
        assertFalse(barrier.isBroken());
        try (var threads = TestThreads.start(3, i -> barrier.await(LONG))) {
            threads.join();
        }
    }

    // CPython: _TestBarrier.test_reset
    @Test
    @Tag("cpython")
    void test_reset_releasesWaitersWithBrokenBarrierAndLeavesTheBarrierUsable() throws Exception {
        ProxyBarrier barrier = manager.barrier(3);
        ProcessQueue<String> reports = this.reports;
        var p = child(() -> {
            try {
                barrier.await();
                reports.put("passed");
            } catch (BrokenBarrierException e) {
                reports.put("broken");
            }
        });
        awaitWaiting(barrier, 1);
        barrier.reset();
        assertEquals(List.of("broken"), take(1));
        assertFalse(barrier.isBroken());
        joinOrFail(p);
        try (var threads = TestThreads.start(3, i -> barrier.await(LONG))) {
            threads.join();
        }
    }

    // CPython: _TestBarrier.test_timeout and test_default_timeout
    @Test
    @Tag("cpython")
    void test_timeout_aTimedOutWaitBreaksTheBarrierForTheOtherProcessToo() throws Exception {
        ProxyBarrier barrier = manager.barrier(3);
        ProcessQueue<String> reports = this.reports;
        var p = child(() -> {
            try {
                barrier.await(LONG);
                reports.put("passed");
            } catch (BrokenBarrierException e) {
                reports.put("broken");
            }
        });
        awaitWaiting(barrier, 1);
        long start = System.nanoTime();
        assertThrows(BrokenBarrierException.class, () -> barrier.await(SHORT));
        Waits.assertTookAbout(SHORT, start);
        assertEquals(List.of("broken"), take(1));
        assertTrue(barrier.isBroken());
        joinOrFail(p);
        ProxyBarrier defaulted = manager.barrier(2, null, SHORT);
        assertThrows(BrokenBarrierException.class, defaulted::await);
        assertTrue(defaulted.isBroken());
        // CPython: _TestBarrier.test_single_thread (Barrier(1) never blocks)
        ProxyBarrier one = manager.barrier(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, one.await());
        }
        assertThrows(IllegalArgumentException.class, () -> manager.barrier(0));
        assertNull(manager.server()); // served by the manager process, not here
    }
}
