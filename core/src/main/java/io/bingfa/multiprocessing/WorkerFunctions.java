package io.bingfa.multiprocessing;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parent's side of the function cache: a stateless function (a lambda or method reference
 * that captures nothing, one object for the life of the JVM) is encoded once, so
 * {@code pool.apply(Tasks::square, x)} in a loop costs no serialisation; any other function is
 * encoded at every call (it may hold state that changed). Equal encodings share one id, which is
 * what the workers cache.
 */
final class WorkerFunctions {
    /** An encoded function and its content id. */
    record Encoded(int id, byte[] bytes) {}

    private static final int MAX_IDS = 4096;

    private static final ClassValue<Boolean> STATELESS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isHidden() && type.getDeclaredFields().length == 0;
        }
    };

    private final Map<Object, Encoded> byInstance = new WeakHashMap<>();
    private final Map<Key, Integer> ids = new ConcurrentHashMap<>();
    private final AtomicInteger nextId = new AtomicInteger();

    /**
     * Returns the encoding of {@code fn}.
     *
     * @throws IllegalArgumentException if {@code fn} (or what it captures) is not serialisable
     */
    Encoded encode(Object fn) {
        boolean stateless = STATELESS.get(fn.getClass());
        if (stateless) {
            synchronized (byInstance) {
                Encoded known = byInstance.get(fn);
                if (known != null) {
                    return known;
                }
            }
        }
        byte[] bytes;
        try {
            bytes = Codec.standard().encode(fn);
        } catch (IOException e) {
            throw new IllegalArgumentException("the function " + fn + " cannot be copied to a worker "
                    + "(it and everything it captures must be serialisable): " + e, e);
        }
        if (ids.size() > MAX_IDS) {
            ids.clear(); // new ids from here on; workers simply receive the bytes again
        }
        int id = ids.computeIfAbsent(new Key(bytes), k -> nextId.incrementAndGet());
        Encoded encoded = new Encoded(id, bytes);
        if (stateless) {
            synchronized (byInstance) {
                byInstance.put(fn, encoded);
            }
        }
        return encoded;
    }

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
