package io.bingfa.lab.examples;

import io.bingfa.threading.Acquirable;
import io.bingfa.threading.DeadlockCycle;
import io.bingfa.threading.DeadlockException;
import io.bingfa.threading.Deadlocks;
import io.bingfa.threading.Lock;
import io.bingfa.threading.RLock;
import io.bingfa.threading.Threads;
import java.time.Duration;
import java.util.List;

/**
 * 科学家吃面: the professor takes the noodles and then the fork, the student the fork and then the
 * noodles; each holds one and waits for the other, for ever. Course notes 004 死锁.
 *
 * <ul>
 * <li>Default: a watchdog (the main thread) polls {@link Deadlocks#find()} until it reports the
 *     cycle, prints the report, and breaks the deadlock by interrupting the student, whose
 *     {@code with fork_lock:} block then releases the fork; the professor eats.
 * <li>{@code --detect}: runs under {@link Deadlocks#detect(boolean) Deadlocks.detect(true)}: the
 *     acquire that would close the cycle throws {@link DeadlockException} instead of waiting; the
 *     thread that gets it releases its lock by leaving its {@code try}-with-resources, and the other
 *     one eats.
 * <li>{@code --fix}: the course's first solution, one {@link RLock} for both
 *     ({@code noodle_lock = fork_lock = RLock()}): whoever holds it holds both.
 * </ul>
 *
 * <p>The locks are taken with {@code try (var held = lock.hold())}, Python's {@code with lock:}, so
 * that an interrupted or refused acquire releases what the thread already holds (the course's bare
 * {@code acquire()}/{@code release()} would keep it).
 */
public final class DeadlockNoodles extends BaseExample {
    /** How long the watchdog looks for a deadlock before deciding there is none. */
    private static final Duration WATCHDOG_LIMIT = Duration.ofSeconds(10);

