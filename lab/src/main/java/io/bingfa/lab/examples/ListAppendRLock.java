package io.bingfa.lab.examples;

import io.bingfa.threading.Lock;
import io.bingfa.threading.RLock;
import io.bingfa.threading.Threads;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The list-append program with an {@link RLock} acquired twice by the same thread: a re-entrant lock
 * lets its owner in again, where a plain {@link Lock} would wait for itself forever. Course notes 001
 * 死锁 (可重入锁 Rlock对象).
 */
public final class ListAppendRLock extends BaseExample {
    public ListAppendRLock() {
        super("list-append-rlock", Topic.LOCKS,
                "the same list program with an RLock acquired twice per thread (a Lock would block itself)",
                "同样的列表程序，每个线程对可重入锁RLock加锁两次（普通Lock会把自己锁死）",
                "001 死锁 (可重入锁 Rlock对象)");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final String[] l = {"A", "B", "", ""};
        private int index = 2;
        private final RLock rlock = new RLock();          // 可重入锁对象
        private final AtomicInteger maxHoldCount = new AtomicInteger();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        void fun(String s) throws InterruptedException {
            rlock.acquire();                              // 加锁
            rlock.acquire();
            try {
                maxHoldCount.accumulateAndGet(rlock.holdCount(), Math::max);
                l[index] = s;
                ctx.sleep(0.00003);
                index += 1;
            } finally {
                rlock.release();
                rlock.release();
            }
        }

        void main() throws InterruptedException {
            // What the RLock saves us from: a Lock acquired again by its holder waits for itself.
            Lock lock = new Lock();
            lock.acquire();
            boolean again = lock.tryAcquire(ctx.scaled(0.1));
            lock.release();
            ctx.say("a Lock acquired twice by one thread: the second acquire would wait forever (tried for 0.1 s: %s)",
                    "同一个线程对Lock加锁两次：第二次acquire会永远等待下去（等待0.1秒试了一下：%s）",
                    Py.repr(again));

            Thread t1 = Threads.start(() -> fun("C"));
            Thread t2 = Threads.start(() -> fun("D"));
            t1.join();
            t2.join();
            List<String> result = Arrays.asList(l.clone());
            ctx.print(Py.repr(result));
            ctx.say("each thread held the RLock %d times at once", "每个线程同时持有RLock %d次", maxHoldCount.get());
            ListResult.print(ctx, result);
        }
    }
}
