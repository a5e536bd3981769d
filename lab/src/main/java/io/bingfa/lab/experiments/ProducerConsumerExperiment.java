package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueShutDownException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.knowm.xchart.XYChart;

/**
 * Experiment 6: the car factory's throughput for 1..8 consumers, with bingfa's {@link Queue} (ended by
 * {@code shutdown()}) and with {@link LinkedBlockingQueue} (ended by one poison pill per consumer).
 */
final class ProducerConsumerExperiment implements Experiment {
    private static final String CLOSED = "closed";

    @Override
    public String name() {
        return "producer-consumer";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("Producer/consumer: the car factory", "生产者/消费者：汽车工厂");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("Lao Wang produces cars into a queue and buyers take them. How does throughput grow with the number of buyers, and is bingfa's Queue as fast as java.util.concurrent's LinkedBlockingQueue?",
                "老王把汽车放进队列，买家从队列中取车。吞吐量如何随买家数量增长？bingfa的Queue和java.util.concurrent的LinkedBlockingQueue一样快吗？");
    }

    @Override
    public String origin() {
        return "003 生产者消费者 (汽车工厂)";
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int cars = ctx.size(400, 80);
        Duration buy = Duration.ofMillis(1);
        s.parameter(ctx.t("Cars", "汽车数"), cars);
        s.parameter(ctx.t("Producer", "生产者"), ctx.t("one, putting cars as fast as it can (the course sleeps 1 s)", "一个，尽快生产（课程中每辆睡眠1秒）"));
        s.parameter(ctx.t("Each purchase", "每次购买"), ctx.t("sleeps 1 ms (the course: 0.2 s, scaled by 1/200)", "睡眠1毫秒（课程中0.2秒，缩小200倍）"));
        s.parameter(ctx.t("Consumers", "消费者"), "1..8");
        s.headers(ctx.t("consumers", "消费者"), ctx.t("bingfa Queue (cars/s)", "bingfa Queue（辆/秒）"),
                ctx.t("LinkedBlockingQueue (cars/s)", "LinkedBlockingQueue（辆/秒）"), ctx.t("ratio", "比值"));
        List<Integer> xs = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> juc = new ArrayList<>();
        for (int consumers = 1; consumers <= 8; consumers++) {
            double a = run(cars, consumers, buy, true);
            double b = run(cars, consumers, buy, false);
            xs.add(consumers);
            ours.add(Math.round(a * 10) / 10.0);
            juc.add(Math.round(b * 10) / 10.0);
            s.row(consumers, String.format("%.0f", a), String.format("%.0f", b), String.format("%.2f", a / b));
        }
        XYChart chart = Charts.lines(ctx.t("Cars sold per second (%d cars, 1 ms per purchase)", "每秒卖出的汽车（%d辆，每次购买1毫秒）").formatted(cars),
                ctx.t("consumers (threads)", "消费者（线程数）"), ctx.t("throughput (cars/s)", "吞吐量（辆/秒）"));
        chart.addSeries("bingfa Queue", xs, ours);
        chart.addSeries("LinkedBlockingQueue", xs, juc);
        s.chart(chart);
        double scale = ours.get(7) / ours.get(0);
        double meanRatio = 0;
        for (int i = 0; i < 8; i++) {
            meanRatio += ours.get(i) / juc.get(i) / 8;
        }
        s.conclusion(ctx.t("With one buyer the factory sold %.0f cars/s; with 8 it sold %.0f cars/s, %.1fx as many: purchases wait (sleep), so more consumers overlap more of the waiting. bingfa's Queue ran at %.0f%% of LinkedBlockingQueue's throughput on average%s",
                "一个买家时每秒卖出%.0f辆；8个买家时每秒%.0f辆，是%.1f倍：购买过程在等待（睡眠），所以消费者越多，重叠的等待越多。bingfa的Queue平均达到LinkedBlockingQueue吞吐量的%.0f%%%s")
                .formatted(ours.get(0), ours.get(7), scale, 100 * meanRatio,
                        Math.abs(meanRatio - 1) < 0.1 ? ctx.t(": the queue is not the bottleneck here.", "：这里队列不是瓶颈。")
                                : ctx.t(".", "。")));
    }

    /** Runs the factory once; returns cars bought per second. */
    private static double run(int cars, int consumers, Duration buy, boolean bingfa) throws InterruptedException {
        Queue<String> q = bingfa ? new Queue<>() : null;
        BlockingQueue<String> lbq = bingfa ? null : new LinkedBlockingQueue<>();
        AtomicInteger bought = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < consumers; c++) {
            threads.add(Thread.ofPlatform().name("buyer-" + c).start(() -> {
                try {
                    while (true) {
                        String car;
                        if (bingfa) {
                            try {
                                car = q.get();
                            } catch (QueueShutDownException closed) {
                                return;
                            }
                        } else {
                            car = lbq.take();
                            if (car == CLOSED) {
                                return;
                            }
                        }
                        bought.incrementAndGet();
                        Thread.sleep(buy);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        for (int i = 0; i < cars; i++) {
            String car = "car #" + i;
            if (bingfa) {
                q.put(car);
            } else {
                lbq.put(car);
            }
        }
        if (bingfa) {
            q.shutdown();
        } else {
            for (int c = 0; c < consumers; c++) {
                lbq.put(CLOSED);
            }
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (bought.get() != cars) {
            throw new IllegalStateException("bought " + bought.get() + " of " + cars + " cars");
        }
        return cars / seconds;
    }
}
