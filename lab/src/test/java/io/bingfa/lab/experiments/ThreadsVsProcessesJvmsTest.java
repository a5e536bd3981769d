package io.bingfa.lab.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.multiprocessing.SharedArray;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The process experiments' batch of child JVMs kills and joins its children on every path. */
@Timeout(120)
class ThreadsVsProcessesJvmsTest {
    @AfterEach
    void noChildJvmIsLeft() {
        assertEquals(List.of(), Multiprocessing.activeChildren());
    }

    static void sleepLong(SharedArray began) throws InterruptedException {
        began.set(0, 1);
        Thread.sleep(600_000);
    }

    @Test
    void closeKillsAChildStillRunningWhenTheExperimentFails() throws Exception {
        SharedArray began = SharedArray.ofLongs(1);
        JvmProcess[] child = new JvmProcess[1];
        IllegalStateException failure = assertThrows(IllegalStateException.class, () -> {
            try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("test")) {
                jvms.start(() -> sleepLong(began));
                child[0] = jvms.children().get(0);
                while (began.get(0) == 0) {
                    assertTrue(child[0].isAlive(), "the child died before its task began");
                    Thread.onSpinWait();
                }
                if (ThreadsVsProcessesJvms.hasProc()) {
                    assertTrue(ThreadsVsProcessesJvms.rss(jvms.pid(0)) > 0);
                }
                throw new IllegalStateException("a measurement failed");
            }
        });
        assertEquals("a measurement failed", failure.getMessage());
        assertEquals(-9, child[0].exitCode());
    }

    @Test
    void closeJoinsChildrenThatExitedAndTheirExitCodesAreZero() throws Exception {
        SharedArray out = SharedArray.ofLongs(2);
        List<JvmProcess> children;
        try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("test")) {
            for (int i = 0; i < 2; i++) {
                int id = i;
                jvms.start(() -> out.set(id, 40 + id));
            }
            jvms.joinAll(null, "%d/%d");
            children = jvms.children();
        }
        assertEquals(40, out.get(0));
        assertEquals(41, out.get(1));
        for (JvmProcess p : children) {
            assertEquals(0, p.exitCode());
        }
    }

    @Test
    void noMoreThanSixteenChildrenAtOnce() throws Exception {
        try (ThreadsVsProcessesJvms jvms = new ThreadsVsProcessesJvms("test")) {
            for (int i = 0; i < ThreadsVsProcessesJvms.MAX_CHILDREN; i++) {
                jvms.children().add(JvmProcess.builder().target(() -> { }).build()); // never started
            }
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> jvms.start(() -> { }));
            assertTrue(e.getMessage().contains("at most 16"), e.getMessage());
            jvms.children().clear();
        }
    }
}
