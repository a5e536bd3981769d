package io.bingfa.asyncio;

import java.io.IOException;

/**
 * Python's {@code asyncio.LimitOverrunError}: a {@link StreamReader} would have to hold more than its
 * limit to find a separator. {@link #consumed()} is how many bytes were searched (by
 * {@link StreamReader#readUntil}, they stay in the reader's buffer).
 */
public class LimitOverrunException extends IOException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes were searched before the limit stopped the search. */
    public int consumed() {
        return consumed;
    }
}
