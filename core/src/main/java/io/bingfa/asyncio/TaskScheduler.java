package io.bingfa.asyncio;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * How one loop runs its tasks one at a time: the two {@link SchedulerPath}s.
 */
/*
 * Both paths keep the same discipline: a task's code runs only while the loop "carries" it, and
 * the loop thread does nothing else meanwhile. The loop thread resumes a task from one of its ready
 * callbacks (resume), and gets control back when the task reaches an await point (suspend) or ends
 * (exit).
 *
 * LOOP_CARRIER: the task's virtual thread is built with the JDK's package-private
 * ThreadBuilders.VirtualThreadBuilder(Executor), the executor being the loop's ready queue. The JDK
 * submits the thread's continuation there on start and on every unpark; the loop thread runs it,
 * i.e. mounts the virtual thread on itself until it parks again. A resume from the loop thread
 * itself (a wake-up callback) runs the continuation at once instead of queueing it (resumeInline),
 * as CPython's __wakeup calls __step: one loop iteration per task switch, not two. suspend parks until resume sets
 * resumeSignal; any other park (a bingfa threading Lock, a queue.Queue) also yields the loop thread.
 *
 * HANDOFF: the task's virtual thread runs on the JDK's default scheduler, and a volatile baton says
 * who may run: the loop (LOOP) or one task. resume hands the baton to the task and waits until it
 * comes back; suspend and exit hand it back to the loop. The volatile writes and reads of the baton
 * order everything each side did. A park outside an await point keeps the baton.
 */
abstract class TaskScheduler {
    private static final Constructor<?> BUILDER;
    private static final String UNAVAILABLE;

