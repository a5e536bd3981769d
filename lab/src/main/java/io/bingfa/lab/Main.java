package io.bingfa.lab;

import io.bingfa.lab.echo.EchoCommand;
import io.bingfa.lab.echo.LoadCommand;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The lab's command line: {@code example list}, {@code example NAME [OPTIONS]}, {@code lab},
 * {@code serve echo}, {@code client echo}, {@code load echo} and {@code help}. The {@code ./bingfa} launcher calls it. {@link #run} is the testable entry point;
 * {@link #main} only adds the exit code.
 *
 * <p>Exit codes: 0 done, 1 an example or experiment failed, 2 a wrong command line.
 */
public final class Main {
    private Main() {}

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        PrintStream out = console(FileDescriptor.out, "stdout.encoding");
        PrintStream err = console(FileDescriptor.err, "stderr.encoding");
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Runs a command, printing to {@code out} (results) and {@code err} (errors), without exiting.
     *
     * @param args the command line
     * @param out where output goes
     * @param err where error messages go
     * @return the exit code: 0 done, 1 an example failed, 2 a wrong command line
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = Arrays.asList(args);
        if (list.isEmpty()) {
            err.println("bingfa lab: missing command");
            err.println();
            err.print(usage());
            return 2;
        }
        List<String> rest = list.subList(1, list.size());
        return switch (list.get(0)) {
            case "--help", "-h" -> {
                out.print(usage());
                yield 0;
            }
            case "help" -> help(rest, out, err);
            case "example" -> ExampleCommand.run(rest, out, err);
            case "lab" -> LabCommand.run(rest, out, err);
            case "serve" -> EchoCommand.serve(rest, out, err);
            case "client" -> EchoCommand.client(rest, out, err);
            case "load" -> LoadCommand.run(rest, out, err);
            default -> {
                err.println("bingfa lab: unknown command: " + list.get(0)
                        + " (expected: example, lab, serve, client, load or help)");
                err.println();
                err.print(usage());
                yield 2;
            }
        };
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with errors printed to {@code out} too. */
    public static int run(String[] args, PrintStream out) {
        return run(args, out, out);
    }

    private static int help(List<String> topic, PrintStream out, PrintStream err) {
        if (topic.isEmpty()) {
            out.print(usage());
            return 0;
        }
        return switch (topic.get(0)) {
            case "example" -> {
                out.print(ExampleCommand.usage());
                yield 0;
            }
            case "lab" -> {
                out.print(LabCommand.usage());
                yield 0;
            }
            case "serve" -> {
                out.print(EchoCommand.serveUsage());
                yield 0;
            }
            case "client" -> {
                out.print(EchoCommand.clientUsage());
                yield 0;
            }
            case "load" -> {
                out.print(LoadCommand.usage());
                yield 0;
            }
            default -> {
                err.println("help: unknown command: " + topic.get(0) + " (expected: example, lab, serve, client or load)");
                yield 2;
            }
        };
    }

    static String usage() {
        return """
                bingfa lab: the course's Python concurrency programs, written with bingfa.

                Usage:
                  example list [--lang en|zh]    list the examples, grouped by topic
                  example NAME [OPTIONS]         run one (example NAME --help: its options)
                  lab [NAME|list] [--quick] ...  run the lab's experiments and write lab-report/index.html
                  serve echo [--mode M] ...      run the course's echo server (thread, virtual, process, asyncio)
                  client echo [--messages N]     send N lines to the echo server, print the answers
                  load echo [--connections N] [--duration D] ...
                                                 load the echo server: throughput and latency percentiles
                  help [example|lab|serve|client|load]
                                                 this help, or a command's

                Exit codes: 0 done, 1 an example or experiment failed, 2 a wrong command line.
                """;
    }

    /**
     * A stream on a standard descriptor in the terminal's encoding, or UTF-8 when that encoding
     * cannot show Chinese (a POSIX locale would print the course's text as question marks).
     */
    private static PrintStream console(FileDescriptor fd, String encodingProperty) {
        Charset charset = StandardCharsets.UTF_8;
        String name = System.getProperty(encodingProperty);
        if (name != null) {
            try {
                Charset declared = Charset.forName(name);
                if (declared.newEncoder().canEncode("主线程")) {
                    charset = declared;
                }
            } catch (IllegalArgumentException unsupported) {
                // keep UTF-8
            }
        }
        return new PrintStream(new FileOutputStream(fd), true, charset);
    }
}
