package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The examples with queues: producers, consumers, workers. */
class QueueExamplesTest {
    private static final List<String> BUYERS = List.of("Xiao Bo", "Jian Gang", "Liu Hao");

    @Test
    void carFactorySellsEveryCarExactlyOnce() {
        LabRun.Result r = LabRun.example("car-factory", "--time-scale", "0.01", "--cars", "10");
        for (int car = 0; car < 10; car++) {
            assertEquals(1, r.count("Lao Wang produced car #" + car), r.both());
            int n = car;
            long bought = r.lines().stream()
                    .filter(line -> BUYERS.stream().anyMatch(b -> line.equals(b + " bought car #" + n)))
                    .count();
            assertEquals(1, bought, "car #" + car + "\n" + r.both());
        }
        for (String buyer : BUYERS) {
            assertEquals(1, r.count(buyer + " goes home: the factory is closed and sold out"), r.both());
        }
        r.result("^10 cars produced, 10 bought, each car bought exactly once: True$");
    }

    @Test
    void carFactoryInChinese() {
        LabRun.Result r = LabRun.example("car-factory", "--time-scale", "0.01", "--cars", "3", "--lang", "zh");
        assertEquals(1, r.count("老王生产了第2辆汽车"), r.both());
        assertTrue(r.lines().stream().anyMatch(line -> line.matches("(小波|建刚|刘浩)购买第0辆汽车")), r.both());
        r.result("^生产了3辆汽车，卖出3辆，每辆车正好被买走一次：True$");
    }

    @Test
    void producerConsumerHandsOverFiveItemsInOrder() {
        LabRun.Result r = LabRun.example("producer-consumer", "--time-scale", "0.01", "--seed", "5");
        for (int i = 0; i < 5; i++) {
            assertEquals(1, r.count("Producer is producing " + i + " to the queue!"), r.both());
            assertEquals(1, r.count("Consumer is consuming. " + i + " in the queue is consumed!"), r.both());
        }
        List<String> lines = r.lines();
        assertTrue(lines.indexOf("Producer is producing 0 to the queue!")
                < lines.indexOf("Consumer is consuming. 0 in the queue is consumed!"), r.both());
        assertEquals("All threads finished!", lines.get(lines.size() - 2), r.both());
        assertEquals(1, r.count("Producer finished!"), r.both());
        assertEquals(1, r.count("Consumer finished!"), r.both());
        r.result("^consumed \\[0, 1, 2, 3, 4\\], in the order produced: True$");
    }

    @Test
    void queueWorkersProcessEveryTaskOnceAndJoinReturns() {
        LabRun.Result r = LabRun.example("queue-workers", "--time-scale", "0.01");
        for (int task = 0; task < 100; task++) {
            String suffix = " process " + task;
            assertEquals(1, r.lines().stream().filter(line -> line.matches("Thread-\\d+" + suffix)).count(),
                    "task " + task + "\n" + r.both());
        }
        r.result("^100 tasks processed by 10 threads, each exactly once: True; join\\(\\) returned after the last task_done\\(\\)");
    }

    @Test
    void queueWorkersWithExitFlagProcessEachWordOnce() {
        LabRun.Result r = LabRun.example("queue-workers", "--time-scale", "0.01", "--mode", "exit-flag");
        for (String word : List.of("One", "Two", "Three", "Four", "Five")) {
            assertEquals(1, r.lines().stream().filter(line -> line.matches("Thread-[123] processing " + word)).count(),
                    word + "\n" + r.both());
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(1, r.count("Starting Thread-" + i), r.both());
            assertEquals(1, r.count("Exiting Thread-" + i), r.both());
        }
        List<String> lines = r.lines();
        assertEquals("Exiting Main Thread", lines.get(lines.size() - 2), r.both());
        r.result("^5 words processed by 3 threads, each exactly once: True$");
    }

    @Test
    void workManagerDoesEveryJobOnce() {
        LabRun.Result r = LabRun.example("work-manager", "--time-scale", "0.01");
        for (int job = 0; job < 100; job++) {
            assertEquals(1, r.count("[" + job + "]"), "job " + job + "\n" + r.both());
        }
        assertEquals(100, r.lines().stream().filter(line -> line.startsWith("Thread[")).count(), r.both());
        assertTrue(r.lines().stream().anyMatch(line -> line.startsWith("cost all time: ")), r.both());
        Matcher m = r.result("^100 jobs done by (\\d+) threads, each exactly once: True;");
        int threads = Integer.parseInt(m.group(1));
        assertTrue(threads >= 1 && threads <= 10, r.both());
    }
}
