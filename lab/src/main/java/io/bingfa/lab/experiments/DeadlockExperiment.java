package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment 7: the two-locks program (科学家吃面) under {@code Deadlocks.detect(true)}, as the example
 * {@code deadlock --detect}: the acquire that would close the cycle throws instead of hanging. The
 * course's fix (one RLock) runs beside it for comparison.
 */
final class DeadlockExperiment implements Experiment {
    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("Deadlock: two locks, opposite orders", "死锁：两把锁，相反的顺序");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("The professor takes the noodles then the fork, the student the fork then the noodles. In Python this hangs for ever; what does bingfa's Deadlocks.detect(true) do instead?",
                "教授先拿面条再拿叉子，学生先拿叉子再拿面条。在Python里程序会永远卡住；bingfa的Deadlocks.detect(true)会怎样？");
    }

    @Override
    public String origin() {
        return "004 死锁 科学家吃面; 解决方案一 递归锁";
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        s.parameter(ctx.t("Program", "程序"), "./bingfa example deadlock --detect");
        s.parameter(ctx.t("Hold time", "持锁时间"), ctx.t("each diner holds its first lock 0.2 s before reaching for the second",
                "每人拿到第一把锁后停0.2秒再去拿第二把"));
        s.parameter(ctx.t("Compared with", "对照"), ctx.t("the course's fix: one RLock for both (--fix)", "课程中的解决方案：一把递归锁（--fix）"));
        s.headers(ctx.t("run", "运行"), ctx.t("time (ms)", "耗时(毫秒)"), ctx.t("diners who ate", "吃到面的人"),
                ctx.t("refused", "被拒绝"));
        ExampleRuns.Run detect = ExampleRuns.run("deadlock", Lang.EN, 1.0, Map.of("detect", "true"));
        Matcher m = Pattern.compile("DeadlockException in (professor|student), cycle (\\S+ -> [^;\\s]+)").matcher(detect.result());
        if (!m.find()) {
            throw new IllegalStateException("no DeadlockException reported:\n" + detect.out() + detect.err());
        }
        String refused = m.group(1);
        String ate = refused.equals("professor") ? "student" : "professor";
        long ateCount = detect.out().lines().filter(l -> l.endsWith(" has eaten")).count();
        s.row("Deadlocks.detect(true)", String.format("%.0f", detect.seconds() * 1000), ateCount, refused);
        ExampleRuns.Run fix = ExampleRuns.run("deadlock", Lang.EN, 1.0, Map.of("fix", "true"));
        long fixAte = fix.out().lines().filter(l -> l.endsWith(" has eaten")).count();
        s.row(ctx.t("one RLock (the fix)", "一把递归锁（解决方案）"), String.format("%.0f", fix.seconds() * 1000), fixAte, "-");
        s.excerpt(detect.out().strip());
        CategoryChart chart = Charts.bars(ctx.t("Time until the program ended", "程序结束所用时间"),
                ctx.t("run", "运行"), ctx.t("time (ms)", "耗时（毫秒）"));
        List<String> cats = List.of(ctx.t("detect(true): refused, then ate", "detect(true)：拒绝后进餐"),
                ctx.t("one RLock: both ate", "一把递归锁：两人都吃到"));
        Charts.series(chart, ctx.t("time (ms)", "耗时（毫秒）"), cats, List.of(Math.round(detect.seconds() * 1000), Math.round(fix.seconds() * 1000)));
        chart.getStyler().setLegendVisible(false);
        s.chart(chart);
        s.conclusion(ctx.t("Instead of hanging, the acquire that would have closed the cycle %s threw DeadlockException in %s, whose with-blocks released its lock; %s then ate, and the program ended after %.0f ms. With the course's fix (one RLock) %d diners ate, one after the other, in %.0f ms.",
                "造成环路（%s）的acquire没有卡住，而是在%s中抛出了DeadlockException，它的with块释放了手里的锁；随后%s吃到了面，程序在%.0f毫秒后结束。使用课程中的解决方案（一把递归锁），%d个人依次吃到了面，用时%.0f毫秒。")
                .formatted(m.group(2), refused, ate, detect.seconds() * 1000, fixAte, fix.seconds() * 1000));
    }
}
