package io.bingfa.lab.examples;

import io.bingfa.threading.Event;
import io.bingfa.threading.Threads;
import java.util.Random;

/**
 * An {@link Event} as a signal between threads: {@code check_net} sets it once the network is up
 * (after three random pauses), while {@code conn_mysql} waits for it with random timeouts and gives
 * up after 5 tries. The random numbers come from {@code --seed}, one stream per thread, so a fixed
 * seed gives the same pauses and timeouts, and the same output unless two moments fall within the
 * scheduler's jitter of each other. Course notes 004 事件.
 *
 * <p>The course's loop tests {@code count > 5}, which waits six times before printing "tried 5 times";
 * this one gives up after {@code --tries} (5) waits, as its message says.
 */
public final class EventNetwork extends BaseExample {
    public EventNetwork() {
        super("event-network", Topic.SIGNALS,
                "conn_mysql waits on an Event with random timeouts, up to 5 tries, until check_net sets it (seeded)",
                "conn_mysql以随机超时等待事件，最多5次，直到check_net设置事件（随机数由--seed决定）",
                "004 事件 (conn_mysql, check_net)",
                ExampleOption.count("tries", 5, "how many waits before conn_mysql gives up (the course's message: 5)",
                        "conn_mysql放弃之前等待的次数（课程中的提示为5次）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final int tries;
        private volatile boolean connected;
        private volatile int waits;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
            this.tries = ctx.count("tries");
        }

        void connMysql(Event e) throws InterruptedException {
            Random random = ctx.random("conn_mysql");
            int count = 0;
            while (!e.isSet()) {
                if (count >= tries) {
                    ctx.print(ctx.colored(ctx.text("tried %d times and it never worked, giving up",
                            "连了%d次都没成功，我不连了").formatted(tries), "red"));
                    return;
                }
                e.await(ctx.scaled(random.nextDouble()));        // e.wait(random.random())
                ctx.print(ctx.colored(ctx.text("the network is not up yet", "网络暂时不通"), "red"));
                count += 1;
                waits = count;
            }
            connected = true;
            ctx.print(ctx.colored(ctx.text("connected at last", "终于可以连了"), "blue"));
        }

        void checkNet(Event e) throws InterruptedException {
            Random random = ctx.random("check_net");
            for (int i = 0; i < 3; i++) {
                ctx.sleep(random.nextDouble());                  // time.sleep(random.random())
            }
            e.set();
            ctx.print(ctx.colored(ctx.text("the network is up, you can connect now", "网络通了，可以进行连接"), "green"));
        }

        void main() throws InterruptedException {
            Event e = new Event();
            Thread t1 = Threads.start(() -> checkNet(e));
            Thread t2 = Threads.start(() -> connMysql(e));
            t1.join();
            t2.join();
            ctx.result("conn_mysql %s after %d wait(s) (seed %d)", "conn_mysql等待%2$d次后%1$s（seed %3$d）",
                    connected ? ctx.text("connected", "连接成功") : ctx.text("gave up", "放弃连接"),
                    waits, ctx.seed());
        }
    }
}
