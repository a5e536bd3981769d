package io.bingfa.socketserver;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/** The options of a server, as a builder collects them; copied (serialised) into server children. */
final class Config implements Serializable {
    private static final long serialVersionUID = 1L;

    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    int requestQueueSize = TcpServer.DEFAULT_REQUEST_QUEUE_SIZE;
    boolean reuseAddress = true;
    boolean reusePort;
    Duration idleTimeout; // null: none
    int maxConnections = Integer.MAX_VALUE;
    boolean virtualThreads;
    boolean daemonThreads;
    boolean blockOnClose = true;
    int processes = Runtime.getRuntime().availableProcessors();

    Config copy() {
        Config c = new Config();
        c.address = address;
        c.requestQueueSize = requestQueueSize;
        c.reuseAddress = reuseAddress;
        c.reusePort = reusePort;
        c.idleTimeout = idleTimeout;
        c.maxConnections = maxConnections;
        c.virtualThreads = virtualThreads;
        c.daemonThreads = daemonThreads;
        c.blockOnClose = blockOnClose;
        c.processes = processes;
        return c;
    }
}
