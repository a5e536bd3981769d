package io.bingfa.lab.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class AsyncioHelloTest {
    @Test
    void twoHelloCoroutinesSleepTogetherOnOneLoopInAboutOneSecond() throws Exception {
        ProcessExamplesTest.Run r = ProcessExamplesTest.run("asyncio-hello", "--time-scale", "0.2");
        List<String> said = r.lines().stream()
                .filter(l -> l.startsWith("Hello"))
                .map(l -> l.substring(0, l.indexOf('!') + 1))
                .toList();
        assertEquals(List.of("Hello world!", "Hello world!", "Hello again!", "Hello again!"), said, r.out());
        Matcher m = r.result("^two coroutines slept 1 s each in ([\\d.]+) s in all: close to 1 s;"
                + " one event loop on thread (\\S+), at most 1 task running at a time$");
        double took = Double.parseDouble(m.group(1));
        assertTrue(took >= 0.6 && took < 1.9, r.out()); // CPython-style tolerance; 2 s would mean no overlap
        assertEquals(Thread.currentThread().getName(), m.group(2), r.out());
    }

    @Test
    void chineseOutputSaysTheSame() throws Exception {
        ProcessExamplesTest.Run r = ProcessExamplesTest.run("asyncio-hello", "--time-scale", "0.2", "--lang", "zh");
        assertEquals(2, r.lines().stream().filter(l -> l.startsWith("Hello again!（事件循环线程")).count(), r.out());
        r.result("^两个协程各sleep 1秒，总共[\\d.]+秒：接近1秒；一个事件循环（线程\\S+），同一时刻最多1个任务在运行$");
    }
}
