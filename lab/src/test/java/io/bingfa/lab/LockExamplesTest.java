package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * The examples about shared data and locks. The lock-free variants run at full time scale: the
 * sleep between read and write is then far longer than it takes to start all the threads, so every
 * run loses updates.
 */
class LockExamplesTest {

    @Test
    void mutexCountdownEndsAtZeroUnderTheLock() {
        LabRun.Result r = LabRun.example("mutex-countdown", "--time-scale", "0.01");
        assertEquals("0", r.lines().get(0), r.both());
        r.result("^money = 0 \\(expected 0\\)");
    }

    @Test
    void mutexCountdownWithoutTheLockLosesUpdates() {
        LabRun.Result r = LabRun.example("mutex-countdown", "--no-lock");
        Matcher m = r.result("^money = (\\d+) \\(expected 0\\): (\\d+) of 100 updates were lost");
        int money = Integer.parseInt(m.group(1));
        assertTrue(money > 0 && money < 100, r.both());
        assertEquals(Integer.toString(money), r.lines().get(0), r.both());
    }

    @Test
    void posMachineCardGetsExactly5000UnderTheLock() {
        LabRun.Result r = LabRun.example("pos-machine");
        for (int i = 1; i <= 10; i++) {
            assertEquals(1, r.count("person-" + i + " swiped the card 500 times, 1 yuan each"), r.both());
        }
        assertEquals(1, r.count("card balance: 5000 yuan"), r.both());
        r.result("^balance = 5000 \\(expected 5000\\)$");
    }

    @Test
    void posMachineWithoutTheLockLosesSwipes() {
        LabRun.Result r = LabRun.example("pos-machine", "--no-lock");
        Matcher m = r.result("^balance = (\\d+) \\(expected 5000\\): (\\d+) swipes lost$");
        assertTrue(Integer.parseInt(m.group(1)) < 5000, r.both());
    }

    @Test
    void posMachineInChinese() {
        LabRun.Result r = LabRun.example("pos-machine", "--lang", "zh", "--people", "3", "--swipes", "100");
        assertEquals(1, r.count("顾客2刷卡100次，每次1元"), r.both());
        assertEquals(1, r.count("银行卡余额：300元"), r.both());
        r.result("^余额 = 300（期望为300）$");
    }

    @Test
    void bankAccountHoldsExactly100WithItsLock() {
        LabRun.Result r = LabRun.example("bank-account", "--time-scale", "0.02");
        assertEquals(1, r.count("Account balance: ￥100"), r.both());
        r.result("^balance = 100 \\(expected 100\\)$");
    }

    @Test
    void bankAccountInChinesePrintsTheCoursesLine() {
        LabRun.Result r = LabRun.example("bank-account", "--time-scale", "0.02", "--lang", "zh");
        assertEquals(List.of("账户余额为: ￥100元"), r.lines().subList(0, 1), r.both());
        r.result("^余额 = 100（期望为100）$");
    }

    @Test
    void bankAccountWithoutTheLockEndsBelow100() {
        LabRun.Result r = LabRun.example("bank-account", "--no-lock");
        Matcher m = r.result("^balance = (\\d+) \\(expected 100\\): deposits made on a stale balance overwrote each other$");
        assertTrue(Integer.parseInt(m.group(1)) < 100, r.both());
    }

    @Test
    void listAppendLockFillsBothSlots() {
        for (int run = 0; run < 5; run++) {
            LabRun.Result r = LabRun.example("list-append-lock");
            String l = r.lines().get(0);
            assertTrue(l.equals("['A', 'B', 'C', 'D']") || l.equals("['A', 'B', 'D', 'C']"), r.both());
            r.result("every slot filled once");
        }
    }

    @Test
    void listAppendRLockAcquiredTwiceFillsBothSlots() {
        LabRun.Result r = LabRun.example("list-append-rlock", "--time-scale", "0.1");
        assertTrue(r.lines().get(0).endsWith("(tried for 0.1 s: False)"), r.both());
        String l = r.lines().get(1);
        assertTrue(l.equals("['A', 'B', 'C', 'D']") || l.equals("['A', 'B', 'D', 'C']"), r.both());
        assertEquals(1, r.count("each thread held the RLock 2 times at once"), r.both());
        r.result("every slot filled once");
    }

    @Test
    void threadLocalGivesEachThreadItsOwnBalance() {
        LabRun.Result r = LabRun.example("thread-local", "--time-scale", "0.1");
        assertEquals(20, r.lines().stream().filter(line -> line.startsWith("balance is ")).count(), r.both());
        assertEquals(20, r.lines().stream().filter(line -> line.startsWith("hehe is: ")).count(), r.both());
        Matcher m = r.result("^local.money: (Thread-\\d+) saw only 100 and (Thread-\\d+) only 200: True;");
        assertEquals(10, r.count("balance is 100 current thread: " + m.group(1)), r.both());
        assertEquals(10, r.count("balance is 200 current thread: " + m.group(2)), r.both());
    }

    @Test
    void threadLocalInChinese() {
        LabRun.Result r = LabRun.example("thread-local", "--time-scale", "0.05", "--lang", "zh");
        assertTrue(r.lines().stream().anyMatch(line -> line.matches("余额为100 当前线程为：Thread-\\d+")), r.both());
        assertTrue(r.lines().stream().anyMatch(line -> line.matches("hehe值为：(100|200)")), r.both());
        r.result("：True；");
    }

    @Test
    void threadSubclassTimingKeepsEachThreadsLinesTogetherUnderThreadLock() {
        LabRun.Result r = LabRun.example("thread-subclass-timing", "--time-scale", "0.01");
        assertEquals(1, r.count("Starting Thread-1"), r.both());
        assertEquals(1, r.count("Exiting Main Thread"), r.both());
        r.result("^10 lines; the output switched threads [01] time\\(s\\): each thread's lines in one block$");
    }

    @Test
    void threadSubclassTimingInterleavesWithoutThreadLock() {
        LabRun.Result r = LabRun.example("thread-subclass-timing", "--time-scale", "0.05", "--no-lock");
        Matcher m = r.result("^10 lines; the output switched threads (\\d+) time\\(s\\): the threads' lines interleaved$");
        assertTrue(Integer.parseInt(m.group(1)) >= 2, r.both());
    }
}
