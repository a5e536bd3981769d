package io.bingfa.threading;

import static io.bingfa.testing.Waits.assertTimeout;
import static io.bingfa.testing.Waits.since;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Barrier} against lock_tests.py's {@code BarrierTests} (N = 5 parties). */
@Timeout(60)
class BarrierTest {
    private static final int N = 5;

    // CPython: lock_tests.BarrierTests.test_constructor (3.13+)
    @Test
    @Tag("cpython")
    void test_constructor_partiesBelowOneIsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertThrows(IllegalArgumentException.class, () -> new Barrier(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new Barrier(2, null, Duration.ofMillis(-1)));
        assertEquals(1, new Barrier(1).parties());
    }

    // CPython: lock_tests.BarrierTests.test_barrier
    @Test
    @Tag("cpython")
    void test_barrier_partiesPassTogether() throws InterruptedException {
        checkPasses(1);
    }

    // CPython: lock_tests.BarrierTests.test_barrier_10
    @Test
    @Tag("cpython")
    void test_barrier_10_reusableForTenRounds() throws InterruptedException {
        checkPasses(10);
    }

    /** Each thread counts its arrival before waiting and, once through, sees all N arrivals. */
    private static void checkPasses(int rounds) throws InterruptedException {
        Barrier barrier = new Barrier(N);
        AtomicInteger[] arrived = IntStream.range(0, rounds)
                .mapToObj(r -> new AtomicInteger()).toArray(AtomicInteger[]::new);
        try (TestThreads bunch = TestThreads.start(N, i -> {
            for (int round = 0; round < rounds; round++) {
                arrived[round].incrementAndGet();
                barrier.await();
                assertEquals(N, arrived[round].get(), "left round " + round + " before all arrived");
            }
        })) {
            bunch.join();
        }
        assertEquals(N, barrier.parties());
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    // CPython: lock_tests.BarrierTests.test_single_thread
    @Test
    @Tag("cpython")
    void test_single_thread_oneParty() throws Exception {
        Barrier barrier = new Barrier(1);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, barrier.await());
        }
        assertFalse(barrier.isBroken());
    }

    // CPython: lock_tests.BarrierTests.test_wait_return
    @Test
    @Tag("cpython")
    void test_wait_return_indicesAreDistinctZeroToNMinusOne() throws InterruptedException {
        Barrier barrier = new Barrier(N);
        List<Integer> indices = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(N, i -> indices.add(barrier.await()))) {
            bunch.join();
        }
        assertEquals(10, indices.stream().mapToInt(Integer::intValue).sum());
        assertEquals(Set.of(0, 1, 2, 3, 4), Set.copyOf(indices));
    }

    @Test
    void indexIsTheArrivalOrder() throws InterruptedException {
        Barrier barrier = new Barrier(N);
        int[] index = new int[N];
        try (TestThreads parties = new TestThreads()) {
            for (int k = 0; k < N; k++) {
                int arrival = k;
                Waits.awaitTrue(k + " waiting", () -> barrier.waiting() == arrival);
                parties.run("arrival" + k, () -> index[arrival] = barrier.await());
            }
            parties.join();
        }
        assertEquals(List.of(0, 1, 2, 3, 4), IntStream.of(index).boxed().toList());
    }

    // CPython: lock_tests.BarrierTests.test_action
    @Test
    @Tag("cpython")
    void test_action_runsOncePerRoundBeforeAnyoneIsReleased() throws InterruptedException {
        int rounds = 3;
        AtomicInteger actions = new AtomicInteger();
        Set<Thread> actionThreads = ConcurrentHashMap.newKeySet();
        Barrier barrier = new Barrier(N, () -> {
            actions.incrementAndGet();
            actionThreads.add(Thread.currentThread());
        }, null);
        try (TestThreads bunch = TestThreads.start(N, i -> {
            for (int round = 1; round <= rounds; round++) {
                // Every await is a generation; no party can be in the next one before this one checked.
                barrier.await();
                assertEquals(2 * round - 1, actions.get(), "the action ran before the release, once");
                barrier.await();
                assertEquals(2 * round, actions.get(), "the action ran before the release, once");
            }
        })) {
            bunch.join();
            assertTrue(bunch.threads().containsAll(actionThreads), "the action runs in a party");
        }
        assertEquals(2 * rounds, actions.get());
    }

    @Test
    void actionThatThrowsBreaksTheBarrierAndReachesTheLastThread() throws InterruptedException {
        Barrier barrier = new Barrier(N, () -> {
            throw new IllegalStateException("action failed");
        }, null);
        AtomicInteger broken = new AtomicInteger();
        AtomicInteger actionFailures = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(N, i -> {
            try {
                barrier.await();
                fail("passed a barrier whose action failed");
            } catch (BrokenBarrierException expected) {
                broken.incrementAndGet();
            } catch (IllegalStateException expected) {
                assertEquals("action failed", expected.getMessage());
                actionFailures.incrementAndGet();
            }
        })) {
            bunch.join();
        }
        assertEquals(1, actionFailures.get());
        assertEquals(N - 1, broken.get());
        assertTrue(barrier.isBroken());
    }

    // CPython: lock_tests.BarrierTests.test_abort
    @Test
    @Tag("cpython")
    void test_abort_breaksEveryWaiter() throws InterruptedException {
        Barrier barrier = new Barrier(N);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(N, i -> {
            try {
                int index = barrier.await();
                if (index == N / 2) {
                    barrier.abort();
                    return;
                }
                barrier.await();
                passed.incrementAndGet();
            } catch (BrokenBarrierException expected) {
                broken.incrementAndGet();
            }
        })) {
            bunch.join();
        }
        assertEquals(0, passed.get());
        assertEquals(N - 1, broken.get());
        assertTrue(barrier.isBroken());
        assertThrows(BrokenBarrierException.class, barrier::await, "stays broken until reset");
    }

    // CPython: lock_tests.BarrierTests.test_reset
    @Test
    @Tag("cpython")
    void test_reset_breaksTheWaitersAndLeavesTheBarrierUsable() throws InterruptedException {
        Barrier barrier = new Barrier(N);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        AtomicInteger passedAgain = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(N, i -> {
            int index = barrier.await();
            if (index == N / 2) {
                Waits.awaitTrue("the others waiting", () -> barrier.waiting() == N - 1);
                barrier.reset();
            } else {
                try {
                    barrier.await();
                    passed.incrementAndGet();
                } catch (BrokenBarrierException expected) {
                    broken.incrementAndGet();
                }
            }
            barrier.await();
            passedAgain.incrementAndGet();
        })) {
            bunch.join();
        }
        assertEquals(0, passed.get());
        assertEquals(N - 1, broken.get());
        assertEquals(N, passedAgain.get());
        assertFalse(barrier.isBroken());
    }

    // CPython: lock_tests.BarrierTests.test_abort_and_reset
    @Test
    @Tag("cpython")
    void test_abort_and_reset_brokenBarrierIsRepairedByReset() throws InterruptedException {
        Barrier barrier = new Barrier(N);
        Barrier sync2 = new Barrier(N);
        Barrier sync3 = new Barrier(N);
        AtomicInteger passed = new AtomicInteger();
        AtomicInteger broken = new AtomicInteger();
        AtomicInteger passedAgain = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(N, i -> {
            try {
                int index = barrier.await();
                if (index == N / 2) {
                    barrier.abort();
                } else {
                    barrier.await();
                    passed.incrementAndGet();
                }
            } catch (BrokenBarrierException expected) {
                broken.incrementAndGet();
            }
            // Everyone has left the broken barrier before the reset, and nobody enters it before.
            if (sync2.await() == N / 2) {
                barrier.reset();
            }
            sync3.await();
            barrier.await();
            passedAgain.incrementAndGet();
        })) {
            bunch.join();
        }
        assertEquals(0, passed.get());
        assertEquals(N - 1, broken.get());
        assertEquals(N, passedAgain.get());
    }

    // CPython: lock_tests.BarrierTests.test_timeout
    @Test
    @Tag("cpython")
    void test_timeout_aTimedOutWaitBreaksTheBarrierForEveryone() throws InterruptedException {
        Barrier barrier = new Barrier(N, null, Duration.ofSeconds(30));
        Duration timeout = Duration.ofMillis(200);
        AtomicInteger broken = new AtomicInteger();
        AtomicLong longestWait = new AtomicLong();
        try (TestThreads bunch = TestThreads.start(N, i -> {
            int index = barrier.await();
            if (index == N / 2) {
                // One party is late: it arrives only once the others have given up.
                Waits.awaitTrue("the barrier to break", barrier::isBroken);
            }
            long start = System.nanoTime();
            try {
                barrier.await(timeout); // shorter than the default timeout
                fail("passed a barrier that should have timed out");
            } catch (BrokenBarrierException expected) {
                broken.incrementAndGet();
            }
            longestWait.accumulateAndGet(since(start), Math::max);
        })) {
            bunch.join();
        }
        assertEquals(N, broken.get());
        assertTrue(barrier.isBroken());
        assertTimeout(longestWait.get(), timeout);
    }

    // CPython: lock_tests.BarrierTests.test_default_timeout
    @Test
    @Tag("cpython")
    void test_default_timeout_breaksTheBarrierAfterTheConstructorsTimeout() {
        Duration timeout = Duration.ofMillis(200);
        Barrier barrier = new Barrier(2, null, timeout);
        long start = System.nanoTime();
        assertThrows(BrokenBarrierException.class, barrier::await);
        assertTimeout(since(start), timeout);
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.waiting());
    }

    @Test
    void interruptedWaiterGetsInterruptedExceptionAndTheOthersBrokenBarrier() throws InterruptedException {
        Barrier barrier = new Barrier(N);
        AtomicInteger broken = new AtomicInteger();
        AtomicInteger interrupted = new AtomicInteger();
        try (TestThreads bunch = TestThreads.start(N - 1, i -> {
            try {
                barrier.await();
                fail("passed with a party missing");
            } catch (BrokenBarrierException expected) {
                broken.incrementAndGet();
            } catch (InterruptedException expected) {
                assertFalse(Thread.currentThread().isInterrupted());
                interrupted.incrementAndGet();
            }
        })) {
            Waits.awaitTrue("all waiting", () -> barrier.waiting() == N - 1);
            bunch.awaitParked();
            bunch.thread(0).interrupt();
            bunch.join();
        }
        assertEquals(1, interrupted.get());
        assertEquals(N - 2, broken.get());
        assertTrue(barrier.isBroken());
    }

    @Test
    void negativeTimeoutIsIllegalArgumentAndLeavesTheBarrierAlone() {
        Barrier barrier = new Barrier(2);
        assertThrows(IllegalArgumentException.class, () -> barrier.await(Duration.ofMillis(-1)));
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.waiting());
    }

    @Test
    void hugeTimeoutSaturatesAndWaitsForTheOtherParty() throws InterruptedException {
        Barrier barrier = new Barrier(2);
        List<Integer> indices = Collections.synchronizedList(new ArrayList<>());
        try (TestThreads bunch = TestThreads.start(1, i -> indices.add(barrier.await(Duration.ofSeconds(Long.MAX_VALUE))))) {
            Waits.awaitState(bunch.thread(0), Thread.State.TIMED_WAITING);
            assertFalse(barrier.isBroken());
            try {
                indices.add(barrier.await());
            } catch (BrokenBarrierException e) {
                fail(e);
            }
            bunch.join();
        }
        assertEquals(Set.of(0, 1), Set.copyOf(indices));
    }

    @Test
    void toStringShowsWaitingOrBroken() throws Exception {
        Barrier barrier = new Barrier(3);
        assertEquals("Barrier[waiting=0/3]", barrier.toString());
        try (TestThreads bunch = TestThreads.start(1, i -> assertThrows(BrokenBarrierException.class, barrier::await))) {
            Waits.awaitTrue("one waiting", () -> barrier.waiting() == 1);
            assertEquals("Barrier[waiting=1/3]", barrier.toString());
            barrier.abort();
            bunch.join();
        }
        assertEquals("Barrier[broken, parties=3]", barrier.toString());
        barrier.reset();
        assertEquals("Barrier[waiting=0/3]", barrier.toString());
        assertEquals(3, barrier.parties());
    }
}
