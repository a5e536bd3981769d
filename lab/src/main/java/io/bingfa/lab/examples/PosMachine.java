package io.bingfa.lab.examples;

import io.bingfa.threading.Event;
import io.bingfa.threading.Lock;
import io.bingfa.threading.Threads;
import java.util.ArrayList;
import java.util.List;

/**
 * The course's exercise: "POS machine: 10 people, 1 yuan per swipe, at most 500 swipes a day each,
 * all onto the same bank card; simulate a day". Each swipe reads the balance, lets other threads run
 * ({@code Thread.yield()}, where Python would switch threads), and writes balance + 1. Under a
 * {@link Lock} the card ends at exactly 5000; with {@code --no-lock} swipes are lost. Course notes 001.
 */
public final class PosMachine extends BaseExample {
    public PosMachine() {
        super("pos-machine", Topic.LOCKS,
                "10 people swipe 1 yuan 500 times each on one card: exactly 5000 under a Lock",
                "pose机：10个人每人刷500次、每次1元，刷同一张银行卡：加锁后余额正好5000元",
                "001 线程同步 (pose机练习)",
                ExampleOption.flag("no-lock",
                        "leave the lock out: swipes get lost", "不加锁：部分刷卡记录丢失"),
                ExampleOption.count("people", 10, "how many people swipe (the course: 10)", "刷卡人数（课程中为10）"),
                ExampleOption.count("swipes", 500, "swipes per person per day (the course: 500)",
                        "每人每天刷卡次数（课程中为500）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx, !ctx.flag("no-lock"), ctx.count("people"), ctx.count("swipes")).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final boolean locked;
        private final int people;
        private final int swipes;
        /** Volatile, as a Python global: each read sees the last write; the race is read-then-write. */
        private volatile int balance;
        private final Lock lock = new Lock("card");
        /** The shop opens: everyone starts swiping at once. */
        private final Event open = new Event();

        Program(ExampleContext ctx, boolean locked, int people, int swipes) {
            this.ctx = ctx;
            this.locked = locked;
            this.people = people;
            this.swipes = swipes;
        }

        private void swipe() {
            int read = balance;
            Thread.yield();                               // another person's swipe may run here
            balance = read + 1;
        }

        @SuppressWarnings("try") // held is the with-block; the body need not name it
        void person() throws InterruptedException {
            open.await();
            for (int i = 0; i < swipes; i++) {
                if (locked) {
                    try (var held = lock.hold()) {        // with lock:
                        swipe();
                    }
                } else {
                    swipe();
                }
            }
            ctx.say("%s swiped the card %d times, 1 yuan each", "%s刷卡%d次，每次1元",
                    Threads.current().getName(), swipes);
        }

        void main() throws InterruptedException {
            List<Thread> threads = new ArrayList<>();
            for (int i = 1; i <= people; i++) {
                threads.add(Threads.start(ctx.text("person-", "顾客") + i, this::person));
            }
            open.set();
            for (Thread t : threads) {
                t.join();
            }
            int expected = people * swipes;
            ctx.say("card balance: %d yuan", "银行卡余额：%d元", balance);
            ctx.result("balance = %d (expected %d)%s", "余额 = %d（期望为%d）%s", balance, expected,
                    balance == expected
                            ? ""
                            : ctx.text(": %d swipes lost".formatted(expected - balance),
                                    "：丢失了%d次刷卡".formatted(expected - balance)));
        }
    }
}
