package io.bingfa.lab.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * A load generator for the echo server: {@code connections} connections, each sending a request
 * of {@code size} lower-case bytes, waiting for the whole upper-case answer, and sending the
 * next, for {@code duration}; every round trip's latency goes into an HdrHistogram.
 *
 * <pre>{@code
 * LoadResult r = LoadGenerator.run(new LoadGenerator.Settings(address, 50, Duration.ofSeconds(5), 64,
 *         Duration.ZERO), null);
 * r.throughput();          // round trips per second
 * r.latency().getValueAtPercentile(99);   // nanoseconds
 * }</pre>
 *
 * <p>It is a closed loop: each connection has one request in flight, so the figures are what the
 * server sustains with {@code connections} requests outstanding. A closed loop measures latency
 * only for requests it got to send: when the server stalls, the requests that would have been
 * sent meanwhile are never measured (coordinated omission), so the high percentiles are a lower
 * bound on what an open-loop client at the same rate would see.
 */
/*
 * Client connections are virtual threads with blocking sockets: one thread per connection keeps
 * the round trip as plain as the seed's client (write, then read until the answer is complete),
 * and thousands of connections cost a few MB rather than thousands of platform stacks. A blocked
 * read parks the virtual thread on the JDK's poller, so a few carriers drive every connection;
 * that adds a wake-up to each round trip, the same in every server mode compared. NIO with one
 * selector thread would save that wake-up but turns each connection into a state machine.
 *
 * Each worker records into a Histogram of its own (HdrHistogram's Histogram is not thread-safe);
 * they are added together once the workers are joined, which also publishes them.
 */
public final class LoadGenerator {
    /** How long one round trip may take before its connection counts as failed. */
    static final Duration READ_PATIENCE = Duration.ofSeconds(10);

    private LoadGenerator() {}

    /**
     * What to run.
     *
     * @param server the echo server's address
     * @param connections how many connections, each with one request in flight (> 0)
     * @param duration how long round trips are measured (> 0)
     * @param size the bytes of each request and of its answer (> 0)
     * @param warmup how long round trips run before measuring starts (>= 0), for the JIT
     */
    public record Settings(InetSocketAddress server, int connections, Duration duration, int size, Duration warmup) {
        public Settings {
            Objects.requireNonNull(server, "server");
            if (connections < 1) {
                throw new IllegalArgumentException("connections: " + connections + " (expected: > 0)");
            }
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
            }
            if (size < 1) {
                throw new IllegalArgumentException("size: " + size + " (expected: > 0)");
            }
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
            }
        }
    }

    /** Told once a second how the run is going; called on the thread that called {@link #run}. */
    @FunctionalInterface
    public interface Progress {
        /**
         * @param seconds whole seconds since measuring began
         * @param roundTrips round trips measured so far
         */
        void update(long seconds, long roundTrips);
    }

    /**
     * Opens the connections, runs round trips on them for the warm-up and then the duration, and
     * waits until every connection has finished its last round trip; closes them all.
     *
     * @param progress told once a second; null for no progress
     * @throws IOException if a connection cannot be opened (none is left open)
     * @throws InterruptedException if interrupted while waiting (the connections are closed, the
     *     workers joined)
     */
    public static LoadResult run(Settings s, Progress progress) throws IOException, InterruptedException {
        List<Socket> sockets = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        List<Worker> states = new ArrayList<>();
        LongAdder measured = new LongAdder();
        AtomicReference<IOException> firstError = new AtomicReference<>();
        try {
            for (int i = 0; i < s.connections(); i++) {
                sockets.add(connect(s.server()));
            }
            long start = System.nanoTime();
            long measureFrom = start + s.warmup().toNanos();
            long stopAt = measureFrom + s.duration().toNanos();
            for (int i = 0; i < sockets.size(); i++) {
                Worker w = new Worker(sockets.get(i), s.size(), measureFrom, stopAt, measured, firstError);
                states.add(w);
                workers.add(Thread.ofVirtual().name("echo-load-" + i).start(w));
            }
            waitUntil(stopAt, measureFrom, measured, progress);
            for (Thread t : workers) {
                t.join();
            }
            Histogram total = new Histogram(3);
            long errors = 0;
            long mismatches = 0;
            for (Worker w : states) {
                total.add(w.latency);
                errors += w.failed ? 1 : 0;
                mismatches += w.mismatches;
            }
            return new LoadResult(s, total, (stopAt - measureFrom) / 1e9, errors, mismatches, firstError.get());
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
            for (Thread t : workers) {
                EchoServers.joinUninterruptibly(t);
            }
        }
    }

    private static Socket connect(InetSocketAddress server) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(server, (int) EchoClient.PATIENCE.toMillis());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout((int) READ_PATIENCE.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + EchoServers.hostPort(server) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Waits until {@code stopAt}, telling {@code progress} once a second after {@code measureFrom}. */
    private static void waitUntil(long stopAt, long measureFrom, LongAdder measured, Progress progress)
            throws InterruptedException {
        long next = measureFrom + 1_000_000_000L;
        while (true) {
            long now = System.nanoTime();
            if (now - stopAt >= 0) {
                return;
            }
            long until = progress == null ? stopAt : Math.min(stopAt, next);
            if (now - until < 0) {
                Thread.sleep(Duration.ofNanos(until - now));
                continue;
            }
            progress.update((now - measureFrom) / 1_000_000_000L, measured.sum());
            next += 1_000_000_000L;
        }
    }

    /** One connection's round trips; its fields are read after its thread is joined. */
    private static final class Worker implements Runnable {
        private final Socket socket;
        private final byte[] request;
        private final byte[] expected;
        private final long measureFrom;
        private final long stopAt;
        private final LongAdder measured;
        private final AtomicReference<IOException> firstError;
        final Histogram latency = new Histogram(3);
        long mismatches;
        boolean failed;

        Worker(Socket socket, int size, long measureFrom, long stopAt, LongAdder measured,
                AtomicReference<IOException> firstError) {
            this.socket = socket;
            this.request = new byte[size];
            for (int i = 0; i < size; i++) {
                request[i] = (byte) ('a' + i % 26);
            }
            this.expected = request.clone();
            EchoHandler.upper(expected, 0, size);
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
            this.measured = measured;
            this.firstError = firstError;
        }

        @Override
        public void run() {
            byte[] answer = new byte[request.length];
            try {
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                long t0;
                while ((t0 = System.nanoTime()) - stopAt < 0) {
                    out.write(request);
                    int n = in.readNBytes(answer, 0, answer.length);
                    long t1 = System.nanoTime();
                    if (n < answer.length) {
                        throw new IOException("the server closed the connection in the middle of an answer");
                    }
                    if (!Arrays.equals(answer, expected)) {
                        mismatches++;
                    }
                    if (t0 - measureFrom >= 0) {
                        latency.recordValue(t1 - t0);
                        measured.increment();
                    }
                }
            } catch (IOException e) {
                if (!socket.isClosed()) {      // closed by run(): interrupted, not a failure of the server
                    failed = true;
                    firstError.compareAndSet(null, e);
                }
            }
        }
    }
}
