package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The examples about starting, joining, naming and daemon threads. */
class ThreadExamplesTest {

    @Test
    void threadStartRunsTaskTheSubclassAndMusicAndMovieBothWays() {
        LabRun.Result r = LabRun.example("thread-start", "--time-scale", "0.01");
        assertEquals(2, r.count("egon is running"), r.both());
        assertEquals(1, r.count("egon is over"), r.both());
        assertEquals(1, r.count("egon DSB"), r.both());
        assertEquals(2, r.count("main"), r.both());
        for (int i = 0; i < 10; i++) {
            assertEquals(2, r.count("listening to Wild Wolf Disco, time " + i), r.both());
            assertEquals(2, r.count("watching Ne Zha, time " + i), r.both());
        }
        r.result("^6 threads started, 3 from target functions and 3 from Thread subclasses");
    }

    @Test
    void threadStartInChinesePrintsTheCoursesText() {
        LabRun.Result r = LabRun.example("thread-start", "--time-scale", "0.01", "--lang", "zh", "--times", "2");
        assertEquals(2, r.count("主"), r.both());
        assertEquals(2, r.count("听音乐野狼Disco第1次"), r.both());
        assertEquals(2, r.count("看电影哪吒第0次"), r.both());
        assertEquals(0, r.count("看电影哪吒第2次"), r.both());
    }

    @Test
    void threadJoinPrintsMainOnlyAfterTheThreadIsOver() {
        LabRun.Result r = LabRun.example("thread-join", "--time-scale", "0.01");
        List<String> lines = r.lines();
        int over = lines.indexOf("egon is over");
        assertTrue(lines.indexOf("egon is running") < over, r.both());
        assertEquals(over + 1, lines.indexOf("main"), r.both());
        r.result("'main' came after 'egon is over': True; .* after join: \\[False, True, False\\]$");
        // is_alive(): False, then True (the thread's first line may come before or after it), then False
        int before = lines.indexOf("False");
        int during = lines.indexOf("True");
        int after = lines.lastIndexOf("False");
        int subEnd = indexOfPrefix(lines, "sub thread end  current_thread_name: Thread-");
        assertTrue(before < during && during < after && subEnd < after, r.both());
        assertTrue(indexOfPrefix(lines, "sub thread start  current_thread_name: Thread-") > before, r.both());
    }

    @Test
    void sharedDataShowsTheThreadsWriteInTheMainThread() {
        LabRun.Result r = LabRun.example("shared-data");
        assertEquals(List.of("666", "666"), r.lines().subList(0, 2), r.both());
        r.result("^money = 666 in the main thread");
    }

    @Test
    void threadInfoCountsTheThreadStillSleepingAfterTheJoin() {
        LabRun.Result r = LabRun.example("thread-info", "--time-scale", "0.1");
        List<String> lines = r.lines();
        assertTrue(lines.get(0).matches("hello world Thread-\\d+"), r.both());
        assertTrue(lines.get(1).matches("hello world Thread-\\d+"), r.both());
        Matcher m = r.result("^active_count\\(\\) = (\\d+) after joining Thread-\\d+: (\\d+) thread\\(s\\) running before "
                + "\\+ 1 still running \\(Thread-\\d+\\)$");
        int active = Integer.parseInt(m.group(1));
        assertEquals(Integer.parseInt(m.group(2)) + 1, active, r.both());
        assertEquals(1, r.count("main " + active), r.both());
    }

    @Test
    void daemonThreadIsKilledAtExitWhileTheProcessWaitsForFunc() {
        LabRun.Result r = LabRun.example("daemon-thread", "--time-scale", "0.05");
        assertEquals(1, r.count("egon is running"), r.both());
        assertEquals(0, r.count("egon is over"), r.both());
        assertEquals(1, r.count("end456"), r.both());
        // foo (daemon, 1 s) ends before func (3 s), so its end123 shows although the process does not wait for it
        assertEquals(1, r.count("end123"), r.both());
        r.result("^'egon is over' printed: False; end456 printed: True .* end123 printed: True ");
        List<String> lines = r.lines();
        assertTrue(lines.indexOf("main.......") < lines.indexOf("end456"), r.both());
    }

    @Test
    void daemonThreadStillSleepingWhenFuncEndsNeverPrintsEnd123() {
        LabRun.Result r = LabRun.example("daemon-thread", "--time-scale", "0.05", "--foo-seconds", "5");
        assertEquals(1, r.count("123"), r.both());
        assertEquals(0, r.count("end123"), r.both());
        assertEquals(1, r.count("end456"), r.both());
        r.result("end456 printed: True .* end123 printed: False ");
    }

    @Test
    void daemonThreadInChinese() {
        LabRun.Result r = LabRun.example("daemon-thread", "--time-scale", "0.05", "--lang", "zh");
        assertEquals(1, r.count("主"), r.both());
        assertEquals(1, r.count("主......."), r.both());
        r.result("^'egon is over'已打印：False；end456已打印：True");
    }

    @Test
    void twoDownloadsInThreadsTakeAboutTheLongerOne() {
        LabRun.Result r = LabRun.example("two-downloads-threads", "--time-scale", "0.03", "--seed", "3");
        assertEquals(1, r.count("Start downloading Python从入门到住院.pdf..."), r.both());
        assertEquals(1, r.count("Start downloading Peking Hot.avi..."), r.both());
        r.result(": close to the longer one \\(max \\d+ s, sum \\d+ s\\)$");
        // both start before either ends: that is what makes the total the maximum
        List<String> lines = r.lines();
        assertTrue(lines.get(1).startsWith("Start downloading"), r.both());
    }

    @Test
    void twoDownloadsOneAfterTheOtherTakeTheSum() {
        LabRun.Result r = LabRun.example("two-downloads-threads", "--time-scale", "0.03", "--seed", "3",
                "--mode", "sequential", "--lang", "zh");
        List<String> lines = r.lines();
        assertTrue(lines.get(0).equals("开始下载Python从入门到住院.pdf..."), r.both());
        assertTrue(lines.get(1).startsWith("Python从入门到住院.pdf下载完成! 耗费了"), r.both());
        assertTrue(lines.get(4).startsWith("总共耗费了"), r.both());
        r.result("：接近两者之和（");
    }

    @Test
    void twoDownloadsWithTheSubclassDrawTheSameTimesForTheSameSeed() {
        LabRun.Result threads = LabRun.example("two-downloads-threads", "--time-scale", "0.02", "--seed", "9");
        LabRun.Result subclass = LabRun.example("two-downloads-threads", "--time-scale", "0.02", "--seed", "9",
                "--mode", "subclass");
        String downloads = "for downloads of (\\d+) s and (\\d+) s";
        Matcher a = threads.result(downloads);
        Matcher b = subclass.result(downloads);
        assertEquals(a.group(1), b.group(1));
        assertEquals(a.group(2), b.group(2));
        subclass.result("close to the longer one");
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
