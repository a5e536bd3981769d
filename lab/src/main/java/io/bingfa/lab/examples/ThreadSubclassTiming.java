package io.bingfa.lab.examples;

import io.bingfa.threading.Lock;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code myThread(threading.Thread)} with {@code print_time}: two threads print the time five times,
 * every 1 s and every 2 s. With {@code threadLock} around {@code print_time} (the default) each thread
 * prints its five lines in one block; with {@code --no-lock} the lines interleave. Course notes 002
 * 多线程实战 (2) and 3.1.
 */
public final class ThreadSubclassTiming extends BaseExample {
    public ThreadSubclassTiming() {
        super("thread-subclass-timing", Topic.LOCKS,
                "myThread subclasses print the time 5 times each; threadLock keeps each thread's lines together",
                "继承threading.Thread的myThread各打印5次时间；threadLock让每个线程的输出连在一起",
                "002 多线程实战 2.1(2) 通过继承threading.Thread定义子类; 3.1(1) 锁机制",
                ExampleOption.flag("no-lock",
                        "without threadLock: the two threads' lines interleave",
                        "不加threadLock：两个线程的输出交错"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx, !ctx.flag("no-lock")).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final boolean locked;
        private final Lock threadLock = new Lock("threadLock");
        private final List<String> order = new ArrayList<>();

        Program(ExampleContext ctx, boolean locked) {
            this.ctx = ctx;
            this.locked = locked;
        }

        final class MyThread extends Thread {                 // 继承父类threading.Thread
            private final int threadID;
            private final int counter;

            MyThread(int threadID, String name, int counter) {
                super(name);
                this.threadID = threadID;
                this.counter = counter;
            }

            @Override
            public void run() {                               // 把要执行的代码写到run函数里面
                ctx.print("Starting " + getName());
                try {
                    if (locked) {
                        threadLock.acquire();                 // 获得锁，成功获得锁定后返回True
                    }
                    try {
                        printTime(getName(), counter, 5);
                    } finally {
                        if (locked) {
                            threadLock.release();             // 释放锁
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                ctx.print("Exiting " + getName());
            }

            int threadID() {
                return threadID;
            }
        }

        void printTime(String threadName, int delay, int counter) throws InterruptedException {
            while (counter > 0) {
                ctx.sleep(delay);
                synchronized (order) {
                    order.add(threadName);
                    ctx.print("%s process at: %s", threadName, Py.ctime());
                }
                counter -= 1;
            }
        }

        void main() throws InterruptedException {
            MyThread thread1 = new MyThread(1, "Thread-1", 1);   // 创建新线程
            MyThread thread2 = new MyThread(2, "Thread-2", 2);
            thread1.start();                                      // 开启线程
            thread2.start();
            List<MyThread> threads = List.of(thread1, thread2);  // 添加线程到线程列表
            for (MyThread t : threads) {                         // 等待所有线程完成
                t.join();
            }
            ctx.print("Exiting Main Thread");
            int switches = 0;
            synchronized (order) {
                for (int i = 1; i < order.size(); i++) {
                    if (!order.get(i).equals(order.get(i - 1))) {
                        switches++;
                    }
                }
            }
            ctx.result("%d lines; the output switched threads %d time(s): %s",
                    "共%d行；输出在两个线程之间切换了%d次：%s",
                    order.size(), switches,
                    switches <= 1
                            ? ctx.text("each thread's lines in one block", "每个线程的输出连在一起")
                            : ctx.text("the threads' lines interleaved", "两个线程的输出交错"));
        }
    }
}
