package io.bingfa.lab.examples;

import io.bingfa.threading.Lock;
import io.bingfa.threading.Threads;
import java.util.Arrays;
import java.util.List;

/**
 * Two threads fill the empty slots of {@code l = ['A', 'B', '', '']} at {@code index}, under a
 * {@link Lock}: writing the slot and moving the index on is one atomic operation, so the list ends
 * as {@code ['A', 'B', 'C', 'D']} (or with D before C). Course notes 001 线程同步.
 */
public final class ListAppendLock extends BaseExample {
    public ListAppendLock() {
        super("list-append-lock", Topic.LOCKS,
                "two threads write 'C' and 'D' into l = ['A', 'B', '', ''] at index under a Lock",
                "两个线程在互斥锁下把'C'、'D'写入 l = ['A', 'B', '', ''] 的index位置",
                "001 线程同步 (Lock对象)");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final String[] l = {"A", "B", "", ""};
        private int index = 2;                            // 1. 有效元素个数  2. 即将修改的下标
        private final Lock lock = new Lock();             // 创建锁对象

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        // 创建目标函数
        void fun(String s) throws InterruptedException {
            lock.acquire();                               // 加锁
            try {
                l[index] = s;
                ctx.sleep(0.00003);
                index += 1;
            } finally {
                lock.release();
            }
        }

        void main() throws InterruptedException {
            Thread t1 = Threads.start(() -> fun("C"));
            Thread t2 = Threads.start(() -> fun("D"));
            t1.join();
            t2.join();
            List<String> result = Arrays.asList(l.clone());
            ctx.print(Py.repr(result));
            ListResult.print(ctx, result);
        }
    }
}
