package io.bingfa.lab.examples;

import io.bingfa.threading.Lock;
import io.bingfa.threading.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * 100 threads each take 1 from {@code money} under a {@link Lock}, sleeping 0.1 s between reading and
 * writing it: the result is 0. With {@code --no-lock} every thread reads 100 before any writes, and
 * the result is 99 or so. Course notes 000 §六 (and §7.3, the same program explained with the GIL).
 */
public final class MutexCountdown extends BaseExample {
    private static final int THREADS = 100;

    public MutexCountdown() {
        super("mutex-countdown", Topic.LOCKS,
                "100 threads each do tmp = money; sleep 0.1; money = tmp - 1 under a Lock: money ends at 0",
                "100个线程在互斥锁下各执行 tmp = money; sleep(0.1); money = tmp - 1：money最终为0",
                "000 §六 线程互斥锁; §7.3 GIL与普通互斥锁的区别",
                ExampleOption.flag("no-lock",
                        "leave the lock out: the threads overwrite each other's updates",
                        "不加锁：线程之间互相覆盖修改结果"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx, !ctx.flag("no-lock")).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final boolean locked;
        /** Volatile, as a Python global: each read sees the last write; the race is read-then-write. */
        private volatile int money = 100;
        private final Lock mutex = new Lock("mutex");

        Program(ExampleContext ctx, boolean locked) {
            this.ctx = ctx;
            this.locked = locked;
        }

        void task() throws InterruptedException {
            if (locked) {
                mutex.acquire();
            }
            try {
                int tmp = money;
                ctx.sleep(0.1);                           // 只要你进入IO了 GIL会自动释放
                money = tmp - 1;
            } finally {
                if (locked) {
                    mutex.release();
                }
            }
        }

        void main() throws InterruptedException {
            List<Thread> tList = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                Thread t = Threads.start(this::task);
                tList.add(t);
            }
            for (Thread t : tList) {
                t.join();
            }
            ctx.print("%d", money);
            int lost = money;                             // each lost update leaves 1 too many
            if (lost == 0) {
                ctx.result("money = %d (expected 0): each thread's read-sleep-write ran alone%s",
                        "money = %d（期望为0）：每个线程的 读-睡眠-写 独自执行%s",
                        money, locked ? ctx.text(", under the lock", "，因为加了锁") : "");
            } else {
                ctx.result("money = %d (expected 0): %d of %d updates were lost%s",
                        "money = %d（期望为0）：%3$d次修改中丢失了%2$d次%4$s",
                        money, lost, THREADS,
                        locked ? "" : ctx.text(" (no lock: threads read money before others wrote it)",
                                "（没有加锁：其他线程写入之前就读取了money）"));
            }
        }
    }
}
