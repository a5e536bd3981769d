package io.bingfa.asyncio;

import java.io.EOFException;
import java.util.OptionalInt;

/**
 * Python's {@code asyncio.IncompleteReadError}: the stream ended before a read got what it asked for.
 * {@link #partial()} holds the bytes read before the end (they are consumed), {@link #expected()} how
 * many were asked for (empty when the read waited for a separator).
 */
public class IncompleteReadException extends EOFException {
    private static final long serialVersionUID = 1L;

    private final byte[] partial;
    private final int expected;

    /**
     * @param partial the bytes read before the end of the stream
     * @param expected how many bytes were expected, or -1 if undefined (a separator was awaited)
     */
    public IncompleteReadException(byte[] partial, int expected) {
        super(partial.length + " bytes read on a total of "
                + (expected < 0 ? "undefined" : String.valueOf(expected)) + " expected bytes");
        this.partial = partial.clone();
        this.expected = expected;
    }

    /** The bytes read before the end of the stream (a copy). */
    public byte[] partial() {
        return partial.clone();
    }

    /** How many bytes the read expected; empty for {@link StreamReader#readUntil}. */
    public OptionalInt expected() {
        return expected < 0 ? OptionalInt.empty() : OptionalInt.of(expected);
    }
}
