package io.bingfa.lab.examples;

import io.bingfa.threading.ExceptHook;
import io.bingfa.threading.Threads;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs an example the way Python runs a script: the program's main part, then the interpreter's
 * exit, which waits for the non-daemon threads still running. A daemon thread still running then is
 * stopped (interrupted), as the end of the process would stop it.
 *
 * <p>An exception that ends one of the example's threads is printed ("Exception in thread NAME:",
 * Python's {@code threading.excepthook}) and makes the run fail.
 */
/*
 * The threads an example started are those alive after it that were not alive before it: the lab runs
 * one example at a time, so nothing else starts threads meanwhile. The except hook and the default
 * uncaught-exception handler are swapped for the run (Threads.start reports to the first, threads
 * started as Thread subclasses to the second) and restored afterwards.
 */
public final class ExampleRunner {
    /** How long the "interpreter exit" waits for the threads an example left running. */
    public static final Duration EXIT_WAIT = Duration.ofSeconds(30);

    private ExampleRunner() {}

    /**
     * Runs {@code example}, then waits for the threads it left running.
     *
     * @param example the example
     * @param ctx what it runs with
     * @param err where failures are reported
     * @return 0 if the example and all its threads ended normally, 1 otherwise
     */
    public static int run(Example example, ExampleContext ctx, PrintStream err) {
        Set<Thread> before = liveThreads();
        List<String> failed = new CopyOnWriteArrayList<>();
        ExceptHook previousHook = Threads.exceptHook();
        Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        ExceptHook hook = (thread, failure) -> {
            String name = thread == null ? "?" : thread.getName();
            failed.add(name);
            synchronized (err) {
                err.println("Exception in thread " + name + ":");
                failure.printStackTrace(err);
            }
        };
        Threads.setExceptHook(hook);
        Thread.setDefaultUncaughtExceptionHandler(hook::handle);
        boolean ok = true;
        try {
            example.run(ctx);
        } catch (Exception | Error failure) {
            ok = false;
            synchronized (err) {
                err.println("example " + example.name() + " failed:");
                failure.printStackTrace(err);
            }
        } finally {
            ok &= exit(example, before, err);
            Threads.setExceptHook(previousHook == Threads.DEFAULT_EXCEPT_HOOK ? null : previousHook);
            Thread.setDefaultUncaughtExceptionHandler(previousHandler);
        }
        return ok && failed.isEmpty() ? 0 : 1;
    }

    /** The interpreter's exit: joins the non-daemon threads left running, stops the daemon ones. */
    private static boolean exit(Example example, Set<Thread> before, PrintStream err) {
        boolean ok = true;
        boolean interrupted = false;
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        List<Thread> started = startedSince(before);
        for (Thread thread : started) {
            if (thread.isDaemon()) {
                continue;
            }
            try {
                thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                interrupted = true;
            }
            if (thread.isAlive()) {
                ok = false;
                err.println("example " + example.name() + ": thread " + thread.getName()
                        + " still running " + EXIT_WAIT.toSeconds() + " s after the example ended; interrupting it");
            }
        }
        for (Thread thread : started) {
            if (thread.isAlive()) {
                thread.interrupt();
                try {
                    thread.join(Duration.ofSeconds(5));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
                if (thread.isAlive()) {
                    ok = false;
                    err.println("example " + example.name() + ": thread " + thread.getName()
                            + " did not end when interrupted");
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ok;
    }

    /**
     * The threads started since {@code before}, except the JDK's own daemon threads: those of the
     * system thread group, such as AWT's toolkit thread and the Java2D disposer that a window starts,
     * belong to the JVM and live as long as it does (as Tk's do with Python's interpreter).
     */
    private static List<Thread> startedSince(Set<Thread> before) {
        ThreadGroup system = systemGroup();
        List<Thread> started = new ArrayList<>();
        for (Thread thread : liveThreads()) {
            if (thread.isDaemon() && (isJdkGroup(thread.getThreadGroup(), system)
                    || thread.getName().startsWith("bingfa-"))) {
                continue;
            }
            if (!before.contains(thread) && thread != Thread.currentThread()) {
                started.add(thread);
            }
        }
        started.sort((a, b) -> Long.compare(a.threadId(), b.threadId()));
        return started;
    }

    /**
     * The system group, and the JDK's own groups directly under it other than main: the
     * InnocuousThreadGroup of the "process reaper" threads that any java.lang.Process starts and of
     * a Cleaner's thread.
     */
    private static boolean isJdkGroup(ThreadGroup group, ThreadGroup system) {
        return group == system || group != null && group.getParent() == system && !group.getName().equals("main");
    }

    private static ThreadGroup systemGroup() {
        ThreadGroup group = Thread.currentThread().getThreadGroup();
        while (group.getParent() != null) {
            group = group.getParent();
        }
        return group;
    }

    private static Set<Thread> liveThreads() {
        Set<Thread> live = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                live.add(thread);
            }
        }
        return live;
    }
}
