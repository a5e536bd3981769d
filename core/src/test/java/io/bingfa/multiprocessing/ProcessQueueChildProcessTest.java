package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.TestThreads;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ProcessQueue and JoinableProcessQueue shared with child JVMs (CONFORMANCE 5b 17, 18). */
@Timeout(120)
class ProcessQueueChildProcessTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    // CPython: the multiprocessing docs' Queue example, with a putter and a getter process
    @Test
    @Tag("cpython")
    void putterChildAndGetterChildShareOneQueue() throws Exception {
        ProcessQueue<Object> work = new ProcessQueue<>();
        ProcessQueue<Integer> result = new ProcessQueue<>();
        var putter = children.start(new JvmProcess(() -> {
            for (int i = 1; i <= 100; i++) {
                work.put(i);
            }
            work.put("STOP");
        }));
        var getter = children.start(new JvmProcess(() -> {
            int sum = 0;
            for (Object item = work.get(); !"STOP".equals(item); item = work.get()) {
                sum += (Integer) item;
            }
            result.put(sum);
        }));
        assertEquals(5050, result.get(LONG));
        joinOrFail(putter);
        joinOrFail(getter);
        assertEquals(0, putter.exitCode());
        assertEquals(0, getter.exitCode());
    }

    // CPython: _TestQueue.test_fork
    @Test
    @Tag("cpython")
    void test_fork_queueWithItemsHandedToAChildThenParentReceivesAllInOrder() throws Exception {
        ProcessQueue<Integer> q = new ProcessQueue<>();
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        var child = children.start(new JvmProcess(() -> {
            for (int i = 10; i < 20; i++) {
                q.put(i);
            }
        }));
        joinOrFail(child);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            got.add(q.get(LONG));
        }
        assertEquals(java.util.stream.IntStream.range(0, 20).boxed().toList(), got);
        assertTrue(q.isEmpty());
    }

    @Test
    void childPuttingManyIntsThenExitingLosesNothingAndKeepsOrder() throws Exception {
        int n = 100_000;
        ProcessQueue<Integer> q = new ProcessQueue<>();
        var child = children.start(new JvmProcess(() -> {
            for (int i = 0; i < n; i++) {
                q.put(i);
            }
            // no close(), no flush: the exit hook delivers what is still buffered
        }));
        assertEquals(0, q.get(LONG));
        long start = System.nanoTime();
        for (int i = 1; i < n; i++) {
            int item = q.get(LONG);
            if (item != i) {
                throw new AssertionError("item " + i + " arrived as " + item);
            }
        }
        long nanos = System.nanoTime() - start;
        joinOrFail(child);
        assertEquals(0, child.exitCode());
        assertTrue(q.isEmpty());
        System.out.printf("ProcessQueue: %d ints from a child in %.1f ms after the first (%.2f M items/s)%n",
                n, nanos / 1e6, (n - 1) / (nanos / 1e9) / 1e6);
    }

    // CPython: _TestQueue.test_task_done
    @Test
    @Tag("cpython")
    void test_task_done_joinReturnsAfterFourWorkerChildrenMarkedTenItemsDone() throws Exception {
        JoinableProcessQueue<Integer> q = new JoinableProcessQueue<>();
        ProcessQueue<Integer> seen = new ProcessQueue<>();
        List<JvmProcess> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(children.start(new JvmProcess(() -> {
                for (Integer item = q.get(); item != -1; item = q.get()) {
                    seen.put(item);
                    q.taskDone();
                }
                q.taskDone();
            })));
        }
        for (int i = 0; i < 10; i++) {
            q.put(i);
        }
        q.join();
        List<Integer> done = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            done.add(seen.get(LONG));
        }
        done.sort(null);
        assertEquals(java.util.stream.IntStream.range(0, 10).boxed().toList(), done);
        for (int w = 0; w < 4; w++) {
            q.put(-1);
        }
        q.join();
        for (JvmProcess p : workers) {
            joinOrFail(p);
            assertEquals(0, p.exitCode());
        }
    }

    @Test
    void queueHostedByAChildIsReachableFromTheParent() throws Exception {
        ProcessQueue<Object> mailbox = new ProcessQueue<>();
        ProcessQueue<String> release = new ProcessQueue<>();
        var child = children.start(new JvmProcess(() -> {
            ProcessQueue<String> own = new ProcessQueue<>();
            own.put("from the child");
            mailbox.put(own);
            release.get();
        }));
        @SuppressWarnings("unchecked")
        ProcessQueue<String> childs = (ProcessQueue<String>) mailbox.get(LONG);
        assertEquals("from the child", childs.get(LONG));
        childs.put("back");
        assertEquals("back", childs.get(LONG));
        release.put("done");
        joinOrFail(child);
    }

    @Test
    void getBlockedOnAQueueWhoseHostDiesFailsInsteadOfWaitingForever() throws Exception {
        ProcessQueue<Object> mailbox = new ProcessQueue<>();
        var child = children.start(new JvmProcess(() -> {
            mailbox.put(new ProcessQueue<String>());
            Thread.sleep(Long.MAX_VALUE);
        }));
        @SuppressWarnings("unchecked")
        ProcessQueue<String> childs = (ProcessQueue<String>) mailbox.get(LONG);
        try (var threads = new TestThreads()) {
            var getter = threads.fork("getter", () -> childs.get(LONG));
            ProcessQueueBaseTest.awaitWaitingForReply(getter.thread());
            child.kill();
            joinOrFail(child);
            var e = getter.joinThrowing(UncheckedIOException.class);
            assertTrue(e.getMessage().contains("lost"), () -> {
                var text = new java.io.StringWriter();
                e.printStackTrace(new java.io.PrintWriter(text));
                return text.toString();
            });
        }
        assertThrows(UncheckedIOException.class, () -> childs.get(Duration.ZERO));
    }
}
