package io.bingfa.threading;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bingfa.testing.TestThreads;
import org.junit.jupiter.api.Test;

/** {@link Lock} against lock_tests.py's {@code LockTests}, plus its own behaviour. */
// try (Held held = lock.hold()) is Python's with-block; the resource is used only to release.
@SuppressWarnings("try")
class LockTest extends LockContractTest<Lock> {
    @Override
    protected Lock newLock() {
        return new Lock();
    }

    @Override
    protected boolean isLocked(Lock lock) {
        return lock.isLocked();
    }

    @Test
    void toStringShowsStateAndName() throws InterruptedException {
        Lock lock = new Lock();
        assertEquals("Lock[unlocked]", lock.toString());
        lock.acquire();
        assertEquals("Lock[locked]", lock.toString());
        lock.release();
        Lock named = new Lock("noodle");
        try (Held held = named.hold()) {
            assertEquals("Lock(\"noodle\")[locked]", named.toString());
        }
        assertEquals("Lock(\"noodle\")[unlocked]", named.toString());
    }

    @Test
    void releaseByAnotherThreadWakesAWaiter() throws InterruptedException {
        Lock lock = new Lock();
        lock.acquire();
        try (TestThreads waiter = TestThreads.start(1, i -> lock.acquire())) {
            waiter.awaitParked();
            try (TestThreads releaser = TestThreads.start(1, i -> lock.release())) {
                releaser.join();
            }
            waiter.join();
        }
        // The waiter ended holding it; the test thread, not the waiter, releases it.
        assertEquals("Lock[locked]", lock.toString());
        lock.release();
        assertEquals("Lock[unlocked]", lock.toString());
    }
}
