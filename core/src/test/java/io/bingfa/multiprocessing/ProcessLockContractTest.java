package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.Waits;
import io.bingfa.threading.LockContractTest;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ProcessLock} against the lock contract of the threading package, the same cases that run
 * against {@code threading.Lock} (lock_tests.py's {@code BaseLockTests} and {@code LockTests}: an
 * owner-less lock, between threads), plus _test_multiprocessing's {@code _TestLock} between JVMs.
 */
@Timeout(120)
class ProcessLockContractTest extends LockContractTest<ProcessLock> {
    private static final long PID = ProcessHandle.current().pid();

    @Override
    protected ProcessLock newLock() {
        return ProcessLock.create();
    }

    @Override
    protected boolean isLocked(ProcessLock lock) {
        return lock.isLocked();
    }

    // CPython: _TestLock.test_repr_lock (a ProcessLock is held by a process: it names the pid)
    @Test
    @Tag("cpython")
    void test_repr_lock_namesTheHoldingPid() throws InterruptedException {
        ProcessLock lock = newLock();
        assertEquals("ProcessLock[unlocked]", lock.toString());
        lock.acquire();
        try {
            assertEquals("ProcessLock[locked by pid " + PID + "]", lock.toString());
        } finally {
            lock.release();
        }
        assertEquals("ProcessLock[unlocked]", lock.toString());
    }

    @Test
    void holderIsAliveExactlyWhileTheLockIsHeldByALiveProcess() throws InterruptedException {
        ProcessLock lock = newLock();
        assertFalse(lock.isHolderAlive());
        lock.acquire();
        assertTrue(lock.isHolderAlive());
        lock.release();
        assertFalse(lock.isHolderAlive());
    }

    // ------------------------------------------------------------------ between JVMs

    // CPython: _TestLock.test_lock_locked_2processes
    @Test
    @Tag("cpython")
    void test_lock_locked_2processes_lockHeldByAChildIsLockedInTheParent() throws Exception {
        ProcessLock lock = ProcessLock.create();
        try (ShmChild child = ShmChild.start("hold", lock)) {
            child.expect("held");
            assertTrue(lock.isLocked());
            assertFalse(lock.tryAcquire());
            assertTrue(lock.isHolderAlive());
            assertEquals("ProcessLock[locked by pid " + child.pid() + "]", lock.toString());
            child.go();
            child.awaitDone();
        }
        assertFalse(lock.isLocked());
        assertTrue(lock.tryAcquire());
        lock.release();
    }

    @Test
    void childWaitsForTheParentsRelease() throws Exception {
        ProcessLock lock = ProcessLock.create();
        lock.acquire();
        try (ShmChild child = ShmChild.start("acquire", lock)) {
            try {
                child.expect("waiting");
                assertTrue(child.staysSilent(Waits.STAYS_BLOCKED), "the child acquired a held lock");
            } finally {
                lock.release();
            }
            child.expect("acquired");
            child.awaitDone();
        }
        assertFalse(lock.isLocked());
    }

    @Test
    void twoJvmsIncrementingUnderTheLockLoseNothing() throws Exception {
        int each = 100_000;
        SharedValue value = SharedValue.ofLong(0);
        ProcessLock lock = value.lock();
        try (ShmChild child = ShmChild.start("lockedAdd", value, each)) {
            child.expect("ready");
            child.go();
            for (int i = 0; i < each; i++) {
                lock.acquire();
                try {
                    value.set(value.get() + 1); // read-modify-write: exact only under mutual exclusion
                } finally {
                    lock.release();
                }
            }
            child.awaitDone();
        }
        assertEquals(2L * each, value.get());
        assertFalse(lock.isLocked());
    }

    @Test
    void lockOfAKilledHolderStaysHeldAndSaysItsHolderIsDead() throws Exception {
        ProcessLock lock = ProcessLock.create();
        long holder;
        try (ShmChild child = ShmChild.start("holdForever", lock)) {
            child.expect("held");
            holder = child.pid();
            child.kill();
        }
        assertTrue(lock.isLocked(), "nobody released it");
        assertFalse(lock.isHolderAlive());
        assertFalse(lock.tryAcquire(Duration.ofMillis(20)));
        assertEquals("ProcessLock[locked by pid " + holder + "]", lock.toString());
        lock.release(); // no owner: whoever decides the lock is abandoned may release it
        assertTrue(lock.tryAcquire());
        lock.release();
    }
}
