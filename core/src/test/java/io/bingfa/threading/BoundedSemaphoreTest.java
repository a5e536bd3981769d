package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link BoundedSemaphore} against lock_tests.py's {@code BoundedSemaphoreTests}. */
class BoundedSemaphoreTest extends SemaphoreContractTest<BoundedSemaphore> {
    @Override
    protected BoundedSemaphore newSemaphore(int value) {
        return new BoundedSemaphore(value);
    }

    @Override
    protected BoundedSemaphore newSemaphore() {
        return new BoundedSemaphore();
    }

    @Override
    protected void release(BoundedSemaphore semaphore, int n) {
        semaphore.release(n);
    }

    // CPython: lock_tests.BoundedSemaphoreTests.test_release_unacquired
    @Test
    @Tag("cpython")
    void test_release_unacquired_throwsAndKeepsTheValue() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore();
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals(1, sem.value());
        sem.acquire();
        sem.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertTrue(e.getMessage().startsWith("Semaphore released too many times"), e.getMessage());
        assertEquals(1, sem.value());
    }

    // CPython: lock_tests.BoundedSemaphoreTests.test_repr
    @Test
    @Tag("cpython")
    void test_repr_showsValueAndBound() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore(3);
        assertEquals("BoundedSemaphore[value=3/3]", sem.toString());
        sem.acquire();
        assertEquals("BoundedSemaphore[value=2/3]", sem.toString());
    }

    // CPython: test_threading.ThreadTests.test_BoundedSemaphore_limit
    @ParameterizedTest(name = "limit {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9})
    @Tag("cpython")
    void test_BoundedSemaphore_limit_acquiresAndReleasesInOtherThreadsThenOneTooMany(int limit)
            throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore(limit);
        BlockingQueue<Boolean> taken = new ArrayBlockingQueue<>(limit);
        try (TestThreads acquirers = TestThreads.start(limit, i -> {
                    sem.acquire();
                    taken.put(true);
                });
                TestThreads releasers = TestThreads.start(limit, i -> {
                    taken.take();
                    sem.release();
                })) {
            acquirers.join();
            releasers.join();
        }
        assertEquals(limit, sem.value());
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals(limit, sem.value());
    }

    @Test
    void releaseNPastTheBoundGivesBackNothing() throws InterruptedException {
        BoundedSemaphore sem = new BoundedSemaphore(3);
        sem.acquire();
        assertEquals(2, sem.value());
        assertThrows(IllegalStateException.class, () -> sem.release(2));
        assertEquals(2, sem.value(), "a refused release(n) must not give back part of n");
        sem.release(1);
        assertEquals(3, sem.value());
    }
}
