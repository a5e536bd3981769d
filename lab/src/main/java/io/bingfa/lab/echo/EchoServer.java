package io.bingfa.lab.echo;

import java.net.InetSocketAddress;

/**
 * A running upper-casing echo server in one of the {@link EchoMode}s, started by
 * {@link EchoServers#start}: it accepts connections from the moment it is returned until
 * {@link #close()}.
 */
public interface EchoServer extends AutoCloseable {
    /** How it serves connections. */
    EchoMode mode();

    /** The address it listens on; with port 0 asked, the port picked. */
    InetSocketAddress address();

    /** What serves the connections, for the console: "2 server processes (pids 123, 124)". */
    String details();

    /**
     * Stops accepting, closes the open connections and waits until every thread, task and child
     * JVM of the server has ended. Idempotent.
     */
    @Override
    void close();
}
