package io.bingfa.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** This JVM's file descriptors, for leak checks (Linux /proc; elsewhere the checks are skipped). */
public final class Descriptors {
    private static final Path FDS = Path.of("/proc/self/fd");

    private Descriptors() {}

    /** Whether descriptors can be counted here. */
    public static boolean countable() {
        return Files.isDirectory(FDS);
    }

    /** How many descriptors this JVM has open. */
    public static int open() throws IOException {
        try (Stream<Path> fds = Files.list(FDS)) {
            return (int) fds.count();
        }
    }

    /** What each open descriptor is ({@code socket:[123]}, {@code anon_inode:[eventpoll]}, a path). */
    public static java.util.List<String> describe() throws IOException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    out.add(fd.getFileName() + " -> " + Files.readSymbolicLink(fd));
                } catch (IOException closedMeanwhile) {
                    // the listing's own descriptor, or one closed since
                }
            }
        }
        return out;
    }

    /** How many of this JVM's descriptors are sockets. */
    public static long sockets() throws IOException {
        return describe().stream().filter(d -> d.contains("socket:")).count();
    }

    /** The soft limit on descriptors ({@code ulimit -n}), or -1 if unknown. */
    public static long limit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    return Long.parseLong(line.substring(26).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException unknown) {
            // not Linux
        }
        return -1;
    }
}
