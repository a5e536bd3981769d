package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/** Experiment 4: the POS machine, 10 people x 500 swipes on one card, unsynchronised and synchronised. */
final class PosExperiment implements Experiment {
    @Override
    public String name() {
        return "pos-machine";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("The POS machine: 10 people, one card", "POS机：10个人刷同一张卡");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("10 people swipe 1 yuan 500 times each on the same card. Does the card end at 5000 without synchronisation? With a Lock?",
                "10个人每人刷500次、每次1元，刷同一张卡。不同步时余额是5000元吗？加锁后呢？");
    }

    @Override
    public String origin() {
        return "001 线程同步 (pose机练习)";
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int people = 10;
        int swipes = ctx.size(500, 200);
        int trials = ctx.size(5, 3);
        int expected = people * swipes;
        s.parameter(ctx.t("People x swipes", "人数 x 刷卡次数"), people + " x " + swipes);
        s.parameter(ctx.t("Trials", "重复次数"), trials);
        s.parameter(ctx.t("Each swipe", "每次刷卡"), ctx.t("read the balance, Thread.yield() (where Python may switch threads), write balance + 1",
                "读余额，Thread.yield()（Python可能在此切换线程），写入余额+1"));
        s.note(ctx.t("The program is ./bingfa example pos-machine [--no-lock], run in-process.",
                "程序即 ./bingfa example pos-machine [--no-lock]，在进程内运行。"));
        s.headers(ctx.t("run", "运行"), ctx.t("balance", "余额"), ctx.t("expected", "期望"),
                ctx.t("lost swipes", "丢失的刷卡"), ctx.t("time (ms)", "耗时(毫秒)"));
        List<String> cats = new ArrayList<>();
        List<Integer> unsync = new ArrayList<>();
        List<Integer> sync = new ArrayList<>();
        double unsyncMs = 0;
        double syncMs = 0;
        for (int t = 1; t <= trials; t++) {
            cats.add(ctx.t("trial ", "第") + t + ctx.t("", "次"));
            for (boolean locked : new boolean[] {false, true}) {
                ExampleRuns.Run run = ExampleRuns.run("pos-machine", Lang.EN, 1.0,
                        Map.of("no-lock", String.valueOf(!locked), "people", String.valueOf(people), "swipes", String.valueOf(swipes)));
                int balance = run.number("balance = (\\d+)");
                (locked ? sync : unsync).add(balance);
                if (locked) {
                    syncMs += run.seconds() * 1000;
                } else {
                    unsyncMs += run.seconds() * 1000;
                }
                s.row(ctx.t("trial %d, %s", "第%d次，%s").formatted(t, locked ? ctx.t("with Lock", "加锁") : ctx.t("no lock", "不加锁")),
                        balance, expected, expected - balance, String.format("%.0f", run.seconds() * 1000));
            }
        }
        CategoryChart chart = Charts.bars(ctx.t("Card balance after the day (expected %d yuan)", "一天后的卡余额（期望%d元）").formatted(expected),
                ctx.t("trial", "试验"), ctx.t("balance (yuan)", "余额（元）"));
        Charts.series(chart, ctx.t("unsynchronised", "不同步"), cats, unsync);
        Charts.series(chart, ctx.t("with Lock", "加锁"), cats, sync);
        s.chart(chart);
        int worst = unsync.stream().mapToInt(Integer::intValue).min().orElse(expected);
        int best = unsync.stream().mapToInt(Integer::intValue).max().orElse(expected);
        long exact = sync.stream().filter(b -> b == expected).count();
        long wrong = unsync.stream().filter(b -> b != expected).count();
        String a = wrong == 0
                ? ctx.t("This time every unsynchronised day happened to end at %d: the race is real but did not strike in %d trials (try again, or on more cores). ",
                        "这次不同步的每一天恰好都是%d元：竞争确实存在，但%d次试验中没有发生（再试一次，或换更多核的机器）。").formatted(expected, trials)
                : ctx.t("Without synchronisation the card ended between %d and %d yuan instead of %d in %d of %d trials: up to %d swipes were lost. ",
                        "不同步时，%5$d次中有%4$d次余额在%1$d到%2$d元之间而不是%3$d元：最多丢失%6$d次刷卡。")
                        .formatted(worst, best, expected, wrong, trials, expected - worst);
        String b = ctx.t("With the Lock %d of %d days ended at exactly %d; a day took %.0f ms on average against %.0f ms unsynchronised.",
                "加锁后%2$d次中有%1$d次正好是%3$d元；平均每天耗时%4$.0f毫秒，不同步时为%5$.0f毫秒。")
                .formatted(exact, trials, expected, syncMs / trials, unsyncMs / trials);
        s.conclusion(a + b);
    }
}
