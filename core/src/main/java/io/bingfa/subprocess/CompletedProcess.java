package io.bingfa.subprocess;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A child that has exited, with what it wrote to pipes: Python's {@code CompletedProcess},
 * returned by {@link Subprocess#run} and {@link Popen#communicate()}.
 *
 * <p>Output is kept as bytes; {@link #stdoutText()} and {@link #stderrText()} decode it (UTF-8,
 * the JDK's default charset and Python's UTF-8 mode; a malformed byte becomes U+FFFD). A stream
 * that was not a pipe reads as {@code null}, as Python's {@code None}.
 */
public final class CompletedProcess {
    private final List<String> args;
    private final int returnCode;
    private final byte[] stdout;
    private final byte[] stderr;

    /** Creates the result; the arrays are kept, not copied. */
    CompletedProcess(List<String> args, int returnCode, byte[] stdout, byte[] stderr) {
        this.args = args;
        this.returnCode = returnCode;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The command line that was run. */
    public List<String> args() {
        return args;
    }

    /** The exit status: 0 to 255, or {@code -n} when killed by signal n. */
    public int returnCode() {
        return returnCode;
    }

    /** The bytes written to stdout (a copy), or {@code null} if stdout was not a pipe. */
    public byte[] stdout() {
        return stdout == null ? null : stdout.clone();
    }

    /** The bytes written to stderr (a copy), or {@code null} if stderr was not a pipe. */
    public byte[] stderr() {
        return stderr == null ? null : stderr.clone();
    }

    /** stdout decoded as UTF-8, or {@code null}. */
    public String stdoutText() {
        return stdoutText(StandardCharsets.UTF_8);
    }

    /** stdout decoded with {@code charset}, or {@code null}. */
    public String stdoutText(Charset charset) {
        return stdout == null ? null : new String(stdout, charset);
    }

    /** stderr decoded as UTF-8, or {@code null}. */
    public String stderrText() {
        return stderrText(StandardCharsets.UTF_8);
    }

    /** stderr decoded with {@code charset}, or {@code null}. */
    public String stderrText(Charset charset) {
        return stderr == null ? null : new String(stderr, charset);
    }

    /**
     * Returns this if the exit status is 0: Python's {@code check_returncode()}.
     *
     * @throws CalledProcessException if it is not
     */
    public CompletedProcess checkReturnCode() {
        if (returnCode != 0) {
            throw new CalledProcessException(returnCode, args, stdout, stderr);
        }
        return this;
    }

    /** Python's repr: {@code CompletedProcess[args=[...], returncode=0, stdout=12 bytes]}. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("CompletedProcess[args=").append(Commands.repr(args))
                .append(", returncode=").append(returnCode);
        if (stdout != null) {
            s.append(", stdout=").append(stdout.length).append(" bytes");
        }
        if (stderr != null) {
            s.append(", stderr=").append(stderr.length).append(" bytes");
        }
        return s.append(']').toString();
    }
}
