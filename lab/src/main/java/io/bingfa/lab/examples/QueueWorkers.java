package io.bingfa.lab.examples;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueShutDownException;
import io.bingfa.threading.Lock;
import io.bingfa.threading.Threads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Worker threads over a {@link Queue}: 10 {@code Worker}s take 100 tasks, call {@code task_done()}
 * for each, and the main thread's {@code queue.join()} returns when all are done (course notes 002
 * 案例2). {@code --mode exit-flag} runs 案例1: three threads poll a queue of five words under a lock
 * until the main thread sets {@code exitFlag}.
 *
 * <p>案例2 checks {@code queue.empty()} and then calls {@code queue.get()}: between the two another
 * worker may take the last task, and the get then waits forever (Python's documentation calls
 * {@code empty()} "not reliable" for this reason). The course's program would then never exit; here
 * the main thread calls {@code queue.shutdown()} after {@code join()}, which wakes such a worker with
 * ShutDown, and the result line says how many it woke.
 */
public final class QueueWorkers extends BaseExample {
    public QueueWorkers() {
        super("queue-workers", Topic.QUEUES,
                "10 Worker threads do 100 queued tasks with task_done(); queue.join() waits (--mode exit-flag: case 1)",
                "10个Worker线程处理队列中的100个任务并调用task_done()，queue.join()等待全部完成（--mode exit-flag：案例1）",
                "002 线程同步队列queue 案例1, 案例2",
                ExampleOption.choice("mode", List.of("workers", "exit-flag"),
                        "workers: case 2 (案例2), Worker threads and task_done/join; exit-flag: case 1 (案例1), three threads and exitFlag",
                        "workers：案例2，Worker线程与task_done/join；exit-flag：案例1，三个线程与exitFlag"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        if (ctx.option("mode").equals("exit-flag")) {
            new ExitFlag(ctx).main();
        } else {
            new Workers(ctx).main();
        }
    }

    /** 案例2. */
    private static final class Workers {
        private static final int TASKS = 100;
        private static final int THREADS = 10;

        private final ExampleContext ctx;
        private final Map<Integer, Integer> processed = new ConcurrentHashMap<>();
        private final Map<String, Boolean> wokenByShutdown = new ConcurrentHashMap<>();

        Workers(ExampleContext ctx) {
            this.ctx = ctx;
        }

        final class Worker extends Thread {
            private final Queue<Integer> queue;

            private Worker(Queue<Integer> queue) {
                super(Threads.nextName());   // the course passes a name to Worker but never uses it
                this.queue = queue;
            }

            /** The course's constructor calls self.start(); Java starts a thread after constructing it. */
            static Worker start(Workers program, Queue<Integer> queue) {
                Worker worker = program.new Worker(queue);
                worker.start();                                   // 执行run()
                return worker;
            }

            @Override
            public void run() {
                while (true) {                                    // 循环，保证接着跑下一个任务
                    if (queue.isEmpty()) {                        // 队列为空则退出线程
                        break;
                    }
                    int foo;
                    try {
                        foo = queue.get();                        // 获取一个队列数据
                    } catch (QueueShutDownException lastTaskTaken) {
                        wokenByShutdown.put(getName(), true);
                        break;
                    } catch (InterruptedException e) {
                        return;
                    }
                    try {
                        ctx.sleep(1);                             // 延时1S模拟你要做的事情
                    } catch (InterruptedException e) {
                        return;
                    }
                    ctx.print("%s process %d", getName(), foo);  // 打印
                    processed.merge(foo, 1, Integer::sum);
                    queue.taskDone();                             // 任务完成
                }
            }
        }

        void main() throws InterruptedException {
            Queue<Integer> queue = new Queue<>();                 // 队列
            for (int i = 0; i < TASKS; i++) {                    // 加入100个任务队列
                queue.put(i);
            }
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {                  // 开10个线程
                workers.add(Worker.start(this, queue));
            }
            queue.join();                                         // 所有线程执行完毕后关闭
            queue.shutdown();                                     // wakes a worker that lost the empty()/get() race
            for (Thread worker : workers) {
                worker.join();
            }
            boolean once = processed.size() == TASKS && processed.values().stream().allMatch(n -> n == 1);
            ctx.result("%d tasks processed by %d threads, each exactly once: %s; join() returned after the last task_done(); "
                    + "workers woken from get() by shutdown(): %d",
                    "%d个任务由%d个线程处理，每个任务正好处理一次：%s；join()在最后一次task_done()之后返回；"
                    + "被shutdown()从get()中唤醒的线程：%d个",
                    processed.size(), THREADS, Py.repr(once), wokenByShutdown.size());
        }
    }

    /** 案例1. */
    private static final class ExitFlag {
        private final ExampleContext ctx;
        private volatile boolean exitFlag = false;
        private final Lock queueLock = new Lock("queueLock");
        private final Queue<String> workQueue = new Queue<>(10);
        private final Map<String, Integer> processed = new ConcurrentHashMap<>();

        ExitFlag(ExampleContext ctx) {
            this.ctx = ctx;
        }

        final class MyThread extends Thread {
            private final int threadID;
            private final Queue<String> q;

            MyThread(int threadID, String name, Queue<String> q) {
                super(name);
                this.threadID = threadID;
                this.q = q;
            }

            @Override
            public void run() {
                ctx.print("Starting " + getName());
                try {
                    processData(getName(), q);
                } catch (InterruptedException e) {
                    return;
                }
                ctx.print("Exiting " + getName());
            }
        }

        void processData(String threadName, Queue<String> q) throws InterruptedException {
            while (!exitFlag) {
                queueLock.acquire();
                if (!workQueue.isEmpty()) {
                    String data = q.get();
                    queueLock.release();
                    ctx.print("%s processing %s", threadName, data);
                    processed.merge(data, 1, Integer::sum);
                } else {
                    queueLock.release();
                }
                ctx.sleep(1);
            }
        }

        void main() throws InterruptedException {
            List<String> threadList = List.of("Thread-1", "Thread-2", "Thread-3");
            List<String> nameList = List.of("One", "Two", "Three", "Four", "Five");
            List<Thread> threads = new ArrayList<>();
            int threadID = 1;

            for (String tName : threadList) {                     // 创建新线程
                Thread thread = new MyThread(threadID, tName, workQueue);
                thread.start();
                threads.add(thread);
                threadID += 1;
            }

            queueLock.acquire();                                  // 填充队列
            for (String word : nameList) {
                workQueue.put(word);
            }
            queueLock.release();

            while (!workQueue.isEmpty()) {                        // 等待队列清空
                Thread.onSpinWait();                              // pass
            }

            exitFlag = true;                                      // 通知线程是时候退出

            for (Thread t : threads) {                            // 等待所有线程完成
                t.join();
            }
            ctx.print("Exiting Main Thread");
            boolean once = processed.keySet().equals(new java.util.HashSet<>(nameList))
                    && processed.values().stream().allMatch(n -> n == 1);
            ctx.result("%d words processed by %d threads, each exactly once: %s",
                    "%d个单词由%d个线程处理，每个正好处理一次：%s",
                    processed.size(), threadList.size(), Py.repr(once));
        }
    }
}
