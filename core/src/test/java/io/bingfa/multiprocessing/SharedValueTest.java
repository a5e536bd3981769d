package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SharedValue}: _test_multiprocessing's {@code _TestValue} for the {@code 'q'} and
 * {@code 'd'} typecodes, and the atomic operations, across threads and across two JVMs.
 */
@Timeout(120)
class SharedValueTest {
    // CPython: _TestValue.test_value (codes 'q' 2**33 -> 2**34 and 'd' 3.625 -> -4.25)
    @Test
    @Tag("cpython")
    void test_value_writesOfAChildJvmAreSeenByTheParent() throws Exception {
        SharedValue q = SharedValue.ofLong(1L << 33);
        SharedValue d = SharedValue.ofDouble(3.625);
        try (ShmChild child = ShmChild.start("setLong", q, 1L << 34)) {
            child.expect("was " + (1L << 33));
            child.awaitDone();
        }
        try (ShmChild child = ShmChild.start("setDouble", d, -4.25)) {
            child.expect("was 3.625");
            child.awaitDone();
        }
        assertEquals(1L << 34, q.get());
        assertEquals(-4.25, d.getDouble());
    }

    // CPython: _TestValue.test_getobj_getlock (get_lock() of a synchronized Value)
    @Test
    @Tag("cpython")
    void test_getobj_getlock_lockIsTheSameOnEveryCallAndAfterPassing() throws Exception {
        SharedValue value = SharedValue.ofLong(5);
        ProcessLock lock = value.lock();
        assertSame(lock, value.lock());
        assertFalse(lock.isLocked());
        SharedValue passed = ShmChild.roundTrip(value);
        assertEquals(lock, passed.lock());
        lock.acquire();
        try {
            assertTrue(passed.lock().isLocked(), "the passed value's lock is the same lock");
            assertFalse(passed.lock().tryAcquire());
        } finally {
            lock.release();
        }
        assertFalse(SharedValue.ofLong(5).lock().equals(lock), "each value has a lock of its own");
    }

    @Test
    void passedValueIsTheSameMemoryNotACopy() throws Exception {
        SharedValue value = SharedValue.ofLong(1);
        SharedValue passed = ShmChild.roundTrip(value);
        passed.set(2);
        assertEquals(2, value.get());
        value.incrementAndGet();
        assertEquals(3, passed.get());
    }

    @Test
    void longOperationsAreAtomicUpdates() {
        SharedValue value = SharedValue.ofLong(42);
        assertEquals(42, value.get());
        assertEquals(42, value.getAndAdd(8));
        assertEquals(60, value.addAndGet(10));
        assertEquals(61, value.incrementAndGet());
        assertFalse(value.compareAndSet(60, 0));
        assertEquals(61, value.get());
        assertTrue(value.compareAndSet(61, Long.MIN_VALUE));
        assertEquals(Long.MIN_VALUE, value.get());
        value.set(-1);
        assertEquals(-1, value.get());
    }

    @Test
    void doubleOperationsAreAtomicUpdatesComparingBits() {
        SharedValue value = SharedValue.ofDouble(1.5);
        assertEquals(1.5, value.getDouble());
        assertEquals(4.0, value.addAndGet(2.5));
        assertTrue(value.compareAndSet(4.0, Double.NaN));
        assertTrue(value.compareAndSet(Double.NaN, 0.0), "the same NaN matches");
        assertFalse(value.compareAndSet(-0.0, 1.0), "-0.0 is not 0.0");
        value.set(-0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(value.getDouble()));
    }

    @Test
    void operationForTheOtherKindThrowsIllegalState() {
        SharedValue d = SharedValue.ofDouble(1.0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.set(5));
        assertEquals("set(long) is for long values; this SharedValue holds a double", e.getMessage());
        assertThrows(IllegalStateException.class, d::get);
        assertThrows(IllegalStateException.class, () -> d.getAndAdd(1));
        assertThrows(IllegalStateException.class, () -> d.addAndGet(1L));
        assertThrows(IllegalStateException.class, d::incrementAndGet);
        assertThrows(IllegalStateException.class, () -> d.compareAndSet(1L, 2L));
        assertEquals(1.0, d.getDouble(), "a refused call changes nothing");

        SharedValue q = SharedValue.ofLong(1);
        e = assertThrows(IllegalStateException.class, q::getDouble);
        assertEquals("getDouble() is for double values; this SharedValue holds a long", e.getMessage());
        assertThrows(IllegalStateException.class, () -> q.set(1.0));
        assertThrows(IllegalStateException.class, () -> q.addAndGet(1.0));
        assertThrows(IllegalStateException.class, () -> q.compareAndSet(1.0, 2.0));
        assertEquals(1, q.get());
    }

    @Test
    void toStringShowsKindAndValue() {
        assertEquals("SharedValue[long 42]", SharedValue.ofLong(42).toString());
        assertEquals("SharedValue[double -4.25]", SharedValue.ofDouble(-4.25).toString());
    }

    @Test
    void threadsIncrementingConcurrentlyLoseNothing() throws InterruptedException {
        SharedValue count = SharedValue.ofLong(0);
        SharedValue sum = SharedValue.ofDouble(0);
        try (TestThreads bunch = TestThreads.start(4, i -> {
            for (int k = 0; k < 100_000; k++) {
                count.incrementAndGet();
                sum.addAndGet(1.0);
            }
        })) {
            bunch.join();
        }
        assertEquals(400_000, count.get());
        assertEquals(400_000.0, sum.getDouble());
    }

    @Test
    void twoJvmsIncrementingConcurrentlyReachExactlyTheSum() throws Exception {
        int each = 1_000_000;
        SharedValue count = SharedValue.ofLong(0);
        try (ShmChild child = ShmChild.start("add", count, each)) {
            child.expect("ready");
            child.go();
            for (int i = 0; i < each; i++) {
                count.getAndAdd(1);
            }
            child.awaitDone();
        }
        assertEquals(2L * each, count.get());
    }

    @Test
    void valueLivesInAFileNamedForThisProcess() {
        SharedValue value = SharedValue.ofLong(0);
        Path file = value.memory().path();
        assertTrue(Files.exists(file), file + " should exist");
        assertEquals(SharedMemory.directory(), file.getParent());
        assertEquals(ProcessHandle.current().pid(), SharedMemory.creatorPid(file.getFileName().toString()));
    }
}
