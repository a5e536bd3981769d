package io.bingfa.lab.echo;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options after {@code serve echo}, {@code client echo} and {@code load echo}: each takes a
 * value after a space or an equals sign ({@code --port 8080}, {@code --port=8080}), except
 * {@code --help}. Bad values are reported by name with what was expected.
 */
final class EchoArgs {
    /** A command line that cannot run; the message names the bad value and what was expected. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private final Map<String, String> values;
    private final boolean help;

    private EchoArgs(Map<String, String> values, boolean help) {
        this.values = values;
        this.help = help;
    }

    /**
     * Parses {@code args}: the server's name ({@code echo}) then options among {@code allowed}.
     *
     * @throws Invalid for a missing or unknown server name, an unknown option or a missing value
     */
    static EchoArgs parse(String command, List<String> args, List<String> allowed) throws Invalid {
        Map<String, String> values = new LinkedHashMap<>();
        boolean help = false;
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
                return new EchoArgs(values, true);
            }
            throw new Invalid(command + ": missing server name (expected: echo)");
        }
        if (!args.get(0).equals("echo")) {
            throw new Invalid(command + ": unknown server: " + args.get(0) + " (expected: echo)");
        }
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new Invalid(command + " echo: unexpected argument: " + arg + " (expected: options starting with --)");
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            if (!allowed.contains(name)) {
                throw new Invalid(command + " echo: unknown option: " + name + " (expected: one of "
                        + String.join(", ", allowed) + ")");
            }
            String value;
            if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new Invalid(name + ": missing value");
            }
            values.put(name, value);
        }
        return new EchoArgs(values, help);
    }

    boolean help() {
        return help;
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    /** {@code --mode}, or {@code fallback} when not given. */
    EchoMode mode(EchoMode fallback) throws Invalid {
        String v = values.get("--mode");
        if (v == null) {
            return fallback;
        }
        try {
            return EchoMode.parse(v);
        } catch (IllegalArgumentException e) {
            throw new Invalid(e.getMessage());
        }
    }

    /** A whole number >= {@code min}, or {@code fallback} when not given. */
    int count(String name, int fallback, int min, int max) throws Invalid {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        String expected = max == Integer.MAX_VALUE ? "a whole number >= " + min
                : "a whole number from " + min + " to " + max;
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new Invalid(name + ": " + v + " (expected: " + expected + ")");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Invalid(name + ": " + v + " (expected: " + expected + ")");
        }
    }

    /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m}, or {@code fallback} when not given (may be null). */
    Duration duration(String name, Duration fallback, boolean zeroAllowed) throws Invalid {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        Matcher m = DURATION.matcher(v);
        String expected = " (expected: a duration" + (zeroAllowed ? "" : " > 0") + " such as 10s, 500ms, 1.5s or 2m)";
        if (!m.matches()) {
            throw new Invalid(name + ": " + v + expected);
        }
        double amount = Double.parseDouble(m.group(1));
        double nanos = amount * switch (m.group(2)) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
        if ((!zeroAllowed && nanos < 1e6) || nanos > 366 * 24 * 3600e9) {
            throw new Invalid(name + ": " + v + expected);
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /**
     * {@code --host} (default 127.0.0.1) and {@code --port} (default {@code defaultPort}, at least
     * {@code minPort}: 0 lets a server pick one, a client needs a real one), resolved.
     */
    InetSocketAddress address(int defaultPort, int minPort) throws Invalid {
        String host = values.getOrDefault("--host", "127.0.0.1");
        int port = count("--port", defaultPort, minPort, 65535);
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new Invalid("--host: " + host + " (expected: an IP address, or a host name that resolves)");
        }
        return address;
    }
}
