package io.bingfa.multiprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's module-level {@code multiprocessing} functions: who this JVM is, who started it, and
 * how many CPUs it may use.
 */
public final class Multiprocessing {
    // Made on first use, not at class initialisation: a child JVM replaces it before anyone asks,
    // and should not pay for a SecureRandom it never uses (child start-up is measured in ms).
    private static volatile JvmProcess current;
    private static volatile long parentPid = -1;
    private static volatile String parentName;
    private static volatile JvmProcess parent;

    private Multiprocessing() {}

    /**
     * Returns this JVM as a process: "MainProcess" in a JVM bingfa did not start, otherwise the
     * name its parent gave it. It is alive, has no exit code, and holds the auth key its children
     * inherit.
     */
    public static JvmProcess currentProcess() {
        JvmProcess me = current;
        if (me == null) {
            synchronized (Multiprocessing.class) {
                me = current;
                if (me == null) {
                    me = new JvmProcess(true, "MainProcess", "", false, Auth.newKey(),
                            ProcessHandle.current());
                    current = me;
                }
            }
        }
        return me;
    }

    /** Returns the process that started this JVM, or {@code null} in the main process. */
    public static JvmProcess parentProcess() {
        JvmProcess p = parent;
        if (p == null && parentPid >= 0) {
            synchronized (Multiprocessing.class) {
                p = parent;
                if (p == null) {
                    p = ProcessHandle.of(parentPid)
                            .map(h -> new JvmProcess(false, parentName, "", false, new byte[0], h))
                            .orElse(null);
                    parent = p;
                }
            }
        }
        return p;
    }

    /**
     * Prepares this JVM to start children fast and waits at most {@code timeout} for it: on JDK 25
     * and later, when the class path is made of jars, bingfa keeps an ahead-of-time cache of the
     * classes every child loads (made once per JDK and class path by a training child, about 1.5
     * s); children started before it exists start without it. Call this before timing child
     * start-up, or at the start of a program that starts many short-lived children.
     *
     * @param timeout how long to wait for the cache; {@code Duration.ZERO} starts making it
     *     without waiting
     * @return {@code true} if children will now start from the cache
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the current thread is interrupted while waiting
     */
    public static boolean prepareChildren(java.time.Duration timeout) throws InterruptedException {
        return AotCache.prepare(io.bingfa.internal.Timeouts.toNanos(timeout));
    }

    /** Returns the number of CPUs this JVM may use ({@link Runtime#availableProcessors()}). */
    public static int cpuCount() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Returns the children this JVM started that have not exited yet. */
    public static List<JvmProcess> activeChildren() {
        List<JvmProcess> alive = new ArrayList<>();
        for (JvmProcess p : JvmProcess.active()) {
            if (p.isAlive()) {
                alive.add(p);
            }
        }
        return alive;
    }

    /** The identity prefix for the names of children started here: "" in the main process. */
    static String identity() {
        return currentProcess().identity();
    }

    /** Called once by {@link ChildMain} before the target runs. */
    static void becomeChild(Bootstrap boot) {
        current = new JvmProcess(true, boot.name(), boot.identity(), boot.daemon(), boot.authKey(),
                ProcessHandle.current());
        parentName = boot.parentName();
        parentPid = boot.parentPid();
    }
}
