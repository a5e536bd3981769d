package io.bingfa.futures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** test_shutdown.py's interpreter-exit cases (CONFORMANCE.md 4e 40, 41), in a child JVM. */
@Timeout(120)
class JvmExitTest {
    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {}

    private Outcome run(String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve(mode + ".out");
        Path err = dir.resolve(mode + ".err");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExitProbe.class.getName(), mode)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not exit: " + Files.readString(err));
        }
        return new Outcome(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip(),
                Files.readString(err, StandardCharsets.UTF_8).strip());
    }

    // CPython: test_concurrent_futures.test_shutdown.ThreadPoolShutdownTest.test_interpreter_shutdown
    @Test
    @Tag("cpython")
    void test_interpreter_shutdown_pendingTaskStillRunsAtExit() throws Exception {
        Outcome o = run("apple");
        assertEquals(0, o.exit(), o.err());
        assertEquals("apple", o.out());
        assertTrue(o.err().isEmpty(), o.err());
    }

    // CPython: test_concurrent_futures.test_shutdown.ThreadPoolShutdownTest.test_submit_after_interpreter_shutdown
    @Test
    @Tag("cpython")
    void test_submit_after_interpreter_shutdown_isRejected() throws Exception {
        Outcome o = run("atexit");
        assertEquals(0, o.exit(), o.err());
        assertEquals("cannot schedule new futures after interpreter shutdown", o.out());
    }

}
