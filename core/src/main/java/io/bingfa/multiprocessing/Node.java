package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This JVM's own object server, started on first use: it hosts the {@link ProcessQueue}s created
 * here, on a socket in this JVM's private runtime directory, for peers that hold this process's
 * auth key (its children, which inherit the key, and its parent).
 */
/*
 * Hosted queues live as long as this JVM: other processes may hold handles to them that this JVM
 * cannot see, so there is no point at which dropping one is known to be safe.
 */
final class Node {
    private static volatile Node instance;

    private final ObjectServer server;
    private final Map<Long, ProcessQueue<?>> hosted = new ConcurrentHashMap<>();

    private Node(ObjectServer server) {
        this.server = server;
    }

    /** Returns this JVM's node, starting it if needed. */
    static Node get() {
        Node n = instance;
        if (n == null) {
            synchronized (Node.class) {
                n = instance;
                if (n == null) {
                    try {
                        n = new Node(ObjectServer.start(RuntimeDir.newEndpoint("node"),
                                Multiprocessing.currentProcess().authKey(), "node"));
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot start this JVM's bingfa node", e);
                    }
                    instance = n;
                }
            }
        }
        return n;
    }

    /** Returns this JVM's node if it has been started, else {@code null}. */
    static Node existing() {
        return instance;
    }

    ObjectServer server() {
        return server;
    }

    Endpoint endpoint() {
        return server.endpoint();
    }

    long host(ProcessQueue<?> queue, RemoteQueue target) {
        long id = server.register(target, RemoteQueue.class);
        hosted.put(id, queue);
        return id;
    }

    ProcessQueue<?> hosted(long id) {
        return hosted.get(id);
    }
}