    static {
        Constructor<?> ctor = null;
        String why = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            why = probe(ctor);
        } catch (Throwable t) {
            why = t.toString();
        }
        BUILDER = why == null ? ctor : null;
        UNAVAILABLE = why;
    }

    /**
     * Starts one thread on a probing executor and runs its continuation in this thread; null if
     * that works. Runs inside this class's static initializer, so it uses no lambda of this class
     * and no other thread (either would wait for the initialization it is part of).
     */
    private static String probe(Constructor<?> ctor) throws Exception {
        if (Thread.currentThread().isVirtual()) {
            return null; // cannot carry here; the constructor was found and opened
        }
        java.util.concurrent.LinkedBlockingQueue<Runnable> q = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread.Builder.OfVirtual b = (Thread.Builder.OfVirtual) ctor.newInstance((Executor) q::add);
        AtomicBoolean ran = new AtomicBoolean();
        Thread v = b.unstarted(new SetFlag(ran));
        v.start();
        Runnable r = q.poll();
        if (r == null) {
            return "the custom scheduler was not used";
        }
        r.run();
        if (!ran.get() || v.isAlive()) {
            return "the probe thread did not run to its end on this carrier";
        }
        return null;
    }

    private static final class SetFlag implements Runnable {
        private final AtomicBoolean flag;

        SetFlag(AtomicBoolean flag) {
            this.flag = flag;
        }

        @Override
        public void run() {
            flag.set(true);
        }
    }

    /** Whether the LOOP_CARRIER path works in this JVM. */
    static boolean loopCarrierAvailable() {
        return BUILDER != null;
    }

    /** Why LOOP_CARRIER is unavailable, or null. */
    static String loopCarrierUnavailableReason() {
        return UNAVAILABLE;
    }

    static TaskScheduler create(SchedulerPath path, EventLoop loop) {
        return switch (path) {
            case LOOP_CARRIER -> new LoopCarrier(loop);
            case HANDOFF -> new Handoff(loop);
        };
    }

    /** Creates and starts the task's thread; its first turn comes through the loop's ready queue. */
    abstract void start(Task<?> t);

    /** In the task's thread, first thing: waits for its first turn. */
    abstract void enter(Task<?> t);

    /** In the task's thread: gives the loop back and returns when {@link #resume} is called. */
    abstract void suspend(Task<?> t);

    /** On the loop thread: lets the suspended task run to its next await point. */
    abstract void resume(Task<?> t);

    /** In the task's thread, last thing: gives the loop back for good. */
    abstract void exit(Task<?> t);

    // ------------------------------------------------------------------ LOOP_CARRIER

    private static final class LoopCarrier extends TaskScheduler {
        private final Thread.Builder.OfVirtual builder;

        LoopCarrier(EventLoop loop) {
            if (BUILDER == null) {
                throw new UnsupportedOperationException("SchedulerPath.LOOP_CARRIER is unavailable in"
                        + " this JVM (" + UNAVAILABLE + "); it needs"
                        + " --add-opens java.base/java.lang=ALL-UNNAMED");
            }
            try {
                builder = (Thread.Builder.OfVirtual) BUILDER.newInstance((Executor) loop::enqueueContinuation);
            } catch (ReflectiveOperationException e) {
                throw new UnsupportedOperationException("SchedulerPath.LOOP_CARRIER: " + e, e);
            }
        }

        @Override
        void start(Task<?> t) {
            Thread thread = builder.name(t.getName()).unstarted(t::runBody);
            t.thread = thread;
            thread.start();
        }

        @Override
        void enter(Task<?> t) {}

        @Override
        void suspend(Task<?> t) {
            boolean interrupted = false;
            while (!t.resumeSignal) {
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true; // tasks stop by cancel(); keep the status for the body
                }
            }
            t.resumeSignal = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        void resume(Task<?> t) {
            t.resumeSignal = true;
            if (t.loop.isLoopThread()) {
                t.loop.resumeInline(t.thread);
            } else {
                LockSupport.unpark(t.thread);
            }
        }

        @Override
        void exit(Task<?> t) {}
    }

    // ------------------------------------------------------------------ HANDOFF

    private static final class Handoff extends TaskScheduler {
        private static final Object LOOP = new Object();
        private static final int SPINS = 64;
        /** How long a task may keep the loop before it is reported (100 ms, as Python's debug mode). */
        private static final long SLOW_NANOS = 100_000_000L;
        private static final System.Logger LOG = System.getLogger("io.bingfa.asyncio");

        private final EventLoop loop;
        /** Who may run: LOOP or one task. */
        private volatile Object baton = LOOP;

        Handoff(EventLoop loop) {
            this.loop = loop;
        }

        @Override
        void start(Task<?> t) {
            Thread thread = Thread.ofVirtual().name(t.getName()).unstarted(t::runBody);
            t.thread = thread;
            thread.start();
            loop.enqueueContinuation(() -> resume(t));
        }

        @Override
        void enter(Task<?> t) {
            awaitBaton(t);
        }

        @Override
        void suspend(Task<?> t) {
            Thread loopThread = loop.thread();
            baton = LOOP;
            LockSupport.unpark(loopThread);
            awaitBaton(t);
        }

        @Override
        void resume(Task<?> t) {
            baton = t;
            LockSupport.unpark(t.thread);
            awaitLoopTurn(t);
        }

        /**
         * The loop thread's wait for the baton to come back from {@code t}. If the task runs for
         * longer than {@link #SLOW_NANOS} without an await point, says once per task that it stalls
         * the loop and why (Python's debug-mode "Executing Task took 0.1 seconds").
         */
        private void awaitLoopTurn(Task<?> t) {
            for (int spins = 0; spins < SPINS; spins++) {
                if (baton == LOOP) {
                    return;
                }
                Thread.onSpinWait();
            }
            long start = System.nanoTime();
            boolean interrupted = false;
            boolean warned = false;
            while (baton != LOOP) {
                if (warned) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, SLOW_NANOS);
                    if (baton != LOOP && System.nanoTime() - start >= SLOW_NANOS) {
                        warned = true;
                        warnSlow(t);
                    }
                }
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        private static void warnSlow(Task<?> t) {
            Thread th = t.thread;
            Thread.State state = th != null ? th.getState() : null;
            boolean blocked = state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING
                    || state == Thread.State.BLOCKED;
            LOG.log(System.Logger.Level.WARNING, t + " has held the event loop for over "
                    + SLOW_NANOS / 1_000_000 + " ms without an await point"
                    + (blocked ? " and is blocked (" + state + ") outside one" : "")
                    + "; on the HANDOFF scheduler path every other task and callback waits meanwhile. Use"
                    + " an await point (Asyncio.sleep, an asyncio Lock/Queue, future.result()),"
                    + " loop.runInExecutor for blocking or CPU-heavy work, or run with --add-opens"
                    + " java.base/java.lang=ALL-UNNAMED (LOOP_CARRIER, where a blocked task parks alone).");
        }

        @Override
        void exit(Task<?> t) {
            Thread loopThread = loop.thread();
            baton = LOOP;
            LockSupport.unpark(loopThread);
        }

        /** Waits until the baton is {@code holder}'s; an interrupt is kept for later. */
        private void awaitBaton(Object holder) {
            boolean interrupted = false;
            for (int spins = 0; baton != holder; spins++) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
