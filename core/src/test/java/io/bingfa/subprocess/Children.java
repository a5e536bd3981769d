package io.bingfa.subprocess;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure a test leaves no child program behind: start children through {@link #popen}, and
 * after each test, passed or failed, every one still running is killed and reaped.
 */
final class Children implements AfterEachCallback {
    private final List<Popen> started = new ArrayList<>();

    /** Starts and tracks a child. */
    synchronized Popen popen(List<String> args, RunOptions options) throws IOException {
        Popen p = new Popen(args, options);
        started.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Popen> all;
        synchronized (this) {
            all = new ArrayList<>(started);
            started.clear();
        }
        for (Popen p : all) {
            p.kill();
        }
        for (Popen p : all) {
            p.waitFor(Duration.ofSeconds(20));
            if (p.toHandle().isAlive()) {
                throw new AssertionError(p + " is still alive after kill");
            }
        }
    }
}
