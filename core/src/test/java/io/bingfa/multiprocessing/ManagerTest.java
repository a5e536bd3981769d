package io.bingfa.multiprocessing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.queue.QueueFullException;
import io.bingfa.testing.TestThreads;
import io.bingfa.threading.Acquirable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Manager in one JVM: each shared type, register/proxy, TCP serving, auth (CONFORMANCE 5e). */
@Timeout(60)
class ManagerTest {
    private static final Duration SHORT = Duration.ofMillis(100);
    private Manager manager;

    @BeforeEach
    void start() throws Exception {
        manager = Manager.start();
    }

    @AfterEach
    void stop() {
        manager.close();
    }

    // CPython: _TestContainers.test_dict / test_dict_isinstance / test_dict_iter
    @Test
    @Tag("cpython")
    void test_dict_isAnInsertionOrderedMapWhoseOperationsAreRemote() {
        Map<String, Integer> d = manager.dict();
        assertTrue(d.isEmpty());
        for (int i = 0; i < 5; i++) {
            d.put("k" + i, i);
        }
        assertEquals(5, d.size());
        assertEquals(3, d.get("k3"));
        assertTrue(d.containsKey("k4"));
        assertTrue(d.containsValue(4));
        assertEquals(List.of("k0", "k1", "k2", "k3", "k4"), new ArrayList<>(d.keySet()));
        assertEquals(List.of(0, 1, 2, 3, 4), new ArrayList<>(d.values()));
        var copy = new LinkedHashMap<>(d);
        assertEquals(copy, d);
        assertEquals(d, copy);
        assertEquals(2, d.remove("k2"));
        Iterator<String> it = d.keySet().iterator();
        it.next();
        it.remove();
        assertEquals(Map.of("k1", 1, "k3", 3, "k4", 4), new LinkedHashMap<>(d));
        d.clear();
        assertTrue(d.isEmpty());
    }

    // CPython: test_dict (values are copies: mutate and put back)
    @Test
    @Tag("cpython")
    void dictValuesAreCopiesSoChangesMustBePutBack() {
        Map<String, List<Integer>> d = manager.dict();
        d.put("xs", new ArrayList<>(List.of(1)));
        List<Integer> xs = d.get("xs");
        xs.add(2);
        assertEquals(List.of(1), d.get("xs"));
        d.put("xs", xs);
        assertEquals(List.of(1, 2), d.get("xs"));
    }

    // CPython: _TestContainers.test_list / test_list_isinstance / test_list_iter
    @Test
    @Tag("cpython")
    void test_list_isAListWhoseOperationsAreRemote() {
        List<Integer> l = manager.list();
        l.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertEquals(10, l.size());
        assertEquals(List.of(2, 3, 4), l.subList(2, 5));
        l.addAll(List.of(10, 11));
        l.set(0, 100);
        assertEquals(100, l.remove(0));
        l.add(0, 0);
        l.add(12);
        assertEquals(java.util.stream.IntStream.range(0, 13).boxed().toList(), new ArrayList<>(l));
        assertEquals(l, java.util.stream.IntStream.range(0, 13).boxed().toList());
        int sum = 0;
        for (int x : l) {
            sum += x;
        }
        assertEquals(78, sum);
        assertEquals(5, l.indexOf(5));
        l.clear();
        assertTrue(l.isEmpty());
    }

