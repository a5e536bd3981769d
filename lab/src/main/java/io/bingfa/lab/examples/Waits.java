package io.bingfa.lab.examples;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Waits for another thread to get somewhere, by its state rather than by sleeping a guess. */
final class Waits {
    private Waits() {}

    /**
     * Waits until {@code thread} sleeps ({@code time.sleep}) or has ended, at most {@code max}.
     *
     * @return whether it got there in time
     * @throws InterruptedException if interrupted while waiting
     */
    static boolean untilSleeping(Thread thread, Duration max) throws InterruptedException {
        return until(thread, t -> t.getState() == Thread.State.TIMED_WAITING, max);
    }

    /**
     * Waits until {@code there} holds for {@code thread} (a state it reaches, such as being inside a
     * {@code Condition}'s await: {@code t -> cond.waiting() > 0}) or the thread has ended, at most
     * {@code max}.
     *
     * @return whether it got there in time
     * @throws InterruptedException if interrupted while waiting
     */
    static boolean until(Thread thread, Predicate<Thread> there, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!there.test(thread) && thread.getState() != Thread.State.TERMINATED) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            LockSupport.parkNanos(50_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }
}
