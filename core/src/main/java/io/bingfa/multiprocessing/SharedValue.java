package io.bingfa.multiprocessing;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serial;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * Python's {@code multiprocessing.Value} for a {@code long} ({@code 'q'}) or a {@code double}
 * ({@code 'd'}): one number in shared memory, read and written atomically by every JVM that has it.
 *
 * <p>The number is in shared memory, not copied: unlike the other arguments of multiprocessing
 * calls, a {@code SharedValue} passed to a child JVM (captured by a serializable lambda, say) is
 * the same value there, and what the child writes the parent reads, and the other way round.
 *
 * <pre>{@code
 * SharedValue counter = SharedValue.ofLong(0);          // Value('q', 0)
 * // in any JVM that has it:
 * counter.incrementAndGet();                           // atomic, no lock needed
 * try (var held = counter.lock().hold()) {             // with counter.get_lock():
 *     counter.set(counter.get() * 2);                  // several steps as one
 * }
 * }</pre>
 *
 * <p>A value holds either a {@code long} ({@link #ofLong}) or a {@code double} ({@link #ofDouble})
 * for its whole life. {@link #get()}, {@link #set(long)}, {@link #getAndAdd(long)},
 * {@link #addAndGet(long)}, {@link #incrementAndGet()} and {@link #compareAndSet(long, long)} are
 * for {@code long} values; {@link #getDouble()}, {@link #set(double)}, {@link #addAndGet(double)}
 * and {@link #compareAndSet(double, double)} for {@code double} values. Calling one on the other
 * kind throws {@link IllegalStateException}: no silent conversion (watch out for
 * {@code set(5)} on a {@code double} value, which is {@code set(long)}; write {@code set(5.0)}).
 *
 * <p>Every single method is atomic, as on {@link java.util.concurrent.atomic.AtomicLong}; Python's
 * {@code get_lock()} is {@link #lock()}, a {@link ProcessLock} that lives next to the value and
 * makes several calls one step. The lock is advisory: the methods here do not take it.
 *
 * <p><b>Not supported:</b> the other ctypes ({@code 'i'}, {@code 'h'}, {@code 'c'}, structures),
 * Python's {@code RawValue} (every value has its lock; it costs 8 bytes and nothing while unused)
 * and a lock supplied by the caller ({@code Value(..., lock=l)}). The memory lives until every JVM
 * that has the value drops it; the creating JVM deletes its name when the value becomes unreachable
 * there or the JVM exits, so keep the value reachable in the creator while children may still be
 * handed it.
 *
 * <p><b>Memory consistency effects:</b> {@link #set} and the atomic updates are volatile writes
 * and {@link #get} a volatile read, as on {@link java.util.concurrent.atomic.AtomicLong}: within a
 * JVM, actions before a write happen-before actions after a read that sees it. Across JVMs the
 * same order holds for shared memory: whatever a process wrote to shared memory before a write is
 * visible to a process that reads that write.
 */
/*
 * Layout: a segment of kind "long" or "double" holding one 16-byte cell at offset: the lock word,
 * then the value (a double as its raw long bits). The serialized form is (path, kind, offset).
 */
public final class SharedValue implements Serializable {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final int CELL_BYTES = ProcessLock.BYTES + Long.BYTES;
    static final String LONG = "long";
    static final String DOUBLE = "double";

    private final transient SharedMemory memory;
    private final transient int offset;
    private final transient boolean isDouble;
    private final transient ProcessLock lock;

    private SharedValue(SharedMemory memory, int offset) {
        this.memory = memory;
        this.offset = offset;
        this.isDouble = memory.kind().equals(DOUBLE);
        this.lock = new ProcessLock(memory, offset);
    }

    /**
     * Creates a {@code long} value in shared memory (Python's {@code Value('q', initial)}).
     *
     * @param initial the first value
     * @return the value
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static SharedValue ofLong(long initial) {
        SharedValue value = new SharedValue(SharedMemory.create(LONG, CELL_BYTES), 0);
        value.memory.setLongVolatile(value.valueOffset(), initial);
        return value;
    }

    /**
     * Creates a {@code double} value in shared memory (Python's {@code Value('d', initial)}).
     *
     * @param initial the first value
     * @return the value
     * @throws java.io.UncheckedIOException if shared memory cannot be created
     */
    public static SharedValue ofDouble(double initial) {
        SharedValue value = new SharedValue(SharedMemory.create(DOUBLE, CELL_BYTES), 0);
        value.memory.setLongVolatile(value.valueOffset(), Double.doubleToRawLongBits(initial));
        return value;
    }

    // ------------------------------------------------------------------ long

    /**
     * Returns the current value (Python's {@code .value}), with volatile read semantics.
     *
     * @throws IllegalStateException if this is a {@code double} value
     */
    public long get() {
        requireLong("get()");
        return memory.getLongVolatile(valueOffset());
    }

    /**
     * Sets the value, with volatile write semantics.
     *
     * @throws IllegalStateException if this is a {@code double} value
     */
    public void set(long value) {
        requireLong("set(long)");
        memory.setLongVolatile(valueOffset(), value);
    }

    /**
     * Atomically adds {@code delta} and returns the previous value.
     *
     * @throws IllegalStateException if this is a {@code double} value
     */
    public long getAndAdd(long delta) {
        requireLong("getAndAdd(long)");
        return memory.getAndAddLong(valueOffset(), delta);
    }

    /**
     * Atomically adds {@code delta} and returns the new value.
     *
     * @throws IllegalStateException if this is a {@code double} value
     */
    public long addAndGet(long delta) {
        requireLong("addAndGet(long)");
        return memory.getAndAddLong(valueOffset(), delta) + delta;
    }

    /**
     * Atomically adds one and returns the new value.
     *
     * @throws IllegalStateException if this is a {@code double} value
     */
    public long incrementAndGet() {
        requireLong("incrementAndGet()");
        return memory.getAndAddLong(valueOffset(), 1L) + 1L;
    }

    /**
     * Atomically sets the value to {@code value} if it is {@code expected}.
     *
     * @return {@code true} if set, {@code false} if the value was not {@code expected}
     * @throws IllegalStateException if this is a {@code double} value
     */
    public boolean compareAndSet(long expected, long value) {
        requireLong("compareAndSet(long, long)");
        return memory.compareAndSetLong(valueOffset(), expected, value);
    }

    // ------------------------------------------------------------------ double

    /**
     * Returns the current value (Python's {@code .value}), with volatile read semantics.
     *
     * @throws IllegalStateException if this is a {@code long} value
     */
    public double getDouble() {
        requireDouble("getDouble()");
        return Double.longBitsToDouble(memory.getLongVolatile(valueOffset()));
    }

    /**
     * Sets the value, with volatile write semantics.
     *
     * @throws IllegalStateException if this is a {@code long} value
     */
    public void set(double value) {
        requireDouble("set(double)");
        memory.setLongVolatile(valueOffset(), Double.doubleToRawLongBits(value));
    }

    /**
     * Atomically adds {@code delta} and returns the new value.
     *
     * @throws IllegalStateException if this is a {@code long} value
     */
    public double addAndGet(double delta) {
        requireDouble("addAndGet(double)");
        for (;;) {
            long bits = memory.getLongVolatile(valueOffset());
            double next = Double.longBitsToDouble(bits) + delta;
            if (memory.compareAndSetLong(valueOffset(), bits, Double.doubleToRawLongBits(next))) {
                return next;
            }
        }
    }

    /**
     * Atomically sets the value to {@code value} if it is {@code expected}, comparing the bits
     * ({@link Double#doubleToRawLongBits}): {@code NaN} matches the same {@code NaN}, and
     * {@code 0.0} does not match {@code -0.0}.
     *
     * @return {@code true} if set, {@code false} if the value was not {@code expected}
     * @throws IllegalStateException if this is a {@code long} value
     */
    public boolean compareAndSet(double expected, double value) {
        requireDouble("compareAndSet(double, double)");
        return memory.compareAndSetLong(valueOffset(),
                Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(value));
    }

    // ------------------------------------------------------------------ both

    /**
     * Returns the lock that lives next to this value (Python's {@code get_lock()}): the same lock
     * on every call, and in every JVM the value is passed to.
     */
    public ProcessLock lock() {
        return lock;
    }

    /** Shows the kind and the current value: {@code SharedValue[long 42]}, {@code SharedValue[double 1.5]}. */
    @Override
    public String toString() {
        long bits = memory.getLongVolatile(valueOffset());
        return isDouble
                ? "SharedValue[double " + Double.longBitsToDouble(bits) + "]"
                : "SharedValue[long " + bits + "]";
    }

    SharedMemory memory() {
        return memory;
    }

    private int valueOffset() {
        return offset + ProcessLock.BYTES;
    }

    private void requireLong(String method) {
        if (isDouble) {
            throw new IllegalStateException(method + " is for long values; this SharedValue holds a double");
        }
    }

    private void requireDouble(String method) {
        if (!isDouble) {
            throw new IllegalStateException(method + " is for double values; this SharedValue holds a long");
        }
    }

    // ------------------------------------------------------------------ serialization

    @Serial
    private Object writeReplace() {
        return new Form(memory.path().toString(), memory.kind(), offset);
    }

    @Serial
    private void readObject(ObjectInputStream in) throws InvalidObjectException {
        throw new InvalidObjectException("a SharedValue is serialized by its Form");
    }

    /** The serialized form: where the value is. */
    private record Form(String path, String kind, int offset) implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Serial
        private Object readResolve() throws InvalidObjectException {
            if (!kind.equals(LONG) && !kind.equals(DOUBLE)) {
                throw new InvalidObjectException("kind: " + kind + " (expected: long or double)");
            }
            if (offset < 0 || offset % Long.BYTES != 0) {
                throw new InvalidObjectException("offset: " + offset + " (expected: a multiple of 8)");
            }
            return new SharedValue(SharedMemory.attach(Path.of(path), kind, (long) offset + CELL_BYTES), offset);
        }
    }
}
