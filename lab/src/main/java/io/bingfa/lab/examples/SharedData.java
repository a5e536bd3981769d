package io.bingfa.lab.examples;

import io.bingfa.threading.Threads;

/**
 * Threads of one process share its data: a thread sets {@code money = 666} and the main thread sees
 * it. Course notes 000 §四.
 */
public final class SharedData extends BaseExample {
    public SharedData() {
        super("shared-data", Topic.THREADS,
                "threads of one process share its data: a thread sets money from 100 to 666, main sees 666",
                "同一个进程下的多个线程数据是共享的：子线程把money从100改成666，主线程看到666",
                "000 §四 同一个进程下的多个线程数据是共享的");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private int money = 100;                          // money = 100

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        void task() {
            money = 666;                                  // global money; money = 666
            ctx.print("%d", money);
        }

        void main() throws InterruptedException {
            Thread t = Threads.start(this::task);
            t.join();            // join: what t did happens-before what main does next, so main sees 666
            ctx.print("%d", money);
            ctx.result("money = %d in the main thread after the thread set it (was 100): threads share memory",
                    "子线程修改后主线程中money = %d（原为100）：线程之间共享数据", money);
        }
    }
}
