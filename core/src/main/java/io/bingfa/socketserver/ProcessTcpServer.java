package io.bingfa.socketserver;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.SharedArray;
import io.bingfa.multiprocessing.SharedValue;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A pre-forked TCP server: {@code processes} child JVMs, started up front, each bind the same
 * port with {@code SO_REUSEPORT} and serve it with a {@link ThreadingTcpServer} of their own; the
 * kernel spreads incoming connections over them. This stands in for Python's
 * {@code ForkingTCPServer}: a JVM cannot fork, nor hand an accepted socket to another JVM, so the
 * processes share the port instead, as nginx's workers do.
 *
 * <pre>{@code
 * try (var server = ProcessTcpServer.builder(UpperHandler::new).port(8080).processes(4).build()) {
 *     server.serveForever();                // until another thread calls server.shutdown()
 * }
 * }</pre>
 *
 * <p>The handler factory is a {@link HandlerFactory}: it and everything it captures are
 * <em>copied</em> into each child, so handlers share nothing with this JVM or each other unless
 * given shared objects ({@link SharedValue}, a {@code Manager} proxy, ...). The options
 * ({@linkplain Builder#maxConnections connection limit}, {@linkplain ServerBuilder#idleTimeout
 * idle timeout}, {@linkplain Builder#virtualThreads virtual threads}) apply in each child. What a
 * handler logs or prints goes to the child's stderr/stdout, which is copied to this JVM's.
 *
 * <p>Lifecycle, as {@link TcpServer}'s: {@link Builder#build()} starts the children and returns
 * once every one listens (connections then wait in the backlogs); {@link #serveForever()} lets
 * them accept, and replaces a child that dies while serving (logged at WARNING);
 * {@link #shutdown()} makes them stop accepting and waits until they have; {@link #close()} asks
 * them to close (each waits for its open connections, or closes them with
 * {@code blockOnClose(false)}), then joins them: none is left running. The children are daemon
 * processes and also end if this JVM dies.
 *
 * <p>Requires {@code SO_REUSEPORT} (Linux, the BSDs, macOS): {@code build()} throws
 * {@link UnsupportedOperationException} where the platform lacks it. This JVM keeps the port
 * reserved with a bound socket that does not listen, so that port 0 can pick one port for all
 * children; it accepts no connections itself.
 *
 * <p>Memory consistency effects: none across processes; values are copied, not shared.
 */
/*
 * Control goes through shared memory: `command` (STOP = 0 listen only, SERVE = 1 accept,
 * EXIT = 2 close and return) is written by this JVM; `states[i]` (STARTING, LISTENING, SERVING)
 * by child i. Children poll the command every CHILD_POLL; this JVM polls the states. shutdown()
 * returns only when no live child is SERVING, so that a later command cannot be missed.
 */
public final class ProcessTcpServer implements AutoCloseable {
    private static final System.Logger LOG = TcpServer.LOG;
    static final long STOP = 0;
    static final long SERVE = 1;
    static final long EXIT = 2;
    static final long STARTING = 0;
    static final long LISTENING = 1;
    static final long SERVING = 2;
    private static final long CHILD_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final Duration START_PATIENCE = Duration.ofSeconds(60);

    /** What each child receives (copied). */
    record Spec(Config config, HandlerFactory factory, SharedValue command, SharedArray states)
            implements Serializable {}

    private final Spec spec;
    private final Socket reservation;
    private final InetSocketAddress address;
    private final String namePrefix;
    /** Guarded by lock. */
    private final List<JvmProcess> children = new ArrayList<>();

    /** The serving thread, the shutdown request and the closed flag; its lock also guards children. */
    private final ServeLifecycle life = new ServeLifecycle();
    private final ReentrantLock lock = life.lock;
    /** Signalled when a shutdown is requested and when serving stops. */
    private final Condition wake = life.stopped;

    private ProcessTcpServer(Builder b) {
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            if (!probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                throw new UnsupportedOperationException("SO_REUSEPORT is not supported on " + System.getProperty("os.name")
                        + ": server processes cannot share a port");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Socket reserved = new Socket();
        try {
            reserved.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            reserved.setReuseAddress(b.config.reuseAddress);
            reserved.bind(b.config.address);
        } catch (IOException e) {
            TcpServer.closeQuietly(reserved);
            throw new UncheckedIOException("cannot bind " + b.config.address + ": " + e.getMessage(), e);
        }
        this.reservation = reserved;
        this.address = (InetSocketAddress) reserved.getLocalSocketAddress();
        this.namePrefix = "ProcessTcpServer-" + address.getPort() + "-";
        Config childConfig = b.config.copy();
        childConfig.address = address;
        childConfig.reusePort = true;
        SharedValue command = null;
        SharedArray states = null;
        try {
            command = SharedValue.ofLong(STOP);
            states = SharedArray.ofLongs(b.config.processes);
            this.spec = new Spec(childConfig, b.factory, command, states);
            for (int i = 0; i < b.config.processes; i++) {
                children.add(startChild(i));
            }
            awaitListening();
        } catch (RuntimeException | Error e) {
            stopChildren();
            TcpServer.closeQuietly(reserved);
            throw e;
        }
    }

    /** A builder: the handler factory is required, the rest has defaults. */
    public static Builder builder(HandlerFactory handlerFactory) {
        return new Builder(handlerFactory);
    }

    /** The address the children serve; with port 0 asked, the port picked for them all. */
    public InetSocketAddress address() {
        return address;
    }

    /** The pids of the server processes, in slot order (a replaced child's successor has a new pid). */
    public List<Long> pids() {
        lock.lock();
        try {
            return children.stream().map(JvmProcess::pid).toList();
        } finally {
            lock.unlock();
        }
    }

    /** How many server processes there are. */
    public int processes() {
        return spec.states().length();
    }

    private JvmProcess startChild(int slot) {
        Spec s = spec;
        spec.states().set(slot, STARTING);
        JvmProcess p = JvmProcess.builder().name(namePrefix + slot).daemon(true)
                .target(() -> childMain(s, slot)).build();
        p.start();
        return p;
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        for (int i = 0; i < children.size(); i++) {
            while (spec.states().get(i) < LISTENING) {
                JvmProcess p = children.get(i);
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited with code " + p.exitCode()
                            + " before it listened on " + address + " (see its stderr)");
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(p.name() + " did not listen within " + START_PATIENCE);
                }
                LockSupport.parkNanos(CHILD_POLL_NANOS);
            }
        }
    }

    // ------------------------------------------------------------------ serving

    /** {@code serveForever(TcpServer.DEFAULT_POLL_INTERVAL)}. */
    public void serveForever() throws InterruptedException {
        serveForever(TcpServer.DEFAULT_POLL_INTERVAL);
    }

    /**
     * Lets the children accept connections, then waits until one of two things happens: another
     * thread calls {@link #shutdown()}, or this thread is interrupted. Every {@code pollInterval}
     * it checks the children and starts a replacement for any that died.
     *
     * @throws InterruptedException if interrupted (the children stop accepting first)
     * @throws IllegalArgumentException if {@code pollInterval} is zero or negative
     * @throws IllegalStateException if another thread is serving, or the server is closed
     */
    public void serveForever(Duration pollInterval) throws InterruptedException {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval: " + pollInterval + " (expected: > 0)");
        }
        life.enterServe(this);
        try {
            spec.command().set(SERVE);
            awaitStates(SERVING, true);
            lock.lock();
            try {
                while (!life.isShutdownRequested()) {
                    wake.await(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
                    if (!life.isShutdownRequested()) {
                        replaceDeadChildren();
                    }
                }
            } finally {
                lock.unlock();
            }
        } finally {
            spec.command().set(STOP);
            boolean interrupted = Thread.interrupted();
            awaitStates(LISTENING, false);
            life.exitServe();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until every live child is in {@code state} (SERVING) or has left SERVING (LISTENING). */
    private void awaitStates(long state, boolean interruptible) throws InterruptedException {
        List<JvmProcess> all = snapshot();
        for (int i = 0; i < all.size(); i++) {
            while (all.get(i).isAlive()
                    && (state == SERVING ? spec.states().get(i) != SERVING : spec.states().get(i) == SERVING)) {
                if (interruptible && Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (interruptible && life.isShutdownRequested()) {
                    return;
                }
                LockSupport.parkNanos(CHILD_POLL_NANOS);
            }
        }
    }

    private List<JvmProcess> snapshot() {
        lock.lock();
        try {
            return List.copyOf(children);
        } finally {
            lock.unlock();
        }
    }

    /** Call only when holding lock. */
    private void replaceDeadChildren() {
        for (int i = 0; i < children.size(); i++) {
            JvmProcess p = children.get(i);
            if (!p.isAlive()) {
                LOG.log(System.Logger.Level.WARNING, p.name() + " (pid " + p.pid() + ") exited with code "
                        + p.exitCode() + "; starting a replacement");
                try {
                    children.set(i, startChild(i));
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot start a replacement for " + p.name(), e);
                }
            }
        }
    }

    /**
     * Stops {@link #serveForever}: waits until every child has stopped accepting and
     * {@code serveForever} has returned, or this thread is interrupted. Connections being served
     * go on. If nothing is serving, returns at once and the next {@code serveForever} returns at
     * once (as in CPython).
     *
     * @throws IllegalStateException if called from the thread running {@code serveForever}
     * @throws InterruptedException if interrupted while waiting (the request stays made)
     */
    public void shutdown() throws InterruptedException {
        life.requestShutdownAndWait("shutdown() from the thread running serveForever() would wait for itself",
                wake::signalAll);
    }

    /**
     * Stops serving (as {@link #shutdown()}), asks every child to close its server and exit, and
     * waits for them (each waits for its open connections unless built with
     * {@code blockOnClose(false)}); then releases the port. Idempotent. If interrupted while
     * waiting, kills the children, joins them and returns with the interrupt status set.
     */
    @Override
    public void close() {
        ServeLifecycle.CloseStart start = life.beginClose(
                "close() from the thread running serveForever() would wait for itself", wake::signalAll);
        if (start == ServeLifecycle.CloseStart.ALREADY_CLOSED) {
            return;
        }
        boolean interrupted = start == ServeLifecycle.CloseStart.CLOSED_INTERRUPTED;
        spec.command().set(EXIT);
        for (JvmProcess p : snapshot()) {
            try {
                p.join();
            } catch (InterruptedException e) {
                interrupted = true;
                break;
            }
        }
        stopChildren();
        TcpServer.closeQuietly(reservation);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the children still running and joins them all, keeping the interrupt status. */
    private void stopChildren() {
        boolean interrupted = Thread.interrupted();
        List<JvmProcess> all = snapshot();
        for (JvmProcess p : all) {
            if (p.isAlive()) {
                p.kill();
            }
        }
        for (JvmProcess p : all) {
            while (true) {
                try {
                    p.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            String state = life.state();
            return "ProcessTcpServer[" + address.getHostString() + ":" + address.getPort() + " " + state + ", "
                    + children.size() + " processes]";
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ in the child

    /** The body of server process {@code slot}: listen, then follow the parent's commands. */
    static void childMain(Spec spec, int slot) throws InterruptedException {
        SharedValue command = spec.command();
        SharedArray states = spec.states();
        ThreadingTcpServer server = new ThreadingTcpServer(spec.config(), spec.factory());
        try {
            states.set(slot, LISTENING);
            while (true) {
                long c;
                while ((c = command.get()) == STOP) {
                    LockSupport.parkNanos(CHILD_POLL_NANOS);
                }
                if (c == EXIT) {
                    return;
                }
                Thread serving = Thread.ofPlatform().name("serveForever").start(() -> {
                    try {
                        server.serveForever();
                    } catch (InterruptedException e) {
                        // not interrupted by anyone
                    }
                });
                states.set(slot, SERVING);
                while (command.get() == SERVE) {
                    LockSupport.parkNanos(CHILD_POLL_NANOS);
                }
                server.shutdown();
                serving.join();
                states.set(slot, LISTENING);
            }
        } finally {
            server.close();
        }
    }

    /** The options of a {@link ProcessTcpServer}. */
    public static final class Builder extends ServerBuilder<Builder> {
        private final HandlerFactory factory;

        Builder(HandlerFactory factory) {
            this.factory = Objects.requireNonNull(factory, "handlerFactory");
        }

        /**
         * How many server processes; default the number of processors.
         *
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder processes(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("processes: " + n + " (expected: > 0)");
            }
            config.processes = n;
            return this;
        }

        /** Each child serves connections on virtual threads (true) or platform threads (false, the default). */
        public Builder virtualThreads(boolean virtual) {
            config.virtualThreads = virtual;
            return this;
        }

        /**
         * At most {@code max} connections open at once <em>in each child</em>; more wait in that
         * child's backlog (see {@link ThreadingTcpServer}). Default: no limit.
         *
         * @throws IllegalArgumentException if {@code max < 1}
         */
        public Builder maxConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxConnections: " + max + " (expected: > 0)");
            }
            config.maxConnections = max;
            return this;
        }

        /** As {@link ThreadingTcpServer.Builder#blockOnClose}, in each child; default true. */
        public Builder blockOnClose(boolean block) {
            config.blockOnClose = block;
            return this;
        }

        /**
         * Starts the server processes and waits until each listens.
         *
         * @throws UnsupportedOperationException if the platform lacks {@code SO_REUSEPORT}
         * @throws java.io.UncheckedIOException if the address cannot be bound
         * @throws IllegalStateException if a child exits before it listens (its stderr says why)
         */
        public ProcessTcpServer build() {
            return new ProcessTcpServer(this);
        }
    }
}
