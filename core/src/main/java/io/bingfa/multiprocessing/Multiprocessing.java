package io.bingfa.multiprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's module-level {@code multiprocessing} functions: who this JVM is, who started it, and
 * how many CPUs it may use.
 */
public final class Multiprocessing {
    private static volatile JvmProcess current = new JvmProcess(true, "MainProcess", "", false,
            Auth.newKey(), ProcessHandle.current());
    private static volatile JvmProcess parent;

    private Multiprocessing() {}

    /**
     * Returns this JVM as a process: "MainProcess" in a JVM bingfa did not start, otherwise the
     * name its parent gave it. It is alive, has no exit code, and holds the auth key its children
     * inherit.
     */
    public static JvmProcess currentProcess() {
        return current;
    }

    /** Returns the process that started this JVM, or {@code null} in the main process. */
    public static JvmProcess parentProcess() {
        return parent;
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
        return current.identity();
    }

    /** Called once by {@link ChildMain} before the target runs. */
    static void becomeChild(Bootstrap boot) {
        current = new JvmProcess(true, boot.name(), boot.identity(), boot.daemon(), boot.authKey(),
                ProcessHandle.current());
        parent = ProcessHandle.of(boot.parentPid())
                .map(h -> new JvmProcess(false, boot.parentName(), "", false, new byte[0], h))
                .orElse(null);
    }
}
