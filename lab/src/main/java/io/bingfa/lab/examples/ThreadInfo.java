package io.bingfa.lab.examples;

import io.bingfa.threading.Threads;

/**
 * {@code current_thread().name} and {@code active_count()}: two threads say hello with their names;
 * after joining the first, the second is still running. Course notes 000 §五.
 */
public final class ThreadInfo extends BaseExample {
    public ThreadInfo() {
        super("thread-info", Topic.THREADS,
                "current_thread().name and active_count(): 'hello world Thread-1', then 'main 2' after a join",
                "current_thread().name与active_count()：'hello world Thread-1'，join之后打印'主 2'",
                "000 §五 线程对象属性及其他方法");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        void task(int n) throws InterruptedException {
            ctx.print("hello world %s", Threads.current().getName());
            ctx.sleep(n);
        }

        void main() throws InterruptedException {
            int before = Threads.activeCount();           // the lab itself may run more than main
            Thread t = Threads.start(() -> task(1));
            Thread t1 = Threads.start(() -> task(2));
            t.join();
            int active = Threads.activeCount();           // 统计当前正在活跃的线程数
            ctx.print("%s %d", ctx.text("main", "主"), active);
            ctx.print("%s %s", ctx.text("main", "主"), Threads.current().getName());
            t1.join();
            ctx.result("active_count() = %1$d after joining %2$s: %3$d thread(s) running before + %4$d still running (%5$s)",
                    "join %2$s之后active_count() = %1$d：之前就在运行的%3$d个线程 + 仍在运行的%4$d个（%5$s）",
                    active, t.getName(), before, active - before, t1.getName());
        }
    }
}
