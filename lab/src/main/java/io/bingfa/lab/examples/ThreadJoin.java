package io.bingfa.lab.examples;

import io.bingfa.Action;
import io.bingfa.threading.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code t.join()}: the main thread waits until the thread has ended. Course notes 000 §三, with
 * 003's {@code is_alive()} before start, after start and after join, and 002's current-thread names.
 */
public final class ThreadJoin extends BaseExample {
    public ThreadJoin() {
        super("thread-join", Topic.THREADS,
                "join() makes the main thread wait for a thread to end; is_alive() before, during and after",
                "join()让主线程等待子线程运行结束；start前、运行中、join后的is_alive()",
                "000 §三 线程对象的join方法; 003 MyThread is_alive; 002 通过threading.Thread进行创建多线程");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final List<String> lines = new ArrayList<>();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        void task(String name) throws InterruptedException {
            say("%s is running", name);
            ctx.sleep(3);
            say("%s is over", name);
        }

        private synchronized void say(String format, Object... args) {
            String line = String.format(format, args);
            lines.add(line);
            ctx.print(line);
        }

        // class MyThread(threading.Thread): def __init__(self, func): ...; def run(self): ...
        final class MyThread extends Thread {
            private final Action func;

            MyThread(Action func) {
                super(Threads.nextName());
                this.func = func;
            }

            @Override
            public void run() {
                ctx.print("sub thread start  current_thread_name: %s current_thread_id: %d", getName(), threadId());
                try {
                    func.run();
                } catch (Exception e) {
                    return;
                }
                ctx.print("sub thread end  current_thread_name: %s current_thread_id: %d", getName(), threadId());
            }
        }

        void worker() throws InterruptedException {
            ctx.sleep(5);                                 // 模拟阻塞任务
        }

        void target() throws InterruptedException {
            ctx.print("the current threading %s is runing", Threads.current().getName());
            ctx.sleep(1);
            ctx.print("the current threading %s is ended", Threads.current().getName());
        }

        void main() throws InterruptedException {
            String main = ctx.text("main", "主");

            ctx.say("--- 1. t.join(): the main thread waits for t", "--- 1. t.join()：主线程等待子线程运行结束");
            Thread t = Threads.start(() -> task("egon"));
            t.join();                                     // 主线程等待子线程运行结束再执行
            say(main);
            boolean joinWaited = lines.indexOf(main) > lines.indexOf("egon is over")
                    && lines.contains("egon is over");

            ctx.say("--- 2. is_alive() before start, after start, after join",
                    "--- 2. start之前、start之后、join之后的is_alive()");
            MyThread t2 = new MyThread(this::worker);     // 生成一个子线程对象
            List<Boolean> alive = new ArrayList<>();
            alive.add(t2.isAlive());
            ctx.print(Py.repr(t2.isAlive()));
            t2.start();
            alive.add(t2.isAlive());
            ctx.print(Py.repr(t2.isAlive()));
            t2.join();                                    // 使用join方法阻塞主线程,等待子线程结束后主线程结束
            alive.add(t2.isAlive());
            ctx.print(Py.repr(t2.isAlive()));
            ctx.sleep(2);
            ctx.print("main end %s", Threads.current());

            ctx.say("--- 3. current_thread() in the main thread and in t",
                    "--- 3. 主线程与子线程中的current_thread()");
            ctx.print("the current threading %s is runing", Threads.current().getName());
            Thread t3 = Threads.start(this::target);
            t3.join();           // join是阻塞当前线程(此处的当前线程时主线程) 主线程直到Thread-1结束之后才结束
            ctx.print("the current threading %s is ended", Threads.current().getName());

            ctx.result("join waited: '%s' came after 'egon is over': %s; is_alive() before start, after start, after join: %s",
                    "join等待了子线程：'%s'在'egon is over'之后打印：%s；is_alive()：start之前、start之后、join之后：%s",
                    main, Py.repr(joinWaited), Py.repr(alive));
        }
    }
}
