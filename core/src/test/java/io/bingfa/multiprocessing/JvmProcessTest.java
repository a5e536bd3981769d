package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class JvmProcessTest {
    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @TempDir
    Path dir;

    // CPython: _TestProcess.test_current
    @Test
    @Tag("cpython")
    void currentProcessIsTheAliveNonDaemonMainProcess() {
        JvmProcess me = Multiprocessing.currentProcess();
        assertEquals("MainProcess", me.name());
        assertTrue(me.isAlive());
        assertFalse(me.isDaemon());
        assertTrue(me.authKey().length > 0);
        assertEquals(ProcessHandle.current().pid(), me.pid());
        assertNull(me.exitCode());
        assertNull(Multiprocessing.parentProcess());
        assertTrue(Multiprocessing.cpuCount() > 0);
    }

    // CPython: _TestProcess.test_process (exitcode 0, name, not alive after join)
    @Test
    @Tag("cpython")
    void childRunsTheTargetAndExitsWithZero() throws Exception {
        Path out = dir.resolve("out");
        String file = out.toString();
        JvmProcess p = JvmProcess.builder().name("worker-7")
                .target(() -> Files.writeString(Path.of(file), Multiprocessing.currentProcess().name()
                        + " " + Multiprocessing.parentProcess().pid()))
                .build();
        assertNull(p.exitCode());
        assertFalse(p.isAlive());
        children.start(p);
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        assertFalse(p.isAlive());
        assertEquals("worker-7 " + ProcessHandle.current().pid(), Files.readString(out));
    }

    // CPython: _TestProcess.test_sys_exit and test_stderr_flush
    @Test
    @Tag("cpython")
    void uncaughtExceptionGivesExitCodeOneAndPrintsTheTrace() throws Exception {
        String err = captureStderr(() -> {
            JvmProcess p = children.start(JvmProcess.builder().name("doomed")
                    .target(() -> {
                        throw new IllegalStateException("boom in the child");
                    }).build());
            joinOrFail(p);
            assertEquals(1, p.exitCode());
        });
        assertContains(err, "Process doomed:", "IllegalStateException: boom in the child",
                "at io.bingfa.multiprocessing.JvmProcessTest");
    }

    // CPython: _TestProcess.test_sys_exit (sys.exit(8) -> 8)
    @Test
    @Tag("cpython")
    void systemExitCodeIsTheExitCode() throws Exception {
        JvmProcess p = children.start(new JvmProcess(() -> System.exit(3)));
        joinOrFail(p);
        assertEquals(3, p.exitCode());
    }

    // CPython: _TestProcess.test_terminate
    @Test
    @Tag("cpython")
    void terminateGivesMinusSigterm() throws Exception {
        JvmProcess p = children.start(new JvmProcess(() -> Thread.sleep(60_000)));
        assertFalse(p.join(Duration.ZERO));
        assertTrue(p.isAlive());
        assertNull(p.exitCode());
        p.terminate();
        joinOrFail(p);
        assertEquals(-15, p.exitCode());
        assertFalse(p.isAlive());
        assertFalse(Multiprocessing.activeChildren().contains(p));
    }

    // CPython: _TestProcess.test_kill
    @Test
    @Tag("cpython")
    void killGivesMinusSigkill() throws Exception {
        JvmProcess p = children.start(new JvmProcess(() -> Thread.sleep(60_000)));
        assertTrue(Multiprocessing.activeChildren().contains(p));
        p.kill();
        joinOrFail(p);
        assertEquals(-9, p.exitCode());
    }

    // CPython: multiprocessing/process.py start() "cannot start a process twice"
    @Test
    @Tag("cpython")
    void startingTwiceThrows() throws Exception {
        JvmProcess p = children.start(new JvmProcess(() -> { }));
        assertEquals("cannot start a process twice",
                assertThrows(IllegalStateException.class, p::start).getMessage());
        joinOrFail(p);
        assertThrows(IllegalStateException.class, p::start);
    }

    @Test
    void joinPidAndKillBeforeStartThrow() {
        JvmProcess p = new JvmProcess(() -> { });
        assertContains(assertThrows(IllegalStateException.class, p::join).getMessage(), "started");
        assertThrows(IllegalStateException.class, p::pid);
        assertThrows(IllegalStateException.class, p::kill);
        assertThrows(IllegalArgumentException.class, () -> p.join(Duration.ofSeconds(-1)));
    }

    @Test
    void targetThatCapturesSomethingUnserialisableIsRefusedAtStart() {
        Object notSerializable = new Object();
        JvmProcess p = new JvmProcess(() -> System.out.println(notSerializable));
        assertContains(assertThrows(IllegalArgumentException.class, p::start).getMessage(),
                "java.lang.Object", "not serialisable");
        assertNull(p.exitCode());
    }

    @Test
    void childOutputReachesTheParentsStreams() throws Exception {
        String out = captureStdout(() -> {
            JvmProcess p = children.start(JvmProcess.builder().name("printer")
                    .target(() -> {
                        System.out.println("hello from " + Multiprocessing.currentProcess().name());
                        System.out.print("no newline");
                    }).build());
            joinOrFail(p);
        });
        assertContains(out, "hello from printer", "no newline");
    }

    // CPython: _TestProcess.test_recursion (children start children; names nest)
    @Test
    @Tag("cpython")
    void childrenStartChildrenWithNestedNames() throws Exception {
        Path out = dir.resolve("names");
        String file = out.toString();
        JvmProcess p = children.start(new JvmProcess(() -> {
            JvmProcess grandchild = new JvmProcess(() -> Files.writeString(Path.of(file),
                    Multiprocessing.currentProcess().name() + " of "
                            + Multiprocessing.parentProcess().name()));
            grandchild.start();
            grandchild.join();
            if (grandchild.exitCode() != 0) {
                throw new AssertionError("grandchild exit " + grandchild.exitCode());
            }
        }));
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        String names = Files.readString(out);
        assertTrue(names.matches("Process-\\d+:1 of Process-\\d+"), names);
    }

    // CPython: multiprocessing/process.py "daemonic processes are not allowed to have children"
    @Test
    @Tag("cpython")
    void daemonChildCannotStartChildren() throws Exception {
        String err = captureStderr(() -> {
            JvmProcess p = children.start(JvmProcess.builder().daemon(true)
                    .target(() -> new JvmProcess(() -> { }).start()).build());
            joinOrFail(p);
            assertEquals(1, p.exitCode());
        });
        assertContains(err, "daemonic processes are not allowed to have children");
    }

    // CPython: _TestProcess.test_many_processes (100 short processes exit 0; 5 under spawn)
    @Test
    @Tag("cpython")
    void severalShortChildrenAllExitZeroAndTerminatedSleepersAllMinus15() throws Exception {
        List<JvmProcess> quick = new ArrayList<>();
        List<JvmProcess> sleepers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            quick.add(children.start(new JvmProcess(() -> { })));
            sleepers.add(children.start(new JvmProcess(() -> Thread.sleep(60_000))));
        }
        for (JvmProcess p : quick) {
            joinOrFail(p);
            assertEquals(0, p.exitCode());
        }
        for (JvmProcess p : sleepers) {
            p.terminate();
        }
        for (JvmProcess p : sleepers) {
            joinOrFail(p);
            assertEquals(-15, p.exitCode());
        }
    }

    // CPython: _TestProcess.test_sentinel (the sentinel is onExit(): unusable before start,
    // completes when the child exits)
    @Test
    @Tag("cpython")
    void onExitCompletesWhenTheChildExits() throws Exception {
        JvmProcess p = new JvmProcess(() -> Thread.sleep(60_000));
        assertThrows(IllegalStateException.class, p::onExit);
        children.start(p);
        var exited = p.onExit();
        assertFalse(exited.isDone());
        p.terminate();
        assertEquals(p, exited.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(-15, p.exitCode());
    }

    // CPython: _TestProcess.test_wait_for_threads (a child waits for its non-daemon threads;
    // daemon threads are abandoned)
    @Test
    @Tag("cpython")
    void childWaitsForItsNonDaemonThreadsAndAbandonsDaemonThreads() throws Exception {
        Path done = dir.resolve("non-daemon-done");
        Path abandoned = dir.resolve("daemon-done");
        String doneFile = done.toString();
        String abandonedFile = abandoned.toString();
        JvmProcess p = children.start(new JvmProcess(() -> {
            Thread worker = new Thread(() -> {
                try {
                    Thread.sleep(300);
                    Files.writeString(Path.of(doneFile), "done");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            worker.start();
            Thread daemon = new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                    Files.writeString(Path.of(abandonedFile), "done");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            daemon.setDaemon(true);
            daemon.start();
        }));
        joinOrFail(p);
        assertEquals(0, p.exitCode());
        assertTrue(Files.exists(done), "the non-daemon thread finished before the child exited");
        assertFalse(Files.exists(abandoned), "the daemon thread was abandoned");
    }

    // Fault injection: kill -9 the parent; no child outlives it by more than 2 s.
    @Test
    void childrenExitWhenTheirParentIsKilled() throws Exception {
        Path pidFile = dir.resolve("grandchild.pid");
        String file = pidFile.toString();
        JvmProcess parent = children.start(new JvmProcess(() -> {
            JvmProcess sleeper = new JvmProcess(() -> Thread.sleep(600_000));
            sleeper.start();
            Files.writeString(Path.of(file + ".tmp"), Long.toString(sleeper.pid()));
            Files.move(Path.of(file + ".tmp"), Path.of(file));
            sleeper.join();
        }));
        Waits.awaitTrue("the middle JVM reports its child", () -> Files.exists(pidFile));
        long grandchild = Long.parseLong(Files.readString(pidFile));
        ProcessHandle orphan = ProcessHandle.of(grandchild).orElseThrow();
        parent.kill();
        joinOrFail(parent);
        long killed = System.nanoTime();
        try {
            Waits.awaitTrue("the orphan exits", () -> hasExited(grandchild));
        } finally {
            orphan.destroyForcibly();
        }
        Duration outlived = Duration.ofNanos(System.nanoTime() - killed);
        assertTrue(outlived.compareTo(Duration.ofSeconds(2)) < 0, "the orphan lived on for " + outlived);
    }

    /**
     * Whether a process that is not our child has exited. An orphan that exits stays a zombie
     * until the machine's init reaps it (here: up to ~2 s later), and a zombie still counts as
     * alive for {@link ProcessHandle#isAlive()}; on Linux, read its state instead.
     */
    private static boolean hasExited(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            try {
                String s = Files.readString(stat);
                return s.charAt(s.lastIndexOf(')') + 2) == 'Z';
            } catch (java.io.IOException gone) {
                return true;
            }
        }
        return !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    static void assertContains(String text, String... parts) {
        for (String part : parts) {
            assertTrue(text.contains(part), () -> "expected '" + part + "' in:\n" + text);
        }
    }

    interface Body {
        void run() throws Exception;
    }

    static String captureStdout(Body body) throws Exception {
        PrintStream saved = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    static String captureStderr(Body body) throws Exception {
        PrintStream saved = System.err;
        var bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
