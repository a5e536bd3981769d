package io.bingfa.asyncio;

/**
 * What a {@link Server} runs for each client (Python's {@code client_connected_cb}): a new task of the
 * server's loop per connection, given the connection's reader and writer. A handler that throws loses
 * its connection only: the failure is logged and the connection closed.
 */
@FunctionalInterface
public interface StreamHandler {
    void handle(StreamReader reader, StreamWriter writer) throws Exception;
}
