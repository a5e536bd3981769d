package io.bingfa.subprocess;

import io.bingfa.internal.Timeouts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A running child program: Python's {@code subprocess.Popen}. The constructor starts it; the
 * methods talk to it, wait for it and signal it.
 *
 * <pre>{@code
 * try (Popen p = new Popen(List.of("sort"), RunOptions.builder()
 *         .stdin(Redirect.PIPE).stdout(Redirect.PIPE).build())) {
 *     CompletedProcess done = p.communicate("b\na\n".getBytes(UTF_8), Duration.ofSeconds(5));
 *     System.out.print(done.stdoutText());
 * }
 * }</pre>
 *
 * <p>Lifecycle, written out:
 * <pre>
 * (constructor) RUNNING --exits with status n / dies from signal s--> EXITED
 *               returnCode() null            --poll / waitFor / communicate see it--> n or -s
 * communication: NOT_STARTED --communicate()--> STARTED --pipes at EOF, child exited--> DONE
 *                                          (a timeout or an interrupt leaves it STARTED; call again)
 * </pre>
 * As in Python, {@link #returnCode()} is only set when {@link #poll()}, {@link #waitFor()} or
 * {@link #communicate()} notice the exit. Exit statuses are CPython's: {@code n} for
 * {@code exit(n)}, {@code -s} for a child killed by signal {@code s} (-15 after
 * {@link #terminate()}, -9 after {@link #kill()}). The JDK reports a signal death as 128 + s, as a
 * shell does, so a child that itself exits with 129 to 159 also reads as -1 to -31.
 *
 * <p>{@link #communicate(byte[], Duration)} never deadlocks on full pipes: one thread per pipe
 * reads stdout and stderr while another writes stdin. Reading {@link #stdout()} directly while
 * the child also fills a piped stderr, or calling {@link #waitFor()} before the pipes are read,
 * can deadlock exactly as in Python; use {@code communicate}.
 *
 * <p>What is not supported: {@code shell=True} (pass {@code /bin/sh -c}), {@code text=True}
 * (decode with {@link CompletedProcess#stdoutText()}), {@code send_signal} with an arbitrary
 * signal, {@code preexec_fn}, {@code pass_fds}, {@code start_new_session} and other
 * {@code fork}-time hooks (the JDK starts the child itself).
 *
 * <p>Memory consistency effects: the child is a separate program; bytes are copied through
 * pipes. Everything the reader threads store happens-before {@code communicate} returns it, and
 * the child's exit happens-before {@code poll}, {@code waitFor} or {@code communicate} return
 * its status.
 */
@SuppressWarnings("try") // close() waits, so it throws InterruptedException, as Python's __exit__ waits
public final class Popen implements AutoCloseable {
    /* Design: the JDK's Process does the fork/exec, the reaping and the pipes. communicate()
     * starts (once) a platform daemon thread per output pipe that copies it into a buffer until
     * EOF, and a feeder thread that writes the input and closes stdin; every call then waits, up
     * to its deadline, for the feeder, the readers and the exit, in that order. A timeout leaves
     * all of them running, so a later call resumes where this one stopped and loses nothing
     * (CPython keeps its buffers across calls the same way). Platform threads, not virtual ones:
     * a blocking pipe read pins its carrier anyway, and daemon threads cannot keep the JVM alive
     * when a grandchild holds a pipe open. */

    /** After run() kills a child, how long the readers may take to reach EOF (a grandchild may hold a pipe). */
    static final Duration DRAIN_AFTER_KILL = Duration.ofSeconds(2);

    private final List<String> args;
    private final Process process;
    private final OutputStream stdin;
    private final InputStream stdout;
    private final InputStream stderr;
    private volatile Integer returnCode;

    private final Object lock = new Object();
    // @GuardedBy("lock")
    private boolean communicationStarted;
    // @GuardedBy("lock"); null when not started or the stream is not a pipe
    private Pump outPump;
    private Pump errPump;
    private Feeder feeder;
    private volatile CompletedProcess communicated;

    /**
     * Starts {@code args} with the default options (all three streams inherited).
     *
     * @throws IOException if the program cannot be started (Python's {@code FileNotFoundError},
     *     {@code PermissionError}: a missing or non-executable program, a missing cwd)
     */
    public Popen(List<String> args) throws IOException {
        this(args, RunOptions.defaults(), false);
    }

    /**
     * Starts {@code args} with {@code options}: the redirections, {@code captureOutput}, cwd and
     * environment. The program is looked up on this JVM's {@code PATH}.
     *
     * @throws IllegalArgumentException if the options hold input, check or a timeout (pass those
     *     to {@link #communicate(byte[], Duration)}), or {@code args} is empty
     * @throws IOException if the program cannot be started (Python's {@code FileNotFoundError},
     *     {@code PermissionError}: a missing or non-executable program, a missing cwd)
     */
    public Popen(List<String> args, RunOptions options) throws IOException {
        this(args, options, false);
    }

    Popen(List<String> args, RunOptions options, boolean forRun) throws IOException {
        this.args = Commands.checkArgs(args);
        Objects.requireNonNull(options, "options");
        if (!forRun && (options.inputNoCopy() != null || options.check() || options.timeout() != null)) {
            throw new IllegalArgumentException("options: " + options + " (expected: no input, check "
                    + "or timeout for Popen; pass input and timeout to communicate)");
        }
        ProcessBuilder pb = new ProcessBuilder(this.args);
        options.applyTo(pb);
        this.process = pb.start();
        this.stdin = options.stdin().isPipe() ? process.getOutputStream() : null;
        this.stdout = options.stdout().isPipe() ? process.getInputStream() : null;
        this.stderr = options.stderr().isPipe() ? process.getErrorStream() : null;
    }

    /** The command line. */
    public List<String> args() {
        return args;
    }

    /** The child's process id. */
    public long pid() {
        return process.pid();
    }

    /** The child's {@link ProcessHandle} (not in Python): its descendants, its start time. */
    public ProcessHandle toHandle() {
        return process.toHandle();
    }

    /** The pipe to the child's stdin, or {@code null} if stdin is not {@link Redirect#PIPE}. */
    public OutputStream stdin() {
        return stdin;
    }

    /** The pipe from the child's stdout, or {@code null} if stdout is not {@link Redirect#PIPE}. */
    public InputStream stdout() {
        return stdout;
    }

    /**
     * The pipe from the child's stderr, or {@code null} if stderr is not {@link Redirect#PIPE}
     * (with {@link Redirect#STDOUT} it arrives on {@link #stdout()}).
     */
    public InputStream stderr() {
        return stderr;
    }

    /**
     * Returns the exit status if {@link #poll()}, {@link #waitFor()} or {@link #communicate()}
     * has seen the child exit, else {@code null}: Python's {@code returncode} attribute.
     */
    public Integer returnCode() {
        return returnCode;
    }

    /**
     * Returns the exit status if the child has exited, else {@code null}, without waiting.
     */
    public Integer poll() {
        if (returnCode == null && !process.isAlive()) {
            record();
        }
        return returnCode;
    }

    /**
     * Waits for the child to exit and returns its status. The thread lies dormant until the
     * child exits or the thread is interrupted. Pipes are not read: a child that fills one
     * blocks for ever; use {@link #communicate()}.
     *
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public int waitFor() throws InterruptedException {
        process.waitFor();
        return record();
    }

    /**
     * Waits at most {@code timeout} for the child to exit and returns its status: Python's
     * {@code wait(timeout)}. The child is not killed when the time runs out.
     *
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @throws TimeoutExpiredException if the child is still running after {@code timeout}
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public int waitFor(Duration timeout) throws InterruptedException {
        long nanos = Timeouts.toNanos(timeout);
        if (!process.waitFor(nanos, TimeUnit.NANOSECONDS)) {
            throw new TimeoutExpiredException(args, timeout, null, null);
        }
        return record();
    }

    /**
     * Closes stdin (if a pipe), reads stdout and stderr to their end and waits for the child to
     * exit. Same as {@code communicate(null, ...)} without a timeout.
     *
     * @see #communicate(byte[], Duration)
     */
    public CompletedProcess communicate() throws IOException, InterruptedException {
        return communicate(null, null, null);
    }

    /**
     * Feeds {@code input} to stdin and closes it, reads stdout and stderr to their end, and waits
     * for the child to exit, without a time limit.
     *
     * @see #communicate(byte[], Duration)
     */
    public CompletedProcess communicate(byte[] input) throws IOException, InterruptedException {
        return communicate(input, null, null);
    }

    /**
     * Feeds {@code input} to the child's stdin and closes it, reads stdout and stderr to their
     * end, and waits for the child to exit, waiting at most {@code timeout}: Python's
     * {@code communicate(input, timeout)}. Writing and both reads go on at once, so a child that
     * fills one pipe while this writes another cannot deadlock. The thread lies dormant until one
     * of three things happens: the pipes reach their end and the child exits (the result holds
     * all output; {@code null} for a stream that is not a pipe); the timeout runs out; or the
     * thread is interrupted.
     *
     * <p>On a timeout or an interrupt the child is <em>not</em> killed and the reading goes on in
     * the background; call {@code communicate} again (without input) to resume, and nothing read
     * is lost: Python's retry pattern
     * {@code try: communicate(timeout=t) except TimeoutExpired: kill(); communicate()}.
     * Once complete, further calls return the same result.
     *
     * @param input the bytes to write, or {@code null} (stdin, if a pipe, is just closed); a
     *     write that fails because the child stopped reading is ignored, as CPython ignores
     *     {@code BrokenPipeError}
     * @param timeout how long to wait; {@code Duration.ZERO} does not wait
     * @return the exit status and the output
     * @throws TimeoutExpiredException if {@code timeout} runs out; it holds what was read so far
     * @throws IllegalStateException if {@code input} is given but stdin is not a pipe, or after
     *     communication has started ("Cannot send input after starting communication")
     * @throws IllegalArgumentException if {@code timeout} is negative
     * @throws IOException if reading a pipe fails (for example, it was closed by {@link #close()})
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared
     */
    public CompletedProcess communicate(byte[] input, Duration timeout)
            throws IOException, InterruptedException {
        return communicate(input, Objects.requireNonNull(timeout, "timeout"), null);
    }

    /** communicate with an optional timeout (null: none); {@code ignored} keeps the overloads apart. */
    private CompletedProcess communicate(byte[] input, Duration timeout, Void ignored)
            throws IOException, InterruptedException {
        long deadline = timeout == null ? 0 : Timeouts.deadline(Timeouts.toNanos(timeout));
        Pump out;
        Pump err;
        Feeder feed;
        synchronized (lock) {
            if (communicationStarted && input != null) {
                throw new IllegalStateException("Cannot send input after starting communication");
            }
            CompletedProcess done = communicated;
            if (done != null) {
                return done;
            }
            if (!communicationStarted) {
                if (input != null && stdin == null) {
                    throw new IllegalStateException("input: " + input.length
                            + " bytes (expected: stdin to be Redirect.PIPE)");
                }
                communicationStarted = true;
                String name = "bingfa-subprocess-" + process.pid();
                outPump = stdout == null ? null : new Pump(stdout, name + "-stdout");
                errPump = stderr == null ? null : new Pump(stderr, name + "-stderr");
                if (stdin != null) {
                    feeder = new Feeder(stdin, input == null ? null : input.clone(), name + "-stdin");
                }
            }
            out = outPump;
            err = errPump;
            feed = feeder;
        }
        boolean finished = (feed == null || await(feed.done, timeout, deadline))
                && (out == null || await(out.done, timeout, deadline))
                && (err == null || await(err.done, timeout, deadline))
                && awaitExit(timeout, deadline);
        if (!finished) {
            throw new TimeoutExpiredException(args, timeout,
                    out == null ? null : out.snapshot(), err == null ? null : err.snapshot());
        }
        for (Pump pump : new Pump[] {out, err}) {
            if (pump != null && pump.failure != null) {
                throw new IOException("reading the child's " + pump.name + " failed", pump.failure);
            }
        }
        int code = record();
        synchronized (lock) {
            if (communicated == null) {
                communicated = new CompletedProcess(args, code,
                        out == null ? null : out.snapshot(), err == null ? null : err.snapshot());
            }
            return communicated;
        }
    }

    private static boolean await(CountDownLatch latch, Duration timeout, long deadline)
            throws InterruptedException {
        if (timeout == null) {
            latch.await();
            return true;
        }
        return latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private boolean awaitExit(Duration timeout, long deadline) throws InterruptedException {
        if (timeout == null) {
            process.waitFor();
            return true;
        }
        return process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    /**
     * For run() after kill(): waits (ignoring interrupts, which it restores) for the exit, then at
     * most {@link #DRAIN_AFTER_KILL} for the readers, and returns what they read.
     */
    CompletedProcess collectAfterKill() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        int code = record();
        Pump out;
        Pump err;
        synchronized (lock) {
            out = outPump;
            err = errPump;
        }
        long deadline = Timeouts.deadline(DRAIN_AFTER_KILL.toNanos());
        for (Pump pump : new Pump[] {out, err}) {
            if (pump != null && !interrupted) {
                try {
                    pump.done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new CompletedProcess(args, code, out == null ? null : out.snapshot(),
                err == null ? null : err.snapshot());
    }

    /** For run() on an interrupt or error: kills the child and reaps it, keeping the interrupt. */
    void killAndReap() {
        process.destroyForcibly();
        boolean interrupted = Thread.interrupted();
        while (true) {
            try {
                process.waitFor();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        record();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private int record() {
        int code = Commands.decode(process.exitValue());
        returnCode = code;
        return code;
    }

    /**
     * Asks the child to stop (SIGTERM) without waiting; it exits with -15 unless it handles the
     * signal. A no-op once it has exited: Python's {@code terminate()}.
     */
    public void terminate() {
        if (process.isAlive()) {
            process.destroy();
        }
    }

    /**
     * Stops the child at once (SIGKILL) without waiting; it exits with -9. A no-op once it has
     * exited: Python's {@code kill()}.
     */
    public void kill() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /**
     * Closes the pipes and waits for the child to exit: the end of Python's
     * {@code with Popen(...) as p:}. The thread lies dormant until the child exits or the thread
     * is interrupted. A child still writing to a closed pipe gets SIGPIPE; one that waits for
     * something else keeps this waiting, as in Python (kill it first if that is not wanted).
     *
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared and the child is left running
     */
    @Override
    public void close() throws InterruptedException {
        for (AutoCloseable pipe : new AutoCloseable[] {stdout, stderr, stdin}) {
            if (pipe != null) {
                try {
                    pipe.close();
                } catch (Exception ignored) {
                    // a broken pipe to a child that is gone, as CPython ignores BrokenPipeError
                }
            }
        }
        waitFor();
    }

    /** {@code Popen[pid=123, args=['sleep', '30'], returncode=null]}. */
    @Override
    public String toString() {
        return "Popen[pid=" + process.pid() + ", args=" + Commands.repr(args) + ", returncode="
                + returnCode + "]";
    }

    /** Copies one output pipe into a buffer until EOF, on its own thread. */
    private static final class Pump {
        final String name;
        final ByteArrayOutputStream buffer = new ByteArrayOutputStream(); // synchronized
        final CountDownLatch done = new CountDownLatch(1);
        volatile IOException failure;

        Pump(InputStream from, String threadName) {
            this.name = threadName.substring(threadName.lastIndexOf('-') + 1);
            Thread.ofPlatform().name(threadName).daemon(true).stackSize(256 << 10).start(() -> {
                byte[] chunk = new byte[16 << 10];
                try (from) {
                    int n;
                    while ((n = from.read(chunk)) >= 0) {
                        buffer.write(chunk, 0, n);
                    }
                } catch (IOException e) {
                    failure = e;
                } finally {
                    done.countDown();
                }
            });
        }

        byte[] snapshot() {
            return buffer.toByteArray();
        }
    }

    /** Writes the input to stdin, then closes it, on its own thread (no thread without input). */
    private static final class Feeder {
        final CountDownLatch done = new CountDownLatch(1);

        Feeder(OutputStream to, byte[] input, String threadName) {
            if (input == null || input.length == 0) {
                closeQuietly(to);
                done.countDown();
                return;
            }
            Thread.ofPlatform().name(threadName).daemon(true).stackSize(256 << 10).start(() -> {
                try {
                    to.write(input);
                    to.flush();
                } catch (IOException brokenPipe) {
                    // the child stopped reading (exited or closed stdin): CPython ignores EPIPE
                } finally {
                    closeQuietly(to);
                    done.countDown();
                }
            });
        }

        private static void closeQuietly(OutputStream to) {
            try {
                to.close();
            } catch (IOException ignored) {
                // flushing to a child that is gone
            }
        }
    }
}
