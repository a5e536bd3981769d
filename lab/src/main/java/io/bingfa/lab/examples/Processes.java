package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** What the examples of processes share: stopping the children on every path. */
final class Processes {
    private Processes() {}

    /**
     * Kills the children that are still running and waits for every started one to exit, so that
     * an example leaves no child JVM behind whatever happened. Keeps the interrupt status.
     */
    static void stop(Collection<JvmProcess> processes) {
        boolean interrupted = false;
        for (JvmProcess p : processes) {
            if (p.isAlive()) {
                p.kill();
            }
        }
        for (JvmProcess p : processes) {
            while (true) {
                try {
                    p.join(Duration.ofSeconds(10));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (IllegalStateException neverStarted) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits until {@code there} holds (a count in shared memory reaching a number, say) while
     * {@code process} is alive, at most {@code max}: by its state, not by sleeping a guess.
     *
     * @return whether it got there in time (false if the process exited first)
     * @throws InterruptedException if interrupted while waiting
     */
    static boolean until(BooleanSupplier there, JvmProcess process, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (!there.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() - deadline >= 0) {
                return there.getAsBoolean();
            }
            LockSupport.parkNanos(200_000L);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        return true;
    }
}
