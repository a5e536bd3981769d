package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.SharedValue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Two processes print Ping and Pong until a counter reaches 10. The course's version keeps the
 * counter in a global (here a static field): each child JVM has its own, so each prints 10 times,
 * 20 in all. {@code --fixed} keeps it in shared memory ({@code Value('q', 0)}) and checks and
 * increments it under its lock ({@code with counter.get_lock():}): 10 in all. Course notes 002
 * Python中的多进程 (sub_task).
 */
public final class PingPong extends BaseExample {
    /** The course's module-level {@code counter = 0}: one per JVM. */
    private static int counter;

    public PingPong() {
        super("ping-pong", Topic.PROCESSES,
                "two processes print Ping and Pong while counter < 10: with a global counter each has its own (20 lines); --fixed shares a Value under its lock (10)",
                "两个进程在counter < 10时分别打印Ping和Pong：全局变量counter每个进程各有一份（共20行）；--fixed使用共享内存Value并加锁（共10行）",
                "002 Python中的多进程 (sub_task, Ping/Pong)",
                ExampleOption.flag("fixed", "share the counter in shared memory, checked and incremented under its lock",
                        "将counter放入共享内存，并在其锁内判断和加1"));
    }

    // def sub_task(string): global counter; while counter < 10: print(string); counter += 1; sleep(0.01)
    static void subTask(ChildOutput.Printer out, String string) throws InterruptedException {
        while (counter < 10) {
            out.print(string);
            counter += 1;
            out.sleep(0.01);
        }
    }

    // the same with a shared counter: the check and the increment are one step under its lock
    static void sharedSubTask(ChildOutput.Printer out, String string, SharedValue shared)
            throws InterruptedException {
        while (true) {
            try (var held = shared.lock().hold()) {
                if (shared.get() >= 10) {
                    return;
                }
                out.print(string);
                shared.set(shared.get() + 1);
            }
            out.sleep(0.01);
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        boolean fixed = ctx.flag("fixed");
        SharedValue shared = SharedValue.ofLong(0);
        List<JvmProcess> started = new ArrayList<>();
        List<String> lines;
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            try {
                for (String word : List.of("Ping", "Pong")) {
                    JvmProcess p = fixed
                            ? new JvmProcess(() -> sharedSubTask(out, word, shared))
                            : new JvmProcess(() -> subTask(out, word));
                    p.start();
                    started.add(p);
                }
                // Python's main returns here and the interpreter waits for the children at exit
                for (JvmProcess p : started) {
                    p.join();
                }
            } finally {
                Processes.stop(started);
            }
            output.drain(Duration.ofSeconds(10));
            lines = output.received();
        }
        long pings = lines.stream().filter("Ping"::equals).count();
        long pongs = lines.stream().filter("Pong"::equals).count();
        if (fixed) {
            ctx.result("the shared counter is %d: %d Ping and %d Pong, %d in all",
                    "共享的counter为%d：Ping %d次、Pong %d次，共%d次", shared.get(), pings, pongs, pings + pongs);
        } else {
            ctx.result("each process had its own counter: %d Ping and %d Pong, %d in all; the main process's counter is %d",
                    "每个进程各有一份counter：Ping %d次、Pong %d次，共%d次；主进程的counter为%d",
                    pings, pongs, pings + pongs, counter);
        }
    }
}
