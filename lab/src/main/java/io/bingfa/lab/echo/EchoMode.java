package io.bingfa.lab.echo;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the echo server serves its connections: the four ways of the course, on the command line {@code --mode}. */
public enum EchoMode {
    /** {@code ThreadingTcpServer}: a platform thread per connection ({@code Thread(target=talk)}). */
    THREAD("a platform thread per connection (ThreadingTcpServer)"),
    /** {@code ThreadingTcpServer} with virtual threads: a virtual thread per connection. */
    VIRTUAL("a virtual thread per connection (ThreadingTcpServer, virtualThreads)"),
    /** {@code ProcessTcpServer}: child JVMs sharing the port ({@code Process(target=talk)}). */
    PROCESS("child JVMs sharing the port, a thread per connection in each (ProcessTcpServer)"),
    /** {@code Asyncio.startServer}: one event loop, a task per connection. */
    ASYNCIO("one event loop, a task per connection (Asyncio.startServer)");

    private final String description;

    EchoMode(String description) {
        this.description = description;
    }

    /** The name on the command line: {@code thread}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** How connections are served, in a few words. */
    public String description() {
        return description;
    }

    /** The command-line names, for messages: {@code thread, virtual, process or asyncio}. */
    public static String choices() {
        String all = Arrays.stream(values()).map(EchoMode::label).collect(Collectors.joining(", "));
        int last = all.lastIndexOf(", ");
        return all.substring(0, last) + " or " + all.substring(last + 2);
    }

    /**
     * The mode named {@code text}.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static EchoMode parse(String text) {
        for (EchoMode m : values()) {
            if (m.label().equals(text)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--mode: " + text + " (expected: " + choices() + ")");
    }
}
