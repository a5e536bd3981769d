package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.multiprocessing.ProcessQueue;
import io.bingfa.multiprocessing.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A putter process and a getter process share one {@code multiprocessing.Queue}: the putter puts
 * A, B and C a second apart, the getter takes them out in that order; the main process joins the
 * putter and terminates the getter, whose loop never ends. Before terminating it the main process
 * waits until the getter has taken all three (the course relies on the putter's last one-second
 * sleep for that; at a small time scale that is too short). Course notes 001 Queue队列对象.
 */
public final class ProcessQueueExample extends BaseExample {
    private static final List<String> ITEMS = List.of("A", "B", "C");

    public ProcessQueueExample() {
        super("process-queue", Topic.PROCESSES,
                "a putter process and a getter process share one multiprocessing Queue: A, B, C come out in order; the getter is terminated",
                "一个进程向进程队列中放入数据，另一个进程从中取出：A、B、C依次取出；取数据的进程最后被terminate",
                "001 Queue队列对象 (putItems, getItems)");
    }

    // def putItems(q): for i in ['A','B','C']: print(name, ...); q.put(i); time.sleep(1)
    static void putItems(ChildOutput.Printer out, ProcessQueue<String> q) throws InterruptedException {
        for (String i : ITEMS) {
            out.say("%s puts %s into the queue", "%s向队列中插入一个数据%s", Multiprocessing.currentProcess().name(), i);
            q.put(i);
            out.sleep(1);
        }
    }

    // def getItems(q): while 1: value = q.get(); print(name, ...)
    static void getItems(ChildOutput.Printer out, ProcessQueue<String> q, SharedValue received)
            throws InterruptedException {
        while (true) {
            String value = q.get();
            out.say("%s got %s from the queue", "%s从队列中获取到数据%s", Multiprocessing.currentProcess().name(), value);
            received.incrementAndGet();
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        ProcessQueue<String> q = new ProcessQueue<>();   // multiprocessing.Queue(): unbounded
        SharedValue received = SharedValue.ofLong(0);
        List<JvmProcess> started = new ArrayList<>();
        List<String> lines;
        JvmProcess p2;
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            try {
                JvmProcess p1 = new JvmProcess(() -> putItems(out, q));
                p2 = new JvmProcess(() -> getItems(out, q, received));
                p1.start();
                started.add(p1);
                p2.start();
                started.add(p2);
                p1.join();
                Processes.until(() -> received.get() >= ITEMS.size(), p2, Duration.ofSeconds(30));
                p2.terminate();
                p2.join();
            } finally {
                Processes.stop(started);
            }
            output.drain(Duration.ofSeconds(10));
            lines = output.received();
        }
        ctx.say("The end", "结束");
        List<String> got = new ArrayList<>();
        for (String line : lines) {
            for (String item : ITEMS) {
                if (line.endsWith(ctx.text(" got " + item + " from the queue", "从队列中获取到数据" + item))) {
                    got.add(item);
                }
            }
        }
        ctx.result("the getter process received %s in the order they were put; then terminated: exit code %d",
                "取数据的进程按放入的顺序收到了%s；随后被terminate：退出码%d", Py.repr(got), p2.exitCode());
    }
}
