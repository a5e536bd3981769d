package io.bingfa.threading;

import io.bingfa.Action;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Python's {@code threading} module has for threads and the JDK spells differently. Threads
 * are plain {@link java.lang.Thread}s (platform or virtual); this class starts them with Python's
 * names and error reporting and answers Python's module-level questions.
 *
 * <table class="striped">
 * <caption>Python to bingfa</caption>
 * <tr><th>Python</th><th>bingfa</th></tr>
 * <tr><td>{@code Thread(target=f).start()}</td><td>{@link #start(Action)}</td></tr>
 * <tr><td>{@code Thread(target=f, name=n).start()}</td><td>{@link #start(String, Action)}</td></tr>
 * <tr><td>{@code Thread(daemon=True)}, virtual threads</td>
 *     <td>{@code Thread.ofPlatform().daemon().start(Threads.runnable(f))}</td></tr>
 * <tr><td>{@code current_thread()}, {@code main_thread()}</td><td>{@link #current()}, {@link #main()}</td></tr>
 * <tr><td>{@code active_count()}, {@code enumerate()}</td><td>{@link #activeCount()}, {@link #enumerate()}</td></tr>
 * <tr><td>{@code get_ident()}, {@code get_native_id()}</td><td>{@link #ident()}, {@link #nativeId()}</td></tr>
 * <tr><td>{@code excepthook}</td><td>{@link #setExceptHook(ExceptHook)}</td></tr>
 * <tr><td>{@code local()}</td><td>{@link java.lang.ThreadLocal}</td></tr>
 * </table>
 *
 * <p>Not supported, deliberately: killing a thread (neither Python nor the JDK can do it safely).
 * Threads started here are non-daemon unless the starting thread is a daemon (Python's rule), so
 * the JVM waits for them at exit, as Python's interpreter does.
 */
public final class Threads {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Thread MAIN = findMainThread(Thread.getAllStackTraces().keySet());
    private static final System.Logger LOG = System.getLogger(Threads.class.getName());

    /** The default hook: prints "Exception in thread NAME:" and the stack trace to stderr. */
    public static final ExceptHook DEFAULT_EXCEPT_HOOK = Threads::printException;

    private static volatile ExceptHook exceptHook = DEFAULT_EXCEPT_HOOK;

    private Threads() {}

    /**
     * Starts a platform thread named {@code Thread-N} that runs {@code target}; an exception it
     * throws goes to the except hook. Returns at once.
     *
     * @param target what the thread runs
     * @return the started thread
     */
    public static Thread start(Action target) {
        return start(nextName(), target);
    }

    /**
     * Starts a platform thread with a name that runs {@code target}. Returns at once.
     *
     * @param name the thread's name
     * @param target what the thread runs
     * @return the started thread
     */
    public static Thread start(String name, Action target) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        return Thread.ofPlatform().name(name).start(new RunOnce(target));
    }

    /**
     * Runs its action once and then drops it, so a finished thread does not keep the action (and
     * what it captured) reachable through the Thread object (CPython's test_no_refcycle_through_target).
     */
    private static final class RunOnce implements Runnable {
        private Action target;

        RunOnce(Action target) {
            this.target = target;
        }

        @Override
        public void run() {
            Action action = target;
            target = null;
            if (action != null) {
                runnable(action).run();
            }
        }
    }

    /**
     * Adapts an {@link Action} to a {@link Runnable} that passes what it throws to the except hook,
     * for use with {@code Thread.ofPlatform()}, {@code Thread.ofVirtual()} or an executor.
     *
     * @param target the action
     * @return a runnable that runs it
     */
    public static Runnable runnable(Action target) {
        Objects.requireNonNull(target, "target");
        return () -> {
            try {
                target.run();
            } catch (Throwable failure) {
                reportUncaught(Thread.currentThread(), failure);
            }
        };
    }

    /** The next {@code Thread-N} name, from the counter Python's unnamed threads use. */
    public static String nextName() {
        return "Thread-" + COUNTER.incrementAndGet();
    }

    /** The current thread ({@code current_thread()}). */
    public static Thread current() {
        return Thread.currentThread();
    }

    /**
     * The JVM's main thread ({@code main_thread()}): the thread that ran {@code main}, found when
     * this class was first used; {@code null} if that thread had already ended by then.
     */
    public static Thread main() {
        return MAIN;
    }

    /**
     * The live application threads ({@code enumerate()}): the platform threads of the main thread's
     * thread group and its subgroups, so JVM-internal threads (reference handler, finalizer, signal
     * dispatcher, cleaner) are left out, as Python leaves out interpreter internals. Virtual threads
     * cannot be enumerated on the JVM and are not included.
     */
    public static List<Thread> enumerate() {
        ThreadGroup application = MAIN != null && MAIN.getThreadGroup() != null
                ? MAIN.getThreadGroup()
                : Thread.currentThread().getThreadGroup();
        List<Thread> threads = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive() && !thread.isVirtual() && within(thread.getThreadGroup(), application)) {
                threads.add(thread);
            }
        }
        Thread current = Thread.currentThread();
        if (current.isVirtual() && !threads.contains(current)) {
            threads.add(current);
        }
        threads.sort((a, b) -> Long.compare(a.threadId(), b.threadId()));
        return threads;
    }

    /** How many threads {@link #enumerate()} returns ({@code active_count()}). */
    public static int activeCount() {
        return enumerate().size();
    }

    /** The current thread's identifier ({@code get_ident()}): its {@link Thread#threadId()}, never 0. */
    public static long ident() {
        return Thread.currentThread().threadId();
    }

    /**
     * The operating system's id of the current thread ({@code get_native_id()}); for a virtual
     * thread, that of the carrier it runs on now.
     *
     * @return the kernel thread id
     * @throws UnsupportedOperationException where the OS does not expose it (needs Linux's /proc)
     */
    public static long nativeId() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            return Long.parseLong(link.substring(link.lastIndexOf('/') + 1));
        } catch (IOException | UnsupportedOperationException | NumberFormatException e) {
            throw new UnsupportedOperationException(
                    "native thread ids need Linux's /proc/thread-self", e);
        }
    }

    /**
     * Installs the hook that handles exceptions ending threads started by {@link #start},
     * {@link #runnable} or {@link Timer}; {@code null} restores {@link #DEFAULT_EXCEPT_HOOK}.
     *
     * @param hook the new hook
     */
    public static void setExceptHook(ExceptHook hook) {
        exceptHook = hook == null ? DEFAULT_EXCEPT_HOOK : hook;
    }

    /** The hook installed now. */
    public static ExceptHook exceptHook() {
        return exceptHook;
    }

    /**
     * Hands an exception that ended {@code thread} to the except hook. If the hook itself throws,
     * prints "Exception in threading.excepthook:" and the hook's exception (Python does the same).
     */
    static void reportUncaught(Thread thread, Throwable failure) {
        ExceptHook hook = exceptHook;
        try {
            hook.handle(thread, failure);
        } catch (Throwable hookFailure) {
            PrintStream err = System.err;
            synchronized (err) {
                err.println("Exception in threading.excepthook:");
                hookFailure.printStackTrace(err);
            }
            LOG.log(System.Logger.Level.DEBUG, "except hook failed", hookFailure);
        }
    }

    private static void printException(Thread thread, Throwable failure) {
        PrintStream err = System.err;
        synchronized (err) {
            err.println("Exception in thread " + (thread == null ? ident() : thread.getName()) + ":");
            failure.printStackTrace(err);
        }
    }

    private static boolean within(ThreadGroup group, ThreadGroup ancestor) {
        for (ThreadGroup g = group; g != null; g = g.getParent()) {
            if (g == ancestor) {
                return true;
            }
        }
        return false;
    }

    /**
     * The JVM's main thread: named "main", in the top-level "main" thread group (whose parent is
     * "system"), and the first such one created. Thread ids differ between JDK versions (1 on 21,
     * higher on 25), so the id is only used to choose among threads a program named "main" too.
     */
    static Thread findMainThread(Iterable<Thread> threads) {
        Thread found = null;
        for (Thread thread : threads) {
            ThreadGroup group = thread.getThreadGroup();
            boolean mainGroup = group != null && "main".equals(group.getName())
                    && group.getParent() != null && "system".equals(group.getParent().getName());
            if ("main".equals(thread.getName()) && mainGroup && !thread.isDaemon()
                    && (found == null || thread.threadId() < found.threadId())) {
                found = thread;
            }
        }
        return found;
    }
}
