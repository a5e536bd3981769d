package io.bingfa.multiprocessing;

import java.io.IOException;

/**
 * Turns the objects that cross between JVMs (targets, arguments, results, exceptions, queue items,
 * pipe messages) into bytes and back: Python's {@code pickle} for bingfa.
 *
 * <p>The {@linkplain #standard() standard codec} is JDK serialisation guarded by the {@link
 * AllowList}: nothing outside the list is ever instantiated on the receiving side. Values are
 * copied, never shared; only {@link SharedValue}, {@link SharedArray} and {@link ProcessLock}
 * travel as references to shared memory.
 */
public interface Codec {
    /**
     * Returns the bytes of {@code value}.
     *
     * @throws java.io.NotSerializableException if {@code value} or something it refers to is not
     *     serialisable
     * @throws IOException if the value cannot be written for another reason
     */
    byte[] encode(Object value) throws IOException;

    /**
     * Returns the value in {@code bytes[offset, offset + length)}.
     *
     * @throws NotAllowedClassException if the bytes name a class outside the {@link AllowList}
     * @throws IOException if the bytes are not a value this codec wrote, or a class is missing
     */
    Object decode(byte[] bytes, int offset, int length) throws IOException;

    /** Returns the value in {@code bytes}; see {@link #decode(byte[], int, int)}. */
    default Object decode(byte[] bytes) throws IOException {
        return decode(bytes, 0, bytes.length);
    }

    /** Returns the standard codec: JDK serialisation with the {@link AllowList} as its filter. */
    static Codec standard() {
        return SerialCodec.INSTANCE;
    }
}