    // CPython: TestSyncManagerTypes.test_queue / test_joinable_queue (Queue(2))
    @Test
    @Tag("cpython")
    void managedQueueOfTwoAndJoinableQueueOfTwo() throws Exception {
        ProcessQueue<Integer> q = manager.queue(2);
        q.put(1);
        q.putNowait(2);
        assertTrue(q.isFull());
        assertThrows(QueueFullException.class, () -> q.putNowait(3));
        assertEquals(1, q.get());
        assertEquals(2, q.getNowait());
        assertTrue(q.isEmpty());
        JoinableProcessQueue<String> j = manager.joinableQueue(2);
        j.put("a");
        assertEquals("a", j.get());
        assertFalse(j.join(SHORT));
        j.taskDone();
        assertTrue(j.join(Duration.ofSeconds(30)));
        ProcessQueue<Integer> unbounded = manager.queue();
        for (int i = 0; i < 1000; i++) {
            unbounded.put(i);
        }
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, unbounded.get());
        }
    }

    // CPython: TestSyncManagerTypes.test_lock (release of an unlocked managed Lock -> RuntimeError)
    @Test
    @Tag("cpython")
    void managedLockExcludesOtherThreadsAndRefusesAnUnheldRelease() throws Exception {
        ProxyLock lock = manager.lock();
        lock.acquire();
        assertTrue(lock.isLocked());
        try (var threads = new TestThreads()) {
            assertFalse(threads.fork("other", () -> lock.tryAcquire(SHORT)).join());
        }
        lock.release();
        var e = assertThrows(IllegalMonitorStateException.class, lock::release);
        assertInstanceOf(RemoteException.class, e.getCause());
        try (var held = lock.hold()) {
            assertFalse(lock.tryAcquire());
        }
        assertFalse(lock.isLocked());
    }

    // CPython: TestSyncManagerTypes.test_rlock
    @Test
    @Tag("cpython")
    void managedRLockIsReentrantForItsOwnerThreadOnly() throws Exception {
        ProxyLock rlock = manager.rLock();
        rlock.acquire();
        rlock.acquire();
        try (var threads = new TestThreads()) {
            assertFalse(threads.fork("other", () -> rlock.tryAcquire(SHORT)).join());
            threads.fork("releaser", () -> {
                rlock.release();
                return null;
            }).joinThrowing(IllegalMonitorStateException.class);
        }
        rlock.release();
        rlock.release();
        try (var threads = new TestThreads()) {
            assertTrue(threads.fork("other", () -> {
                boolean got = rlock.tryAcquire();
                rlock.release();
                return got;
            }).join());
        }
    }

    // CPython: TestSyncManagerTypes.test_semaphore / test_bounded_semaphore
    @Test
    @Tag("cpython")
    void managedSemaphoreCountsPermits() throws Exception {
        Acquirable s = manager.semaphore(2);
        assertTrue(s.tryAcquire());
        assertTrue(s.tryAcquire(SHORT));
        assertFalse(s.tryAcquire());
        s.release();
        assertTrue(s.tryAcquire());
        Acquirable b = manager.boundedSemaphore(1);
        assertThrows(RuntimeException.class, b::release);
    }

    // CPython: _TestSemaphore.test_timeout (Semaphore(0): no wait, then a timed wait, return False)
    // and test_semaphore (extra releases raise the count: an unbounded semaphore)
    @Test
    @Tag("cpython")
    void managedSemaphoreOfZeroTimesOutAndExtraReleasesAddPermits() throws Exception {
        Acquirable s = manager.semaphore(0);
        long start = System.nanoTime();
        assertFalse(s.tryAcquire());
        assertFalse(s.tryAcquire(Duration.ZERO));
        io.bingfa.testing.Waits.assertDidNotWait(start);
        start = System.nanoTime();
        assertFalse(s.tryAcquire(Duration.ofMillis(100)));
        io.bingfa.testing.Waits.assertTookAbout(Duration.ofMillis(100), start);
        s.release();
        s.release();
        s.release();
        assertTrue(s.tryAcquire());
        assertTrue(s.tryAcquire());
        assertTrue(s.tryAcquire());
        assertFalse(s.tryAcquire());
    }

    // CPython: TestSyncManagerTypes.test_event / _TestEvent.test_event
    @Test
    @Tag("cpython")
    void managedEventWakesAWaiterWhenSet() throws Exception {
        ProxyEvent e = manager.event();
        assertFalse(e.isSet());
        assertFalse(e.await(Duration.ZERO));
        assertFalse(e.await(SHORT));
        try (var threads = new TestThreads()) {
            var waiter = threads.fork("waiter", () -> e.await(Duration.ofSeconds(30)));
            ProcessQueueBaseTest.awaitWaitingForReply(waiter.thread());
            e.set();
            assertTrue(waiter.join());
        }
        assertTrue(e.isSet());
        e.await();
        e.clear();
        assertFalse(e.isSet());
    }

    // CPython: TestSyncManagerTypes.test_namespace / _TestNamespace
    @Test
    @Tag("cpython")
    void namespaceHoldsNamedValues() {
        Namespace ns = manager.namespace();
        ns.set("name", "Bob");
        ns.set("age", 10);
        assertEquals("Bob", ns.get("name"));
        int age = ns.get("age");
        assertEquals(10, age);
        assertTrue(ns.has("age"));
        assertEquals("Namespace(name='Bob', age=10)", ns.toString());
        ns.delete("age");
        assertThrows(IllegalArgumentException.class, () -> ns.get("age"));
    }

    /** The interface a registered object is reached through. */
    public interface Counter {
        int increment(int by);

        int value();

        void fail(String why);

        void secret();
    }

    /** A registered object: public methods are exposed. */
    public static final class CounterImpl {
        private int value;

        public synchronized int increment(int by) {
            value += by;
            return value;
        }

        public synchronized int value() {
            return value;
        }

        public void fail(String why) {
            throw new IllegalArgumentException(why);
        }

        void secret() {
            // not public: not exposed
        }
    }

    // CPython: _TestMyManager.test_mymanager / common (f, g exposed, _h not; remote ValueError re-raised)
    @Test
    @Tag("cpython")
    void test_mymanager_registeredObjectExposesItsPublicMethodsOnly() {
        var shared = new CounterImpl();
        manager.register("counter", () -> shared);
        Counter c = manager.proxy("counter", Counter.class);
        assertEquals(2, c.increment(2));
        assertEquals(5, manager.proxy("counter", Counter.class).increment(3));
        assertEquals(5, c.value());
        var e = assertThrows(IllegalArgumentException.class, () -> c.fail("bad value"));
        assertEquals("bad value", e.getMessage());
        assertInstanceOf(RemoteException.class, e.getCause());
        assertThrows(RemoteException.class, c::secret);
        assertThrows(IllegalArgumentException.class, () -> manager.proxy("nothing", Counter.class));
    }

    // CPython: the docs' distributed example: queues served by name
    @Test
    @Tag("cpython")
    void registeredQueueIsSharedByEveryoneWhoGetsIt() throws Exception {
        var tasks = new ProcessQueue<Integer>();
        manager.register("tasks", () -> tasks);
        ProcessQueue<Integer> viaManager = manager.get("tasks");
        viaManager.put(7);
        assertEquals(7, tasks.get(Duration.ofSeconds(30)));
        tasks.put(8);
        ProcessQueue<Integer> again = manager.get("tasks");
        assertEquals(8, again.get(Duration.ofSeconds(30)));
        manager.register("map", LinkedHashMap::new);
        Map<String, Integer> m = manager.get("map");
        m.put("a", 1);
        assertEquals(1, m.get("a"));
        manager.register("plain", CounterImpl::new);
        assertThrows(IllegalArgumentException.class, () -> manager.get("plain"));
    }

    // CPython: _TestRemoteManager.test_remote / test_rapid_restart
    @Test
    @Tag("cpython")
    void test_remote_tcpManagerIsReachableWithItsKeyAndCanRestartOnTheSameAddress() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        InetSocketAddress address;
        try (var served = Manager.serve(0, key)) {
            address = served.address();
            assertTrue(address.getAddress().isLoopbackAddress(), address.toString());
            var shared = new LinkedHashMap<String, Object>();
            served.register("d", () -> shared);
            try (var client = Manager.connect(address, key)) {
                Map<String, Object> d = client.get("d");
                d.put("hello", List.of(1, 2));
                assertEquals(List.of(1, 2), shared.get("hello"));
                // a client may register too: the factory travels to the server
                client.register("fresh", java.util.ArrayList::new);
                List<String> fresh = client.get("fresh");
                fresh.add("x");
                assertEquals(List.of("x"), new ArrayList<>(fresh));
            }
        }
        try (var again = Manager.serve(address, key); var client = Manager.connect(address, key)) {
            client.dict().put("x", 1);
        }
    }

    // CPython: OtherTest.test_deliver_challenge_auth_failure / test_answer_challenge_auth_failure
    @Test
    @Tag("cpython")
    void connectWithTheWrongKeyIsRefusedAndTheServerDeserialisesNothing() throws Exception {
        byte[] key = "right".getBytes();
        try (var served = Manager.serve(0, key)) {
            long before = served.server().decodes();
            assertThrows(AuthenticationException.class,
                    () -> Manager.connect(served.address(), "wrong".getBytes()));
            assertEquals(before, served.server().decodes());
            try (var client = Manager.connect(served.address(), key)) {
                assertEquals(0, client.list().size());
            }
        }
    }

    // CPython: test_empty_authkey (bpo-43952)
    @Test
    @Tag("cpython")
    void emptyAuthKeyIsValid() throws Exception {
        try (var served = Manager.serve(0, new byte[0]);
                var client = Manager.connect(served.address(), new byte[0])) {
            Namespace ns = client.namespace();
            ns.set("x", 1);
            int x = ns.get("x");
            assertEquals(1, x);
        }
    }

    @Test
    void argumentOfAClassOutsideTheAllowListIsRefusedAndTheManagerGoesOn() throws Exception {
        Map<String, Object> d = manager.dict();
        // Map.put cannot throw a checked exception: the refusal arrives as the cause.
        var e = assertThrows(UncheckedIOException.class,
                () -> d.put("url", java.net.URI.create("http://example.com/").toURL()));
        var refused = assertInstanceOf(NotAllowedClassException.class, e.getCause());
        assertEquals("java.net.URL", refused.className());
        assertTrue(e.getMessage().contains("allow-list"), e.getMessage());
        d.put("fine", 1);
        assertEquals(1, d.get("fine"));
    }

    @Test
    void callsFailCleanlyOnceTheManagerIsClosed() throws Exception {
        ProcessQueue<Integer> q = manager.queue();
        Map<String, Integer> d = manager.dict();
        try (var threads = new TestThreads()) {
            var getter = threads.fork("getter", () -> q.get(Duration.ofSeconds(30)));
            ProcessQueueBaseTest.awaitWaitingForReply(getter.thread());
            manager.close();
            getter.joinThrowing(UncheckedIOException.class);
        }
        assertThrows(UncheckedIOException.class, () -> d.put("a", 1));
        assertTrue(manager.toString().contains("closed"), manager.toString());
    }

    @Test
    void proxiesAreSerialisableAndComeBackToTheSameObject() throws Exception {
        Map<String, Integer> d = manager.dict();
        d.put("a", 1);
        @SuppressWarnings("unchecked")
        Map<String, Integer> copy = (Map<String, Integer>) Codec.standard().decode(Codec.standard().encode(d));
        copy.put("b", 2);
        assertEquals(Map.of("a", 1, "b", 2), new LinkedHashMap<>(d));
        var counter = new AtomicInteger();
        Namespace ns = manager.namespace();
        Namespace nsCopy = (Namespace) Codec.standard().decode(Codec.standard().encode(ns));
        nsCopy.set("n", counter.incrementAndGet());
        int n = ns.get("n");
        assertEquals(1, n);
        assertNull(d.get("missing"));
    }

    // CPython: lock_tests.ConditionTests.test_notify (FIFO order, as io.bingfa.threading.Condition)
    @Test
    @Tag("cpython")
    void managedConditionWakesThreadsInTheOrderTheyStartedWaiting() throws Exception {
        ProxyCondition cond = manager.condition();
        var woken = new java.util.concurrent.LinkedBlockingQueue<Integer>();
        try (var threads = new TestThreads()) {
            for (int i = 0; i < 3; i++) {
                int id = i;
                threads.run("waiter-" + i, () -> {
                    try (var held = cond.hold()) {
                        cond.await();
                        woken.add(id);
                    }
                });
                io.bingfa.testing.Waits.awaitTrue("waiter " + i + " waiting", () -> cond.waiting() == id + 1);
            }
            for (int i = 0; i < 3; i++) {
                try (var held = cond.hold()) {
                    cond.signal();
                }
                assertEquals(i, woken.poll(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            threads.join();
        }
        assertTrue(cond.toString().startsWith("ProxyCondition["), cond.toString());
    }

    // CPython: lock_tests.BarrierTests.test_wait_return (exactly one index 0)
    @Test
    @Tag("cpython")
    void managedBarrierGivesEachThreadOfARoundADistinctIndex() throws Exception {
        ProxyBarrier barrier = manager.barrier(3);
        var indexes = new java.util.concurrent.ConcurrentSkipListSet<Integer>();
        try (var threads = TestThreads.start(3, i -> indexes.add(barrier.await(Duration.ofSeconds(30))))) {
            threads.join();
        }
        assertEquals(java.util.Set.of(0, 1, 2), indexes);
        assertEquals(3, barrier.parties());
        assertFalse(barrier.isBroken());
        assertThrows(IllegalArgumentException.class, () -> barrier.await(Duration.ofSeconds(-1)));
    }
}
