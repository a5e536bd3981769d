package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bingfa.threading.Deadlocks;
import java.util.regex.Matcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * 科学家吃面. These run at full time scale: the 0.2 s each diner holds its first lock is what makes
 * the two of them deadlock every time.
 */
class DeadlockExampleTest {

    @AfterEach
    void detectionIsOffAgain() {
        assertFalse(Deadlocks.isDetecting());
    }

    @Test
    void watchdogReportsTheCycleThenBreaksItAndBothThreadsEnd() {
        LabRun.Result r = LabRun.example("deadlock");
        String out = r.out();
        assertTrue(out.contains("professor: got the noodles"), r.both());
        assertTrue(out.contains("student: got the fork"), r.both());
        assertTrue(out.contains("deadlock: 2 threads wait for each other"), r.both());
        assertTrue(out.contains("thread \"professor\" waits for Lock(\"fork\")"), r.both());
        assertTrue(out.contains("held by thread \"student\""), r.both());
        assertTrue(out.contains("thread \"student\" waits for Lock(\"noodle\")"), r.both());
        assertTrue(out.contains("held by thread \"professor\""), r.both());
        assertTrue(out.contains("acquired at io.bingfa.lab.examples.DeadlockNoodles"), "sites are tracked\n" + r.both());
        assertEquals(1, r.count("watchdog: interrupting student"), r.both());
        assertEquals(1, r.count("student: interrupted, gives up and puts back what it held"), r.both());
        assertEquals(1, r.count("professor has eaten"), r.both());
        r.result("^deadlock found between (professor and student|student and professor) over "
                + "Lock\\(\"(fork|noodle)\"\\), Lock\\(\"(fork|noodle)\"\\); broken by interrupting student; both threads ended$");
    }

    @Test
    void detectModeThrowsDeadlockExceptionInOneDinerAndTheOtherEats() {
        LabRun.Result r = LabRun.example("deadlock", "--detect");
        Matcher m = r.result("^DeadlockException in (professor|student), cycle (professor|student) -> (professor|student); "
                + "both threads ended$");
        String refused = m.group(1);
        String other = refused.equals("professor") ? "student" : "professor";
        assertEquals(1, r.count(refused + ": DeadlockException, gives up and puts back what it held"), r.both());
        assertEquals(1, r.count(other + " has eaten"), r.both());
        assertEquals(0, r.count(refused + " has eaten"), r.both());
        assertTrue(r.out().contains("the DeadlockException " + refused + " got:"), r.both());
        assertTrue(r.out().contains("deadlock: 2 threads wait for each other"), r.both());
        assertTrue(r.out().contains("Lock(\"noodle\")") && r.out().contains("Lock(\"fork\")"), r.both());
    }

    @Test
    void fixWithOneRLockLetsBothEat() {
        LabRun.Result r = LabRun.example("deadlock", "--fix", "--time-scale", "0.05");
        assertEquals(1, r.count("professor has eaten"), r.both());
        assertEquals(1, r.count("student has eaten"), r.both());
        assertFalse(r.out().contains("deadlock:"), r.both());
        r.result("^both ate with one RLock for noodles and fork: no deadlock$");
    }

    @Test
    void inChineseTheDinersGrabNoodlesAndForks() {
        LabRun.Result r = LabRun.example("deadlock", "--lang", "zh");
        assertEquals(1, r.count("professor: 抢到面条了"), r.both());
        assertEquals(1, r.count("student: 抢到叉子了"), r.both());
        assertEquals(1, r.count("professor: 抢到叉子了"), r.both());
        assertEquals(1, r.count("看门狗：中断student"), r.both());
        r.result("^发现.*之间的死锁");
    }

    @Test
    void detectAndFixTogetherAreRefused() {
        LabRun.Result r = LabRun.run("example", "deadlock", "--detect", "--fix");
        assertEquals(1, r.exit(), r.both());
        assertTrue(r.err().contains("--detect and --fix: choose one"), r.both());
    }
}
