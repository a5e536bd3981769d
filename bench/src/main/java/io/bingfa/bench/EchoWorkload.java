package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the two echo benchmarks ({@code threaded_echo}, {@code asyncio_echo}) share: the 64-byte
 * messages and their upper-cased replies, the upper-casing itself, the blocking serving loop, and
 * the two client drivers, one client per platform thread ({@link #threadClients}) or every client on
 * one selector thread ({@link #selectorClients}). A client connects, does its round trips one at a
 * time (send 64 bytes, read until the 64 upper-cased bytes are back, check them) and closes.
 * {@code bench/python/threaded_echo.py} and {@code asyncio_echo.py} build the same messages.
 */
final class EchoWorkload {
    /** Bytes per message, each way. */
    static final int MESSAGE_BYTES = 64;
    /** How much a server reads at once (CPython's handlers: {@code recv(1024)}, {@code read(1024)}). */
    static final int READ_BYTES = 1024;
    /** Round trip {@code i} sends message {@code i % VARIANTS}. */
    private static final int VARIANTS = 32;
    private static final byte[][] MESSAGES = new byte[VARIANTS][];
    private static final byte[][] REPLIES = new byte[VARIANTS][];

    static {
        for (int k = 0; k < VARIANTS; k++) {
            byte[] m = new byte[MESSAGE_BYTES];
            for (int j = 0; j < MESSAGE_BYTES; j++) {
                int c = (k + j) % 32; // lower-case letters, then digits, which upper-casing keeps
                m[j] = (byte) (c < 26 ? 'a' + c : '0' + c - 26);
            }
            MESSAGES[k] = m;
            byte[] r = m.clone();
            upper(r, r.length);
            REPLIES[k] = r;
        }
    }

    private EchoWorkload() {
    }

    /** The message of round trip {@code i}; not to be modified. */
    static byte[] message(int i) {
        return MESSAGES[i % VARIANTS];
    }

    /** The reply expected for round trip {@code i}: the message upper-cased (ASCII, as {@code bytes.upper()}). */
    static byte[] reply(int i) {
        return REPLIES[i % VARIANTS];
    }

    /** Upper-cases the ASCII letters among the first {@code n} bytes of {@code buf}, in place. */
    static void upper(byte[] buf, int n) {
        for (int i = 0; i < n; i++) {
            byte b = buf[i];
            if (b >= 'a' && b <= 'z') {
                buf[i] = (byte) (b - ('a' - 'A'));
            }
        }
    }

    /** The first {@code n} bytes of {@code b} as text, for a failed check's message. */
    static String ascii(byte[] b, int n) {
        return new String(b, 0, Math.max(n, 0), StandardCharsets.ISO_8859_1);
    }

    /**
     * Serves one blocking connection until the peer closes it, waiting: reads up to
     * {@link #READ_BYTES}, writes them back upper-cased (CPython's handler:
     * {@code while data := recv(1024): sendall(data.upper())}).
     */
    static void serveUpper(InputStream in, OutputStream out) throws IOException {
        byte[] buf = new byte[READ_BYTES];
        int n;
        while ((n = in.read(buf)) > 0) {
            upper(buf, n);
            out.write(buf, 0, n);
        }
    }

    /**
     * Runs {@code clients} clients against {@code 127.0.0.1:port}, each on a platform thread of its
     * own with a blocking {@link Socket}, and waits for all of them; a wrong reply fails the run.
     */
    static void threadClients(int port, int clients, int roundTrips) throws Exception {
        List<Harness.Work> bodies = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            bodies.add(() -> blockingClient(port, roundTrips));
        }
        Harness.runThreads(bodies);
    }

    private static void blockingClient(int port, int roundTrips) throws IOException, CheckFailedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] got = new byte[MESSAGE_BYTES];
            for (int i = 0; i < roundTrips; i++) {
                out.write(message(i));
                int n = in.readNBytes(got, 0, MESSAGE_BYTES); // loops until all 64 arrive or EOF
                if (n != MESSAGE_BYTES || !Arrays.equals(got, reply(i))) {
                    check(false, "round trip " + i + " got '" + ascii(got, n) + "' (expected: '"
                            + ascii(reply(i), MESSAGE_BYTES) + "')");
                }
            }
        }
    }

    /**
     * Runs {@code clients} clients against {@code 127.0.0.1:port}, all on the calling thread with
     * non-blocking {@link SocketChannel}s and one {@link Selector}, waiting until every one has done
     * its round trips and closed; a wrong reply fails the run.
     */
    static void selectorClients(int port, int clients, int roundTrips) throws Exception {
        /*
         * Why one selector thread rather than a thread (or virtual thread) per client: the server under
         * test is a single event-loop thread, and the machine has 2 vCPUs. One client thread costs one
         * core at most and wakes once per batch of ready replies; 100 client threads (platform or
         * virtual, whose blocking reads go through the JDK's poller and a carrier hand-off) would take
         * CPU and wake-ups from the server being measured, and more so the faster it is. Both Java
         * sides of asyncio_echo use this same driver, so their ratio is the servers' ratio.
         */
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        List<SocketChannel> channels = new ArrayList<>(clients);
        try (Selector selector = Selector.open()) {
            for (int c = 0; c < clients; c++) {
                SocketChannel ch = SocketChannel.open(address); // connected, blocking
                channels.add(ch);
                ch.configureBlocking(false);
                SelectorClient client = new SelectorClient(ch);
                client.key = ch.register(selector, SelectionKey.OP_READ, client);
                client.send();
            }
            long deadline = System.nanoTime() + Harness.RUN_DEADLINE.toNanos();
            int active = clients;
            while (active > 0) {
                if (System.nanoTime() > deadline) {
                    throw new CheckFailedException("clients did not finish within " + Harness.RUN_DEADLINE.toSeconds()
                            + " s (" + active + " of " + clients + " still running)");
                }
                selector.select(1000);
                for (SelectionKey key : selector.selectedKeys()) {
                    if (((SelectorClient) key.attachment()).ready(roundTrips)) {
                        active--;
                    }
                }
                selector.selectedKeys().clear();
            }
        } finally {
            for (SocketChannel ch : channels) {
                ch.close();
            }
        }
    }

    /** One client of {@link #selectorClients}: its channel, the reply being read, the message being sent. */
    private static final class SelectorClient {
        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(MESSAGE_BYTES);
        private ByteBuffer out;
        private SelectionKey key;
        private int done;

        SelectorClient(SocketChannel channel) {
            this.channel = channel;
        }

        /** Sends message {@code done}; what the socket does not take waits for OP_WRITE. */
        void send() throws IOException {
            out = ByteBuffer.wrap(message(done));
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** Handles a ready key; returns true when this client has just finished and closed. */
        boolean ready(int roundTrips) throws IOException, CheckFailedException {
            if (key.isWritable()) {
                channel.write(out);
                if (out.hasRemaining()) {
                    return false;
                }
                key.interestOps(SelectionKey.OP_READ);
            }
            if (!key.isReadable()) {
                return false;
            }
            if (channel.read(in) < 0) {
                throw new CheckFailedException("round trip " + done + ": the server closed the connection after "
                        + in.position() + " of " + MESSAGE_BYTES + " bytes");
            }
            if (in.hasRemaining()) {
                return false; // loop until all 64 arrive
            }
            if (!Arrays.equals(in.array(), reply(done))) {
                throw new CheckFailedException("round trip " + done + " got '" + ascii(in.array(), MESSAGE_BYTES)
                        + "' (expected: '" + ascii(reply(done), MESSAGE_BYTES) + "')");
            }
            in.clear();
            if (++done == roundTrips) {
                key.cancel();
                channel.close();
                return true;
            }
            send();
            return false;
        }
    }
}
