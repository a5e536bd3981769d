package io.bingfa.stress;

import java.time.Duration;

/** The outcome words and the wait bound the stress tests share. */
final class Stress {
    /**
     * The bound on a wait that the other actor is certain to end at once: far longer than any
     * scheduling delay on a busy two-core machine, so only a lost wake-up reaches it, and short
     * enough that such a bug slows a run down instead of hanging it.
     */
    static final Duration PROMPT = Duration.ofSeconds(1);

    /** The call returned normally. */
    static final String OK = "OK";
    /** A release, taskDone or similar call was refused with the documented exception. */
    static final String REFUSED = "REFUSED";
    /** A timed wait ran out ({@code false}, {@code QueueEmptyException}, {@code QueueFullException}). */
    static final String TIMEOUT = "TIMEOUT";
    /** A queue operation threw {@code QueueShutDownException}. */
    static final String SHUT = "SHUT";
    /** A non-blocking get found the queue empty. */
    static final String EMPTY = "EMPTY";
    /** The wait threw {@code InterruptedException}. */
    static final String INTERRUPTED = "INTERRUPTED";
    /** A waiter returned {@code true}: it was signalled or saw the state it waited for. */
    static final String SIGNALLED = "SIGNALLED";
    /** A waiter arrived after the signal and so did not wait at all. */
    static final String LATE = "LATE";

    private Stress() {}
}
