package io.bingfa.bench;

/** A benchmark run produced a wrong result (a count, an order, a balance), or did not finish. */
public final class CheckFailedException extends Exception {
    public CheckFailedException(String message) {
        super(message);
    }
}
