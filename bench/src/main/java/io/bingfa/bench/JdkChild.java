package io.bingfa.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of the plain-JDK peers of the multiprocessing benchmarks: what a program without
 * bingfa writes, {@code java -cp <class path> io.bingfa.bench.JdkChild MODE} started with a
 * {@link ProcessBuilder}, talking binary ints and longs ({@link DataInputStream} /
 * {@link DataOutputStream}) over its stdin and stdout. Modes:
 * <ul>
 *   <li>{@code noop}: returns at once ({@code process_start});
 *   <li>{@code spin N}: prints {@code spin(N)} as text and exits ({@code cpu_threads_vs_processes});
 *   <li>{@code echo}: reads an int, writes it back, until end of input (the pipe and apply peers);
 *   <li>{@code produce}: reads a count n, writes the ints 0..n-1, until end of input (the queue peer);
 *   <li>{@code squares}: reads lo and hi, writes the longs x*x for lo <= x < hi, until end of input
 *       (the pool map peer).
 * </ul>
 * Every mode ends at end of input, so a parent that closes the child's stdin stops it.
 */
public final class JdkChild {
    private JdkChild() {
    }

    public static void main(String[] args) throws IOException {
        var in = new DataInputStream(new BufferedInputStream(System.in, 1 << 16));
        var out = new DataOutputStream(new BufferedOutputStream(System.out, 1 << 16));
        try {
            switch (args[0]) {
                case "noop" -> {
                }
                case "spin" -> {
                    System.out.println(CpuThreadsVsProcesses.spin(Integer.parseInt(args[1])));
                    System.out.flush();
                }
                case "echo" -> {
                    while (true) {
                        out.writeInt(in.readInt());
                        out.flush();
                    }
                }
                case "produce" -> {
                    while (true) {
                        int n = in.readInt();
                        for (int i = 0; i < n; i++) {
                            out.writeInt(i);
                        }
                        out.flush();
                    }
                }
                case "squares" -> {
                    while (true) {
                        long lo = in.readLong();
                        long hi = in.readLong();
                        for (long x = lo; x < hi; x++) {
                            out.writeLong(x * x);
                        }
                        out.flush();
                    }
                }
                default -> throw new IllegalArgumentException("unknown mode " + args[0]);
            }
        } catch (EOFException endOfInput) {
            // the parent closed our stdin: done
        }
    }

    /** {@code java -cp <this class path> io.bingfa.bench.JdkChild args}, with this JVM's java binary. */
    static ProcessBuilder command(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), JdkChild.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    }

    /** Starts {@code java ... JdkChild args} with its stdin and stdout piped to this JVM. */
    static Process start(String... args) throws IOException {
        return command(args).start();
    }

    /**
     * Closes the child's stdin (which ends every mode), waits up to 10 s for it to exit, then
     * kills it; returns its exit status (a killed child: -9).
     */
    static int stop(Process child) throws InterruptedException {
        try {
            child.getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the child exited already
        }
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
            kill(child);
            return -9;
        }
        return child.exitValue();
    }

    /** Kills the child and waits for it to be gone. */
    static void kill(Process child) throws InterruptedException {
        child.destroyForcibly();
        child.waitFor();
    }

    /** Makes sure the given children are gone, killing those still running; for finally blocks. */
    static void killAll(List<Process> children) throws InterruptedException {
        for (Process child : children) {
            if (child.isAlive()) {
                kill(child);
            }
        }
    }
}
