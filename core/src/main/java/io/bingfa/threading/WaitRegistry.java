package io.bingfa.threading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The wait-for graph behind {@link Deadlocks}: which thread waits for which bingfa lock. A lock
 * knows its holder, so the edges thread -> lock -> holder are enough to find cycles.
 */
/*
 * Design. Only the slow path touches the registry: an acquire that cannot take the lock at once
 * puts one entry (thread -> Wait) into a ConcurrentHashMap before it parks and removes it after.
 * The fast path pays one volatile read of `mode` (to know whether to record the acquisition site).
 *
 * Raising mode registers and checks under one global monitor, so of two threads that close a cycle
 * at the same moment exactly one sees it (the second to register) and throws; the other keeps
 * waiting and gets the lock once the thrower's try/finally releases. A cycle is re-checked before
 * it is reported, so a wait that has just ended (its Wait object gone) is not reported as a cycle.
 * Timed waits are never reported by the raising mode (they end by themselves); find() reports them
 * and marks them.
 */
final class WaitRegistry {
    static final int OFF = 0;
    static final int TRACK = 1;
    static final int RAISE = 2;

    private static final ConcurrentHashMap<Thread, Wait> WAITS = new ConcurrentHashMap<>();
    private static final Object RAISE_LOCK = new Object();
    private static final StackWalker WALKER = StackWalker.getInstance();

    /** OFF, TRACK (record acquisition sites) or RAISE (track and throw on a closing acquire). */
    static volatile int mode = initialMode();

    private WaitRegistry() {}

    private static int initialMode() {
        String value = System.getProperty("bingfa.deadlock", "off").trim().toLowerCase();
        return switch (value) {
            case "raise", "detect" -> RAISE;
            case "track" -> TRACK;
            case "off", "" -> OFF;
            default -> throw new IllegalArgumentException(
                    "bingfa.deadlock: " + value + " (expected: off, track or raise)");
        };
    }

    /** A thread blocked acquiring a lock. Identity matters: each wait is a new object. */
    record Wait(Thread thread, TrackedLock lock, boolean timed) {}

    /**
     * Registers the current thread as waiting for {@code lock}. In raising mode an untimed wait
     * that closes a cycle is not registered and throws instead.
     */
    static Wait begin(TrackedLock lock, boolean timed) {
        Wait wait = new Wait(Thread.currentThread(), lock, timed);
        if (mode == RAISE && !timed) {
            synchronized (RAISE_LOCK) {
                WAITS.put(wait.thread(), wait);
                DeadlockCycle cycle = cycleClosedBy(wait);
                if (cycle != null) {
                    WAITS.remove(wait.thread(), wait);
                    throw new DeadlockException(cycle);
                }
            }
        } else {
            WAITS.put(wait.thread(), wait);
        }
        return wait;
    }

    static void end(Wait wait) {
        WAITS.remove(wait.thread(), wait);
    }

    /** The acquisition site to record now, or null when sites are not tracked. */
    static List<StackTraceElement> siteIfTracked() {
        return mode == OFF ? null : callerSite();
    }

    private static List<StackTraceElement> callerSite() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isMachinery(f.getClassName()))
                .limit(3)
                .map(StackWalker.StackFrame::toStackTraceElement)
                .toList());
    }

    /** Follows holder links from {@code start}; returns the cycle if it comes back to its thread. */
    private static DeadlockCycle cycleClosedBy(Wait start) {
        List<Wait> path = new ArrayList<>();
        Set<Thread> seen = new HashSet<>();
        Wait current = start;
        while (true) {
            path.add(current);
            Thread holder = current.lock().holder();
            if (holder == null || !seen.add(current.thread())) {
                return null;
            }
            if (holder == start.thread()) {
                return stillTrue(path) ? describe(path, start) : null;
            }
            Wait next = WAITS.get(holder);
            if (next == null || next.timed()) {
                return null;
            }
            current = next;
        }
    }

    private static boolean stillTrue(List<Wait> path) {
        for (int i = 0; i < path.size(); i++) {
            Wait wait = path.get(i);
            Thread nextThread = path.get((i + 1) % path.size()).thread();
            if (WAITS.get(wait.thread()) != wait || wait.lock().holder() != nextThread) {
                return false;
            }
        }
        return true;
    }

    /** All cycles among the threads waiting now, each reported once. */
    static List<DeadlockCycle> findCycles() {
        Map<Thread, Wait> snapshot = new HashMap<>(WAITS);
        List<DeadlockCycle> cycles = new ArrayList<>();
        Set<Thread> done = new HashSet<>();
        for (Wait first : snapshot.values()) {
            List<Wait> path = new ArrayList<>();
            Map<Thread, Integer> onPath = new HashMap<>();
            Wait current = first;
            while (current != null && !done.contains(current.thread())) {
                Integer at = onPath.get(current.thread());
                if (at != null) {
                    List<Wait> cycle = path.subList(at, path.size());
                    if (stillTrue(cycle)) {
                        cycles.add(describe(cycle, null));
                    }
                    break;
                }
                onPath.put(current.thread(), path.size());
                path.add(current);
                Thread holder = current.lock().holder();
                current = holder == null ? null : snapshot.get(holder);
            }
            for (Wait visited : path) {
                done.add(visited.thread());
            }
        }
        return cycles;
    }

    private static DeadlockCycle describe(List<Wait> cycle, Wait raising) {
        List<DeadlockCycle.Link> links = new ArrayList<>();
        for (Wait wait : cycle) {
            Thread holder = wait.lock().holder();
            List<StackTraceElement> waitingAt = wait == raising
                    ? callerSite()
                    : userFrames(wait.thread().getStackTrace());
            links.add(new DeadlockCycle.Link(
                    wait.thread(),
                    wait.lock().describe(),
                    holder,
                    waitingAt,
                    wait.lock().acquiredAt(),
                    wait.timed()));
        }
        return new DeadlockCycle(links);
    }

    /** The lock implementation and the JDK under it: frames a report leaves out. */
    private static boolean isMachinery(String className) {
        if (className.startsWith("java.") || className.startsWith("jdk.")
                || className.startsWith("sun.")) {
            return true;
        }
        int nested = className.indexOf('$');
        String outer = nested < 0 ? className : className.substring(0, nested);
        return LOCK_CLASSES.contains(outer);
    }

    private static final Set<String> LOCK_CLASSES = Set.of(
            SyncLock.class.getName(), Lock.class.getName(), RLock.class.getName(),
            Condition.class.getName(),
            TrackedSync.class.getName(), WaitRegistry.class.getName());

    private static List<StackTraceElement> userFrames(StackTraceElement[] stack) {
        List<StackTraceElement> frames = new ArrayList<>();
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            boolean machinery = isMachinery(cls);
            if (!machinery || !frames.isEmpty()) {
                frames.add(frame);
                if (frames.size() == 3) {
                    break;
                }
            }
        }
        return frames;
    }
}
