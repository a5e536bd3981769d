package io.bingfa.lab.examples;

import io.bingfa.threading.Condition;
import io.bingfa.threading.Lock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Two smart speakers take turns: 天猫精灵 and 小爱 say six lines in a fixed order, handing the turn
 * over with a {@link Condition} ({@code notify()} then {@code wait()}). {@code --mode lock} runs the
 * course's first attempt, a {@link Lock} alone, which excludes but does not order: one speaker says
 * both its lines before the other answers. {@code --mode poll} runs its roundabout fix, a shared
 * {@code active_user} flag polled under the lock. Course notes 004 condition.
 *
 * <p>The course starts 小爱 first because 天猫精灵's first {@code notify()} is lost if nobody waits
 * yet, and then both wait forever ("tianmao先启动会阻死"). Starting first does not guarantee that 小爱
 * is already waiting; this example makes sure of it by waiting until 小爱 is parked in
 * {@code cond.wait()} before starting 天猫精灵.
 */
public final class ConditionDialogue extends BaseExample {
    public ConditionDialogue() {
        super("condition-dialogue", Topic.SIGNALS,
                "Tianmao and Xiaoai take turns with a Condition: six lines in a fixed order (--mode lock: out of order)",
                "天猫精灵与小爱用条件变量轮流对话：6句话顺序固定（--mode lock：只用互斥锁，顺序错乱）",
                "004 线程同步 condition",
                ExampleOption.choice("mode", List.of("condition", "lock", "poll"),
                        "condition: notify/wait; lock: the first attempt with a Lock only; poll: the roundabout fix, a flag polled under the Lock",
                        "condition：notify/wait；lock：只用互斥锁的第一个版本；poll：迂回解决，在锁内轮询标志"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        Program program = new Program(ctx);
        switch (ctx.option("mode")) {
            case "lock" -> program.lockOnly();
            case "poll" -> program.polled();
            default -> program.condition();
        }
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final String tianmaoName;
        private final String xiaoaiName;
        private final List<String> said = new CopyOnWriteArrayList<>();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
            this.tianmaoName = ctx.text("Tianmao", "天猫精灵");
            this.xiaoaiName = ctx.text("Xiaoai", "小爱");
        }

        private String line(int i) {
            return switch (i) {
                case 1 -> ctx.text("Xiaoai!", "小爱同学");
                case 2 -> ctx.text("I'm here", "在");
                case 3 -> ctx.text("Let's take turns reciting a classical poem", "我们来对古诗吧");
                case 4 -> ctx.text("Sure", "好啊");
                case 5 -> ctx.text("I live at the head of the Yangtze", "我住长江头");
                case 6 -> ctx.text("Let's stop here, bye", "不聊了，再见");
                default -> throw new IllegalArgumentException("line: " + i + " (expected: 1 to 6)");
            };
        }

        /** {@code print("{} : ...".format(self.name))}. */
        private void say(Thread speaker, int line) {
            said.add(line(line));
            ctx.print("%s : %s", speaker.getName(), line(line));
        }

        // ------------------------------------------------------------------ 条件变量解决

        void condition() throws InterruptedException {
            Condition cond = new Condition();

            final class Tianmao extends Thread {
                Tianmao(String name) {
                    super(name);
                }

                @Override
                public void run() {
                    try {
                        cond.acquire();
                        try {
                            say(this, 1);
                            cond.signal();                // self.cond.notify()
                            cond.await();                 // self.cond.wait()
                            say(this, 3);
                            cond.signal();
                            cond.await();
                            say(this, 5);
                            cond.signal();
                            cond.await();
                        } finally {
                            cond.release();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            final class Xiaoai extends Thread {
                Xiaoai(String name) {
                    super(name);
                }

                @Override
                public void run() {
                    try {
                        cond.acquire();
                        try {
                            cond.await();
                            say(this, 2);
                            cond.signal();
                            cond.await();
                            say(this, 4);
                            cond.signal();
                            cond.await();
                            say(this, 6);
                            cond.signal();
                        } finally {
                            cond.release();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            Thread tianmao = new Tianmao(tianmaoName);
            Thread xiaoai = new Xiaoai(xiaoaiName);
            // 启动顺序有讲究，tianmao先启动会阻死: start xiaoai, and let it get into cond.wait() first
            xiaoai.start();
            if (!Waits.until(xiaoai, t -> cond.waiting() > 0, Duration.ofSeconds(10))) {
                throw new IllegalStateException(xiaoaiName + " did not start waiting within 10 s");
            }
            tianmao.start();
            tianmao.join();
            xiaoai.join();
            result();
        }

        // ------------------------------------------------------------------ 只用互斥锁

        void lockOnly() throws InterruptedException {
            Lock lock = new Lock();

            final class XiaoAi extends Thread {
                XiaoAi(String name) {
                    super(name);
                }

                @Override
                public void run() {
                    try {
                        lock.acquire();
                        say(this, 2);
                        lock.release();

                        lock.acquire();
                        say(this, 4);
                        lock.release();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            final class TianMao extends Thread {
                TianMao(String name) {
                    super(name);
                }

                @Override
                public void run() {
                    try {
                        lock.acquire();
                        say(this, 1);
                        lock.release();

                        lock.acquire();
                        say(this, 3);
                        lock.release();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            Thread xiaoai = new XiaoAi(xiaoaiName);
            Thread tianmao = new TianMao(tianmaoName);
            tianmao.start();
            xiaoai.start();
            tianmao.join();
            xiaoai.join();
            result();
        }

        // ------------------------------------------------------------------ 迂回解决

        void polled() throws InterruptedException {
            // 0表示天猫执行， 1表示小爱; a one-element array so that both threads share it, as in the course
            int[] activeUser = {0};
            Lock lock = new Lock();

            final class Speaker extends Thread {
                private final int me;
                private final int[] lines;

                Speaker(String name, int me, int... lines) {
                    super(name);
                    this.me = me;
                    this.lines = lines;
                }

                /** Polls until it is this speaker's turn. */
                void waitTurn() throws InterruptedException {
                    while (true) {
                        lock.acquire();
                        int user = activeUser[0];
                        lock.release();
                        if (user == me) {
                            break;
                        }
                        Thread.onSpinWait();
                    }
                }

                /** Hands the turn to the other speaker. */
                void notifyOther() throws InterruptedException {
                    lock.acquire();
                    activeUser[0] = 1 - me;
                    lock.release();
                }

                @Override
                public void run() {
                    try {
                        for (int line : lines) {
                            waitTurn();
                            say(this, line);
                            notifyOther();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            Thread xiaoai = new Speaker(xiaoaiName, 1, 2, 4);
            Thread tianmao = new Speaker(tianmaoName, 0, 1, 3);
            tianmao.start();
            xiaoai.start();
            tianmao.join();
            xiaoai.join();
            result();
        }

        private void result() {
            int n = said.size();
            boolean inOrder = true;
            for (int i = 0; i < n; i++) {
                inOrder &= said.get(i).equals(line(i + 1));
            }
            ctx.result("%d lines, in the dialogue's order: %s", "共%d句，按对话顺序：%s", n, Py.repr(inOrder));
        }
    }
}
