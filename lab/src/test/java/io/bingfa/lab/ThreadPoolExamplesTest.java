package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The examples of concurrent.futures' thread pools. */
class ThreadPoolExamplesTest {

    @Test
    void submitRunsEveryCallOnceOnAtMostFourThreadsAndCallsBackEveryResult() {
        LabRun.Result r = LabRun.example("thread-pool-submit", "--time-scale", "0.01");
        for (int i = 0; i < 10; i++) {
            assertEquals(1, r.count(Integer.toString(i)), "i = " + i + "\n" + r.both());
            assertEquals(1, r.count("Future[state=finished returned Integer] " + i), "callback " + i + "\n" + r.both());
        }
        List<String> lines = r.lines();
        for (int i = 0; i < 10; i++) {
            assertTrue(lines.indexOf(Integer.toString(i)) < lines.indexOf("Future[state=finished returned Integer] " + i),
                    "func(" + i + ") printed before its callback\n" + r.both());
        }
        Matcher m = r.result("^10 calls ran on (\\d+) threads \\(max_workers 4\\); every i printed once and every result "
                + "called back once: True;");
        int threads = Integer.parseInt(m.group(1));
        assertTrue(threads >= 1 && threads <= 4, r.both());
    }

    @Test
    void submitInChineseWithTwoWorkers() {
        LabRun.Result r = LabRun.example("thread-pool-submit", "--time-scale", "0.01", "--lang", "zh",
                "--workers", "2", "--tasks", "5");
        assertEquals(1, r.count("Future[state=finished returned Integer] 4"), r.both());
        Matcher m = r.result("^5个任务在(\\d+)个线程上运行（max_workers为2）；每个i打印一次，每个结果回调一次：True；");
        assertTrue(Integer.parseInt(m.group(1)) <= 2, r.both());
    }

    @Test
    void mapGivesTheResultsInInputOrder() {
        LabRun.Result r = LabRun.example("thread-pool-map", "--time-scale", "0.01");
        // each number twice: once printed by func in a worker, once by the loop over the results
        for (int i = 1; i <= 5; i++) {
            assertEquals(2, r.count(Integer.toString(i)), "i = " + i + "\n" + r.both());
        }
        // the loop prints each result after func printed it: the second occurrences come in input order
        List<Integer> second = new ArrayList<>();
        List<String> lines = r.lines();
        for (int i = 1; i <= 5; i++) {
            second.add(lines.lastIndexOf(Integer.toString(i)));
        }
        List<Integer> sorted = new ArrayList<>(second);
        sorted.sort(null);
        assertEquals(sorted, second, r.both());
        r.result("^results \\[1, 2, 3, 4, 5\\], in input order: True;");
    }

    @Test
    void mapInChinese() {
        LabRun.Result r = LabRun.example("thread-pool-map", "--time-scale", "0.01", "--lang", "zh");
        r.result("^map返回的结果\\[1, 2, 3, 4, 5\\]，与输入顺序一致：True；");
    }
}
