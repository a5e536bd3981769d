package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection: workers die under running tasks (kill -9, System.exit). Pool fails exactly the
 * task that was running on the dead worker and goes on (CPython hangs here: gh-66587).
 */
@Timeout(60)
class PoolCrashTest {
    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @TempDir
    Path dir;

    /**
     * A task that announces itself with a file named after its worker's pid, then waits for the
     * file "go": a latch across processes.
     */
    static long announceAndWait(String directory) throws IOException, InterruptedException {
        long pid = ProcessHandle.current().pid();
        Path d = Path.of(directory);
        Files.writeString(d.resolve("running-" + pid), "");
        while (!Files.exists(d.resolve("go"))) {
            Thread.sleep(5);
        }
        return pid;
    }

    private List<Long> running() throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("running-"))
                    .map(n -> Long.parseLong(n.substring("running-".length()))).toList();
        }
    }

    @Test
    void killingAWorkerFailsExactlyItsRunningTaskAndThePoolGoesOn() throws Exception {
        Pool pool = new Pool(2);
        try {
            String d = dir.toString();
            List<AsyncResult<Long>> first = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                first.add(pool.applyAsync(PoolCrashTest::announceAndWait, d));
            }
            Waits.awaitTrue("both workers to run a task", () -> {
                try {
                    return running().size() == 2;
                } catch (IOException e) {
                    return false;
                }
            });
            // queued behind them (and partly pipelined into the workers' sockets)
            List<AsyncResult<Long>> queued = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                queued.add(pool.applyAsync(PoolCrashTest::announceAndWait, d));
            }
            long victim = running().get(0);
            ProcessHandle.of(victim).orElseThrow().destroyForcibly();

            // the victim's task fails with the crash; nothing else is lost
            AsyncResult<Long> lost = null;
            Waits.awaitTrue("the killed worker's task to fail", () -> first.stream().anyMatch(AsyncResult::isReady));
            for (AsyncResult<Long> r : first) {
                if (r.isReady() && !r.isSuccessful()) {
                    lost = r;
                }
            }
            assertTrue(lost != null, "one of the running tasks failed");
            CompletionException e = assertThrows(CompletionException.class, lost::get);
            WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, e.getCause());
            assertEquals(victim, crash.pid());
            assertEquals(-9, crash.exitCode());
            assertTrue(crash.getMessage().matches("worker Process-\\S+ \\(pid " + victim
                    + "\\) died with exit code -9 while running this task"), crash.getMessage());

            Files.writeString(dir.resolve("go"), "");
            for (AsyncResult<Long> r : first) {
                if (r != lost) {
                    assertTrue(r.get() > 0);
                }
            }
            for (AsyncResult<Long> r : queued) {
                assertFalse(r.get() == victim);
            }
            long fresh = pool.apply(x -> ProcessHandle.current().pid(), 0);
            assertFalse(fresh == victim);
            assertEquals(2, pool.workerPids().size());
            assertFalse(pool.workerPids().contains(victim));
        } finally {
            pool.terminate();
            pool.join();
        }
    }

    // CPython: test_deadlock.ExecutorDeadlockTest.test_crash_big_data (gh-94777): a worker dying
    // while a payload larger than the socket buffers is in flight fails that task, nothing hangs
    @Test
    @Tag("cpython")
    void aWorkerDyingWithABigPayloadInFlightFailsItsTaskAndThePoolGoesOn() throws Exception {
        Pool pool = new Pool(1);
        try {
            byte[] big = new byte[8 << 20];
            CompletionException e = assertThrows(CompletionException.class, () -> pool.apply(b -> {
                System.exit(5);
                return b.length;
            }, big));
            WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, e.getCause());
            assertEquals(5, crash.exitCode());
            int length = pool.<byte[], Integer>apply(b -> b.length, big);
            assertEquals(8 << 20, length);
        } finally {
            pool.terminate();
            pool.join();
        }
    }

    @Test
    void systemExitInATaskFailsItWithTheExitCode() throws Exception {
        Pool pool = new Pool(1);
        try {
            CompletionException e = assertThrows(CompletionException.class, () -> pool.apply(x -> {
                System.exit(3);
                return x;
            }, 1));
            WorkerCrashedException crash = assertInstanceOf(WorkerCrashedException.class, e.getCause());
            assertEquals(3, crash.exitCode());
            assertTrue(crash.workerName().startsWith("Process-"), crash.workerName());
            assertEquals(List.of(0, 1, 4), pool.map(PoolTest.SQR, List.of(0, 1, 2)));
        } finally {
            pool.terminate();
            pool.join();
        }
    }

    @Test
    void aWorkerDyingInItsInitializerBreaksThePoolInsteadOfRestartingForever() throws Exception {
        Pool pool = Pool.builder().processes(1).initializer(() -> System.exit(2)).build();
        try {
            AsyncResult<Integer> r = pool.applyAsync(PoolTest.SQR, 2);
            CompletionException e = assertThrows(CompletionException.class, r::get);
            IllegalStateException broken = assertInstanceOf(IllegalStateException.class, e.getCause());
            assertTrue(broken.getMessage().contains("exited with code 2 before it was ready"),
                    broken.getMessage());
            pool.join(); // broken pools are not running: join returns once the worker is gone
            assertThrows(IllegalStateException.class, () -> pool.apply(PoolTest.SQR, 1));
        } finally {
            pool.terminate();
            pool.join();
        }
    }

    @Test
    void anIdleWorkerThatDiesIsReplaced() throws Exception {
        Pool pool = new Pool(1);
        try {
            long pid = pool.apply(x -> ProcessHandle.current().pid(), 0);
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();
            Waits.awaitTrue("a replacement", () -> {
                List<Long> pids = pool.workerPids();
                return pids.size() == 1 && !pids.contains(pid);
            });
            assertEquals(9, pool.apply(PoolTest.SQR, 3));
        } finally {
            pool.terminate();
            pool.join();
        }
    }
}
