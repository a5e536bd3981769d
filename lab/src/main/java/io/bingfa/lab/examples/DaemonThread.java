package io.bingfa.lab.examples;

import io.bingfa.Action;
import io.bingfa.threading.Threads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Daemon threads: when the main thread's code ends, the process waits for the non-daemon threads
 * and then ends, taking the daemon threads still running with it. Course notes 000 §五 守护线程.
 *
 * <p>A Java daemon thread dies with the JVM the same way: the JVM exits once only daemon threads are
 * left. But this example runs inside the lab's JVM, which goes on after it, so it plays the
 * interpreter's exit itself: it joins the non-daemon threads, then interrupts the daemon threads
 * still running (their sleep ends with an InterruptedException, which stands for being killed). So
 * the output is decided by the sleeps, not by when the JVM happens to exit: in the second part foo
 * (daemon, 1 s) has finished before func (non-daemon, 3 s), so "end123" appears; with
 * {@code --foo-seconds 5} foo is still asleep at the exit and "end123" never appears.
 */
public final class DaemonThread extends BaseExample {
    public DaemonThread() {
        super("daemon-thread", Topic.THREADS,
                "daemon threads die with the process: the process waits for func (end456), not for a daemon",
                "守护线程随进程结束：进程会等待非守护线程func（end456），不等待守护线程",
                "000 §五 守护线程",
                ExampleOption.count("foo-seconds", 1,
                        "how long the daemon foo sleeps (the course: 1; more than func's 3 and end123 is lost)",
                        "守护线程foo睡眠的秒数（课程中为1；超过func的3秒则end123不会打印）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private volatile boolean egonOver;
        private volatile boolean end123;
        private volatile boolean end456;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        /** Sleeps like {@code time.sleep}; false if the process "killed" the thread meanwhile. */
        private boolean sleep(double seconds) {
            try {
                ctx.sleep(seconds);
                return true;
            } catch (InterruptedException killed) {
                return false;
            }
        }

        void task(String name) {
            ctx.print("%s is running", name);
            if (sleep(1)) {
                ctx.print("%s is over", name);
                egonOver = true;
            }
        }

        void foo() {
            ctx.print("123");
            if (sleep(ctx.count("foo-seconds"))) {
                ctx.print("end123");
                end123 = true;
            }
        }

        void func() {
            ctx.print("456");
            if (sleep(3)) {
                ctx.print("end456");
                end456 = true;
            }
        }

        /** {@code Thread(target=...)} with {@code t.daemon = True/False}, not started yet. */
        private static Thread thread(String name, boolean daemon, Action target) {
            return Thread.ofPlatform().name(name).daemon(daemon).unstarted(Threads.runnable(target));
        }

        /**
         * What the end of the main thread's code does to a Python process: wait for every non-daemon
         * thread, then end, killing the daemon threads still running. Returns those it killed.
         */
        private List<Thread> processExit(List<Thread> threads) throws InterruptedException {
            for (Thread t : threads) {
                if (t.isDaemon()) {
                    // Python's start() returns once the thread runs; let it get to its sleep first, so
                    // that what it prints does not depend on how fast this JVM starts threads.
                    Waits.untilSleeping(t, Duration.ofSeconds(10));
                }
            }
            for (Thread t : threads) {
                if (!t.isDaemon()) {
                    t.join();
                }
            }
            List<Thread> killed = new ArrayList<>();
            for (Thread t : threads) {
                if (t.isDaemon() && t.isAlive()) {
                    killed.add(t);
                    t.interrupt();
                    t.join();
                }
            }
            return killed;
        }

        void main() throws InterruptedException {
            String main = ctx.text("main", "主");

            ctx.say("--- 1. t.daemon = True: the main thread ends at once",
                    "--- 1. t.daemon = True：主线程直接结束");
            Thread t = thread(Threads.nextName(), true, () -> task("egon"));
            t.start();
            ctx.print(main);
            List<Thread> killed = processExit(List.of(t));
            boolean egonKilled = killed.contains(t);
            if (egonKilled) {
                ctx.say("(the process ends: daemon thread %s (egon) was still sleeping and dies with it: no 'egon is over')",
                        "（进程结束：守护线程%s（egon）还在睡眠，随进程一起结束：没有'egon is over'）", t.getName());
            }

            ctx.say("--- 2. foo is a daemon, func is not", "--- 2. foo是守护线程，func不是");
            Thread t1 = thread(Threads.nextName(), true, this::foo);
            Thread t2 = thread(Threads.nextName(), false, this::func);
            t1.start();
            t2.start();
            ctx.print(main + ".......");
            killed = processExit(List.of(t1, t2));
            if (killed.contains(t1)) {
                ctx.say("(the process waited for func only; daemon foo was still sleeping and died with it: no end123)",
                        "（进程只等待了非守护线程func；守护线程foo还在睡眠，随进程一起结束：没有end123）");
            } else {
                ctx.say("(the process waited for func; daemon foo had already finished, so end123 appeared too)",
                        "（进程等待了非守护线程func；守护线程foo在此之前已经运行完毕，所以end123也打印了）");
            }
            ctx.result("'egon is over' printed: %s; end456 printed: %s (func is not a daemon: the process waits for it); "
                    + "end123 printed: %s (foo is a daemon: printed only if it finished before func)",
                    "'egon is over'已打印：%s；end456已打印：%s（func不是守护线程：进程会等待它）；"
                    + "end123已打印：%s（foo是守护线程：只有在func之前运行完毕才会打印）",
                    Py.repr(egonOver), Py.repr(end456), Py.repr(end123));
        }
    }
}
