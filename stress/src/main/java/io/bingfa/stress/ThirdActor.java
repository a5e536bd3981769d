package io.bingfa.stress;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A third thread for the races that need three. jcstress gives each {@code @Actor} a CPU of its
 * own and skips a test with more actors than CPUs, and the machines this suite runs on may have
 * two; so a test with a third party declares two actors, and one of them, on arriving, hands the
 * third party's part to this thread. The part then runs at once, concurrently with both actors.
 * The arbiter calls {@link Part#finished()} before it reads anything, which also publishes what
 * the part wrote.
 */
/*
 * One daemon thread per forked test VM, fed in the order the actors arrive, so it keeps pace with
 * them. A part must never wait without a bound, or it would hold up every later part.
 */
final class ThirdActor {
    private static final BlockingQueue<Runnable> PARTS = new LinkedBlockingQueue<>();

    static {
        Thread thread = new Thread(ThirdActor::serve, "bingfa-stress-third-actor");
        thread.setDaemon(true);
        thread.start();
    }

    private ThirdActor() {}

    /** Starts {@code part} on the third thread and returns its handle. */
    static Part start(Runnable part) {
        Part handle = new Part(part);
        PARTS.add(handle.task);
        return handle;
    }

    private static void serve() {
        while (true) {
            try {
                PARTS.take().run();
            } catch (InterruptedException e) {
                // Nobody interrupts this thread on purpose; keep serving.
            }
        }
    }

    /** The third party's part of one test invocation. */
    static final class Part {
        private final FutureTask<Void> task;

        Part(Runnable part) {
            this.task = new FutureTask<>(part, null);
        }

        /**
         * Waits at most {@link Stress#PROMPT} for the part to finish; its writes happen-before the
         * return.
         *
         * @return {@code true} if it finished, {@code false} if it is still running
         * @throws IllegalStateException if the part threw, with its exception as the cause (jcstress
         *     then reports the test as an error, with the trace)
         */
        boolean finished() {
            try {
                task.get(Stress.PROMPT.toNanos(), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException("the third actor's part failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
