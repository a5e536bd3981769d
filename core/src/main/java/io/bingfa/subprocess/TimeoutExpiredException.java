package io.bingfa.subprocess;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A wait for a child ran out: Python's {@code subprocess.TimeoutExpired}. The message is
 * CPython's: {@code Command '['sleep', '30']' timed out after 0.5 seconds}.
 *
 * <p>From {@link Subprocess#run} the child has been killed and reaped, and {@link #output()} and
 * {@link #stderr()} hold all it wrote to a pipe. From {@link Popen#communicate(byte[], Duration)}
 * the child still runs, nothing read is lost, they hold what was read so far, and the call may be
 * repeated. From {@link Popen#waitFor(Duration)} they are {@code null}.
 *
 * <p>Not a {@link java.util.concurrent.TimeoutException} (that one is checked and carries no
 * output); catch this one by name.
 */
public class TimeoutExpiredException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    private final List<String> cmd;
    private final Duration timeout;
    private final byte[] output;
    private final byte[] stderr;

    /**
     * Creates the exception.
     *
     * @param cmd the command line
     * @param timeout the timeout that ran out
     * @param output what was read from stdout, or {@code null} if it is not a pipe
     * @param stderr what was read from stderr, or {@code null} if it is not a pipe
     */
    public TimeoutExpiredException(List<String> cmd, Duration timeout, byte[] output, byte[] stderr) {
        super(Commands.timeoutMessage(List.copyOf(cmd), timeout));
        this.cmd = List.copyOf(cmd);
        this.timeout = timeout;
        this.output = output;
        this.stderr = stderr;
    }

    /** The command line. */
    public List<String> cmd() {
        return cmd;
    }

    /** The timeout that ran out. */
    public Duration timeout() {
        return timeout;
    }

    /** What was read from stdout, or {@code null}: Python's {@code output} (alias {@code stdout}). */
    public byte[] output() {
        return output == null ? null : output.clone();
    }

    /** Same as {@link #output()}. */
    public byte[] stdout() {
        return output();
    }

    /** What was read from stderr, or {@code null}. */
    public byte[] stderr() {
        return stderr == null ? null : stderr.clone();
    }

    /** {@link #output()} decoded as UTF-8, or {@code null}. */
    public String stdoutText() {
        return output == null ? null : new String(output, StandardCharsets.UTF_8);
    }

    /** {@link #stderr()} decoded as UTF-8, or {@code null}. */
    public String stderrText() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
