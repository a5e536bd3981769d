package io.bingfa.asyncio;

import java.util.Arrays;

/**
 * The bytes a {@link StreamReader} holds: appended at the end, taken from the front (Python's
 * {@code bytearray} buffer). Not thread-safe; loop-confined through its reader.
 */
final class StreamBuffer {
    private static final byte[] EMPTY = new byte[0];

    private byte[] data = EMPTY;
    private int start;
    private int end;

    int size() {
        return end - start;
    }

    boolean isEmpty() {
        return start == end;
    }

    void append(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return;
        }
        if (data.length - end < length) {
            int live = end - start;
            if (data.length - live >= length && start >= live) {
                System.arraycopy(data, start, data, 0, live); // slide down: no need to grow
            } else {
                long want = Math.max((long) live + length, Math.max(256L, 2L * data.length));
                if (want > Integer.MAX_VALUE - 8) {
                    throw new OutOfMemoryError("stream buffer over 2 GiB");
                }
                byte[] grown = new byte[(int) want];
                System.arraycopy(data, start, grown, 0, live);
                data = grown;
            }
            start = 0;
            end = live;
        }
        System.arraycopy(bytes, offset, data, end, length);
        end += length;
    }

    /** Removes and returns the first {@code n} bytes ({@code n <= size()}). */
    byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(data, start, start + n);
        skip(n);
        return out;
    }

    /** Removes the first {@code n} bytes ({@code n <= size()}). */
    void skip(int n) {
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
            if (data.length > 64 * 1024) {
                data = EMPTY; // an idle connection does not keep a large burst's buffer
            }
        }
    }

    void clear() {
        skip(size());
    }

    /** Index (from the front) of the first {@code separator} at or after {@code from}, or -1. */
    int indexOf(byte[] separator, int from) {
        int last = end - separator.length;
        byte first = separator[0];
        outer:
        for (int i = start + Math.max(0, from); i <= last; i++) {
            if (data[i] != first) {
                continue;
            }
            for (int j = 1; j < separator.length; j++) {
                if (data[i + j] != separator[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /** Whether the bytes at {@code index} (from the front) are {@code separator}. */
    boolean startsWith(byte[] separator, int index) {
        if (index < 0 || index + separator.length > size()) {
            return false;
        }
        for (int j = 0; j < separator.length; j++) {
            if (data[start + index + j] != separator[j]) {
                return false;
            }
        }
        return true;
    }
}
