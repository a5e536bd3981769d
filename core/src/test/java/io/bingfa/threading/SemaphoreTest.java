package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link Semaphore} against lock_tests.py's {@code SemaphoreTests}. */
class SemaphoreTest extends SemaphoreContractTest<Semaphore> {
    @Override
    protected Semaphore newSemaphore(int value) {
        return new Semaphore(value);
    }

    @Override
    protected Semaphore newSemaphore() {
        return new Semaphore();
    }

    @Override
    protected void release(Semaphore semaphore, int n) {
        semaphore.release(n);
    }

    // CPython: lock_tests.SemaphoreTests.test_release_unacquired
    @Test
    @Tag("cpython")
    void test_release_unacquired_raisesTheValue() {
        Semaphore sem = new Semaphore(1);
        sem.release();
        assertEquals(2, sem.value());
        assertTrue(sem.tryAcquire());
        assertTrue(sem.tryAcquire());
        assertFalse(sem.tryAcquire());
    }

    // CPython: lock_tests.SemaphoreTests.test_repr
    @Test
    @Tag("cpython")
    void test_repr_showsValue() throws InterruptedException {
        Semaphore sem = new Semaphore(3);
        assertEquals("Semaphore[value=3]", sem.toString());
        sem.acquire();
        assertEquals("Semaphore[value=2]", sem.toString());
        sem.release();
        sem.release();
        assertEquals("Semaphore[value=4]", sem.toString());
    }

    @Test
    void valueIsTheNumberOfFreePermits() throws InterruptedException {
        Semaphore sem = new Semaphore(3);
        assertEquals(3, sem.value());
        sem.acquire();
        assertEquals(2, sem.value());
        sem.release(5);
        assertEquals(7, sem.value());
        assertEquals(1, new Semaphore().value());
    }

    @Test
    void releasePastIntegerRangeThrowsWithoutChangingValue() {
        Semaphore sem = new Semaphore(Integer.MAX_VALUE);
        assertThrows(IllegalStateException.class, sem::release);
        assertEquals(Integer.MAX_VALUE, sem.value());
    }
}
