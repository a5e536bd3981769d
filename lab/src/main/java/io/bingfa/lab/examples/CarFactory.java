package io.bingfa.lab.examples;

import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueShutDownException;
import io.bingfa.threading.Threads;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The car factory: 老王 produces a car a second into a {@link Queue}, 小波, 建刚 and 刘浩 buy them.
 * The course's program runs forever; this one stops after {@code --cars} cars (10 by default): the
 * producer then calls {@code q.shutdown()} (Python 3.13), so each buyer's {@code get()} raises
 * ShutDown once the queue is empty and the buyer goes home. Course notes 001 队列模拟生产者消费者模型.
 */
public final class CarFactory extends BaseExample {
    public CarFactory() {
        super("car-factory", Topic.QUEUES,
                "producer/consumer over a Queue: Lao Wang builds cars, three buyers buy them (bounded: --cars)",
                "队列模拟生产者消费者：老王生产汽车，小波、建刚、刘浩购买（有限次：--cars）",
                "001 队列模拟生产者消费者模型",
                ExampleOption.count("cars", 10,
                        "how many cars to build before the factory closes (the course's loops forever)",
                        "工厂关门前生产的汽车数量（课程中的程序永远循环）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx, ctx.count("cars")).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final int cars;
        private int count = 0;
        private final List<String> produced = new CopyOnWriteArrayList<>();
        private final List<String> bought = new CopyOnWriteArrayList<>();

        Program(ExampleContext ctx, int cars) {
            this.ctx = ctx;
            this.cars = cars;
        }

        private String car(int n) {
            return ctx.text("car #" + n, "第" + n + "辆汽车");
        }

        void product(Queue<String> q, String name) throws InterruptedException {
            while (count < cars) {                        // while 1: (bounded here)
                q.put(car(count));
                produced.add(car(count));
                ctx.say("%s produced %s", "%s生产了%s", name, car(count));
                count += 1;
                ctx.sleep(1);
            }
            q.shutdown();                                 // the factory closes: no more cars
        }

        void consume(Queue<String> q, String name) throws InterruptedException {
            while (true) {
                String r;
                try {
                    r = q.get();
                } catch (QueueShutDownException closed) {
                    ctx.say("%s goes home: the factory is closed and sold out", "%s回家了：工厂已关门，车已卖完", name);
                    return;
                }
                bought.add(r);
                ctx.say("%s bought %s", "%s购买%s", name, r);
                ctx.sleep(0.2);
            }
        }

        void main() throws InterruptedException {
            Queue<String> q = new Queue<>();
            String[] buyers = {ctx.text("Xiao Bo", "小波"), ctx.text("Jian Gang", "建刚"), ctx.text("Liu Hao", "刘浩")};
            Thread producer1 = Threads.start(() -> product(q, ctx.text("Lao Wang", "老王")));
            List<Thread> consumers = new ArrayList<>();
            for (String buyer : buyers) {
                consumers.add(Threads.start(() -> consume(q, buyer)));
            }
            producer1.join();
            for (Thread consumer : consumers) {
                consumer.join();
            }
            Map<String, Integer> times = new HashMap<>();
            for (String car : bought) {
                times.merge(car, 1, Integer::sum);
            }
            boolean exactlyOnce = times.size() == produced.size()
                    && produced.stream().allMatch(car -> times.getOrDefault(car, 0) == 1);
            ctx.result("%d cars produced, %d bought, each car bought exactly once: %s",
                    "生产了%d辆汽车，卖出%d辆，每辆车正好被买走一次：%s",
                    produced.size(), bought.size(), Py.repr(exactlyOnce));
        }
    }
}
