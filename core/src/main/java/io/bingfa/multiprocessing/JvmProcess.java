package io.bingfa.multiprocessing;

import io.bingfa.SerializableAction;
import io.bingfa.internal.Timeouts;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A target run in a child JVM: Python's {@code multiprocessing.Process}.
 *
 * <p>The child is started with this JVM's {@code java} binary and class path, receives the
 * target (and everything it captures) <em>copied</em> through JDK serialisation, runs it, and
 * exits. Nothing is shared with the parent unless passed explicitly: a {@link ProcessQueue}, a
 * {@link Pipe} end, a {@link Manager} proxy, or {@link SharedValue} / {@link SharedArray} memory.
 * The child's stdout and stderr are copied to this JVM's {@code System.out} and
 * {@code System.err} as they arrive.
 *
 * <p>Lifecycle, written out:
 * <pre>
 * NEW --start()--> RUNNING --target returns / throws / System.exit(n) / signal--> EXITED
 * </pre>
 * {@link #exitCode()} is {@code null} until EXITED, then 0 (the target returned and the child's
 * non-daemon threads ended), 1 (the target threw; the child printed the stack trace), {@code n}
 * (the target called {@code System.exit(n)}), or the negative signal number: -15 after
 * {@link #terminate()}, -9 after {@link #kill()}. An exit status of 128+n (how a JVM reports
 * dying from signal n) reads as -n, as shells report it.
 *
 * <p>A daemon child is terminated when this JVM exits; a non-daemon child keeps this JVM alive
 * until it ends, as CPython joins non-daemon children at exit. Whatever happens to this JVM, even
 * kill -9, its children notice within a moment (their stdin closes) and exit: no orphan is left.
 * A daemon child may not start children of its own.
 *
 * <p>Memory consistency effects: everything the target captured is copied when {@link #start()}
 * is called; later changes in the parent are not seen by the child. The child's exit
 * happens-before {@link #join()} returns.
 */
public final class JvmProcess {
    private static final System.Logger LOG = System.getLogger(JvmProcess.class.getName());
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Set<JvmProcess> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final Thread EXIT_HOOK = new Thread(JvmProcess::terminateDaemons,
            "bingfa-daemon-children-exit");

    static {
        Runtime.getRuntime().addShutdownHook(EXIT_HOOK);
    }

    private enum Kind { CHILD, CURRENT, PARENT }

    private final Kind kind;
    private final String name;
    private final String identity;
    private final boolean daemon;
    private final List<String> jvmOptions;
    private final byte[] authKey;
    private final ProcessHandle handle;
    private SerializableAction target;
    private volatile Process process;
    private volatile Integer exitCode;
    private OutputStream stdin;
    private Thread[] pumps = new Thread[0];

    /** Creates an unstarted process that will run {@code target}, named "Process-N", not daemon. */
    public JvmProcess(SerializableAction target) {
        this(builder().target(target));
    }

    private JvmProcess(Builder b) {
        this.kind = Kind.CHILD;
        this.target = Objects.requireNonNull(b.target, "target");
        int n = COUNTER.incrementAndGet();
        String parentIdentity = Multiprocessing.identity();
        this.identity = parentIdentity.isEmpty() ? Integer.toString(n) : parentIdentity + ":" + n;
        this.name = b.name != null ? b.name : "Process-" + identity;
        this.daemon = b.daemon;
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.authKey = Multiprocessing.currentProcess().authKey();
        this.handle = null;
    }

    /** Describes this JVM ({@code CURRENT}) or its parent ({@code PARENT}); not startable. */
    JvmProcess(boolean current, String name, String identity, boolean daemon, byte[] authKey,
            ProcessHandle handle) {
        this.kind = current ? Kind.CURRENT : Kind.PARENT;
        this.name = name;
        this.identity = identity;
        this.daemon = daemon;
        this.jvmOptions = List.of();
        this.authKey = authKey;
        this.handle = handle;
    }

    /** Returns a builder: target, name, daemon flag and extra JVM options. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the child JVM without waiting for it to run anything.
     *
     * @throws IllegalStateException if already started ("cannot start a process twice"), if this
     *     object describes the current or parent process, or if the current process is a daemon
     * @throws IllegalArgumentException if the target, or something it captures, is not serialisable
     * @throws java.io.UncheckedIOException if the JVM cannot be launched
     */
    public synchronized void start() {
        if (kind != Kind.CHILD) {
            throw new IllegalStateException("cannot start " + kind.name().toLowerCase()
                    + " process " + name);
        }
        if (process != null) {
            throw new IllegalStateException("cannot start a process twice");
        }
        if (Multiprocessing.currentProcess().isDaemon()) {
            throw new IllegalStateException("daemonic processes are not allowed to have children");
        }
        JvmProcess me = Multiprocessing.currentProcess();
        byte[] boot;
        try {
            boot = Codec.standard().encode(new Bootstrap(name, identity, daemon, me.pid(), me.name(),
                    authKey, target));
        } catch (NotSerializableException e) {
            throw new IllegalArgumentException("the target of " + name + " is not serialisable: "
                    + e.getMessage() + " does not implement java.io.Serializable (a target and "
                    + "everything it captures are copied to the child JVM)", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the target of " + name + " cannot be serialised: " + e, e);
        }
        var builder = new ProcessBuilder(ChildLauncher.command(jvmOptions));
        builder.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p;
        try {
            p = builder.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot start a child JVM for " + name, e);
        }
        stdin = p.getOutputStream();
        try {
            var out = new DataOutputStream(stdin);
            out.writeInt(boot.length);
            out.write(boot);
            out.flush();
        } catch (IOException childGone) {
            // the child died at once; join() reports its exit code
        }
        target = null;
        process = p;
        pumps = new Thread[] {
            pump(p.getInputStream(), () -> System.out, "stdout"),
            pump(p.getErrorStream(), () -> System.err, "stderr")
        };
        ACTIVE.add(this);
        Thread reaper = new Thread(this::reap, "bingfa-reaper-" + name);
        reaper.setDaemon(daemon);
        reaper.start();
    }

    private Thread pump(InputStream from, Supplier<PrintStream> to, String which) {
        Thread t = Thread.ofPlatform().name("bingfa-" + which + "-" + name).daemon(true)
                .stackSize(256 << 10).unstarted(() -> {
                    byte[] buffer = new byte[8192];
                    try (from) {
                        int n;
                        while ((n = from.read(buffer)) > 0) {
                            PrintStream target = to.get();
                            target.write(buffer, 0, n);
                            target.flush();
                        }
                    } catch (IOException closed) {
                        // the child is gone
                    }
                });
        t.start();
        return t;
    }

    /** Waits for the exit (keeping this JVM alive for a non-daemon child), then records it. */
    private void reap() {
        Process p = process;
        while (true) {
            try {
                p.waitFor();
                break;
            } catch (InterruptedException ignored) {
                // keep waiting: only the child's exit ends this thread
            }
        }
        finishExit(p);
    }

    private void finishExit(Process p) {
        for (Thread pump : pumps) {
            try {
                pump.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        synchronized (this) {
            if (exitCode == null) {
                exitCode = decode(p.exitValue());
                try {
                    stdin.close();
                } catch (IOException ignored) {
                    // the child is gone
                }
                ACTIVE.remove(this);
            }
        }
    }

    static int decode(int status) {
        return status > 128 && status < 160 ? -(status - 128) : status;
    }

    /**
     * Waits until the child has exited and its output has been copied. The thread lies dormant
     * until the child exits or the thread is interrupted.
     *
     * @throws IllegalStateException if the process was never started
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public void join() throws InterruptedException {
        Process p = started("join");
        p.waitFor();
        finishExit(p);
    }

    /**
     * Waits at most {@code timeout} for the child to exit. Python's {@code join(timeout)} returns
     * nothing and callers check {@code is_alive()}; this returns the answer as well.
     *
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @return {@code true} if the child has exited
     * @throws IllegalStateException if the process was never started
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public boolean join(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        Process p = started("join");
        if (!p.waitFor(nanos, TimeUnit.NANOSECONDS)) {
            return false;
        }
        finishExit(p);
        return true;
    }

    private Process started(String what) {
        if (kind != Kind.CHILD) {
            throw new IllegalStateException("can only " + what + " a child process");
        }
        Process p = process;
        if (p == null) {
            throw new IllegalStateException("can only " + what + " a started process");
        }
        return p;
    }

    /** Returns a future completed with this process when the child exits (Python's sentinel). */
    public CompletableFuture<JvmProcess> onExit() {
        if (kind != Kind.CHILD) {
            return handle.onExit().thenApply(h -> this);
        }
        return started("wait for").onExit().thenApply(p -> {
            finishExit(p);
            return this;
        });
    }

    /** Returns {@code true} if started and not yet exited (for the parent: if it still runs). */
    public boolean isAlive() {
        if (kind == Kind.CURRENT) {
            return true;
        }
        if (kind == Kind.PARENT) {
            return handle.isAlive();
        }
        Process p = process;
        return p != null && p.isAlive();
    }

    /**
     * Returns the operating-system process id.
     *
     * @throws IllegalStateException if the process was never started
     */
    public long pid() {
        return kind == Kind.CHILD ? started("ask the pid of").pid() : handle.pid();
    }

    /**
     * Returns the exit code, or {@code null} if the process has not exited (or not started): 0,
     * 1 for an uncaught exception, {@code n} for {@code System.exit(n)}, {@code -signal} when
     * killed by a signal (-15 after {@link #terminate()}, -9 after {@link #kill()}).
     */
    public Integer exitCode() {
        Process p = process;
        if (exitCode == null && p != null && !p.isAlive()) {
            finishExit(p);
        }
        return exitCode;
    }

    /**
     * Asks the child to stop (SIGTERM; the child's shutdown hooks run) without waiting for it; its
     * exit code becomes -15. A no-op when it has already exited.
     *
     * @throws IllegalStateException if the process was never started
     */
    public void terminate() {
        Process p = started("terminate");
        warnSignal();
        p.destroy();
    }

    /**
     * Stops the child at once (SIGKILL) without waiting; its exit code becomes -9. A no-op when it
     * has already exited.
     *
     * @throws IllegalStateException if the process was never started
     */
    public void kill() {
        Process p = started("kill");
        warnSignal();
        p.destroyForcibly();
    }

    /** Tells the child a signal follows: the pipes close first, and that must not read as orphaned. */
    private void warnSignal() {
        try {
            stdin.write(ChildMain.SIGNAL_COMING);
            stdin.flush();
        } catch (IOException gone) {
            // the child has exited or is exiting; the signal is harmless
        }
    }

    /** Returns the name: "Process-N" by default, "MainProcess" for the main JVM. */
    public String name() {
        return name;
    }

    /** Returns {@code true} for a daemon process. */
    public boolean isDaemon() {
        return daemon;
    }

    /** Returns a copy of the auth key; children inherit their parent's (Python's authkey). */
    public byte[] authKey() {
        return authKey.clone();
    }

    String identity() {
        return identity;
    }

    static Set<JvmProcess> active() {
        return ACTIVE;
    }

    private static void terminateDaemons() {
        List<JvmProcess> daemons = new ArrayList<>();
        for (JvmProcess p : ACTIVE) {
            if (p.daemon && p.process != null) {
                p.warnSignal();
                p.process.destroy();
                daemons.add(p);
            }
        }
        for (JvmProcess p : daemons) {
            try {
                if (!p.process.waitFor(1, TimeUnit.SECONDS)) {
                    p.process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("JvmProcess[name=").append(name);
        switch (kind) {
            case CURRENT -> s.append(", current, pid=").append(handle.pid());
            case PARENT -> s.append(", parent, pid=").append(handle.pid())
                    .append(handle.isAlive() ? ", alive" : ", gone");
            case CHILD -> {
                Process p = process;
                if (p == null) {
                    s.append(", initial");
                } else {
                    s.append(", pid=").append(p.pid());
                    Integer code = exitCode();
                    s.append(code == null ? ", started" : ", stopped exitcode=" + code);
                }
            }
        }
        if (daemon) {
            s.append(", daemon");
        }
        return s.append(']').toString();
    }

    /** Builds a {@link JvmProcess}. */
    public static final class Builder {
        private SerializableAction target;
        private String name;
        private boolean daemon;
        private final List<String> jvmOptions = new ArrayList<>();

        private Builder() {}

        /** Sets what the child runs. */
        public Builder target(SerializableAction target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /** Sets the name ({@code Multiprocessing.currentProcess().name()} in the child). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Sets whether the child is a daemon: ended when this JVM exits, no children of its own. */
        public Builder daemon(boolean daemon) {
            this.daemon = daemon;
            return this;
        }

        /** Adds options for the child's JVM, e.g. {@code -Xmx64m}. */
        public Builder jvmOptions(String... options) {
            for (String option : options) {
                jvmOptions.add(Objects.requireNonNull(option, "option"));
            }
            return this;
        }

        /**
         * Returns the unstarted process.
         *
         * @throws NullPointerException if no target was set
         */
        public JvmProcess build() {
            if (target == null) {
                throw new NullPointerException("target: not set (expected: builder().target(...))");
            }
            return new JvmProcess(this);
        }
    }
}
