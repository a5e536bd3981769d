package io.bingfa.lab.echo;

import io.bingfa.socketserver.ProcessTcpServer;
import io.bingfa.socketserver.ThreadingTcpServer;
import java.net.InetSocketAddress;
import java.util.stream.Collectors;

/** Starts the echo server in each {@link EchoMode}. */
/*
 * The socketserver servers serve on a platform thread of ours ("echo-serve") that runs
 * serveForever(); close() is shutdown(), join, close(). blockOnClose(false): a client that stays
 * connected must not keep Ctrl-C (or the end of a load run) waiting, so close() closes the open
 * connections and then waits for their handlers.
 */
public final class EchoServers {
    private EchoServers() {}

    /**
     * Starts an echo server and returns once it listens (for {@code PROCESS}, once every child JVM
     * listens, which takes a JVM start-up).
     *
     * @param processes how many child JVMs for {@code PROCESS}; ignored otherwise
     * @throws java.io.UncheckedIOException if the address cannot be bound
     * @throws UnsupportedOperationException for {@code PROCESS} where SO_REUSEPORT is missing
     */
    public static EchoServer start(EchoMode mode, InetSocketAddress address, int processes) {
        return switch (mode) {
            case THREAD, VIRTUAL -> threads(mode, address);
            case PROCESS -> processes(address, processes);
            case ASYNCIO -> AsyncioEchoServer.start(address);
        };
    }

    /** The number of server processes by default: the cores, at least 2 so that the port is shared. */
    public static int defaultProcesses() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /** {@code 127.0.0.1:8080}: the address as a number, never a host name. */
    public static String hostPort(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static EchoServer threads(EchoMode mode, InetSocketAddress address) {
        ThreadingTcpServer server = ThreadingTcpServer.builder(EchoHandler::new).address(address)
                .virtualThreads(mode == EchoMode.VIRTUAL).blockOnClose(false).build();
        return new Served(mode, server.address(), mode == EchoMode.VIRTUAL
                ? "a virtual thread per connection" : "a platform thread per connection",
                server::serveForever, server::shutdown, server::close);
    }

    private static EchoServer processes(InetSocketAddress address, int processes) {
        ProcessTcpServer server = ProcessTcpServer.builder(EchoHandler::new).address(address)
                .processes(processes).blockOnClose(false).build();
        String pids = server.pids().stream().map(String::valueOf).collect(Collectors.joining(", "));
        return new Served(EchoMode.PROCESS, server.address(),
                processes + " server processes (pids " + pids + "), a thread per connection in each",
                server::serveForever, server::shutdown, server::close);
    }

    /** Waits until {@code t} ends, even if interrupted meanwhile (the interrupt status is kept). */
    static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A blocking call that may be interrupted: serveForever, shutdown. */
    @FunctionalInterface
    interface Blocking {
        void run() throws InterruptedException;
    }

    /** A socketserver server served by a thread of its own. */
    private static final class Served implements EchoServer {
        private final EchoMode mode;
        private final InetSocketAddress address;
        private final String details;
        private final Blocking shutdown;
        private final Runnable close;
        private final Thread serving;

        Served(EchoMode mode, InetSocketAddress address, String details, Blocking serve, Blocking shutdown,
                Runnable close) {
            this.mode = mode;
            this.address = address;
            this.details = details;
            this.shutdown = shutdown;
            this.close = close;
            this.serving = Thread.ofPlatform().name("echo-serve").start(() -> {
                try {
                    serve.run();
                } catch (InterruptedException e) {
                    // close() stops serving with shutdown(); nobody interrupts this thread
                }
            });
        }

        @Override
        public EchoMode mode() {
            return mode;
        }

        @Override
        public InetSocketAddress address() {
            return address;
        }

        @Override
        public String details() {
            return details;
        }

        @Override
        public synchronized void close() {
            boolean interrupted = false;
            while (serving.isAlive()) {
                try {
                    shutdown.run();
                    serving.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            close.run();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String toString() {
            return "EchoServer[" + mode.label() + " " + hostPort(address) + "]";
        }
    }
}
