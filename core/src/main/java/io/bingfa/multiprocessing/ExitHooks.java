package io.bingfa.multiprocessing;

import java.util.ArrayList;
import java.util.List;

/**
 * Work that must happen in a child JVM after its target has finished and before the JVM exits:
 * flushing the items a process queue still buffers, for one. Run once, in the order added, by
 * {@link ChildMain} (and by a shutdown hook when the child ends through {@code System.exit}).
 */
final class ExitHooks {
    private static final List<Runnable> HOOKS = new ArrayList<>();
    private static boolean ran;

    private ExitHooks() {}

    static synchronized void add(Runnable hook) {
        if (ran) {
            hook.run();
        } else {
            HOOKS.add(hook);
        }
    }

    static void runAll() {
        List<Runnable> todo;
        synchronized (ExitHooks.class) {
            if (ran) {
                return;
            }
            ran = true;
            todo = List.copyOf(HOOKS);
            HOOKS.clear();
        }
        for (Runnable hook : todo) {
            try {
                hook.run();
            } catch (RuntimeException failure) {
                System.getLogger(ExitHooks.class.getName()).log(System.Logger.Level.WARNING,
                        "an exit hook failed", failure);
            }
        }
    }

    static synchronized List<Runnable> pending() {
        return new ArrayList<>(HOOKS);
    }
}
