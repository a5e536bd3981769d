package io.bingfa.asyncio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.testing.CapturedLog;
import io.bingfa.testing.TestThreads;
import io.bingfa.testing.Waits;
import io.bingfa.threading.Lock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * On HANDOFF a task blocked outside an await point keeps the loop; the loop says so once, naming the
 * task and the ways out, instead of stalling in silence.
 */
class HandoffStallWarningTest {

    @Test
    void taskBlockedInAThreadingLockIsReportedOnceAsStallingTheLoop() throws Exception {
        Lock lock = new Lock();
        lock.acquire(); // held by the test thread until the warning has been seen
        try (CapturedLog log = new CapturedLog("io.bingfa.asyncio"); TestThreads threads = new TestThreads()) {
            threads.run("releaser", () -> {
                Waits.awaitTrue("the stall warning", () -> !warnings(log).isEmpty());
                lock.release();
            });
            String result = EventLoop.run(SchedulerPath.HANDOFF, () -> {
                Task<String> blocker = Asyncio.createTask(() -> {
                    lock.acquire(); // not an await point: keeps the baton on HANDOFF
                    lock.release();
                    return "got the lock";
                }, "blocker");
                return blocker.result();
            });
            threads.join();
            assertEquals("got the lock", result);
            List<LogRecord> w = warnings(log);
            assertEquals(1, w.size(), "one warning per stall");
            String m = w.get(0).getMessage();
            assertTrue(m.contains("blocker") && m.contains("without an await point")
                    && m.contains("runInExecutor") && m.contains("--add-opens"), m);
        } finally {
            if (lock.isLocked()) {
                lock.release();
            }
        }
    }

    private static List<LogRecord> warnings(CapturedLog log) {
        return log.records().stream().filter(r -> r.getLevel() == Level.WARNING).toList();
    }
}
