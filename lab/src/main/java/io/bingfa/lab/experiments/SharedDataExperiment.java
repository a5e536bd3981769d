package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment 3: the bank account (100 deposits of 1 yuan) and the 100-thread countdown, each
 * without and with its lock, run as the examples {@code bank-account} and {@code mutex-countdown}.
 */
final class SharedDataExperiment implements Experiment {
    @Override
    public String name() {
        return "shared-data";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("Shared data without and with a lock", "共享数据：不加锁与加锁");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("When 100 threads read a shared number, pause, and write it back, how many updates survive without a lock, and with one?",
                "100个线程读取共享数值、停顿、再写回：不加锁时有多少次修改能保留下来？加锁后呢？");
    }

    @Override
    public String origin() {
        return "002 Python中的多线程 (Account); 000 §六 线程互斥锁";
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        double bankScale = ctx.size(1.0, 0.2);
        double countdownScale = ctx.size(0.2, 0.02);
        s.parameter(ctx.t("Bank account", "银行账户"), ctx.t("100 threads deposit 1 yuan; 0.01 s between reading and writing the balance (x%s)",
                "100个线程各存1元；读余额与写余额之间停顿0.01秒（x%s）").formatted(bankScale));
        s.parameter(ctx.t("Countdown", "倒数"), ctx.t("100 threads do tmp = money; sleep(0.1); money = tmp - 1 (sleep x%s)",
                "100个线程执行 tmp = money; sleep(0.1); money = tmp - 1（睡眠 x%s）").formatted(countdownScale));
        s.note(ctx.t("These are the examples ./bingfa example bank-account [--no-lock] and ./bingfa example mutex-countdown [--no-lock], run in-process with the sleeps scaled.",
                "即示例 ./bingfa example bank-account [--no-lock] 和 ./bingfa example mutex-countdown [--no-lock]，在进程内运行，睡眠按比例缩短。"));
        String lang = "Java (bingfa)";
        s.headers(ctx.t("program", "程序"), ctx.t("result", "结果"), ctx.t("expected", "期望"),
                ctx.t("lost updates", "丢失的修改"), ctx.t("time (s)", "耗时(秒)"));
        List<String> cats = List.of(ctx.t("bank, no lock", "账户 不加锁"), ctx.t("bank, Lock", "账户 加锁"),
                ctx.t("countdown, no lock", "倒数 不加锁"), ctx.t("countdown, Lock", "倒数 加锁"));
        List<Integer> lost = new ArrayList<>();
        int[] results = new int[4];
        for (int i = 0; i < 4; i++) {
            boolean bank = i < 2;
            boolean locked = i % 2 == 1;
            ExampleRuns.Run run = ExampleRuns.run(bank ? "bank-account" : "mutex-countdown", Lang.EN,
                    bank ? bankScale : countdownScale, Map.of("no-lock", String.valueOf(!locked)));
            int value = run.number(bank ? "balance = (\\d+)" : "money = (\\d+)");
            int expected = bank ? 100 : 0;
            int l = bank ? 100 - value : value;
            results[i] = value;
            lost.add(l);
            s.row(lang + " · " + cats.get(i), value, expected, l, String.format("%.2f", run.seconds()));
        }
        CategoryChart chart = Charts.bars(ctx.t("Updates lost out of 100", "100次修改中丢失的次数"),
                ctx.t("program", "程序"), ctx.t("lost updates (of 100)", "丢失的修改（共100次）"));
        Charts.series(chart, lang, cats, lost);
        String pyNote = "";
        if (ctx.python() != null) {
            Map<String, Double> py = ctx.python().run("shared_data.py",
                    List.of("--bank-sleep", String.valueOf(0.01 * bankScale), "--countdown-sleep", String.valueOf(0.1 * countdownScale)), 120);
            List<Integer> pyLost = List.of(100 - py.get("bank_nolock").intValue(), 100 - py.get("bank_lock").intValue(),
                    py.get("countdown_nolock").intValue(), py.get("countdown_lock").intValue());
            for (int i = 0; i < 4; i++) {
                s.row("CPython · " + cats.get(i), i < 2 ? 100 - pyLost.get(i) : pyLost.get(i), i < 2 ? 100 : 0, pyLost.get(i), "—");
            }
            Charts.series(chart, "CPython", cats, pyLost);
            pyNote = ctx.t(" CPython, with its GIL, lost %d and %d: the GIL does not protect a read-sleep-write.",
                    " 带GIL的CPython同样丢失了%d次和%d次：GIL保护不了“读-睡眠-写”。").formatted(pyLost.get(0), pyLost.get(2));
        }
        s.chart(chart);
        String first = ctx.t("Without a lock the account ended at %d yuan instead of 100 (%d deposits overwritten) and the countdown at %d instead of 0; ",
                "不加锁时账户余额为%d元而不是100元（%d次存款被覆盖），倒数结果为%d而不是0；").formatted(results[0], lost.get(0), results[2]);
        boolean right = results[1] == 100 && results[3] == 0;
        String second = right
                ? ctx.t("with the Lock both were exact (100 and 0), at the price of running the pauses one after another (%.2f s instead of %.2f s for the countdown).",
                        "加锁后两者都完全正确（100和0），代价是停顿只能依次进行（倒数用时%.2f秒，不加锁为%.2f秒）。")
                        .formatted(Double.parseDouble(s.rows().get(3).get(4)), Double.parseDouble(s.rows().get(2).get(4)))
                : ctx.t("with the Lock the results were %d and %d: not exact, which should not happen.",
                        "加锁后结果为%d和%d：仍不正确，这不应发生。").formatted(results[1], results[3]);
        s.conclusion(first + second + pyNote);
    }
}
