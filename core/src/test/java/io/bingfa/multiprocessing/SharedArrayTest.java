package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SharedArray}: _test_multiprocessing's {@code _TestArray} for the {@code 'q'} and
 * {@code 'd'} typecodes, with index and length checks and the atomic element operations.
 */
@Timeout(120)
class SharedArrayTest {
    // CPython: _TestArray.test_array (len, indexing, a child's in-place changes are visible)
    @Test
    @Tag("cpython")
    void test_array_childsInPlaceChangesAreSeenByTheParent() throws Exception {
        long[] seq = {680, 626, 934, 821, 150, 233, 548, 982, 714, 831};
        SharedArray arr = SharedArray.ofLongs(seq);
        assertEquals(seq.length, arr.length());
        assertEquals(seq[3], arr.get(3));
        assertArrayEquals(seq, arr.toLongArray());
        try (ShmChild child = ShmChild.start("prefixSums", arr)) {
            child.awaitDone();
        }
        Arrays.parallelPrefix(seq, Long::sum);
        assertArrayEquals(seq, arr.toLongArray());
    }

    // CPython: _TestValue.test_sharedctypes (Array('d', range(10)) doubled by a child)
    @Test
    @Tag("cpython")
    void test_sharedctypes_childsWritesToADoubleArrayAreSeenByTheParent() throws Exception {
        double[] seq = new double[10];
        Arrays.setAll(seq, i -> i);
        SharedArray arr = SharedArray.ofDoubles(seq);
        try (ShmChild child = ShmChild.start("doubleAll", arr)) {
            child.awaitDone();
        }
        Arrays.setAll(seq, i -> i * 2);
        assertArrayEquals(seq, arr.toDoubleArray());
    }

    // CPython: _TestArray.test_array_from_size (issue 11675: zero-filled every time)
    @Test
    @Tag("cpython")
    void test_array_from_size_isZeroFilledEveryTime() {
        for (int i = 0; i < 10; i++) {
            SharedArray longs = SharedArray.ofLongs(10);
            assertEquals(10, longs.length());
            assertArrayEquals(new long[10], longs.toLongArray());
            SharedArray doubles = SharedArray.ofDoubles(10);
            assertArrayEquals(new double[10], doubles.toDoubleArray());
        }
    }

    // CPython: _TestArray.test_getobj_getlock_obj (get_lock() of a synchronized Array)
    @Test
    @Tag("cpython")
    void test_getobj_getlock_obj_lockIsTheSameOnEveryCallAndAfterPassing() throws Exception {
        SharedArray arr = SharedArray.ofLongs(3);
        assertSame(arr.lock(), arr.lock());
        SharedArray passed = ShmChild.roundTrip(arr);
        assertEquals(arr.lock(), passed.lock());
        arr.lock().acquire();
        try {
            assertTrue(passed.lock().isLocked());
        } finally {
            arr.lock().release();
        }
        passed.set(2, 7);
        assertEquals(7, arr.get(2), "the passed array is the same memory");
    }

    @Test
    void negativeOrHugeLengthIsIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedArray.ofLongs(-1));
        assertEquals("length: -1 (expected: >= 0)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedArray.ofDoubles(-1));
        e = assertThrows(IllegalArgumentException.class, () -> SharedArray.ofLongs(Integer.MAX_VALUE));
        assertEquals("length: " + Integer.MAX_VALUE + " (expected: <= " + SharedArray.MAX_LENGTH + ")", e.getMessage());
    }

    @Test
    void indexOutsideTheArrayThrowsNamingIndexAndLength() {
        SharedArray longs = SharedArray.ofLongs(3);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> longs.get(3));
        assertTrue(e.getMessage().contains("3") && e.getMessage().contains("length 3"), e.getMessage());
        e = assertThrows(IndexOutOfBoundsException.class, () -> longs.set(-1, 1));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> longs.getAndAdd(3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> longs.compareAndSet(3, 0, 1));
        SharedArray doubles = SharedArray.ofDoubles(2);
        assertThrows(IndexOutOfBoundsException.class, () -> doubles.getDouble(2));
        assertThrows(IndexOutOfBoundsException.class, () -> doubles.set(2, 1.0));
        SharedArray empty = SharedArray.ofLongs();
        assertEquals(0, empty.length());
        assertArrayEquals(new long[0], empty.toLongArray());
        assertThrows(IndexOutOfBoundsException.class, () -> empty.get(0));
    }

    @Test
    void operationForTheOtherKindThrowsIllegalState() {
        SharedArray doubles = SharedArray.ofDoubles(1.5);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> doubles.set(0, 5));
        assertEquals("set(int, long) is for long arrays; this SharedArray holds doubles", e.getMessage());
        assertThrows(IllegalStateException.class, () -> doubles.get(0));
        assertThrows(IllegalStateException.class, doubles::toLongArray);
        SharedArray longs = SharedArray.ofLongs(1);
        assertThrows(IllegalStateException.class, () -> longs.getDouble(0));
        assertThrows(IllegalStateException.class, longs::toDoubleArray);
        assertEquals(1.5, doubles.getDouble(0));
        assertEquals(0, longs.get(0));
    }

    @Test
    void elementOperationsAreAtomicUpdates() {
        SharedArray longs = SharedArray.ofLongs(1, 2, 3);
        assertEquals(2, longs.getAndAdd(1, 10));
        assertTrue(longs.compareAndSet(2, 3, 30));
        assertFalse(longs.compareAndSet(2, 3, 300));
        assertArrayEquals(new long[] {1, 12, 30}, longs.toLongArray());

        SharedArray doubles = SharedArray.ofDoubles(0.5, 1.0);
        assertEquals(3.0, doubles.addAndGet(1, 2.0));
        assertTrue(doubles.compareAndSet(0, 0.5, -1.0));
        assertFalse(doubles.compareAndSet(0, 0.5, 9.0));
        assertArrayEquals(new double[] {-1.0, 3.0}, doubles.toDoubleArray());
    }

    @Test
    void arraysAreCopiesOfTheInitialElements() {
        long[] initial = {1, 2};
        SharedArray arr = SharedArray.ofLongs(initial);
        initial[0] = 100;
        long[] snapshot = arr.toLongArray();
        snapshot[1] = 200;
        assertArrayEquals(new long[] {1, 2}, arr.toLongArray());
    }

    @Test
    void toStringShowsKindLengthAndFirstElements() {
        assertEquals("SharedArray[long[3] 1, 2, 3]", SharedArray.ofLongs(1, 2, 3).toString());
        assertEquals("SharedArray[double[1] 0.5]", SharedArray.ofDoubles(0.5).toString());
        assertEquals("SharedArray[long[0]]", SharedArray.ofLongs(0).toString());
        assertTrue(SharedArray.ofDoubles(100).toString().endsWith("0.0, ...]"));
    }

    @Test
    void threadsAddingToElementsConcurrentlyLoseNothing() throws InterruptedException {
        SharedArray arr = SharedArray.ofLongs(2);
        try (TestThreads bunch = TestThreads.start(4, i -> {
            for (int k = 0; k < 50_000; k++) {
                arr.getAndAdd(0, 1);
                arr.getAndAdd(1, i);
            }
        })) {
            bunch.join();
        }
        assertArrayEquals(new long[] {200_000, 50_000L * (0 + 1 + 2 + 3)}, arr.toLongArray());
    }
}
