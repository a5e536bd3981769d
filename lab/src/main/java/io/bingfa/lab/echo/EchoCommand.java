package io.bingfa.lab.echo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve echo} and {@code client echo}: the seed's upper-casing echo server, in one of the
 * {@link EchoMode}s, until Ctrl-C or {@code --duration}; and its client, bounded. {@code load echo}
 * is {@link LoadCommand}. Exit codes: 0 done, 1 it failed (the port is taken, the server cannot be
 * reached, an answer was wrong), 2 a wrong command line.
 */
public final class EchoCommand {
    static final int DEFAULT_PORT = 8080;

    private EchoCommand() {}

    /** Runs {@code serve echo [OPTIONS]}: returns when the server is closed (Ctrl-C or {@code --duration}). */
    public static int serve(List<String> args, PrintStream out, PrintStream err) {
        EchoMode mode;
        InetSocketAddress address;
        Duration duration;
        int processes;
        try {
            EchoArgs a = EchoArgs.parse("serve", args, List.of("--mode", "--host", "--port", "--processes", "--duration"));
            if (a.help()) {
                out.print(serveUsage());
                return 0;
            }
            mode = a.mode(EchoMode.THREAD);
            address = a.address(DEFAULT_PORT, 0);
            processes = a.count("--processes", EchoServers.defaultProcesses(), 1, 64);
            duration = a.duration("--duration", null, false);
        } catch (EchoArgs.Invalid e) {
            return wrong(err, "serve", e.getMessage(), serveUsage());
        }
        EchoServer server;
        try {
            server = EchoServers.start(mode, address, processes);
        } catch (UncheckedIOException | IllegalStateException | UnsupportedOperationException e) {
            err.println("bingfa serve: " + e.getMessage());
            return 1;
        }
        InetSocketAddress bound = server.address();
        out.printf("echo server (%s: %s) listening on %s; %s%n", mode.label(), server.details(),
                EchoServers.hostPort(bound),
                duration == null ? "Ctrl-C stops it" : "it stops after " + duration.toMillis() + " ms or at Ctrl-C");
        CountDownLatch closedByHook = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            server.close();
            out.println("echo server closed (Ctrl-C or another signal that ends the JVM)");
            closedByHook.countDown();
        }, "echo-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            boolean hookRan = duration == null ? awaitForever(closedByHook)
                    : closedByHook.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            if (hookRan) {
                return 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            return 0;                                   // the hook closes it
        }
        server.close();
        out.println("echo server closed");
        return 0;
    }

    private static boolean awaitForever(CountDownLatch latch) throws InterruptedException {
        latch.await();
        return true;
    }

    /** Runs {@code client echo [OPTIONS]}: returns once every message is answered. */
    public static int client(List<String> args, PrintStream out, PrintStream err) {
        InetSocketAddress address;
        int messages;
        try {
            EchoArgs a = EchoArgs.parse("client", args, List.of("--host", "--port", "--messages"));
            if (a.help()) {
                out.print(clientUsage());
                return 0;
            }
            address = a.address(DEFAULT_PORT, 1);
            messages = a.count("--messages", 3, 1, Integer.MAX_VALUE);
        } catch (EchoArgs.Invalid e) {
            return wrong(err, "client", e.getMessage(), clientUsage());
        }
        try {
            int echoed = EchoClient.run(address, messages, out);
            if (echoed != messages) {
                err.printf("bingfa client: %d of %d answers were not the message in upper case%n", messages - echoed, messages);
                return 1;
            }
            return 0;
        } catch (IOException e) {
            err.println("bingfa client: " + EchoServers.hostPort(address) + ": " + e.getMessage()
                    + " (is ./bingfa serve echo running there?)");
            return 1;
        }
    }

    /** Prints the error, a blank line and the usage to {@code err}; returns 2. */
    static int wrong(PrintStream err, String command, String message, String usage) {
        err.println("bingfa " + command + ": " + message);
        err.println();
        err.print(usage);
        return 2;
    }

    public static String serveUsage() {
        return """
                Usage: ./bingfa serve echo [--mode thread|virtual|process|asyncio] [--port 8080] [--host 127.0.0.1]
                                           [--processes N] [--duration D]

                Runs the course's echo server: it answers every chunk it receives in upper case (000 §二).
                It prints the address it listens on and runs until Ctrl-C, or for D (10s, 500ms, 2m).

                  --mode thread    a platform thread per connection (ThreadingTcpServer), the default
                  --mode virtual   a virtual thread per connection (ThreadingTcpServer, virtualThreads)
                  --mode process   N child JVMs sharing the port (ProcessTcpServer, SO_REUSEPORT)
                  --mode asyncio   one event loop, a task per connection (Asyncio.startServer)
                  --port P         the port (default 8080; 0 picks a free one)
                  --host H         the address to bind (default 127.0.0.1)
                  --processes N    child JVMs for --mode process (default: the cores, at least 2)
                  --duration D     stop after D instead of at Ctrl-C

                Try it with ./bingfa client echo, or measure it with ./bingfa load echo --port 8080.
                Exit codes: 0 done, 1 it could not serve (port in use), 2 a wrong command line.
                """;
    }

    public static String clientUsage() {
        return """
                Usage: ./bingfa client echo [--host 127.0.0.1] [--port 8080] [--messages N]

                The course's echo client, bounded: sends N lines (hello world 1 .. N, default 3) to the
                echo server, prints each answer, and exits.
                Exit codes: 0 every answer was the line in upper case, 1 the server could not be
                reached or answered wrongly, 2 a wrong command line.
                """;
    }
}
