package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's life: {@code name}, {@code is_alive()}, {@code daemon} before {@code start()};
 * {@code is_alive()} and the pid after it; {@code terminate()} ends p1 early (exit code -15, the
 * negative signal number), p2 and p3 run their task to the end (exit code 0); {@code is_alive()}
 * is false after {@code join()}. Course notes 001 多进程模块 (p1.terminate()) and 000 §一 (task).
 */
public final class ProcessLifecycle extends BaseExample {
    public ProcessLifecycle() {
        super("process-lifecycle", Topic.PROCESSES,
                "a process's life: name, is_alive(), daemon, start(), pid, terminate() (exit code -15) and join() (exit code 0)",
                "进程的生命周期：name、is_alive()、daemon、start()、pid、terminate()（退出码-15）与join()（退出码0）",
                "001 多进程模块 (p1.terminate()); 000 §一 (task, Process(target=task, args=('jason',)))");
    }

    // def task(name): print('%s is running' % name); time.sleep(1); print('%s is over' % name)
    static void task(ChildOutput.Printer out, String name) throws InterruptedException {
        out.print("%s is running", name);
        out.sleep(1);
        out.print("%s is over", name);
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        List<JvmProcess> started = new ArrayList<>();
        boolean aliveBefore;
        boolean aliveAfterStart;
        List<Boolean> aliveAfterJoin = new ArrayList<>();
        JvmProcess p1;
        JvmProcess p2;
        JvmProcess p3;
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            try {
                p1 = new JvmProcess(() -> task(out, "jason"));
                p2 = new JvmProcess(() -> task(out, "egon"));
                p3 = new JvmProcess(() -> task(out, "tank"));
                ctx.print("%s", p1.name());                 // print(p1.name)
                aliveBefore = p1.isAlive();
                ctx.print("%s", Py.repr(aliveBefore));      // print(p1.is_alive())
                ctx.print("%s", Py.repr(p1.isDaemon()));    // print(p1.daemon)
                p1.start();
                started.add(p1);
                aliveAfterStart = p1.isAlive();
                ctx.print("%s", Py.repr(aliveAfterStart));  // print(p1.is_alive())
                ctx.print("%d", p1.pid());                  // print(p1.ident): the pid
                p2.start();
                started.add(p2);
                p3.start();
                started.add(p3);
                p1.terminate();                             // asks p1 to stop (SIGTERM), does not wait
                p1.join();
                p2.join();
                p3.join();
                for (JvmProcess p : started) {
                    aliveAfterJoin.add(p.isAlive());
                }
            } finally {
                Processes.stop(started);
            }
            output.drain(Duration.ofSeconds(10));
        }
        for (JvmProcess p : started) {
            ctx.say("%s pid %d exitcode %d", "%s 进程号%d 退出码%d", p.name(), p.pid(), p.exitCode());
        }
        ctx.print(ctx.text("hehe", "呵呵"));
        ctx.result("is_alive() before start: %s, after start: %s, after join: %s; p1 terminated: exitcode %d;"
                        + " p2 and p3 ran to the end: exitcode %d and %d",
                "start前is_alive()：%s，start后：%s，join后：%s；p1被terminate：退出码%d；p2、p3正常结束：退出码%d和%d",
                Py.repr(aliveBefore), Py.repr(aliveAfterStart), Py.repr(aliveAfterJoin),
                p1.exitCode(), p2.exitCode(), p3.exitCode());
    }
}
