package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
import io.bingfa.testing.TestThreads;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Manager proxies used from child JVMs, and a manager in a child JVM (CONFORMANCE 5e 34, 35, 37, 39). */
@Timeout(120)
class ManagerChildProcessTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @RegisterExtension
    final ChildJvms children = new ChildJvms();

    // CPython: the docs' Manager example (d[1] = '1', l.reverse()) and TestSyncManagerTypes.test_dict/test_list
    @Test
    @Tag("cpython")
    void childChangesAManagedDictAndListThatTheParentThenSees() throws Exception {
        try (Manager manager = Manager.start()) {
            Map<Object, Object> d = manager.dict();
            List<Integer> l = manager.list();
            l.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            var child = children.start(new JvmProcess(() -> {
                d.put(1, "1");
                d.put("2", 2);
                d.put(0.25, null);
                List<Integer> reversed = new ArrayList<>(l);
                java.util.Collections.reverse(reversed);
                l.clear();
                l.addAll(reversed);
            }));
            joinOrFail(child);
            assertEquals(0, child.exitCode());
            var expected = new LinkedHashMap<>();
            expected.put(1, "1");
            expected.put("2", 2);
            expected.put(0.25, null);
            assertEquals(expected, new LinkedHashMap<>(d));
            assertEquals(List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0), new ArrayList<>(l));
        }
    }

    // CPython: TestSyncManagerTypes (event, lock, namespace, queue used from a child)
    @Test
    @Tag("cpython")
    void childUsesAManagedEventLockNamespaceAndQueue() throws Exception {
        try (Manager manager = Manager.start()) {
            ProxyEvent ready = manager.event();
            ProxyLock lock = manager.lock();
            Namespace ns = manager.namespace();
            ProcessQueue<String> q = manager.queue(2);
            lock.acquire();
            var child = children.start(new JvmProcess(() -> {
                ns.set("x", 10);
                ns.set("y", "hello");
                q.put("from the child");
                ready.set();
                lock.acquire(); // waits until the parent releases
                ns.set("locked", true);
                lock.release();
            }));
            assertTrue(ready.await(LONG));
            assertEquals("from the child", q.get(LONG));
            assertEquals("Namespace(x=10, y='hello')", ns.toString());
            assertFalse(ns.has("locked"));
            lock.release();
            joinOrFail(child);
            assertEquals(0, child.exitCode());
            assertEquals(true, ns.get("locked"));
        }
    }

    // CPython: the docs' "Using a remote manager" task/result queue example; test_remote
    @Test
    @Tag("cpython")
    void childConnectsToATcpManagerWithAddressAndKeyAndWorksThroughNamedQueues() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        var tasks = new ProcessQueue<Integer>();
        var results = new ProcessQueue<Integer>();
        try (Manager server = Manager.serve(0, key)) {
            server.register("tasks", () -> tasks);
            server.register("results", () -> results);
            // host and port, not the InetSocketAddress: the allow-list lacks its superclass
            // java.net.SocketAddress (reported to the owner of AllowList)
            String host = server.address().getHostString();
            int port = server.address().getPort();
            var worker = children.start(new JvmProcess(() -> {
                try (Manager client = Manager.connect(new InetSocketAddress(host, port), key)) {
                    ProcessQueue<Integer> in = client.get("tasks");
                    ProcessQueue<Integer> out = client.get("results");
                    for (Integer n = in.get(); n >= 0; n = in.get()) {
                        out.put(n * n);
                    }
                }
            }));
            for (int i = 0; i < 10; i++) {
                tasks.put(i);
            }
            tasks.put(-1);
            int sum = 0;
            for (int i = 0; i < 10; i++) {
                sum += results.get(LONG);
            }
            assertEquals(285, sum);
            joinOrFail(worker);
            assertEquals(0, worker.exitCode());
        }
    }

    // CPython: TestSyncManagerTypes.setUp/tearDown (SyncManager().start() runs the server in a child
    // process; shutdown() ends it) and test_manager process-lifecycle checks
    @Test
    @Tag("cpython")
    void managerProcessServesThisJvmAndItsChildrenAndCloseLeavesNoProcessBehind() throws Exception {
        Manager manager = Manager.startProcess();
        JvmProcess server = children.track(manager.process());
        try {
            assertTrue(server.isAlive());
            assertTrue(server.isDaemon());
            assertTrue(Multiprocessing.activeChildren().contains(server));
            assertTrue(manager.toString().contains("serving"), manager.toString());
            Map<String, Integer> d = manager.dict();
            ProxyLock lock = manager.rLock();
            var child = children.start(new JvmProcess(() -> {
                try (var held = lock.hold()) {
                    d.put("child", 1);
                }
            }));
            joinOrFail(child);
            assertEquals(0, child.exitCode());
            d.put("parent", 2);
            assertEquals(Map.of("child", 1, "parent", 2), Map.copyOf(d));
        } finally {
            manager.close();
        }
        assertFalse(server.isAlive());
        assertEquals(0, server.exitCode()); // it exited by itself when asked
        assertFalse(Multiprocessing.activeChildren().contains(server));
        assertTrue(manager.toString().contains("shut down"), manager.toString());
        manager.close(); // idempotent
    }

    @Test
    void killedManagerProcessFailsWaitingAndLaterCallsInsteadOfHanging() throws Exception {
        try (Manager manager = Manager.startProcess()) {
            JvmProcess server = children.track(manager.process());
            ProcessQueue<Integer> q = manager.queue();
            Map<String, Integer> d = manager.dict();
            ProxyCondition cond = manager.condition();
            ProxyBarrier barrier = manager.barrier(2);
            d.put("before", 1);
            try (var threads = new TestThreads()) {
                var getter = threads.fork("getter", () -> q.get(LONG));
                var waiter = threads.fork("waiter", () -> {
                    try (var held = cond.hold()) {
                        return cond.await(LONG);
                    }
                });
                var party = threads.fork("party", () -> barrier.await(LONG));
                ProcessQueueBaseTest.awaitWaitingForReply(getter.thread());
                ProcessQueueBaseTest.awaitWaitingForReply(waiter.thread());
                ProcessQueueBaseTest.awaitWaitingForReply(party.thread());
                server.kill(); // kill -9
                joinOrFail(server);
                assertEquals(-9, server.exitCode());
                assertNotNull(getter.joinThrowing(UncheckedIOException.class).getMessage());
                waiter.joinThrowing(UncheckedIOException.class);
                party.joinThrowing(UncheckedIOException.class);
            }
            var e = assertThrows(UncheckedIOException.class, () -> d.put("after", 2));
            assertTrue(e.getMessage().contains("ended"), e.getMessage());
            assertThrows(UncheckedIOException.class, manager::dict);
            assertThrows(UncheckedIOException.class, () -> q.get(LONG)); // (unbounded puts are pipelined)
            assertThrows(UncheckedIOException.class, cond::acquire);
            assertTrue(manager.toString().contains("gone"), manager.toString());
        }
    }
}
