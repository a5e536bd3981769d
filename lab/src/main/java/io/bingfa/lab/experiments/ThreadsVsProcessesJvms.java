package io.bingfa.lab.experiments;

import io.bingfa.SerializableAction;
import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A batch of child JVMs for the process experiments (threads-vs-processes, io-processes,
 * parallel-sum): started one by one, joined together, and on {@link #close} killed if still
 * running and joined, on every path, so that no experiment leaves a child JVM behind. Also reads
 * a child's resident set and CPU time from {@code /proc/<pid>}.
 *
 * <p>At most {@link #MAX_CHILDREN} children may be alive in one batch: the lab never starts more.
 */
final class ThreadsVsProcessesJvms implements AutoCloseable {
    /** The most child JVMs the lab starts at once. */
    static final int MAX_CHILDREN = 16;

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger BATCH = new AtomicInteger();

    private final String prefix;
    private final List<JvmProcess> children = new ArrayList<>();
    private final List<Long> launched = new ArrayList<>();

    /** A batch whose children are named {@code lab-<label>-<batch>-<i>}. */
    ThreadsVsProcessesJvms(String label) {
        this.prefix = "lab-" + label + "-" + BATCH.incrementAndGet() + "-";
    }

    /**
     * Starts a child JVM running {@code target} (copied to it), without waiting for it to run.
     *
     * @return the System.nanoTime() just before the launch
     */
    long start(SerializableAction target) {
        if (children.size() >= MAX_CHILDREN) {
            throw new IllegalStateException("children: " + (children.size() + 1) + " (expected: at most "
                    + MAX_CHILDREN + " child JVMs at once in the lab)");
        }
        JvmProcess p = JvmProcess.builder().target(target).name(prefix + children.size()).daemon(true).build();
        long before = System.nanoTime();
        children.add(p);
        launched.add(before);
        p.start();
        return before;
    }

    List<JvmProcess> children() {
        return children;
    }

    /** The System.nanoTime() just before child {@code i} was launched. */
    long launchedAt(int i) {
        return launched.get(i);
    }

    /** Child {@code i}'s pid, or -1 if it did not start. */
    long pid(int i) {
        try {
            return children.get(i).pid();
        } catch (IllegalStateException notStarted) {
            return -1;
        }
    }

    /**
     * Waits for every child to exit, and checks that each ran its target to the end.
     *
     * @throws IllegalStateException if a child is still running after a minute or exited with a
     *     code other than 0
     */
    void joinAll(Progress progress, String what) throws InterruptedException {
        for (int i = 0; i < children.size(); i++) {
            JvmProcess p = children.get(i);
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (!p.join(Duration.ofMillis(100))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(p + " still running after " + PATIENCE);
                }
                if (progress != null) {
                    progress.update(what.formatted(i, children.size()));
                }
            }
            if (p.exitCode() != 0) {
                throw new IllegalStateException(p + " failed with exit code " + p.exitCode());
            }
        }
    }

    /** Kills every child still running, joins them all, and waits for their helper threads to end. */
    @Override
    public void close() throws InterruptedException {
        List<JvmProcess> started = new ArrayList<>();
        for (int i = 0; i < children.size(); i++) {
            if (pid(i) >= 0) {
                started.add(children.get(i));
            }
        }
        for (JvmProcess p : started) {
            if (p.isAlive()) {
                p.kill();
            }
        }
        for (JvmProcess p : started) {
            if (!p.join(PATIENCE)) {
                throw new IllegalStateException(p + " did not exit after kill()");
            }
        }
        awaitHelperThreads();
    }

    /**
     * Joins the threads JvmProcess keeps per child (output pumps, reaper): they end just after the
     * child, and a lab run must leave no thread behind.
     */
    private void awaitHelperThreads() throws InterruptedException {
        Set<String> names = new java.util.HashSet<>();
        for (JvmProcess p : children) {
            for (String kind : List.of("reaper", "stdout", "stderr")) {
                names.add("bingfa-" + kind + "-" + p.name());
            }
        }
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (names.contains(t.getName())) {
                t.join(PATIENCE.toMillis());
            }
        }
    }

    /** Whether this JVM has no child still running (what every process experiment ends with). */
    static boolean noChildLeft() {
        return Multiprocessing.activeChildren().isEmpty();
    }

    /** A process's VmRSS in bytes, or -1 if it is gone or there is no /proc. */
    static long rss(long pid) {
        return statusField(pid, "VmRSS:") * 1024;
    }

    /**
     * A process's proportional set size in bytes (Pss from /proc/<pid>/smaps_rollup: its private
     * pages plus its share of the pages it shares, such as the JDK's class-data archive), or -1.
     */
    static long pss(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /** A process's thread count, or -1 if it is gone or there is no /proc. */
    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
        return -1;
    }

    /**
     * A process's CPU time so far (user + system, from /proc/<pid>/stat, assuming the usual 100
     * clock ticks a second), in seconds, or -1 if it is gone or there is no /proc.
     */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name (field 2) may hold spaces: the fields after it follow the last ')'
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** Whether /proc has this JVM's status: the memory figures need it. */
    static boolean hasProc() {
        return Files.isReadable(Path.of("/proc/self/status"));
    }
}
