package io.bingfa.multiprocessing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * This JVM's private directory for Unix-domain sockets: {@code <tmp>/bingfa-<pid>-<random>},
 * readable by this user only, removed at exit. Directories left by JVMs that died without exiting
 * (kill -9) are swept when the next one is created.
 */
final class RuntimeDir {
    private static final String PREFIX = "bingfa-";
    private static final AtomicLong COUNTER = new AtomicLong();
    private static volatile Path dir;
    private static volatile Boolean unixSockets;

    private RuntimeDir() {}

    /** Returns a fresh endpoint for a server of this JVM: a socket path, or loopback TCP port 0. */
    static Endpoint newEndpoint(String kind) {
        if (unixSocketsWork()) {
            return Endpoint.unix(get().resolve(kind + "-" + COUNTER.incrementAndGet() + ".sock"));
        }
        return Endpoint.tcp(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    static Path get() {
        Path d = dir;
        if (d == null) {
            synchronized (RuntimeDir.class) {
                d = dir;
                if (d == null) {
                    d = create();
                    dir = d;
                }
            }
        }
        return d;
    }

    static boolean unixSocketsWork() {
        Boolean works = unixSockets;
        if (works == null) {
            try (var probe = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                works = Boolean.TRUE;
            } catch (IOException | UnsupportedOperationException e) {
                works = Boolean.FALSE;
            }
            unixSockets = works;
        }
        return works;
    }

    private static Path create() {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        // A Unix socket path has to fit in 107 bytes; prefer /tmp if the temp dir is long.
        if (base.toString().length() > 60 && Files.isDirectory(Path.of("/tmp"))) {
            base = Path.of("/tmp");
        }
        sweep(base);
        String name = PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
        try {
            Path created;
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                created = Files.createDirectory(base.resolve(name),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                created = Files.createDirectory(base.resolve(name));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(created), "bingfa-rundir-cleanup"));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create bingfa's runtime directory in " + base, e);
        }
    }

    /** Removes directories of JVMs that no longer exist. */
    private static void sweep(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().split("-");
                if (parts.length == 3 && Files.isDirectory(entry)) {
                    try {
                        long pid = Long.parseLong(parts[1]);
                        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                            continue;
                        }
                        delete(entry);
                    } catch (NumberFormatException notOurs) {
                        // leave it
                    }
                }
            }
        } catch (IOException | SecurityException ignored) {
            // sweeping is best effort
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
