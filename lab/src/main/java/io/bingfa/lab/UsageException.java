package io.bingfa.lab;

/** A command line the lab cannot run: the message says what was wrong and what was expected. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
