package io.bingfa.bench;

import static io.bingfa.bench.Harness.check;

import io.bingfa.socketserver.BaseRequestHandler;
import io.bingfa.socketserver.ThreadingTcpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code threaded_echo}: a thread-per-connection server echoes 64-byte messages upper-cased to 50
 * clients, each doing 400 round trips one at a time; round trips/s. bingfa: a
 * {@link ThreadingTcpServer} (a platform thread per connection) whose handler reads up to 1024 bytes
 * from the socket and writes them back upper-cased until the client closes. The JDK peer: a
 * {@link ServerSocket} accept loop on a platform thread that starts a platform thread per
 * connection running the same loop. Both Java sides are driven by the same clients, one platform
 * thread each with a blocking socket ({@link EchoWorkload#threadClients}), as CPython's are threads.
 * {@code quick}: 5 clients x 400 round trips.
 */
/*
 * The servers are started in open(), untimed, and serve the warm-up and every timed run: binding a
 * port and starting an accept thread is set-up, not the workload, and CPython's script does the same
 * (one ThreadingTCPServer for the session). What the workload is about - a thread started per
 * connection, its reads and writes, the connection's end - happens in every run, since each run's
 * clients connect anew and close at the end. The run ends when every client has its last reply
 * and has closed; the servers' handler threads end just after, and close() waits for them.
 */
final class ThreadedEcho extends Benchmark {
    private final int clients;
    private final int roundTrips;
    private ThreadingTcpServer server;
    private Thread serving;
    private JdkServer jdkServer;

    ThreadedEcho(boolean quick) {
        clients = quick ? 5 : 50;
        roundTrips = 400;
    }

    @Override public String name() { return "threaded_echo"; }
    @Override public Unit unit() { return Unit.ROUND_TRIPS_PER_SECOND; }
    @Override
    public Goal goal() {
        return Goal.ratios(2, Double.NaN, "ServerSocket + a platform thread per connection");
    }

    @Override
    public String workload() {
        return "thread-per-connection echo server (upper-cases), " + clients + " clients x " + roundTrips
                + " round trips of " + EchoWorkload.MESSAGE_BYTES + " B";
    }

    @Override public long amount() { return (long) clients * roundTrips; }

    @Override
    public void open() throws Exception {
        server = ThreadingTcpServer.builder(UpperEcho::new).port(0).build();
        serving = Thread.ofPlatform().name("threaded_echo-serve").start(() -> {
            try {
                server.serveForever();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        jdkServer = new JdkServer();
    }

    @Override
    public void bingfa() throws Exception {
        EchoWorkload.threadClients(server.address().getPort(), clients, roundTrips);
    }

    @Override
    public void jdk() throws Exception {
        EchoWorkload.threadClients(jdkServer.port(), clients, roundTrips);
    }

    @Override
    public void close() throws Exception {
        try {
            if (server != null) {
                server.close(); // stops serveForever, then waits for the handler threads
                serving.join(Harness.RUN_DEADLINE);
                check(!serving.isAlive(), "the serving thread did not end after close()");
            }
        } finally {
            if (jdkServer != null) {
                jdkServer.close();
            }
        }
    }

    /** bingfa's handler: CPython's {@code BaseRequestHandler} with a {@code recv}/{@code sendall} loop. */
    static final class UpperEcho extends BaseRequestHandler {
        @Override
        protected void handle() throws IOException {
            EchoWorkload.serveUpper(request().getInputStream(), request().getOutputStream());
        }
    }

    /**
     * The JDK peer: a blocking {@link ServerSocket} on 127.0.0.1 whose accept thread starts a
     * platform thread per connection. {@link #close()} closes the listening socket and waits for
     * the accept thread and every connection thread.
     */
    private static final class JdkServer implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread acceptor;
        private final Set<Thread> connections = ConcurrentHashMap.newKeySet();

        JdkServer() throws IOException {
            listener = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofPlatform().name("threaded_echo-jdk-accept").start(this::acceptLoop);
        }

        int port() {
            return listener.getLocalPort();
        }

        private void acceptLoop() {
            Thread.Builder threads = Thread.ofPlatform().name("threaded_echo-jdk-", 0);
            while (true) {
                Socket s;
                try {
                    s = listener.accept();
                } catch (IOException closed) {
                    return; // close() closed the listener
                }
                Thread t = threads.unstarted(() -> {
                    try (s) {
                        EchoWorkload.serveUpper(s.getInputStream(), s.getOutputStream());
                    } catch (IOException peerGone) {
                        // the client failed or went away: its own check reports it
                    } finally {
                        connections.remove(Thread.currentThread());
                    }
                });
                connections.add(t);
                t.start();
            }
        }

        @Override
        public void close() throws Exception {
            listener.close();
            acceptor.join(Harness.RUN_DEADLINE);
            for (Thread t : connections.toArray(Thread[]::new)) {
                t.join(Duration.ofSeconds(10));
            }
            check(!acceptor.isAlive() && connections.isEmpty(),
                    "JDK server threads still running after close: " + connections.size() + " connections");
        }
    }
}
