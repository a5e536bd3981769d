package io.bingfa.futures;

/** When {@link Futures#wait} returns: Python's {@code FIRST_COMPLETED}, {@code FIRST_EXCEPTION}, {@code ALL_COMPLETED}. */
public enum ReturnWhen {
    /** When any future finishes or is cancelled. */
    FIRST_COMPLETED,
    /** When any future finishes by raising; if none does, when all are done ({@link #ALL_COMPLETED}). */
    FIRST_EXCEPTION,
    /** When all futures are done. */
    ALL_COMPLETED
}
