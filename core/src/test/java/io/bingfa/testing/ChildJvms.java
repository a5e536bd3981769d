package io.bingfa.testing;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Makes sure a test leaves no child JVM behind: register it with
 * {@code @RegisterExtension final ChildJvms children = new ChildJvms();}, start children through
 * {@link #start(JvmProcess)} (or {@link #track(JvmProcess)} them), and after each test every one
 * still running is killed and joined, passed or failed. A test that leaves a child alive that it
 * did not track fails.
 */
public final class ChildJvms implements AfterEachCallback {
    private final List<JvmProcess> tracked = new ArrayList<>();

    /** Tracks and starts {@code process}; returns it. */
    public synchronized JvmProcess start(JvmProcess process) {
        tracked.add(process);
        process.start();
        return process;
    }

    /** Tracks {@code process} (started elsewhere, e.g. by a pool); returns it. */
    public synchronized JvmProcess track(JvmProcess process) {
        tracked.add(process);
        return process;
    }

    /** Joins {@code process}, failing if it has not exited within the patience of the tests. */
    public static void joinOrFail(JvmProcess process) throws InterruptedException {
        if (!process.join(Waits.PATIENCE)) {
            throw new AssertionError(process + " did not exit within " + Waits.PATIENCE);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<JvmProcess> all;
        synchronized (this) {
            all = new ArrayList<>(tracked);
            tracked.clear();
        }
        for (JvmProcess p : all) {
            if (p.exitCode() == null) {
                try {
                    p.kill();
                } catch (IllegalStateException notStarted) {
                    continue;
                }
            }
        }
        for (JvmProcess p : all) {
            try {
                p.join(Duration.ofSeconds(10));
            } catch (IllegalStateException notStarted) {
                // nothing to join
            }
        }
        List<JvmProcess> left = Multiprocessing.activeChildren();
        if (!left.isEmpty()) {
            for (JvmProcess p : left) {
                p.kill();
                p.join(Duration.ofSeconds(10));
            }
            throw new AssertionError("the test left child JVMs running: " + left);
        }
    }
}
