package io.bingfa.lab.echo;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code load echo}: the {@link LoadGenerator} against a running echo server ({@code --port}), or
 * against one it starts in this JVM ({@code --mode}; for {@code process}, child JVMs), then the
 * {@link LoadReport}. Exit codes: 0 done with no error, 1 a connection failed or an answer was
 * wrong, 2 a wrong command line.
 */
public final class LoadCommand {
    private LoadCommand() {}

    /** Runs {@code load echo [OPTIONS]}: returns when the run is over and any server it started is closed. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        EchoMode mode;
        InetSocketAddress address;
        LoadGenerator.Settings settings;
        int processes;
        try {
            EchoArgs a = EchoArgs.parse("load", args, List.of("--connections", "--duration", "--size", "--warmup",
                    "--host", "--port", "--mode", "--processes"));
            if (a.help()) {
                out.print(usage());
                return 0;
            }
            mode = a.mode(null);
            address = mode == null ? a.address(EchoCommand.DEFAULT_PORT, 1) : a.address(0, 0);
            processes = a.count("--processes", EchoServers.defaultProcesses(), 1, 64);
            settings = new LoadGenerator.Settings(address, a.count("--connections", 50, 1, 100_000),
                    a.duration("--duration", Duration.ofSeconds(10), false), a.count("--size", 64, 1, 1 << 20),
                    a.duration("--warmup", Duration.ZERO, true));
        } catch (EchoArgs.Invalid e) {
            return EchoCommand.wrong(err, "load", e.getMessage(), usage());
        }
        EchoServer server = null;
        try {
            if (mode != null) {
                if (mode == EchoMode.PROCESS) {
                    err.printf("load echo: starting %d server processes...%n", processes);
                }
                server = EchoServers.start(mode, address, processes);
                settings = new LoadGenerator.Settings(server.address(), settings.connections(), settings.duration(),
                        settings.size(), settings.warmup());
            }
            InetSocketAddress target = settings.server();
            out.printf(Locale.ROOT, "load echo: %d connections, %d-byte round trips for %s%s against %s%s%n",
                    settings.connections(), settings.size(), seconds(settings.duration()),
                    settings.warmup().isZero() ? "" : " after a " + seconds(settings.warmup()) + " warm-up",
                    EchoServers.hostPort(target),
                    server == null ? "" : " (" + mode.label() + ": " + server.details() + ", started here)");
            LoadResult r = LoadGenerator.run(settings, (s, n) -> err.printf(Locale.ROOT,
                    "load echo: %d s, %,d round trips%n", s, n));
            LoadReport.print(r, out);
            return r.clean() && r.roundTrips() > 0 ? 0 : 1;
        } catch (IOException | UncheckedIOException | IllegalStateException | UnsupportedOperationException e) {
            err.println("bingfa load: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("bingfa load: interrupted");
            return 1;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toNanos() / 1e9);
    }

    public static String usage() {
        return """
                Usage: ./bingfa load echo [--connections 50] [--duration 10s] [--size 64] [--warmup 0s]
                                          [--mode thread|virtual|process|asyncio [--processes N]]
                                          [--host 127.0.0.1] [--port P]

                A load generator for the echo server: N connections, each sending SIZE bytes and waiting
                for the upper-case answer, again and again, for D. It reports the throughput (round trips
                per second) and the latency percentiles (p50, p90, p99, p99.9, max) of every round trip,
                and shows progress once a second.

                  --connections N  connections, each with one request in flight (default 50)
                  --duration D     how long to measure: 10s, 500ms, 2m (default 10s)
                  --size B         bytes per request (default 64)
                  --warmup D       round trips before measuring starts, not counted (default 0s)
                  --mode M         start that echo server here first (process: child JVMs) and load it;
                                   on --port if given, else on a free port
                  --processes N    child JVMs for --mode process (default: the cores, at least 2)
                  --host, --port   without --mode: the running server to load (default 127.0.0.1:8080)

                Example: ./bingfa load echo --mode thread --connections 50 --duration 5s
                Exit codes: 0 done, 1 a connection failed or an answer was wrong, 2 a wrong command line.
                """;
    }
}
