package io.bingfa.multiprocessing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.StreamCorruptedException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Many queue items in one serialisation stream, so that class descriptors travel once per batch
 * rather than once per item: what a {@link ProcessQueue}'s feeder sends in one frame.
 */
/*
 * Design note. Integers, longs, doubles and strings are written as tagged primitives (no class
 * descriptor, no reflection on either side); other items with writeObject. A stream shares objects it has already written (back-references), which would
 * make two puts of one mutable object arrive as one object, both in the state of the first put.
 * Immutable values (boxed primitives, strings, big numbers, enums) are written as they are;
 * before any other item the stream is reset, which forgets earlier objects (and class
 * descriptors, so those items cost what a single encode costs). If an item cannot be written,
 * the bytes written for it are cut off and the batch is sealed: it keeps the items before it.
 */
final class ProxyBatch {
    private static final byte OBJECT = 0;
    private static final byte INT = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte STRING = 4;
    /** writeUTF takes at most 65535 bytes: up to 3 a char. */
    private static final int MAX_UTF_CHARS = 65535 / 3;

    private final Buffer buffer = new Buffer();
    private final ObjectOutputStream out;
    private int count;
    private boolean sealed;

    ProxyBatch() {
        try {
            out = new ObjectOutputStream(buffer);
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Appends {@code item}. If it cannot be serialised the batch keeps the items before it and
     * is sealed.
     *
     * @throws IOException (a {@link java.io.NotSerializableException} typically) if it cannot
     */
    void add(Object item) throws IOException {
        if (sealed) {
            throw new IllegalStateException("batch is sealed");
        }
        out.flush();
        int mark = buffer.size();
        try {
            if (item instanceof Integer i) {
                out.writeByte(INT);
                out.writeInt(i);
            } else if (item instanceof Long l) {
                out.writeByte(LONG);
                out.writeLong(l);
            } else if (item instanceof Double d) {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            } else if (item instanceof String s && s.length() <= MAX_UTF_CHARS) {
                out.writeByte(STRING);
                out.writeUTF(s);
            } else {
                if (!isValue(item)) {
                    out.reset();
                }
                out.writeByte(OBJECT);
                out.writeObject(item);
            }
            count++;
        } catch (IOException | RuntimeException e) {
            out.flush();
            buffer.truncate(mark);
            sealed = true;
            throw e;
        }
    }

    /** Stops accepting items (the feeder took the batch or it grew large). */
    void seal() {
        sealed = true;
    }

    boolean isSealed() {
        return sealed;
    }

    int count() {
        return count;
    }

    /** The bytes written so far, give or take the stream's own buffer of 1 KiB. */
    int size() {
        return buffer.size();
    }

    byte[] bytes() {
        try {
            out.flush();
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        return buffer.toByteArray();
    }

    /** Whether {@code item} is an immutable value that a stream may share safely. */
    static boolean isValue(Object item) {
        return item instanceof String || item instanceof Integer || item instanceof Long
                || item instanceof Double || item instanceof Boolean || item instanceof Character
                || item instanceof Short || item instanceof Byte || item instanceof Float
                || item instanceof BigInteger && item.getClass() == BigInteger.class
                || item instanceof BigDecimal && item.getClass() == BigDecimal.class
                || item instanceof Enum<?>;
    }

    /**
     * Reads the {@code count} items of a batch, refusing classes outside the {@link AllowList}.
     *
     * @throws NotAllowedClassException if an item's class is refused (items before it are lost
     *     with the batch)
     */
    static List<Object> decode(byte[] bytes, int count) throws IOException {
        List<Object> items = new ArrayList<>(Math.min(count, 1 << 16));
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(AllowList.filter());
            for (int i = 0; i < count; i++) {
                byte tag = in.readByte();
                items.add(switch (tag) {
                    case INT -> in.readInt();
                    case LONG -> in.readLong();
                    case DOUBLE -> in.readDouble();
                    case STRING -> in.readUTF();
                    case OBJECT -> in.readObject();
                    default -> throw new StreamCorruptedException("item tag " + tag);
                });
            }
            return items;
        } catch (InvalidClassException rejected) {
            String refused = AllowList.lastRejected();
            if (refused != null) {
                throw new NotAllowedClassException(refused);
            }
            throw rejected;
        } catch (ClassNotFoundException missing) {
            var failure = new InvalidClassException(missing.getMessage(), "class not found in this JVM");
            failure.initCause(missing);
            throw failure;
        } catch (RuntimeException garbage) {
            var failure = new StreamCorruptedException("not a batch of items: " + garbage);
            failure.initCause(garbage);
            throw failure;
        } finally {
            AllowList.clearRejected();
        }
    }

    /** A byte array stream that can cut off its tail. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        void truncate(int size) {
            count = size;
        }
    }
}
