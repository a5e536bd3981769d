package io.bingfa.futures;

import java.io.IOException;

/** CPython util.py's future fixtures: a fresh future in each state. */
final class Fixtures {
    private Fixtures() {}

    static SettableFuture<Integer> pending() {
        return new SettableFuture<>();
    }

    static SettableFuture<Integer> running() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setRunningOrNotifyCancel();
        return f;
    }

    static SettableFuture<Integer> cancelled() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.cancel();
        return f;
    }

    static SettableFuture<Integer> cancelledAndNotified() {
        SettableFuture<Integer> f = cancelled();
        f.setRunningOrNotifyCancel();
        return f;
    }

    /** Finished with an {@link IOException}, Python's OSError. */
    static SettableFuture<Integer> exception() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setException(new IOException());
        return f;
    }

    /** Finished with 42. */
    static SettableFuture<Integer> successful() {
        SettableFuture<Integer> f = new SettableFuture<>();
        f.setResult(42);
        return f;
    }
}
