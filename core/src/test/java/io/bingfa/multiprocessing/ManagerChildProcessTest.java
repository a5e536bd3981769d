package io.bingfa.multiprocessing;

import static io.bingfa.testing.ChildJvms.joinOrFail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.ChildJvms;
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

/** Manager proxies used from child JVMs (CONFORMANCE 5e 34, 35, 37, 39). */
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
}
