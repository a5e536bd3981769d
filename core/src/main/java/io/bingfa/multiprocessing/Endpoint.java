package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a bingfa server listens: a Unix-domain socket path (processes on this machine) or a TCP
 * host and port (loopback when Unix sockets are unavailable, or a manager served to other
 * machines). Serialisable, unlike the JDK's socket addresses, so it can travel to a child JVM.
 */
record Endpoint(String path, String host, int port) implements Serializable {
    Endpoint {
        if ((path == null) == (host == null)) {
            throw new IllegalArgumentException("exactly one of path and host must be given");
        }
    }

    static Endpoint unix(Path path) {
        return new Endpoint(path.toString(), null, 0);
    }

    static Endpoint tcp(InetSocketAddress address) {
        return new Endpoint(null, address.getHostString(), address.getPort());
    }

    boolean isUnix() {
        return path != null;
    }

    SocketAddress socketAddress() {
        return isUnix() ? UnixDomainSocketAddress.of(path) : new InetSocketAddress(host, port);
    }

    /** Binds a server here; for TCP a port of 0 picks a free one (see the returned endpoint). */
    ServerSocketChannel bind() throws IOException {
        if (isUnix()) {
            var server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(socketAddress());
            return server;
        }
        var server = ServerSocketChannel.open();
        server.bind(socketAddress(), 512);
        return server;
    }

    /** The endpoint a server bound by {@link #bind()} really listens on. */
    static Endpoint of(ServerSocketChannel server) throws IOException {
        SocketAddress local = server.getLocalAddress();
        if (local instanceof UnixDomainSocketAddress unix) {
            return unix(unix.getPath());
        }
        return tcp((InetSocketAddress) local);
    }

    SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(socketAddress());
        if (!isUnix()) {
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        }
        return channel;
    }

    /** Removes the socket file of a Unix endpoint; nothing for TCP. */
    void unlink() {
        if (isUnix()) {
            try {
                Files.deleteIfExists(Path.of(path));
            } catch (IOException ignored) {
                // the runtime directory is removed at exit anyway
            }
        }
    }

    @Override
    public String toString() {
        return isUnix() ? "unix:" + path : "tcp:" + host + ":" + port;
    }

    static Endpoint parse(String text) {
        Objects.requireNonNull(text, "endpoint");
        if (text.startsWith("unix:")) {
            return unix(Path.of(text.substring(5)));
        }
        if (text.startsWith("tcp:")) {
            int colon = text.lastIndexOf(':');
            return new Endpoint(null, text.substring(4, colon),
                    Integer.parseInt(text.substring(colon + 1)));
        }
        throw new IllegalArgumentException("endpoint: '" + text
                + "' (expected: unix:/path or tcp:host:port)");
    }
}
