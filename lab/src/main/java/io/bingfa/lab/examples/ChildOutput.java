package io.bingfa.lab.examples;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serial;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Brings what child JVMs print back to the example's output, line by line.
 *
 * <p>A child JVM's {@code System.out} is copied to the parent's {@code System.out}, not to the
 * example's {@link ExampleContext#out()} (which the tests capture). So the examples of processes
 * print through a {@link Printer}: in the parent it prints to {@code ctx.out()} directly; copied
 * into a child (it is serialisable) it sends each line over a loopback socket to this collector,
 * which prints it to {@code ctx.out()}. Lines of one process keep their order; lines of different
 * processes appear in the order they arrive, as on a shared terminal.
 *
 * <p>Use: open it before starting children, {@link #drain(Duration)} after joining them (prints
 * what is still on its way), {@link #close()} at the end (try-with-resources). A child sends a
 * random token first, so that nothing else on the machine can print into the example's output.
 */
final class ChildOutput implements AutoCloseable {
    private final PrintStream out;
    private final String token;
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Thread reader;
    private final Printer printer;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile boolean draining;
    private volatile boolean stopping;

    private ChildOutput(ExampleContext ctx) throws IOException {
        this.out = ctx.out();
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        this.token = HexFormat.of().formatHex(secret);
        this.server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.configureBlocking(false);
        this.selector = Selector.open();
        server.register(selector, SelectionKey.OP_ACCEPT);
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        this.printer = new Printer(ctx.lang(), ctx.timeScale(), port, token, out);
        this.reader = Thread.ofPlatform().name("child-output").daemon(true).start(this::loop);
    }

    /** Starts collecting: binds a loopback port and starts the thread that prints what arrives. */
    static ChildOutput open(ExampleContext ctx) {
        try {
            return new ChildOutput(ctx);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the socket that brings back the children's output", e);
        }
    }

    /** What the parent and (copied) the children print with. */
    Printer printer() {
        return printer;
    }

    /** The lines the children have printed so far (not the parent's), in the order they arrived. */
    List<String> received() {
        return List.copyOf(received);
    }

    /**
     * Waits until every line of the children that have exited has been printed: call it after
     * joining them. Gives up after {@code timeout} (a child that is still running keeps its
     * connection open).
     */
    void drain(Duration timeout) throws InterruptedException {
        draining = true;
        selector.wakeup();
        reader.join(timeout);
    }

    /** Stops collecting; what has not arrived yet is lost. Does not wait beyond a moment. */
    @Override
    public void close() throws InterruptedException {
        stopping = true;
        selector.wakeup();
        reader.join(Duration.ofSeconds(5));
        try {
            selector.close();
            server.close();
        } catch (IOException ignored) {
            // nothing more to read
        }
    }

    private static final class Peer {
        final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        boolean trusted;
    }

    private void loop() {
        Map<SocketChannel, Peer> peers = new HashMap<>();
        try {
            while (!stopping) {
                boolean finishing = draining;
                selector.select(200);
                for (var it = selector.selectedKeys().iterator(); it.hasNext();) {
                    SelectionKey key = it.next();
                    it.remove();
                    if (key.isValid() && key.isAcceptable()) {
                        acceptAll(peers);
                    } else if (key.isValid() && key.isReadable()) {
                        read((SocketChannel) key.channel(), peers);
                    }
                }
                if (finishing) {
                    // the children have exited: their connections are all in the backlog by now
                    acceptAll(peers);
                    for (SocketChannel channel : peers.keySet().toArray(SocketChannel[]::new)) {
                        read(channel, peers);
                    }
                    if (peers.isEmpty()) {
                        return;
                    }
                }
            }
        } catch (IOException e) {
            out.println("(child output lost: " + e + ")");
        } finally {
            for (SocketChannel channel : peers.keySet()) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    private void acceptAll(Map<SocketChannel, Peer> peers) throws IOException {
        SocketChannel channel;
        while ((channel = server.accept()) != null) {
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ);
            peers.put(channel, new Peer());
        }
    }

    /** Reads what is there and prints the complete lines; closes the channel at its end. */
    private void read(SocketChannel channel, Map<SocketChannel, Peer> peers) throws IOException {
        Peer peer = peers.get(channel);
        if (peer == null) {
            return;
        }
        int n;
        try {
            while ((n = channel.read(peer.buffer)) > 0) {
                lines(peer);
            }
        } catch (IOException reset) {
            n = -1;
        }
        if (n < 0 || peer.buffer.remaining() == 0 && peer.buffer.position() == peer.buffer.capacity()) {
            channel.close();
            peers.remove(channel);
        }
    }

    private void lines(Peer peer) {
        ByteBuffer b = peer.buffer;
        int start = 0;
        for (int i = 0; i < b.position(); i++) {
            if (b.get(i) == '\n') {
                String line = new String(b.array(), start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (!peer.trusted) {
                    peer.trusted = line.equals(token);
                    if (!peer.trusted) {
                        b.position(b.capacity());  // a stranger: drop the connection
                        return;
                    }
                } else {
                    received.add(line);
                    out.println(line);
                }
            }
        }
        b.limit(b.position()).position(start);
        b.compact();
    }

    /**
     * Prints a line in the example's output from the parent or from any child JVM it was copied to,
     * and sleeps by the example's time scale there too (the child is another JVM: the scale travels
     * with the printer).
     */
    static final class Printer implements Serializable {
        @Serial
        private static final long serialVersionUID = 1L;
        private static final Map<Integer, OutputStream> CONNECTIONS = new HashMap<>();

        private final Lang lang;
        private final double timeScale;
        private final int port;
        private final String token;
        private final transient PrintStream local;

        Printer(Lang lang, double timeScale, int port, String token, PrintStream local) {
            this.lang = lang;
            this.timeScale = timeScale;
            this.port = port;
            this.token = token;
            this.local = local;
        }

        /** The output language. */
        Lang lang() {
            return lang;
        }

        /** {@code en} or {@code zh}, whichever is the output language's. */
        String text(String en, String zh) {
            return lang.pick(en, zh);
        }

        /** Prints one line that is the same in both languages. */
        void print(String format, Object... args) {
            line(args.length == 0 ? format : String.format(format, args));
        }

        /** Prints one line in the output language. */
        void say(String en, String zh, Object... args) {
            line(String.format(text(en, zh), args));
        }

        /** Python's {@code time.sleep(seconds)} at the example's time scale. */
        void sleep(double seconds) throws InterruptedException {
            long nanos = Math.round(seconds * 1e9 * timeScale);
            if (nanos > 0) {
                Thread.sleep(Duration.ofNanos(nanos));
            }
        }

        /** The example's time scale. */
        double timeScale() {
            return timeScale;
        }

        private void line(String line) {
            if (local != null) {
                local.println(line);
                return;
            }
            synchronized (CONNECTIONS) {
                try {
                    OutputStream stream = CONNECTIONS.get(port);
                    if (stream == null) {
                        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                        socket.setTcpNoDelay(true);
                        stream = socket.getOutputStream();
                        stream.write((token + "\n").getBytes(StandardCharsets.UTF_8));
                        CONNECTIONS.put(port, stream);
                    }
                    stream.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    stream.flush();
                } catch (IOException parentGone) {
                    System.out.println(line);
                }
            }
        }
    }
}
