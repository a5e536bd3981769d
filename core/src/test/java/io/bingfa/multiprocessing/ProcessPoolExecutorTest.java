package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.SerializableTask;
import io.bingfa.Task;
import io.bingfa.futures.BrokenExecutorException;
import io.bingfa.futures.Future;
import io.bingfa.futures.MapIterator;
import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** CPython's test_process_pool.py (CONFORMANCE.md 4h) and the process side of 4b/4e/4g. */
@Timeout(60)
class ProcessPoolExecutorTest {
    static final Duration LONG = Duration.ofSeconds(30);

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    @TempDir
    Path dir;

    private final List<ProcessPoolExecutor> created = new ArrayList<>();

    private ProcessPoolExecutor executor(ProcessPoolExecutor e) {
        created.add(e);
        return e;
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        for (ProcessPoolExecutor e : created) {
            e.shutdown(true, true);
        }
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_submit, test_map
    @Test
    @Tag("cpython")
    void submitAndMapRunInWorkerProcesses() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(2));
        Future<Integer> f = e.submit(() -> (int) Math.pow(2, 8));
        assertEquals(256, f.result(LONG));
        assertFalse(e.submit(ProcessPoolExecutorTest::pid).result(LONG) == pid());
        List<Long> got = new ArrayList<>();
        e.map((Integer i) -> (long) Math.pow(i, i), List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
                .forEachRemaining(got::add);
        assertEquals(List.of(1L, 1L, 4L, 27L, 256L, 3125L, 46656L, 823543L, 16777216L, 387420489L), got);
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_map_exception
    @Test
    @Tag("cpython")
    void mapRaisesAtTheFailedPositionAndGoesOn() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(2));
        MapIterator<Integer> it = e.map((int[] a) -> a[0] / a[1],
                List.of(new int[] {5, 2}, new int[] {5, 0}, new int[] {6, 3}));
        assertEquals(2, it.next());
        CompletionException failure = assertThrows(CompletionException.class, it::next);
        assertInstanceOf(ArithmeticException.class, failure.getCause());
        assertEquals(2, it.next());
        assertFalse(it.hasNext());
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_map_chunksize
    @Test
    @Tag("cpython")
    void mapWithChunksGivesTheSameOrderedResults() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(2));
        List<Integer> items = java.util.stream.IntStream.range(0, 100).boxed().toList();
        List<Integer> expected = items.stream().map(i -> i * i).toList();
        for (int chunksize : new int[] {6, 50, 40, 1, 1000}) {
            List<Integer> got = new ArrayList<>();
            e.map((Integer i) -> i * i, items, LONG, chunksize).forEachRemaining(got::add);
            assertEquals(expected, got, "chunksize " + chunksize);
        }
        assertThrows(IllegalArgumentException.class, () -> e.map((Integer i) -> i, items, LONG, -1));
        MapIterator<Integer> failing = e.map((Integer i) -> 10 / (i - 5), items.subList(0, 9), LONG, 3);
        assertEquals(List.of(-2, -2, -3), List.of(failing.next(), failing.next(), failing.next()));
        assertInstanceOf(ArithmeticException.class, assertThrows(CompletionException.class, failing::next).getCause());
        assertEquals(List.of(10, 5, 3), List.of(failing.next(), failing.next(), failing.next()));
        assertFalse(failing.hasNext());
    }

    @Test
    void aTaskThatIsNotSerialisableIsRefused() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(1));
        Task<Integer> plain = () -> 1;
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> e.submit(plain));
        assertTrue(refused.getMessage().contains("SerializableTask"), refused.getMessage());
        Object notSerialisable = new Object();
        assertThrows(IllegalArgumentException.class, () -> e.submit(() -> notSerialisable.hashCode()));
        io.bingfa.TaskFunction<Integer, Integer> plainFn = x -> x;
        assertThrows(IllegalArgumentException.class, () -> e.map(plainFn, List.of(1)));
        assertEquals(3, e.submit(() -> 3).result(LONG));
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_traceback
    @Test
    @Tag("cpython")
    void aWorkerExceptionComesBackWithItsTypeAndRemoteTraceback() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(1));
        Future<Object> f = e.submit(() -> {
            throw new IllegalStateException("123");
        });
        CompletionException c = assertThrows(CompletionException.class, () -> f.result(LONG));
        assertInstanceOf(IllegalStateException.class, c.getCause());
        assertEquals("123", c.getCause().getMessage());
        RemoteTraceback trace = assertInstanceOf(RemoteTraceback.class, c.getCause().getCause());
        assertTrue(trace.traceback().contains("ProcessPoolExecutorTest"), trace.traceback());
    }

    // CPython: test_shutdown.ExecutorShutdownTest.test_run_after_shutdown, test_hang_issue12364
    @Test
    @Tag("cpython")
    void shutdownDrainsTheQueueThenRefusesWork() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(2));
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int n = i;
            fs.add(e.submit(() -> n));
        }
        e.shutdown();
        for (int i = 0; i < 50; i++) {
            assertEquals(i, fs.get(i).result());
        }
        RejectedExecutionException r = assertThrows(RejectedExecutionException.class, () -> e.submit(() -> 1));
        assertEquals("cannot schedule new futures after shutdown", r.getMessage());
        assertTrue(Multiprocessing.activeChildren().isEmpty());
    }

    static int blockUntilGo(String directory, int value) throws IOException, InterruptedException {
        Path d = Path.of(directory);
        Files.writeString(d.resolve("running-" + pid() + "-" + value), "");
        while (!Files.exists(d.resolve("go"))) {
            Thread.sleep(5);
        }
        return value;
    }

    private int runningCount() {
        try (var files = Files.list(dir)) {
            return (int) files.filter(f -> f.getFileName().toString().startsWith("running-")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    // CPython: test_shutdown.ExecutorShutdownTest.test_cancel_futures
    @Test
    @Tag("cpython")
    void shutdownWithCancelFuturesCancelsOnlyTheWorkNotStarted() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(2));
        String d = dir.toString();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            fs.add(e.submit(() -> blockUntilGo(d, n)));
        }
        Waits.awaitTrue("the workers to be busy", () -> runningCount() >= 2);
        e.shutdown(false, true);
        Files.writeString(dir.resolve("go"), "");
        e.shutdown(true, false);
        int cancelled = 0;
        int finished = 0;
        for (Future<Integer> f : fs) {
            if (f.isCancelled()) {
                cancelled++;
            } else {
                f.result();
                finished++;
            }
        }
        assertTrue(cancelled >= 20, "cancelled " + cancelled);
        assertTrue(finished >= 2, "finished " + finished);
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_killed_child,
    // test_broken_process_pool_traceback
    @Test
    @Tag("cpython")
    void aKilledWorkerBreaksTheExecutorWithOneExceptionPerPendingFuture() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(2));
        String d = dir.toString();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            fs.add(e.submit(() -> blockUntilGo(d, n)));
        }
        Waits.awaitTrue("the workers to be busy", () -> runningCount() >= 2);
        long victim;
        try (var files = Files.list(dir)) {
            victim = Long.parseLong(files.findFirst().orElseThrow().getFileName().toString().split("-")[1]);
        }
        ProcessHandle.of(victim).orElseThrow().destroyForcibly();
        Set<Throwable> seen = new HashSet<>();
        for (Future<Integer> f : fs) {
            CompletionException c = assertThrows(CompletionException.class, () -> f.result(LONG));
            BrokenExecutorException broken = assertInstanceOf(BrokenExecutorException.class, c.getCause());
            assertTrue(seen.add(broken), "each future has its own exception");
            WorkerCrashedException cause = assertInstanceOf(WorkerCrashedException.class, broken.getCause());
            assertTrue(cause.getMessage().contains("terminated abruptly with exit code -9"), cause.getMessage());
        }
        assertThrows(BrokenExecutorException.class, () -> e.submit(() -> 1));
        e.shutdown();
        assertTrue(Multiprocessing.activeChildren().isEmpty());
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_traceback_when_child_process_terminates_abruptly
    @Test
    @Tag("cpython")
    void systemExitInATaskBreaksTheExecutorSayingTheExitCode() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(1));
        Future<Object> f = e.submit(() -> {
            System.exit(99);
            return null;
        });
        CompletionException c = assertThrows(CompletionException.class, () -> f.result(LONG));
        BrokenExecutorException broken = assertInstanceOf(BrokenExecutorException.class, c.getCause());
        assertTrue(broken.getCause().getMessage().contains("terminated abruptly with exit code 99"),
                broken.getCause().getMessage());
        assertEquals(99, ((WorkerCrashedException) broken.getCause()).exitCode());
    }

    static final ThreadLocal<String> INIT = ThreadLocal.withInitial(() -> "uninitialized");

    // CPython: test_init.InitializerMixin.test_initializer
    @Test
    @Tag("cpython")
    void theInitializerRunsInEveryWorkerBeforeItsTasks() throws Exception {
        ProcessPoolExecutor e = executor(ProcessPoolExecutor.builder().maxWorkers(2)
                .initializer(() -> System.setProperty("ppe.init", "initialized")).build());
        List<Future<String>> fs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            fs.add(e.submit(() -> System.getProperty("ppe.init")));
        }
        for (Future<String> f : fs) {
            assertEquals("initialized", f.result(LONG));
        }
    }

    // CPython: test_init.FailingInitializerMixin.test_initializer
    @Test
    @Tag("cpython")
    void aFailingInitializerBreaksTheExecutor() throws Exception {
        ProcessPoolExecutor e = executor(ProcessPoolExecutor.builder().maxWorkers(1)
                .initializer(() -> {
                    throw new IllegalArgumentException("error in initializer");
                }).build());
        Future<Integer> first = e.submit(() -> 1);
        Future<Integer> second = e.submit(() -> 2);
        Throwable b1 = assertThrows(CompletionException.class, () -> first.result(LONG)).getCause();
        Throwable b2 = assertThrows(CompletionException.class, () -> second.result(LONG)).getCause();
        assertInstanceOf(BrokenExecutorException.class, b1);
        assertInstanceOf(BrokenExecutorException.class, b2);
        assertNotSame(b1, b2);
        assertEquals("error in initializer", b1.getCause().getMessage());
        assertThrows(BrokenExecutorException.class, () -> e.submit(() -> 3));
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_max_tasks_per_child_pending_tasks_gh115634
    @Test
    @Tag("cpython")
    void maxTasksPerChildWithABacklogCompletesEverything() throws Exception {
        ProcessPoolExecutor e = executor(ProcessPoolExecutor.builder().maxWorkers(1).maxTasksPerChild(2).build());
        List<Future<Long>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            fs.add(e.submit((SerializableTask<Long>) ProcessPoolExecutorTest::pid));
        }
        Set<Long> pids = new HashSet<>();
        for (Future<Long> f : fs) {
            pids.add(f.result(LONG));
        }
        assertEquals(3, pids.size());
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_max_tasks_early_shutdown
    @Test
    @Tag("cpython")
    void shutdownRightAfterSubmittingToARecyclingPoolReturnsAllResults() throws Exception {
        ProcessPoolExecutor e = executor(ProcessPoolExecutor.builder().maxWorkers(3).maxTasksPerChild(1).build());
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int n = i;
            fs.add(e.submit(() -> n * n));
        }
        e.shutdown();
        for (int i = 0; i < 6; i++) {
            assertEquals(i * i, fs.get(i).result());
        }
    }

    // CPython: test_process_pool.ProcessPoolExecutorTest.test_idle_process_reuse_one, test_saturation
    @Test
    @Tag("cpython")
    void sequentialJobsReuseOneIdleProcessAndThePoolNeverExceedsMaxWorkers() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(3));
        for (int i = 0; i < 5; i++) {
            e.submit(() -> 1).result(LONG);
        }
        assertEquals(1, e.workerPids().size());
        String d = dir.toString();
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            fs.add(e.submit(() -> blockUntilGo(d, n)));
        }
        Waits.awaitTrue("three busy workers", () -> runningCount() >= 3);
        assertEquals(3, e.workerPids().size());
        Files.writeString(dir.resolve("go"), "");
        for (Future<Integer> f : fs) {
            f.result(LONG);
        }
        assertTrue(e.workerPids().size() <= 3);
    }

    // CPython: test_shutdown.ExecutorShutdownTest.test_hang_gh94440
    @Test
    @Tag("cpython")
    void cancelledFutureBeforeShutdownDoesNotHang() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(1));
        Future<Integer> f = e.submit(() -> 1);
        f.cancel();
        e.shutdown();
        assertTrue(f.isDone());
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_swallows_falsey_exceptions
    @Test
    @Tag("cpython")
    void anExceptionWithoutMessageIsStillRaised() throws Exception {
        ProcessPoolExecutor e = executor(new ProcessPoolExecutor(1));
        Future<Object> f = e.submit(() -> {
            throw new Exception((String) null);
        });
        CompletionException c = assertThrows(CompletionException.class, () -> f.result(LONG));
        assertEquals(null, c.getCause().getMessage());
        assertTrue(f.exception() != null);
    }

    // CPython: test_concurrent_futures.executor.ExecutorTest.test_max_workers_negative
    @Test
    @Tag("cpython")
    void maxWorkersMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new ProcessPoolExecutor(0));
        assertThrows(IllegalArgumentException.class, () -> new ProcessPoolExecutor(-1));
    }
}
