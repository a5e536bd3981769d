package io.bingfa.asyncio;

/**
 * The two ends of one connection that {@link Asyncio#openConnection} returns (Python's
 * {@code reader, writer = await open_connection(...)}).
 */
public record Streams(StreamReader reader, StreamWriter writer) {
    public Streams {
        java.util.Objects.requireNonNull(reader, "reader");
        java.util.Objects.requireNonNull(writer, "writer");
    }
}
