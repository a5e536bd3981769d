package io.bingfa.threading;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Threads that wait for each other's bingfa locks, found by {@link Deadlocks#find()} or carried by
 * a {@link DeadlockException}. Link {@code i} waits for a lock that link {@code i + 1} holds; the
 * last waits for one that the first holds.
 *
 * @param links the threads of the cycle, in wait-for order
 */
public record DeadlockCycle(List<Link> links) {
    /** Copies the links. */
    public DeadlockCycle {
        links = List.copyOf(links);
    }

    /**
     * One thread of the cycle.
     *
     * @param thread the waiting thread
     * @param waitsFor the lock it waits for, as {@code Lock("noodle")}
     * @param heldBy the thread that holds that lock
     * @param waitingAt where the waiting thread is blocked (innermost user frames first)
     * @param acquiredAt where {@code heldBy} acquired the lock; empty unless acquisition sites are
     *     tracked ({@link Deadlocks#trackSites(boolean)}, {@link Deadlocks#detect(boolean)} or
     *     {@code -Dbingfa.deadlock=track|raise})
     * @param timed whether the wait has a timeout (and so ends by itself)
     */
    public record Link(Thread thread, String waitsFor, Thread heldBy,
            List<StackTraceElement> waitingAt, List<StackTraceElement> acquiredAt, boolean timed) {
        /** Copies the frame lists. */
        public Link {
            waitingAt = List.copyOf(waitingAt);
            acquiredAt = acquiredAt == null ? List.of() : List.copyOf(acquiredAt);
        }
    }

    /** The names of the threads of the cycle, in wait-for order. */
    public List<String> threadNames() {
        return links.stream().map(link -> link.thread().getName()).toList();
    }

    /** A readable, multi-line report: who waits for what, held by whom, taken where. */
    public String report() {
        StringBuilder out = new StringBuilder();
        out.append("deadlock: ").append(links.size())
                .append(links.size() == 1 ? " thread waits for itself" : " threads wait for each other")
                .append('\n');
        for (Link link : links) {
            out.append("  thread \"").append(link.thread().getName()).append("\" waits for ")
                    .append(link.waitsFor());
            if (link.timed()) {
                out.append(" (with a timeout)");
            }
            out.append(frames(" at ", link.waitingAt())).append('\n');
            out.append("    held by thread \"")
                    .append(link.heldBy() == null ? "?" : link.heldBy().getName()).append('"')
                    .append(link.acquiredAt().isEmpty()
                            ? ", acquired at: not recorded (track sites with -Dbingfa.deadlock=track)"
                            : frames(", acquired at ", link.acquiredAt()))
                    .append('\n');
        }
        return out.toString();
    }

    private static String frames(String prefix, List<StackTraceElement> frames) {
        if (frames.isEmpty()) {
            return "";
        }
        return prefix + frames.stream().map(StackTraceElement::toString)
                .collect(Collectors.joining(" <- "));
    }

    @Override
    public String toString() {
        return report();
    }
}
