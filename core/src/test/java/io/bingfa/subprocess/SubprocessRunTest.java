package io.bingfa.subprocess;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Subprocess#run} and its short forms. run reaps its child before it returns or throws, so
 * these tests leave nothing behind; where a test needs the pid, the child prints it.
 */
class SubprocessRunTest {
    private static final RunOptions CAPTURE = RunOptions.builder().captureOutput(true).build();

    @TempDir
    Path dir;

    private static List<String> sh(String script) {
        return List.of("/bin/sh", "-c", script);
    }

    // CPython: test_subprocess.RunFuncTestCase.test_returncode
    @Test
    @Tag("cpython")
    void runReturnsTheExitStatusAndNoOutputWhenNotPiped() throws Exception {
        CompletedProcess done = Subprocess.run(sh("exit 47"));
        assertEquals(47, done.returnCode());
        assertEquals(sh("exit 47"), done.args());
        assertNull(done.stdout());
        assertNull(done.stderr());
        assertNull(done.stdoutText());
        assertEquals("CompletedProcess[args=['/bin/sh', '-c', 'exit 47'], returncode=47]", done.toString());
    }

    // CPython: test_subprocess.RunFuncTestCase.test_check
    @Test
    @Tag("cpython")
    void checkThrowsCalledProcessExceptionWithStatusCommandAndOutput() {
        List<String> cmd = sh("printf out; printf err >&2; exit 1");
        var e = assertThrows(CalledProcessException.class, () -> Subprocess.run(cmd,
                RunOptions.builder().captureOutput(true).check(true).build()));
        assertEquals(1, e.returnCode());
        assertEquals(cmd, e.cmd());
        assertEquals("out", new String(e.output(), UTF_8));
        assertEquals("out", e.stdoutText());
        assertEquals("err", e.stderrText());
        assertEquals("Command '['/bin/sh', '-c', 'printf out; printf err >&2; exit 1']' returned "
                + "non-zero exit status 1.", e.getMessage());
        assertInstanceOf(SubprocessException.class, e);
    }

    // CPython: test_subprocess.RunFuncTestCase.test_check_zero
    @Test
    @Tag("cpython")
    void checkOnExitZeroReturnsNormally() throws Exception {
        CompletedProcess done = Subprocess.run(sh("exit 0"), RunOptions.builder().check(true).build());
        assertEquals(0, done.returnCode());
        assertTrue(done == done.checkReturnCode());
    }

    // CPython: test_subprocess.ProcessTestCase.test_check_call_nonzero (via check_returncode)
    @Test
    @Tag("cpython")
    void checkReturnCodeThrowsForNonZero() throws Exception {
        CompletedProcess done = Subprocess.run(sh("exit 3"), CAPTURE);
        var e = assertThrows(CalledProcessException.class, done::checkReturnCode);
        assertEquals(3, e.returnCode());
        assertArrayEquals(new byte[0], e.stdout());
    }

    // CPython: test_subprocess.RunFuncTestCase.test_capture_output
    @Test
    @Tag("cpython")
    void captureOutputKeepsStdoutAndStderrApart() throws Exception {
        CompletedProcess done = Subprocess.run(sh("printf BDFL; printf FLUFL >&2"), CAPTURE);
        assertEquals("BDFL", done.stdoutText());
        assertEquals("FLUFL", done.stderrText());
        assertArrayEquals("BDFL".getBytes(UTF_8), done.stdout());
    }

    // CPython: test_subprocess.ProcessTestCase.test_stdout_stderr_pipe
    @Test
    @Tag("cpython")
    void stderrToStdoutMergesThemInOrder() throws Exception {
        CompletedProcess done = Subprocess.run(sh("printf apple; printf orange >&2; printf pear"),
                RunOptions.builder().stdout(Redirect.PIPE).stderr(Redirect.STDOUT).build());
        assertEquals("appleorangepear", done.stdoutText());
        assertNull(done.stderr());
    }

