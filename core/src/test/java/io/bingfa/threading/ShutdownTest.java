package io.bingfa.threading;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * test_threading.py's interpreter-shutdown cases, run in a child JVM (the test's class path) so
 * that "the process exits" can be observed.
 */
@Timeout(120)
class ShutdownTest {
    @TempDir
    Path dir;

    private record Outcome(int exitCode, String out, String err) {}

    private Outcome runChild(String scenario) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = dir.resolve(scenario + ".out");
        Path err = dir.resolve(scenario + ".err");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), scenario));
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("child JVM for " + scenario + " did not exit; stdout:\n"
                    + Files.readString(out, UTF_8) + "\nstderr:\n" + Files.readString(err, UTF_8));
        }
        return new Outcome(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
    }

    // CPython: test_threading.ThreadTests.test_join_nondaemon_on_shutdown, test_1_join_on_shutdown,
    //          test_thread_from_thread (also: a thread joining the main thread is released)
    @Test
    @Tag("cpython")
    void test_join_nondaemon_on_shutdown_jvmWaitsForThreadsStartedByThreads() throws Exception {
        Outcome outcome = runChild("nondaemon");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals("main done\nworker saw main end\ninner done\n", outcome.out(), outcome.err());
    }

    // CPython: test_threading.ThreadingExceptionTests.test_print_exception (process continues, exit 0)
    @Test
    @Tag("cpython")
    void test_print_exception_uncaughtExceptionInAThreadLeavesExitCodeZero() throws Exception {
        Outcome outcome = runChild("uncaught");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertEquals("main continues\n", outcome.out());
        assertTrue(outcome.err().startsWith("Exception in thread Thread-1:"), outcome.err());
        assertTrue(outcome.err().contains("java.lang.IllegalArgumentException: run failed"), outcome.err());
    }

    // CPython: test_threading.ThreadTests.test_4_daemon_threads
    @Test
    @Tag("cpython")
    void test_4_daemon_threads_exitWhileFortyDaemonsDoIoIsClean() throws Exception {
        Outcome outcome = runChild("daemons");
        assertEquals(0, outcome.exitCode(), outcome.err());
        assertTrue(outcome.out().startsWith("40 daemons running\n"), outcome.out());
        assertEquals("", outcome.err());
    }

    /** The child JVM's entry point; the argument names the scenario. */
    static final class Child {
        private Child() {}

        public static void main(String[] args) throws Exception {
            switch (args[0]) {
                case "nondaemon" -> {
                    Thread main = Threads.main();
                    Threads.start(() -> {
                        main.join(); // released once main has finished
                        System.out.println("worker saw main end");
                        Threads.start(() -> System.out.println("inner done"));
                    });
                    System.out.println("main done");
                }
                case "uncaught" -> {
                    Threads.start(() -> {
                        throw new IllegalArgumentException("run failed");
                    }).join();
                    System.out.println("main continues");
                }
                case "daemons" -> {
                    CountDownLatch running = new CountDownLatch(40);
                    for (int i = 0; i < 40; i++) {
                        Thread.ofPlatform().daemon().start(Threads.runnable(() -> {
                            running.countDown();
                            while (true) {
                                Files.writeString(Path.of("/dev/null"), "io");
                            }
                        }));
                    }
                    running.await();
                    System.out.println("40 daemons running");
                    System.out.flush();
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
        }
    }
}
