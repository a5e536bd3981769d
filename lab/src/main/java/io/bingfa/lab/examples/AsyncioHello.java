package io.bingfa.lab.examples;

import io.bingfa.asyncio.Asyncio;
import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.Task;
import io.bingfa.futures.ReturnWhen;
import java.time.Duration;
import java.util.List;

/**
 * Two {@code hello()} coroutines on one event loop: both say "Hello world!", both sleep one second
 * at the same time, both say "Hello again!" — about one second in all, not two. Course note 002
 * §6 (python 进行并发编程, asyncio: 用Task封装两个coroutine).
 *
 * <p>Python prints {@code threading.currentThread()}, the main thread both times. Here a task's body
 * runs in a virtual thread of its own, so the example prints the thread the event loop runs on (the
 * one that called {@code EventLoop.run}) and the task's name: the loop runs one task at a time.
 */
public final class AsyncioHello extends BaseExample {
    public AsyncioHello() {
        super("asyncio-hello", Topic.COROUTINES,
                "two hello() coroutines share one event loop: two sleeps of 1 s take about 1 s in all",
                "两个hello()协程共用一个事件循环：两次1秒的sleep总共只需约1秒",
                "002 §6 python 进行并发编程 (asyncio: hello world; 用Task封装两个coroutine)");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    /** The course's module: its functions are methods. */
    private static final class Program {
        private final ExampleContext ctx;
        private String loopThread;
        private int running;
        private int mostAtOnce;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        // async def hello():
        Void hello() {
            running++;                                   // loop-confined: no lock needed
            mostAtOnce = Math.max(mostAtOnce, running);
            String task = Asyncio.currentTask().getName();
            ctx.say("Hello world! (loop thread %s, %s)", "Hello world!（事件循环线程 %s，%s）", loopThread, task);
            running--;
            Asyncio.sleep(ctx.scaled(1.0));              // await asyncio.sleep(1)
            running++;
            mostAtOnce = Math.max(mostAtOnce, running);
            ctx.say("Hello again! (loop thread %s, %s)", "Hello again!（事件循环线程 %s，%s）", loopThread, task);
            running--;
            return null;
        }

        void main() throws InterruptedException {
            loopThread = Thread.currentThread().getName();
            long start = System.nanoTime();
            // loop = asyncio.get_event_loop(); tasks = [hello(), hello()]
            // loop.run_until_complete(asyncio.wait(tasks))
            EventLoop.run(() -> {
                List<Task<Void>> tasks = List.of(Asyncio.createTask(this::hello), Asyncio.createTask(this::hello));
                Asyncio.wait(tasks, null, ReturnWhen.ALL_COMPLETED);
                return null;
            });
            double took = ctx.unscaledSeconds(Duration.ofNanos(System.nanoTime() - start));
            ctx.say("It took %.3f seconds in all", "总共耗费了%.3f秒", took);
            ctx.result("two coroutines slept 1 s each in %.2f s in all: close to %s; one event loop on thread %s,"
                            + " at most %d task running at a time",
                    "两个协程各sleep 1秒，总共%.2f秒：接近%s；一个事件循环（线程%s），同一时刻最多%d个任务在运行",
                    took, Math.abs(took - 1) < Math.abs(took - 2) ? ctx.text("1 s", "1秒") : ctx.text("2 s", "2秒"), loopThread, mostAtOnce);
        }
    }
}