    // CPython: test_subprocess.RunFuncTestCase.test_check_output_input_arg
    @Test
    @Tag("cpython")
    void inputIsFedToStdin() throws Exception {
        CompletedProcess done = Subprocess.run(List.of("cat"),
                RunOptions.builder().input("pear\u00e9").captureOutput(true).build());
        assertEquals("pear\u00e9", done.stdoutText());
        assertEquals(0, done.returnCode());
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        assertArrayEquals(bytes, Subprocess.checkOutput(List.of("cat"),
                RunOptions.builder().input(bytes).build()));
    }

    // CPython: test_subprocess.RunFuncTestCase.test_check_output_stdin_with_input_arg
    @Test
    @Tag("cpython")
    void stdinAndInputTogetherAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.builder().stdin(Redirect.PIPE).input("x").build());
        assertEquals("stdin and input arguments may not both be used.", e.getMessage());
    }

    // CPython: test_subprocess.RunFuncTestCase.test_stdout_with_capture_output_arg and
    // test_stderr_with_capture_output_arg
    @Test
    @Tag("cpython")
    void captureOutputWithStdoutOrStderrIsRefused() {
        for (var b : List.of(RunOptions.builder().stdout(Redirect.PIPE),
                RunOptions.builder().stderr(Redirect.DEVNULL))) {
            var e = assertThrows(IllegalArgumentException.class, () -> b.captureOutput(true).build());
            assertTrue(e.getMessage().contains("capture_output"), e.getMessage());
        }
    }

    // CPython: test_subprocess.RunFuncTestCase.test_timeout and
    // test_run_with_shell_timeout_and_capture_output
    @Test
    @Tag("cpython")
    void timeoutKillsTheChildPromptlyAndKeepsItsOutput() {
        long start = System.nanoTime();
        var e = assertThrows(TimeoutExpiredException.class, () -> Subprocess.run(
                sh("echo $$; printf partial >&2; exec sleep 30"),
                RunOptions.builder().captureOutput(true).timeout(Duration.ofMillis(1500)).build()));
        Waits.assertTookAbout(Duration.ofMillis(1500), start);
        assertEquals(Duration.ofMillis(1500), e.timeout());
        assertEquals("Command '['/bin/sh', '-c', 'echo $$; printf partial >&2; exec sleep 30']' "
                + "timed out after 1.5 seconds", e.getMessage());
        assertEquals("partial", e.stderrText());
        long pid = Long.parseLong(e.stdoutText().strip());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                "the child " + pid + " should have been killed and reaped");
    }

    // CPython: test_subprocess.RunFuncTestCase.test_check_output_timeout
    @Test
    @Tag("cpython")
    void zeroTimeoutExpiresAtOnce() {
        long start = System.nanoTime();
        var e = assertThrows(TimeoutExpiredException.class, () -> Subprocess.checkOutput(
                List.of("sleep", "30"), RunOptions.builder().timeout(Duration.ZERO).build()));
        Waits.assertDidNotWait(start);
        assertArrayEquals(new byte[0], e.output());
        assertNull(e.stderr());
    }

    @Test
    void negativeTimeoutIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> RunOptions.builder().timeout(Duration.ofMillis(-1)));
        assertTrue(e.getMessage().contains("PT-0.001S"), e.getMessage());
    }

    @Test
    void interruptKillsTheChildAndThrowsInterruptedException() throws Exception {
        Path pidFile = dir.resolve("pid");
        try (var threads = new TestThreads()) {
            var runner = threads.fork("runner", () -> Subprocess.run(
                    sh("echo $$ > " + pidFile + ".tmp; mv " + pidFile + ".tmp " + pidFile
                            + "; exec sleep 30"), RunOptions.defaults()));
            Waits.awaitTrue("the child wrote its pid", () -> Files.exists(pidFile));
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            runner.thread().interrupt();
            runner.joinThrowing(InterruptedException.class);
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "the child " + pid + " should have been killed and reaped");
        }
    }

    // CPython: test_subprocess.ProcessTestCase.test_cwd
    @Test
    @Tag("cpython")
    void cwdIsTheChildsWorkingDirectory() throws Exception {
        CompletedProcess done = Subprocess.run(List.of("pwd", "-P"),
                RunOptions.builder().cwd(dir).stdout(Redirect.PIPE).build());
        assertEquals(dir.toRealPath().toString(), done.stdoutText().strip());
    }

    // CPython: test_subprocess.ProcessTestCase.test_env
    @Test
    @Tag("cpython")
    void envReplacesTheEnvironment() throws Exception {
        CompletedProcess done = Subprocess.run(sh("printf '%s|%s' \"$FRUIT\" \"${HOME-unset}\""),
                RunOptions.builder().env(Map.of("FRUIT", "orange")).stdout(Redirect.PIPE).build());
        assertEquals("orange|unset", done.stdoutText());
    }

    @Test
    void extraEnvAddsToTheInheritedEnvironment() throws Exception {
        CompletedProcess done = Subprocess.run(sh("printf '%s|%s' \"$FRUIT\" \"$PATH\""),
                RunOptions.builder().extraEnv(Map.of("FRUIT", "pear")).stdout(Redirect.PIPE).build());
        assertEquals("pear|" + System.getenv("PATH"), done.stdoutText());
    }

    // CPython: test_subprocess.ProcessTestCase.test_stdin_devnull, test_stdout_devnull,
    // test_stderr_devnull
    @Test
    @Tag("cpython")
    void devnullReadsEmptyAndSwallowsOutput() throws Exception {
        CompletedProcess done = Subprocess.run(List.of("cat"), RunOptions.builder()
                .stdin(Redirect.DEVNULL).stdout(Redirect.PIPE).stderr(Redirect.PIPE).build());
        assertEquals("", done.stdoutText());
        done = Subprocess.run(sh("printf lost; printf lost >&2"), RunOptions.builder()
                .stdout(Redirect.DEVNULL).stderr(Redirect.DEVNULL).build());
        assertNull(done.stdout());
        assertEquals(0, done.returnCode());
    }

    // CPython: test_subprocess.ProcessTestCase.test_stdout_filedes and test_stdin_filedes
    @Test
    @Tag("cpython")
    void filesCanBeStdinStdoutAndStderr() throws Exception {
        Path in = Files.writeString(dir.resolve("in"), "pear");
        Path out = dir.resolve("out");
        Path err = Files.writeString(dir.resolve("err"), "old|");
        Subprocess.checkCall(sh("cat; printf new >&2"), RunOptions.builder().stdin(Redirect.from(in))
                .stdout(Redirect.to(out)).stderr(Redirect.appendTo(err)).build());
        assertEquals("pear", Files.readString(out));
        assertEquals("old|new", Files.readString(err));
    }

    @Test
    void redirectsAreCheckedAgainstTheirStream() {
        assertThrows(IllegalArgumentException.class, () -> RunOptions.builder().stdout(Redirect.STDOUT));
        assertThrows(IllegalArgumentException.class, () -> RunOptions.builder().stdin(Redirect.STDOUT));
        assertThrows(IllegalArgumentException.class,
                () -> RunOptions.builder().stdin(Redirect.to(dir.resolve("x"))));
        assertThrows(IllegalArgumentException.class,
                () -> RunOptions.builder().stderr(Redirect.from(dir.resolve("x"))));
        assertThrows(IllegalArgumentException.class, () -> Subprocess.run(List.of()));
    }

    // CPython: test_subprocess.POSIXProcessTestCase.test_exception_bad_executable
    @Test
    @Tag("cpython")
    void missingExecutableThrowsIOExceptionNamingIt() {
        var e = assertThrows(IOException.class,
                () -> Subprocess.run(List.of("/nonexistent/bingfa-no-such-program")));
        assertTrue(e.getMessage().contains("/nonexistent/bingfa-no-such-program"), e.getMessage());
        assertThrows(IOException.class, () -> Subprocess.run(List.of("bingfa-no-such-program-on-path")));
    }

    // CPython: test_subprocess.POSIXProcessTestCase.test_exception_cwd
    @Test
    @Tag("cpython")
    void missingCwdThrowsIOException() {
        assertThrows(IOException.class, () -> Subprocess.run(List.of("true"),
                RunOptions.builder().cwd(dir.resolve("missing")).build()));
    }

    // CPython: test_subprocess.ProcessTestCase.test_call_seq, test_check_call_zero,
    // test_check_call_nonzero
    @Test
    @Tag("cpython")
    void callAndCheckCall() throws Exception {
        assertEquals(47, Subprocess.call(sh("exit 47")));
        assertEquals(0, Subprocess.checkCall(sh("exit 0")));
        var e = assertThrows(CalledProcessException.class, () -> Subprocess.checkCall(sh("exit 47")));
        assertEquals(47, e.returnCode());
        assertNull(e.output());
    }

    // CPython: test_subprocess.ProcessTestCase.test_check_output, test_check_output_nonzero,
    // test_check_output_stderr, test_check_output_stdout_arg
    @Test
    @Tag("cpython")
    void checkOutput() throws Exception {
        assertEquals("BDFL", new String(Subprocess.checkOutput(sh("printf BDFL")), UTF_8));
        var e = assertThrows(CalledProcessException.class, () -> Subprocess.checkOutput(sh("exit 5")));
        assertEquals(5, e.returnCode());
        assertEquals("BDFL", new String(Subprocess.checkOutput(sh("printf BDFL >&2"),
                RunOptions.builder().stderr(Redirect.STDOUT).build()), UTF_8));
        var refused = assertThrows(IllegalArgumentException.class, () -> Subprocess.checkOutput(
                sh("true"), RunOptions.builder().stdout(Redirect.DEVNULL).build()));
        assertEquals("stdout argument not allowed, it will be overridden.", refused.getMessage());
    }

    // CPython: test_subprocess.POSIXProcessTestCase.test_run_abort
    @Test
    @Tag("cpython")
    void deathBySignalReadsAsMinusTheSignal() throws Exception {
        assertEquals(-6, Subprocess.call(sh("kill -ABRT $$")));
        assertEquals(-9, Subprocess.call(sh("kill -KILL $$")));
    }

    /** The documented ambiguity: the JDK reports death by signal n as 128 + n, as a shell does. */
    @Test
    void aRealExitStatusOf137AlsoReadsAsMinusNine() throws Exception {
        assertEquals(-9, Subprocess.call(sh("exit 137")));
        assertEquals(128, Subprocess.call(sh("exit 128")));
        assertEquals(160, Subprocess.call(sh("exit 160")));
    }

    // CPython: test_subprocess.POSIXProcessTestCase.test_CalledProcessError_str_signal,
    // test_CalledProcessError_str_unknown_signal, test_CalledProcessError_str_non_zero
    @Test
    @Tag("cpython")
    void calledProcessExceptionMessages() {
        List<String> cmd = List.of("fake cmd");
        assertEquals("Command '['fake cmd']' died with <Signals.SIGABRT: 6>.",
                new CalledProcessException(-6, cmd, null, null).getMessage());
        assertTrue(new CalledProcessException(-9876543, cmd, null, null).getMessage()
                .contains("unknown signal 9876543."));
        assertTrue(new CalledProcessException(2, cmd, null, null).getMessage()
                .contains("non-zero exit status 2."));
        assertEquals("Command '[\"it's\"]' returned non-zero exit status 1.",
                new CalledProcessException(1, List.of("it's"), null, null).getMessage());
    }
}
