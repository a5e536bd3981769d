package io.bingfa.multiprocessing;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Python's {@code multiprocessing.Array} of {@code long}s ({@code 'q'}) or {@code double}s
 * ({@code 'd'}): a fixed-length array in shared memory whose elements every JVM that has it reads
 * and writes atomically, one element at a time.
 *
 * <p>The elements are in shared memory, not copied: unlike the other arguments of multiprocessing
 * calls, a {@code SharedArray} passed to a child JVM (captured by a serializable lambda, say) is
 * the same array there, and what the child writes the parent reads, and the other way round.
 *
 * <pre>{@code
 * SharedArray hits = SharedArray.ofLongs(10);        // Array('q', 10): zero-filled
 * // in any JVM that has it:
 * hits.getAndAdd(3, 1);                             // atomic, no lock needed
 * try (var held = hits.lock().hold()) {             // with hits.get_lock():
 *     long[] snapshot = hits.toLongArray();         // a consistent copy, if every writer locks
 * }
 * }</pre>
 *
 * <p>An array holds {@code long}s ({@link #ofLongs}) or {@code double}s ({@link #ofDoubles}).
 * {@link #get(int)}, {@link #set(int, long)}, {@link #getAndAdd(int, long)},
 * {@link #compareAndSet(int, long, long)} and {@link #toLongArray()} are for {@code long} arrays;
 * {@link #getDouble(int)}, {@link #set(int, double)}, {@link #addAndGet(int, double)},
 * {@link #compareAndSet(int, double, double)} and {@link #toDoubleArray()} for {@code double}
 * arrays. Calling one on the other kind throws {@link IllegalStateException}, and an index outside
 * {@code [0, length())} throws {@link IndexOutOfBoundsException}.
 *
 * <p>Each element access is atomic, as on {@link java.util.concurrent.atomic.AtomicLongArray};
 * the copies ({@link #toLongArray()}) are not a snapshot of one instant unless the writers hold
 * {@link #lock()} (Python's {@code get_lock()}), which the methods here do not take.
 *
 * <p><b>Not supported:</b> the other ctypes ({@code 'i'}, {@code 'c'} and its {@code .value}),
 * slices and slice assignment (copy with {@link #toLongArray()}, write element by element), Python's
 * {@code RawArray} and a caller-supplied lock. At most about 268 million elements (2 GiB). The
 * memory lives until every JVM that has the array drops it; the creating JVM deletes its name when
 * the array becomes unreachable there or the JVM exits.
 *
 * <p><b>Memory consistency effects:</b> element writes are volatile writes and element reads
 * volatile reads, as on {@link java.util.concurrent.atomic.AtomicLongArray}: within a JVM, actions
 * before a write happen-before actions after a read that sees it. Across JVMs the same order holds
 * for shared memory.
 */
/*
 * Layout: a segment of kind "long[]" or "double[]": the lock word at 0, then the elements from 8
 * (a double as its raw long bits). The length is the segment's data length; the serialized form is
 * (path, kind, length).
 */
public final class SharedArray implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    static final String LONGS = "long[]";
    static final String DOUBLES = "double[]";
    /** The most elements an array can have: one mapping is at most 2 GiB. */
    static final int MAX_LENGTH = (int) ((SharedMemory.MAX_DATA_BYTES - ProcessLock.BYTES) / Long.BYTES);

    private final transient SharedMemory memory;
    private final transient int length;
    private final transient boolean isDouble;
    private final transient ProcessLock lock;

    private SharedArray(SharedMemory memory, int length) {
        this.memory = memory;
        this.length = length;
        this.isDouble = memory.kind().equals(DOUBLES);
        this.lock = new ProcessLock(memory, 0);
    }

    /**
     * Creates a zero-filled {@code long} array in shared memory (Python's {@code Array('q', length)}).
     *
     * @param length the number of elements
     * @return the array
     * @throws IllegalArgumentException if {@code length} is negative or too large
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static SharedArray ofLongs(int length) {
        return create(LONGS, length);
    }

    /**
     * Creates a {@code long} array in shared memory holding a copy of {@code initial} (Python's
     * {@code Array('q', [...])}).
     *
     * @param initial the first elements
     * @return the array
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static SharedArray ofLongs(long... initial) {
        SharedArray array = create(LONGS, initial.length);
        for (int i = 0; i < initial.length; i++) {
            array.memory.setLongVolatile(offset(i), initial[i]);
        }
        return array;
    }

    /**
     * Creates a zero-filled {@code double} array in shared memory (Python's {@code Array('d', length)}).
     *
     * @param length the number of elements
     * @return the array
     * @throws IllegalArgumentException if {@code length} is negative or too large
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static SharedArray ofDoubles(int length) {
        return create(DOUBLES, length);
    }

    /**
     * Creates a {@code double} array in shared memory holding a copy of {@code initial} (Python's
     * {@code Array('d', [...])}).
     *
     * @param initial the first elements
     * @return the array
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static SharedArray ofDoubles(double... initial) {
        SharedArray array = create(DOUBLES, initial.length);
        for (int i = 0; i < initial.length; i++) {
            array.memory.setLongVolatile(offset(i), Double.doubleToRawLongBits(initial[i]));
        }
        return array;
    }

    private static SharedArray create(String kind, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= 0)");
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("length: " + length + " (expected: <= " + MAX_LENGTH + ")");
        }
        return new SharedArray(SharedMemory.create(kind, bytesFor(length)), length);
    }

    /** The number of elements (Python's {@code len(arr)}). */
    public int length() {
        return length;
    }

    // ------------------------------------------------------------------ long

    /**
     * Returns element {@code index}, with volatile read semantics.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code double} array
     */
    public long get(int index) {
        return memory.getLongVolatile(longAt(index, "get(int)"));
    }

    /**
     * Sets element {@code index}, with volatile write semantics.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code double} array
     */
    public void set(int index, long value) {
        memory.setLongVolatile(longAt(index, "set(int, long)"), value);
    }

    /**
     * Atomically adds {@code delta} to element {@code index} and returns its previous value.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code double} array
     */
    public long getAndAdd(int index, long delta) {
        return memory.getAndAddLong(longAt(index, "getAndAdd(int, long)"), delta);
    }

    /**
     * Atomically sets element {@code index} to {@code value} if it is {@code expected}.
     *
     * @return {@code true} if set, {@code false} if the element was not {@code expected}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code double} array
     */
    public boolean compareAndSet(int index, long expected, long value) {
        return memory.compareAndSetLong(longAt(index, "compareAndSet(int, long, long)"), expected, value);
    }

    /**
     * Returns a copy of the elements, each read atomically (Python's {@code arr[:]}).
     *
     * @throws IllegalStateException if this is a {@code double} array
     */
    public long[] toLongArray() {
        requireKind(false, "toLongArray()");
        long[] copy = new long[length];
        for (int i = 0; i < length; i++) {
            copy[i] = memory.getLongVolatile(offset(i));
        }
        return copy;
    }

    // ------------------------------------------------------------------ double

    /**
     * Returns element {@code index}, with volatile read semantics.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code long} array
     */
    public double getDouble(int index) {
        return Double.longBitsToDouble(memory.getLongVolatile(doubleAt(index, "getDouble(int)")));
    }

    /**
     * Sets element {@code index}, with volatile write semantics.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code long} array
     */
    public void set(int index, double value) {
        memory.setLongVolatile(doubleAt(index, "set(int, double)"), Double.doubleToRawLongBits(value));
    }

    /**
     * Atomically adds {@code delta} to element {@code index} and returns its new value.
     *
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code long} array
     */
    public double addAndGet(int index, double delta) {
        int at = doubleAt(index, "addAndGet(int, double)");
        for (;;) {
            long bits = memory.getLongVolatile(at);
            double next = Double.longBitsToDouble(bits) + delta;
            if (memory.compareAndSetLong(at, bits, Double.doubleToRawLongBits(next))) {
                return next;
            }
        }
    }

    /**
     * Atomically sets element {@code index} to {@code value} if it is {@code expected}, comparing
     * the bits ({@link Double#doubleToRawLongBits}) as {@link SharedValue#compareAndSet(double, double)} does.
     *
     * @return {@code true} if set, {@code false} if the element was not {@code expected}
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code [0, length())}
     * @throws IllegalStateException if this is a {@code long} array
     */
    public boolean compareAndSet(int index, double expected, double value) {
        return memory.compareAndSetLong(doubleAt(index, "compareAndSet(int, double, double)"),
                Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    /**
     * Returns a copy of the elements, each read atomically (Python's {@code arr[:]}).
     *
     * @throws IllegalStateException if this is a {@code long} array
     */
    public double[] toDoubleArray() {
        requireKind(true, "toDoubleArray()");
        double[] copy = new double[length];
        for (int i = 0; i < length; i++) {
            copy[i] = Double.longBitsToDouble(memory.getLongVolatile(offset(i)));
        }
        return copy;
    }

    // ------------------------------------------------------------------ both

    /**
     * Returns the lock that lives with this array (Python's {@code get_lock()}): the same lock on
     * every call, and in every JVM the array is passed to.
     */
    public ProcessLock lock() {
        return lock;
    }

    /**
     * Shows the kind, the length and the first elements: {@code SharedArray[long[3] 1, 2, 3]},
     * {@code SharedArray[double[100] 0.0, 0.0, ...]}.
     */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("SharedArray[").append(isDouble ? "double[" : "long[")
                .append(length).append(']');
        int shown = Math.min(length, 16);
        for (int i = 0; i < shown; i++) {
            long bits = memory.getLongVolatile(offset(i));
            s.append(i == 0 ? " " : ", ");
            if (isDouble) {
                s.append(Double.longBitsToDouble(bits));
            } else {
                s.append(bits);
            }
        }
        return s.append(shown < length ? ", ...]" : "]").toString();
    }

    SharedMemory memory() {
        return memory;
    }

    private static long bytesFor(int length) {
        return ProcessLock.BYTES + (long) length * Long.BYTES;
    }

    private static int offset(int index) {
        return ProcessLock.BYTES + index * Long.BYTES;
    }

    private int longAt(int index, String method) {
        requireKind(false, method);
        return offset(Objects.checkIndex(index, length));
    }

    private int doubleAt(int index, String method) {
        requireKind(true, method);
        return offset(Objects.checkIndex(index, length));
    }

    private void requireKind(boolean doubles, String method) {
        if (doubles != isDouble) {
            throw new IllegalStateException(method + " is for " + (doubles ? "double" : "long")
                    + " arrays; this SharedArray holds " + (isDouble ? "doubles" : "longs"));
        }
    }

    // ------------------------------------------------------------------ serialization

    @Serial
    private Object writeReplace() {
        return new Form(memory.path().toString(), memory.kind(), length);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a SharedArray is serialized by its Form");
    }

    /** The serialized form: where the array is and how long. */
    private record Form(String path, String kind, int length) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws InvalidObjectException {
            if (!kind.equals(LONGS) && !kind.equals(DOUBLES)) {
                throw new InvalidObjectException("kind: " + kind + " (expected: long[] or double[])");
            }
            if (length < 0 || length > MAX_LENGTH) {
                throw new InvalidObjectException("length: " + length + " (expected: 0 to " + MAX_LENGTH + ")");
            }
            return new SharedArray(SharedMemory.attach(Path.of(path), kind, bytesFor(length)), length);
        }
    }
}
