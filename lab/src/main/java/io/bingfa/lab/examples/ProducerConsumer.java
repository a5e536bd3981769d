package io.bingfa.lab.examples;

import io.bingfa.queue.Queue;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The class-based producer and consumer: {@code Producer} puts 0 to 4 into a {@link Queue} with
 * random pauses, {@code Consumer} takes five items with longer random pauses. Course notes 002
 * 多线程的生产者消费者模式.
 */
public final class ProducerConsumer extends BaseExample {
    private static final int ITEMS = 5;

    public ProducerConsumer() {
        super("producer-consumer", Topic.QUEUES,
                "Producer and Consumer thread classes hand 5 items over a Queue, with random pauses",
                "生产者类与消费者类（继承Thread）通过队列传递5个数据，随机停顿",
                "002 多线程的生产者消费者模式");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final List<Integer> consumed = new CopyOnWriteArrayList<>();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        // 生产者类
        final class Producer extends Thread {
            private final Queue<Integer> data;
            private final Random random;

            Producer(String name, Queue<Integer> queue) {
                super(name);
                this.data = queue;
                this.random = ctx.random(name);
            }

            @Override
            public void run() {
                try {
                    for (int i = 0; i < ITEMS; i++) {
                        ctx.print("%s is producing %d to the queue!", getName(), i);
                        data.put(i);
                        ctx.sleep(random.nextInt(10) / 5.0);     // random.randrange(10) / 5
                    }
                } catch (InterruptedException e) {
                    return;
                }
                ctx.print("%s finished!", getName());
            }
        }

        // 消费者类
        final class Consumer extends Thread {
            private final Queue<Integer> data;
            private final Random random;

            Consumer(String name, Queue<Integer> queue) {
                super(name);
                this.data = queue;
                this.random = ctx.random(name);
            }

            @Override
            public void run() {
                try {
                    for (int i = 0; i < ITEMS; i++) {
                        int val = data.get();
                        consumed.add(val);
                        ctx.print("%s is consuming. %d in the queue is consumed!", getName(), val);
                        ctx.sleep(random.nextInt(10));          // random.randrange(10)
                    }
                } catch (InterruptedException e) {
                    return;
                }
                ctx.print("%s finished!", getName());
            }
        }

        void main() throws InterruptedException {
            Queue<Integer> queue = new Queue<>();
            Producer producer = new Producer("Producer", queue);
            Consumer consumer = new Consumer("Consumer", queue);
            producer.start();
            consumer.start();
            producer.join();
            consumer.join();
            ctx.print("All threads finished!");
            ctx.result("consumed %s, in the order produced: %s", "消费了%s，与生产顺序一致：%s",
                    Py.repr(consumed), Py.repr(consumed.equals(List.of(0, 1, 2, 3, 4))));
        }
    }
}
