package io.bingfa.multiprocessing;

import io.bingfa.SerializableFunction;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames a pool exchanges with its workers, and the chunk encoding both sides share.
 *
 * <pre>
 * parent -> worker  TASK   [1][taskId:8][fnId:4][fnLength:4 (-1: cached)][fn bytes][items]
 * worker -> parent  HELLO  [20][workerId:8]          first frame after the handshake
 *                   READY  [21]                      the initializer has run
 *                   INIT_FAILED [22][0:8][failure]   the initializer threw; the worker exits
 *                   OK     [10][taskId:8][items]     the results of the task's items
 *                   FAILED [11][taskId:8][failure]   an item threw (or its argument could not be read)
 *                   UNENCODABLE [12][taskId:8][UTF-8 message]
 * items:   [0][JDK-serialised Object[]] | [1][n:4][n ints] | [2][n:4][n longs] | [3][n:4][n doubles]
 * failure: JDK-serialised Object[] {Throwable, String formatted trace}
 * </pre>
 * A chunk whose items are all {@code Integer}s (or all {@code Long}s, all {@code Double}s) travels
 * as a primitive array: JDK serialisation of a quarter of a million boxes is slow.
 *
 * <p>Functions are sent once per worker: the parent gives each distinct function (by content) an
 * id and keeps, per worker, a mirror of the worker's least-recently-used cache of
 * {@value #FN_CACHE} functions. Both sides apply the same LRU rule to the same sequence of frames,
 * so the mirror always knows whether the worker holds a function and only the id is sent.
 */
final class WorkerWire {
    static final byte TASK = 1;
    static final byte OK = 10;
    static final byte FAILED = 11;
    static final byte UNENCODABLE = 12;
    static final byte HELLO = 20;
    static final byte READY = 21;
    static final byte INIT_FAILED = 22;

    static final byte OBJECTS = 0;
    static final byte INTS = 1;
    static final byte LONGS = 2;
    static final byte DOUBLES = 3;

    /** The header of OK, FAILED and UNENCODABLE frames: kind and task id. */
    static final int RESULT_HEADER = 9;
    static final int FN_CACHE = 256;

    private WorkerWire() {}

    /** A least-recently-used map of at most {@link #FN_CACHE} entries: the same rule on both sides. */
    static <V> Map<Integer, V> lru() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, V> eldest) {
                return size() > FN_CACHE;
            }
        };
    }

    /**
     * Encodes {@code items} after {@code headroom} free bytes at the start of the returned array.
     *
     * @throws NotSerializableException if an item is not serialisable
     */
    static byte[] encodeItems(List<?> items, int headroom) throws IOException {
        int n = items.size();
        byte kind = primitiveKind(items);
        ByteBuffer b;
        switch (kind) {
            case INTS -> {
                b = ByteBuffer.allocate(headroom + 5 + 4 * n).position(headroom);
                b.put(INTS).putInt(n);
                for (Object o : items) {
                    b.putInt((Integer) o);
                }
            }
            case LONGS -> {
                b = ByteBuffer.allocate(headroom + 5 + 8 * n).position(headroom);
                b.put(LONGS).putInt(n);
                for (Object o : items) {
                    b.putLong((Long) o);
                }
            }
            case DOUBLES -> {
                b = ByteBuffer.allocate(headroom + 5 + 8 * n).position(headroom);
                b.put(DOUBLES).putInt(n);
                for (Object o : items) {
                    b.putDouble((Double) o);
                }
            }
            default -> {
                byte[] body = Codec.standard().encode(items.toArray());
                byte[] all = new byte[headroom + 1 + body.length];
                all[headroom] = OBJECTS;
                System.arraycopy(body, 0, all, headroom + 1, body.length);
                return all;
            }
        }
        return b.array();
    }

    private static byte primitiveKind(List<?> items) {
        if (items.isEmpty()) {
            return OBJECTS;
        }
        Class<?> first = items.get(0) == null ? null : items.get(0).getClass();
        if (first != Integer.class && first != Long.class && first != Double.class) {
            return OBJECTS;
        }
        for (Object o : items) {
            if (o == null || o.getClass() != first) {
                return OBJECTS;
            }
        }
        return first == Integer.class ? INTS : first == Long.class ? LONGS : DOUBLES;
    }

    /** Decodes the items at {@code offset} of {@code frame}, up to its end. */
    static Object[] decodeItems(byte[] frame, int offset) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(frame, offset, frame.length - offset);
        byte kind = b.get();
        if (kind == OBJECTS) {
            return (Object[]) Codec.standard().decode(frame, offset + 1, frame.length - offset - 1);
        }
        int n = b.getInt();
        if (n < 0 || n > b.remaining()) {
            throw new java.net.ProtocolException("chunk of " + n + " items does not fit its frame");
        }
        Object[] items = new Object[n];
        switch (kind) {
            case INTS -> {
                for (int i = 0; i < n; i++) {
                    items[i] = b.getInt();
                }
            }
            case LONGS -> {
                for (int i = 0; i < n; i++) {
                    items[i] = b.getLong();
                }
            }
            case DOUBLES -> {
                for (int i = 0; i < n; i++) {
                    items[i] = b.getDouble();
                }
            }
            default -> throw new java.net.ProtocolException("unknown chunk encoding " + kind);
        }
        return items;
    }

    /** A FAILED or INIT_FAILED frame for {@code failure}, with this worker's formatted trace. */
    static byte[] failureFrame(byte kind, long taskId, Throwable failure) {
        JvmProcess me = Multiprocessing.currentProcess();
        StringWriter text = new StringWriter();
        text.append("worker ").append(me.name()).append(" (pid ").append(Long.toString(me.pid()))
                .append("):\n\"\"\"\n");
        failure.printStackTrace(new PrintWriter(text, true));
        text.append("\"\"\"");
        byte[] body;
        try {
            body = Codec.standard().encode(new Object[] {failure, text.toString()});
        } catch (IOException | RuntimeException unserialisable) {
            RuntimeException stand = new RuntimeException(failure.getClass().getName()
                    + (failure.getMessage() == null ? "" : ": " + failure.getMessage())
                    + " (the exception itself could not be copied: " + unserialisable + ")");
            stand.setStackTrace(failure.getStackTrace());
            try {
                body = Codec.standard().encode(new Object[] {stand, text.toString()});
            } catch (IOException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        byte[] frame = new byte[RESULT_HEADER + body.length];
        ByteBuffer.wrap(frame).put(kind).putLong(taskId);
        System.arraycopy(body, 0, frame, RESULT_HEADER, body.length);
        return frame;
    }

    /** An UNENCODABLE frame: the task's result could not be serialised. */
    static byte[] unencodableFrame(long taskId, Object[] results, IOException why) {
        String shown;
        try {
            shown = results.length == 1 ? String.valueOf(results[0]) : List.of(results).toString();
        } catch (RuntimeException e) {
            shown = results.length == 1 && results[0] != null ? results[0].getClass().getName() : "?";
        }
        if (shown.length() > 200) {
            shown = shown.substring(0, 200) + "...";
        }
        byte[] text = ("Error sending result: '" + shown + "'. Reason: '" + why + "'")
                .getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[RESULT_HEADER + text.length];
        ByteBuffer.wrap(frame).put(UNENCODABLE).putLong(taskId).put(text);
        return frame;
    }

    /** The function a worker uses when the bytes of the real one could not be read. */
    static SerializableFunction<Object, Object> unreadable(Exception why) {
        String message = "the task's function could not be read in the worker: " + why;
        return x -> {
            throw new IllegalStateException(message, why);
        };
    }
}
