package io.bingfa.subprocess;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** Shared helpers: argument checks, exit-status decoding and CPython's message formats. */
final class Commands {
    /** Linux signal names by number, for "died with <Signals.SIGKILL: 9>." */
    private static final String[] SIGNALS = {null, "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL",
        "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE", "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2",
        "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT", "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP",
        "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU", "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH",
        "SIGIO", "SIGPWR", "SIGSYS"};

    private Commands() {}

    /** Copies and checks a command line: non-empty, no nulls. */
    static List<String> checkArgs(List<String> args) {
        Objects.requireNonNull(args, "args");
        List<String> copy = List.copyOf(args); // NullPointerException for a null element
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("args: [] (expected: a program and its arguments)");
        }
        return copy;
    }

    /**
     * Maps the JDK's exit value to CPython's returncode: the JDK reports a child killed by
     * signal n as 128 + n (as a shell does), so 129 to 159 read as -1 to -31. A child that
     * called exit(137) itself therefore also reads as -9: the JDK does not tell them apart.
     */
    static int decode(int status) {
        return status > 128 && status < 160 ? -(status - 128) : status;
    }

    /** Python's repr of a list of str: {@code ['sh', '-c', 'exit 1']}. */
    static String repr(List<String> cmd) {
        return cmd.stream().map(Commands::repr).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == quote) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.append(quote).toString();
    }

    /** CalledProcessError.__str__. */
    static String calledMessage(List<String> cmd, int returnCode) {
        if (returnCode < 0) {
            int signal = -returnCode;
            if (signal < SIGNALS.length && SIGNALS[signal] != null) {
                return "Command '" + repr(cmd) + "' died with <Signals." + SIGNALS[signal] + ": "
                        + signal + ">.";
            }
            return "Command '" + repr(cmd) + "' died with unknown signal " + signal + ".";
        }
        return "Command '" + repr(cmd) + "' returned non-zero exit status " + returnCode + ".";
    }

    /** TimeoutExpired.__str__, seconds written as Python would print them (0.5, 30). */
    static String timeoutMessage(List<String> cmd, Duration timeout) {
        return "Command '" + repr(cmd) + "' timed out after " + seconds(timeout) + " seconds";
    }

    static String seconds(Duration d) {
        return BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9))
                .stripTrailingZeros().toPlainString();
    }
}