    public DeadlockNoodles() {
        super("deadlock", Topic.DEADLOCKS,
                "professor and student grab noodle_lock and fork_lock in opposite orders: Deadlocks finds the cycle",
                "科学家吃面：教授和学生以相反顺序抢面条锁和叉子锁，Deadlocks找出死锁环",
                "004 死锁 科学家吃面; 解决方案一 递归锁",
                ExampleOption.flag("detect",
                        "run under Deadlocks.detect(true): the closing acquire throws DeadlockException",
                        "在Deadlocks.detect(true)下运行：造成死锁的acquire抛出DeadlockException"),
                ExampleOption.flag("fix",
                        "the course's solution: one RLock for both (noodle_lock = fork_lock = RLock())",
                        "课程中的解决方案：一把递归锁（noodle_lock = fork_lock = RLock()）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        if (ctx.flag("detect") && ctx.flag("fix")) {
            throw new IllegalArgumentException("--detect and --fix: choose one");
        }
        boolean wasDetecting = Deadlocks.isDetecting();
        try {
            if (ctx.flag("fix")) {
                new Program(ctx).fixed();
            } else if (ctx.flag("detect")) {
                Deadlocks.detect(true);
                new Program(ctx).detected();
            } else {
                Deadlocks.trackSites(true);               // reports then say where each lock was taken
                new Program(ctx).watched();
            }
        } finally {
            if (wasDetecting) {
                Deadlocks.detect(true);
            } else {
                Deadlocks.trackSites(false);
            }
        }
    }

    private static final class Program {
        private final ExampleContext ctx;
        private volatile DeadlockException refused;
        private volatile String refusedThread;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        private String noodles(String colour) {
            return ctx.colored(ctx.text("got the noodles", "抢到面条了"), colour);
        }

        private String fork(String colour) {
            return ctx.colored(ctx.text("got the fork", "抢到叉子了"), colour);
        }

        @SuppressWarnings("try") // the resources are the with-blocks; the bodies need not name them
        void eat1(Acquirable noodleLock, Acquirable forkLock) throws InterruptedException {
            try (var noodle = noodleLock.hold()) {
                ctx.print("%s: %s", Threads.current().getName(), noodles("green"));
                ctx.sleep(0.2);
                try (var fork = forkLock.hold()) {
                    ctx.print("%s: %s", Threads.current().getName(), fork("green"));
                    ctx.sleep(0.2);
                }
            }
        }

        @SuppressWarnings("try") // the resources are the with-blocks; the bodies need not name them
        void eat2(Acquirable noodleLock, Acquirable forkLock) throws InterruptedException {
            try (var fork = forkLock.hold()) {
                ctx.print("%s: %s", Threads.current().getName(), fork("blue"));
                ctx.sleep(0.2);
                try (var noodle = noodleLock.hold()) {
                    ctx.print("%s: %s", Threads.current().getName(), noodles("blue"));
                    ctx.sleep(0.2);
                }
            }
        }

        /** Runs {@code meal}; a thread that is refused (detect) or interrupted (watchdog) goes hungry. */
        private void diner(Meal meal) {
            String me = Threads.current().getName();
            try {
                meal.eat();
                ctx.say("%s has eaten", "%s吃完了", me);
            } catch (DeadlockException e) {
                refused = e;
                refusedThread = me;
                ctx.say("%s: DeadlockException, gives up and puts back what it held", "%s：DeadlockException，放弃并放下手里的东西", me);
            } catch (InterruptedException e) {
                ctx.say("%s: interrupted, gives up and puts back what it held", "%s：被中断，放弃并放下手里的东西", me);
            }
        }

        interface Meal {
            void eat() throws InterruptedException;
        }

        private Thread[] start(Acquirable noodleLock, Acquirable forkLock) {
            Thread professor = Threads.start("professor", () -> diner(() -> eat1(noodleLock, forkLock)));
            Thread student = Threads.start("student", () -> diner(() -> eat2(noodleLock, forkLock)));
            return new Thread[] {professor, student};
        }

        void watched() throws InterruptedException {
            Lock noodleLock = new Lock("noodle");
            Lock forkLock = new Lock("fork");
            Thread[] diners = start(noodleLock, forkLock);
            Thread professor = diners[0];
            Thread student = diners[1];

            // The watchdog: look for a cycle until one shows up or both have eaten.
            long deadline = System.nanoTime() + WATCHDOG_LIMIT.plus(ctx.scaled(0.4)).toNanos();
            List<DeadlockCycle> cycles = Deadlocks.find();
            while (cycles.isEmpty() && (professor.isAlive() || student.isAlive())) {
                if (System.nanoTime() - deadline >= 0) {
                    professor.interrupt();
                    student.interrupt();
                    professor.join();
                    student.join();
                    throw new IllegalStateException("the diners are still at the table after " + WATCHDOG_LIMIT
                            + " but Deadlocks.find() reports no cycle");
                }
                Thread.sleep(10);
                cycles = Deadlocks.find();
            }
            if (cycles.isEmpty()) {
                professor.join();
                student.join();
                ctx.result("no deadlock this time: one of them ate before the other took a lock",
                        "这次没有死锁：一个人在另一个人拿到锁之前就吃完了");
                return;
            }
            DeadlockCycle cycle = cycles.get(0);
            ctx.say("watchdog: Deadlocks.find() reports", "看门狗：Deadlocks.find() 报告");
            ctx.out().print(cycle.report());
            ctx.say("watchdog: interrupting student", "看门狗：中断student");
            student.interrupt();
            professor.join();
            student.join();
            ctx.result("deadlock found between %s over %s; broken by interrupting student; both threads ended",
                    "发现%s之间的死锁，涉及%s；中断student后解除；两个线程都已结束",
                    String.join(" and ", cycle.threadNames()),
                    String.join(", ", cycle.links().stream().map(DeadlockCycle.Link::waitsFor).toList()));
        }

        void detected() throws InterruptedException {
            Lock noodleLock = new Lock("noodle");
            Lock forkLock = new Lock("fork");
            Thread[] diners = start(noodleLock, forkLock);
            joinOrInterrupt(diners);
            DeadlockException e = refused;
            if (e == null) {
                ctx.result("no deadlock this time: one of them ate before the other took a lock",
                        "这次没有死锁：一个人在另一个人拿到锁之前就吃完了");
                return;
            }
            ctx.say("the DeadlockException %s got:", "%s收到的DeadlockException：", refusedThread);
            ctx.out().print(e.getMessage());
            ctx.result("DeadlockException in %s, cycle %s; both threads ended",
                    "%s收到DeadlockException，死锁环%s；两个线程都已结束",
                    refusedThread, String.join(" -> ", e.cycle().threadNames()));
        }

        /** Joins the diners; if they are still stuck after the watchdog's limit, interrupts them and fails. */
        private void joinOrInterrupt(Thread[] diners) throws InterruptedException {
            Duration limit = WATCHDOG_LIMIT.plus(ctx.scaled(0.8));
            for (Thread diner : diners) {
                diner.join(limit);
            }
            if (diners[0].isAlive() || diners[1].isAlive()) {
                for (Thread diner : diners) {
                    diner.interrupt();
                }
                for (Thread diner : diners) {
                    diner.join();
                }
                throw new IllegalStateException("the diners were still at the table after " + limit);
            }
        }

        void fixed() throws InterruptedException {
            RLock noodleLock = new RLock("noodle+fork");
            RLock forkLock = noodleLock;                  // noodle_lock = fork_lock = RLock()
            Thread[] diners = start(noodleLock, forkLock);
            joinOrInterrupt(diners);
            ctx.result("both ate with one RLock for noodles and fork: no deadlock",
                    "面条和叉子用同一把递归锁：两个人都吃完了，没有死锁");
        }
    }
}
