package io.bingfa.multiprocessing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Where the two ends of one {@link Pipe} find each other: a directory in the creating JVM's
 * {@link RuntimeDir}, plus the creator's pid and the pipe's own auth key. Serialisable, so it
 * travels inside a shipped {@link Connection}.
 *
 * <p>Files in the directory, each written by moving a finished temporary file into place:
 * {@code left.sock} (the listening Unix socket) or {@code left.port} (the TCP port),
 * {@code <side>.claim} (pid of the JVM that received a shipped end), {@code <side>.spill} (frames
 * an end sent before it was ever connected, written when it closes) and {@code <side>.closed}
 * (the tombstone of an end closed before it was connected).
 */
record PipeRendezvous(String dir, long creatorPid, byte[] key, boolean unix) implements Serializable {
    private static final AtomicLong COUNTER = new AtomicLong();
    static final long PID = ProcessHandle.current().pid();

    /** What a waiting end sees of its peer. */
    enum PeerStatus { WAITING, CLOSED, GONE }

    static PipeRendezvous create() {
        Path base = RuntimeDir.get();
        Path dir = base.resolve("pipe-" + COUNTER.incrementAndGet());
        try {
            Files.createDirectory(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot create the rendezvous directory " + dir, e);
        }
        return new PipeRendezvous(dir.toString(), PID, Auth.newKey(), RuntimeDir.unixSocketsWork());
    }

    Path file(String name) {
        return Path.of(dir, name);
    }

    static String side(boolean left) {
        return left ? "left" : "right";
    }

    Endpoint listenEndpoint() {
        return unix ? Endpoint.unix(file("left.sock"))
                : Endpoint.tcp(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
    }

    /** The endpoint the left end listens on, or null if it is not listening yet. */
    Endpoint connectEndpoint() throws IOException {
        if (unix) {
            Path sock = file("left.sock");
            return Files.exists(sock) ? Endpoint.unix(sock) : null;
        }
        try {
            String port = Files.readString(file("left.port"), StandardCharsets.US_ASCII).trim();
            return Endpoint.tcp(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(),
                    Integer.parseInt(port)));
        } catch (NoSuchFileException notYet) {
            return null;
        }
    }

    void publishPort(int port) throws IOException {
        writeAtomically("left.port", Integer.toString(port).getBytes(StandardCharsets.US_ASCII));
    }

    void writeAtomically(String name, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(Path.of(dir), name, ".tmp");
        try {
            Files.write(tmp, content);
            Files.move(tmp, file(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The pid in {@code <side>.claim}, or 0 if nobody claimed that end. */
    long claimant(boolean left) {
        try {
            return Long.parseLong(Files.readString(file(side(left) + ".claim")).trim());
        } catch (IOException | NumberFormatException none) {
            return 0;
        }
    }

    void claim(boolean left) throws IOException {
        writeAtomically(side(left) + ".claim", Long.toString(PID).getBytes(StandardCharsets.US_ASCII));
    }

    static boolean alive(long pid) {
        return pid == PID || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** How the peer of the {@code left} (or right) end is doing, seen from an end still waiting for it. */
    PeerStatus peerStatus(boolean left) {
        if (!Files.isDirectory(Path.of(dir))) {
            return PeerStatus.GONE; // the creating JVM exited and removed its runtime directory
        }
        String peer = side(!left);
        if (Files.exists(file(peer + ".closed"))) {
            return PeerStatus.CLOSED;
        }
        long claimant = claimant(!left);
        if (claimant != 0) {
            return alive(claimant) ? PeerStatus.WAITING : PeerStatus.GONE;
        }
        return alive(creatorPid) ? PeerStatus.WAITING : PeerStatus.GONE;
    }

    /** Writes the frames an unconnected end still holds, then its tombstone. */
    void closeUnconnected(boolean left, List<byte[]> unsent) throws IOException {
        if (!Files.isDirectory(Path.of(dir))) {
            return;
        }
        if (!unsent.isEmpty()) {
            var bytes = new ByteArrayOutputStream();
            try (var out = new DataOutputStream(bytes)) {
                for (byte[] frame : unsent) {
                    out.writeInt(frame.length);
                    out.write(frame);
                }
            }
            writeAtomically(side(left) + ".spill", bytes.toByteArray());
        }
        writeAtomically(side(left) + ".closed", new byte[0]);
    }

    /** Reads the frames the closed peer of the {@code left} (or right) end left behind. */
    ArrayDeque<byte[]> readSpill(boolean left) throws IOException {
        var frames = new ArrayDeque<byte[]>();
        Path spill = file(side(!left) + ".spill");
        if (!Files.exists(spill)) {
            return frames;
        }
        try (var in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(spill)))) {
            while (in.available() > 0) {
                byte[] frame = new byte[in.readInt()];
                in.readFully(frame);
                frames.add(frame);
            }
        }
        Files.deleteIfExists(spill);
        return frames;
    }

    /** Removes the directory once both ends are connected and nobody needs it any more. */
    void remove() {
        Path root = Path.of(dir);
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(root);
        } catch (IOException ignored) {
            // best effort: the runtime directory goes at exit anyway
        }
    }

    @Override
    public String toString() {
        return "PipeRendezvous[" + dir + ", creator pid " + creatorPid + (unix ? ", unix" : ", tcp") + "]";
    }
}
