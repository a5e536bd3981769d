package io.bingfa.asyncio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.util.regex.Pattern;

/**
 * Name resolution and non-blocking connects for the streams, in a task of the loop.
 */
/*
 * getaddrinfo blocks in native code: on the LOOP_CARRIER path that would block the loop thread
 * itself, so names go to the loop's default executor; address literals are parsed in place (the JDK
 * does no lookup for them). A connect that does not finish at once waits on the selector's
 * OP_CONNECT through addWriter; each resolved address is tried in turn, as socket.create_connection
 * does, and the last failure is thrown with the earlier ones suppressed.
 */
final class Sockets {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Sockets() {}

    /** The addresses of {@code host}, waiting in the current task if a lookup is needed. */
    static InetAddress[] resolve(EventLoop loop, String host) throws UnknownHostException {
        if (host == null || host.isEmpty()) {
            return new InetAddress[] {InetAddress.getLoopbackAddress()};
        }
        if (IPV4.matcher(host).matches() || host.indexOf(':') >= 0) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        Future<InetAddress[]> lookup = loop.runInExecutor(null, () -> InetAddress.getAllByName(host));
        try {
            LoopBound.await(lookup, "openConnection()");
            return lookup.resultNow();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof UnknownHostException u) {
                throw u;
            }
            throw e;
        }
    }

    /** Connects to one of {@code host}'s addresses, waiting in the current task. */
    static SocketChannel connect(EventLoop loop, String host, int port) throws IOException {
        checkPort(port);
        IOException failure = null;
        for (InetAddress address : resolve(loop, host)) {
            try {
                return connect(loop, new InetSocketAddress(address, port));
            } catch (IOException e) {
                if (failure != null) {
                    e.addSuppressed(failure);
                }
                failure = e;
            }
        }
        throw failure;
    }

    private static SocketChannel connect(EventLoop loop, InetSocketAddress address) throws IOException {
        SocketChannel c = SocketChannel.open();
        boolean ok = false;
        try {
            c.configureBlocking(false);
            if (!c.connect(address)) {
                Future<Void> done = loop.createFuture();
                loop.addWriter(c, () -> {
                    loop.removeWriter(c);
                    if (!done.isDone()) {
                        done.setResult(null);
                    }
                });
                try {
                    LoopBound.await(done, "openConnection()");
                } finally {
                    loop.removeWriter(c);
                }
                try {
                    c.finishConnect();
                } catch (IOException e) {
                    throw withAddress(e, address);
                }
            }
            configure(c);
            ok = true;
            return c;
        } catch (IOException e) {
            throw withAddress(e, address);
        } finally {
            if (!ok) {
                c.close(); // also when cancelled while connecting
            }
        }
    }

    private static IOException withAddress(IOException e, InetSocketAddress address) {
        String m = e.getMessage();
        if (m != null && m.contains(address.toString())) {
            return e;
        }
        IOException named = new java.net.ConnectException("connect to " + address + " failed: " + m);
        named.initCause(e);
        return named;
    }

    /** Settings for every stream socket: non-blocking, no Nagle delay (as CPython's transports). */
    static void configure(SocketChannel c) throws IOException {
        c.configureBlocking(false);
        c.setOption(StandardSocketOptions.TCP_NODELAY, true);
    }

    static void checkPort(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
    }

    /** The address to bind for {@code host} (null or empty: the loopback address). */
    static InetSocketAddress bindAddress(EventLoop loop, String host, int port) throws UnknownHostException {
        checkPort(port);
        return new InetSocketAddress(resolve(loop, host)[0], port);
    }

}
