package io.bingfa.subprocess;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A checked run ended with a non-zero exit status: Python's {@code subprocess.CalledProcessError},
 * thrown by {@link Subprocess#run} with {@code check(true)}, {@link Subprocess#checkCall},
 * {@link Subprocess#checkOutput} and {@link CompletedProcess#checkReturnCode()}. The message is
 * CPython's: {@code Command '['sh', '-c', 'exit 1']' returned non-zero exit status 1.}, or
 * {@code ... died with <Signals.SIGKILL: 9>.} for a negative (signal) status.
 */
public class CalledProcessException extends SubprocessException {
    private static final long serialVersionUID = 1L;

    private final int returnCode;
    private final List<String> cmd;
    private final byte[] output;
    private final byte[] stderr;

    /**
     * Creates the exception.
     *
     * @param returnCode the exit status (negative: killed by that signal)
     * @param cmd the command line
     * @param output the captured stdout, or {@code null} if not captured
     * @param stderr the captured stderr, or {@code null} if not captured
     */
    public CalledProcessException(int returnCode, List<String> cmd, byte[] output, byte[] stderr) {
        super(Commands.calledMessage(List.copyOf(cmd), returnCode));
        this.returnCode = returnCode;
        this.cmd = List.copyOf(cmd);
        this.output = output;
        this.stderr = stderr;
    }

    /** The exit status: Python's {@code returncode}. */
    public int returnCode() {
        return returnCode;
    }

    /** The command line: Python's {@code cmd}. */
    public List<String> cmd() {
        return cmd;
    }

    /** The captured stdout, or {@code null}: Python's {@code output} (alias {@code stdout}). */
    public byte[] output() {
        return output == null ? null : output.clone();
    }

    /** Same as {@link #output()}. */
    public byte[] stdout() {
        return output();
    }

    /** The captured stderr, or {@code null}. */
    public byte[] stderr() {
        return stderr == null ? null : stderr.clone();
    }

    /** The captured stdout decoded as UTF-8, or {@code null}. */
    public String stdoutText() {
        return output == null ? null : new String(output, StandardCharsets.UTF_8);
    }

    /** The captured stderr decoded as UTF-8, or {@code null}. */
    public String stderrText() {
        return stderr == null ? null : new String(stderr, StandardCharsets.UTF_8);
    }
}
