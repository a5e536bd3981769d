package io.bingfa.subprocess;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Runs a program and waits for it: Python's {@code subprocess.run}, {@code call},
 * {@code check_call} and {@code check_output}.
 *
 * <pre>{@code
 * CompletedProcess r = Subprocess.run(List.of("git", "status", "--short"),
 *         RunOptions.builder().captureOutput(true).check(true).timeout(Duration.ofSeconds(10)).build());
 * System.out.print(r.stdoutText());
 * }</pre>
 *
 * <p>Every method starts the child, feeds it the input, reads its piped output (both pipes at
 * once, so it cannot deadlock) and waits for it to exit. If anything ends the wait early (the
 * timeout, an interrupt) the child is killed and reaped before the method throws, as CPython's
 * {@code run} does; a grandchild it started is not (kill a process group from a shell if that
 * matters).
 */
public final class Subprocess {
    private Subprocess() {}

    /**
     * Runs {@code args} with the default options (streams inherited, no check, no timeout) and
     * waits for it to exit.
     *
     * @see #run(List, RunOptions)
     */
    public static CompletedProcess run(List<String> args) throws IOException, InterruptedException {
        return run(args, RunOptions.defaults());
    }

    /**
     * Runs {@code args} and waits for it to exit: Python's {@code subprocess.run}. The thread
     * lies dormant until one of three things happens: the child exits and its pipes reach their
     * end; the options' timeout runs out; or the thread is interrupted. In the last two cases the
     * child is killed (SIGKILL) and reaped first.
     *
     * @return the exit status and the captured output
     * @throws CalledProcessException with {@code check(true)}, if the exit status is not 0
     * @throws TimeoutExpiredException if the timeout ran out; the child has been killed, and the
     *     exception holds the output it wrote before
     * @throws IllegalArgumentException if {@code args} is empty
     * @throws IOException if the program cannot be started (Python's {@code FileNotFoundError} or
     *     {@code PermissionError}: a missing or non-executable program, a missing cwd), or a pipe
     *     fails
     * @throws InterruptedException if the current thread is interrupted while waiting; the
     *     interrupt status is cleared and the child has been killed
     */
    public static CompletedProcess run(List<String> args, RunOptions options)
            throws IOException, InterruptedException {
        Objects.requireNonNull(options, "options");
        Popen p = new Popen(args, options, true);
        CompletedProcess done;
        try {
            done = options.timeout() == null
                    ? p.communicate(options.inputNoCopy())
                    : p.communicate(options.inputNoCopy(), options.timeout());
        } catch (TimeoutExpiredException e) {
            p.kill();
            CompletedProcess partial = p.collectAfterKill();
            TimeoutExpiredException expired = new TimeoutExpiredException(p.args(), e.timeout(),
                    partial.stdout(), partial.stderr());
            expired.setStackTrace(e.getStackTrace());
            throw expired;
        } catch (Throwable t) {
            p.killAndReap();
            throw t;
        }
        if (options.check()) {
            done.checkReturnCode();
        }
        return done;
    }

    /**
     * Runs {@code args} and returns its exit status: Python's {@code subprocess.call}.
     *
     * @see #run(List, RunOptions)
     */
    public static int call(List<String> args) throws IOException, InterruptedException {
        return call(args, RunOptions.defaults());
    }

    /**
     * Runs {@code args} with {@code options} and returns its exit status: Python's
     * {@code subprocess.call}.
     *
     * @see #run(List, RunOptions)
     */
    public static int call(List<String> args, RunOptions options)
            throws IOException, InterruptedException {
        return run(args, options).returnCode();
    }

    /**
     * Runs {@code args} and returns 0, or throws {@link CalledProcessException}: Python's
     * {@code subprocess.check_call}.
     *
     * @see #run(List, RunOptions)
     */
    public static int checkCall(List<String> args) throws IOException, InterruptedException {
        return checkCall(args, RunOptions.defaults());
    }

    /**
     * Runs {@code args} with {@code options} and {@code check(true)}, and returns 0: Python's
     * {@code subprocess.check_call}.
     *
     * @see #run(List, RunOptions)
     */
    public static int checkCall(List<String> args, RunOptions options)
            throws IOException, InterruptedException {
        return run(args, options.toBuilder().check(true).build()).returnCode();
    }

    /**
     * Runs {@code args} and returns what it wrote to stdout, or throws
     * {@link CalledProcessException}: Python's {@code subprocess.check_output}.
     *
     * @see #run(List, RunOptions)
     */
    public static byte[] checkOutput(List<String> args) throws IOException, InterruptedException {
        return checkOutput(args, RunOptions.defaults());
    }

    /**
     * Runs {@code args} with {@code options}, stdout piped and {@code check(true)}, and returns
     * what it wrote to stdout: Python's {@code subprocess.check_output}. stderr is as the options
     * say ({@link Redirect#STDOUT} merges it into the result).
     *
     * @throws IllegalArgumentException if the options set stdout or captureOutput ("stdout
     *     argument not allowed, it will be overridden.")
     * @see #run(List, RunOptions)
     */
    public static byte[] checkOutput(List<String> args, RunOptions options)
            throws IOException, InterruptedException {
        if (options.stdoutSet()) {
            throw new IllegalArgumentException("stdout argument not allowed, it will be overridden.");
        }
        return run(args, options.toBuilder().stdout(Redirect.PIPE).check(true).build()).stdout();
    }
}
