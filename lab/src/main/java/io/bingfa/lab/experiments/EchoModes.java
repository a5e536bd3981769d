package io.bingfa.lab.experiments;

import io.bingfa.lab.echo.EchoMode;
import io.bingfa.lab.echo.EchoServer;
import io.bingfa.lab.echo.EchoServers;
import io.bingfa.lab.echo.LoadGenerator;
import io.bingfa.lab.echo.LoadReport;
import io.bingfa.lab.echo.LoadResult;
import io.bingfa.lab.examples.Lang;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;

/**
 * Experiment: the seed's upper-casing echo server in each {@link EchoMode} (platform threads,
 * virtual threads, child JVMs sharing the port, one asyncio event loop), each loaded by the same
 * {@link LoadGenerator} run in this JVM: throughput and latency percentiles side by side.
 */
final class EchoModes implements Experiment {
    @Override
    public String name() {
        return "echo-modes";
    }

    @Override
    public String title(Lang lang) {
        return lang.pick("The echo server: threads, virtual threads, processes, asyncio",
                "回声服务端：线程、虚拟线程、进程、asyncio");
    }

    @Override
    public String question(Lang lang) {
        return lang.pick("The course serves each connection of its upper-casing echo server on a thread or in a process. Under the same load, how many round trips a second does each way sustain, and how long does a round trip take at the median and in the tail?",
                "课程中的回声服务端（转为大写返回）用一个线程或一个进程服务每个连接。在同样的负载下，每种方式每秒能完成多少次往返？往返时间的中位数和长尾各是多少？");
    }

    @Override
    public String origin() {
        return "000 §二 TCP服务端实现并发的效果 (talk, Thread/Process(target=talk, args=(conn,)))";
    }

    @Override
    public void run(LabContext ctx, Section s) throws Exception {
        int connections = ctx.size(50, 8);
        Duration duration = Duration.ofMillis(ctx.size(3000, 400));
        Duration warmup = Duration.ofMillis(ctx.size(1000, 200));
        int size = 64;
        int processes = EchoServers.defaultProcesses();
        List<EchoMode> modes = List.of(EchoMode.values());
        s.parameter(ctx.t("Load", "负载"), ctx.t("%d connections, each sending %d bytes and waiting for the upper-case answer, again and again; a %.1f s warm-up, then %.1f s measured",
                "%d个连接，每个发送%d字节并等待大写的回答，循环往复；预热%.1f秒后测量%.1f秒").formatted(connections, size,
                        warmup.toMillis() / 1e3, duration.toMillis() / 1e3));
        s.parameter(ctx.t("Servers", "服务端"), ctx.t("%s; process mode: %d child JVMs", "%s；进程模式：%d个子JVM")
                .formatted(String.join(", ", modes.stream().map(EchoMode::label).toList()), processes));
        s.parameter(ctx.t("Client", "客户端"), ctx.t("in this JVM: a virtual thread per connection with a blocking socket (./bingfa load echo)",
                "在本JVM中：每个连接一个虚拟线程，阻塞式socket（./bingfa load echo）"));
        s.note(ctx.t("A closed loop: each connection has one request in flight, so throughput is what the server sustains with %d requests outstanding, and the client shares the machine's cores with the server. Latency is each round trip's, from write to the last byte of the answer, in an HdrHistogram.",
                "闭环负载：每个连接同时只有一个请求，因此吞吐量是服务端在%d个未完成请求下能维持的速度，客户端与服务端共用本机的CPU。延迟是每次往返从写出到收到回答最后一个字节的时间，记录在HdrHistogram中。").formatted(connections));
        List<String> headers = new ArrayList<>(List.of(ctx.t("mode", "模式"), ctx.t("round trips/s", "往返/秒")));
        for (double p : LoadReport.PERCENTILES) {
            headers.add(LoadReport.label(p) + " (µs)");
        }
        s.headers(headers.toArray(String[]::new));
        List<LoadResult> results = new ArrayList<>();
        for (EchoMode mode : modes) {
            LoadResult r = measure(ctx, mode, processes, connections, duration, warmup, size);
            results.add(r);
            List<Object> row = new ArrayList<>(List.of(label(ctx, mode), String.format(Locale.ROOT, "%,.0f", r.throughput())));
            for (double p : LoadReport.PERCENTILES) {
                row.add(String.format(Locale.ROOT, "%,.0f", r.micros(p)));
            }
            s.row(row.toArray());
        }
        s.chart(chart(ctx, modes, results, connections));
        s.conclusion(conclusion(ctx, modes, results) + ctx.busyWarning());
    }

    private static LoadResult measure(LabContext ctx, EchoMode mode, int processes, int connections, Duration duration,
            Duration warmup, int size) throws Exception {
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        try (EchoServer server = EchoServers.start(mode, any, processes);
                Progress progress = ctx.progress("[echo-modes] " + mode.label())) {
            LoadResult r = LoadGenerator.run(new LoadGenerator.Settings(server.address(), connections, duration, size, warmup),
                    (sec, n) -> progress.update(ctx.t("%,d round trips", "%,d次往返").formatted(n)));
            if (!r.clean() || r.roundTrips() == 0) {
                throw new IllegalStateException(mode.label() + ": " + r.roundTrips() + " round trips, " + r.failedConnections()
                        + " failed connections, " + r.mismatches() + " wrong answers"
                        + (r.firstError() == null ? "" : "; first failure: " + r.firstError()));
            }
            return r;
        }
    }

    private static String label(LabContext ctx, EchoMode mode) {
        return switch (mode) {
            case THREAD -> ctx.t("thread per connection", "每连接一个线程");
            case VIRTUAL -> ctx.t("virtual thread per connection", "每连接一个虚拟线程");
            case PROCESS -> ctx.t("child JVMs sharing the port", "子JVM共享端口");
            case ASYNCIO -> ctx.t("asyncio, one event loop", "asyncio，一个事件循环");
        };
    }

    private static CategoryChart chart(LabContext ctx, List<EchoMode> modes, List<LoadResult> results, int connections) {
        CategoryChart chart = Charts.bars(ctx.t("Echo server, %d connections: latency by mode (legend: round trips/s)", "回声服务端，%d个连接：各模式的往返延迟（图例：每秒往返次数）").formatted(connections),
                ctx.t("percentile", "百分位"), ctx.t("microseconds", "微秒"));
        List<String> cats = new ArrayList<>();
        List<Double> percentiles = LoadReport.PERCENTILES.stream().filter(p -> p < 100).toList();
        for (double p : percentiles) {
            cats.add(LoadReport.label(p));
        }
        for (int i = 0; i < modes.size(); i++) {
            LoadResult r = results.get(i);
            List<Double> values = new ArrayList<>();
            for (double p : percentiles) {
                values.add((double) Math.round(r.micros(p)));
            }
            Charts.series(chart, ctx.t("%s %,.0f/s", "%s 每秒%,.0f次").formatted(modes.get(i).label(), r.throughput()),
                    cats, values);
        }
        return chart;
    }

    private static String conclusion(LabContext ctx, List<EchoMode> modes, List<LoadResult> results) {
        int best = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).throughput() > results.get(best).throughput()) {
                best = i;
            }
        }
        LoadResult top = results.get(best);
        StringBuilder b = new StringBuilder(ctx.t("%s answered the most: %,.0f round trips/s (p50 %,.0f µs, p99 %,.0f µs). ",
                "%s完成的往返最多：每秒%,.0f次（p50 %,.0f微秒，p99 %,.0f微秒）。").formatted(
                label(ctx, modes.get(best)), top.throughput(), top.micros(50), top.micros(99)));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (i != best) {
                LoadResult r = results.get(i);
                others.add(ctx.t("%s %.0f%% of that (p99 %,.0f µs)", "%s为其%.0f%%（p99 %,.0f微秒）").formatted(
                        label(ctx, modes.get(i)), 100 * r.throughput() / top.throughput(), r.micros(99)));
            }
        }
        if (!others.isEmpty()) {
            b.append(ctx.t("The others: ", "其他：")).append(String.join(ctx.t("; ", "；"), others)).append(ctx.t(". ", "。"));
        }
        int worstTail = 0;
        for (int i = 1; i < results.size(); i++) {
            if (results.get(i).micros(99.9) > results.get(worstTail).micros(99.9)) {
                worstTail = i;
            }
        }
        b.append(ctx.t("The longest tail (p99.9 %,.0f µs) was %s's. ", "长尾最长的（p99.9 %,.0f微秒）是%s。").formatted(
                results.get(worstTail).micros(99.9), label(ctx, modes.get(worstTail))));
        b.append(ctx.t("Every answer was the request in upper case. Each round trip is tiny (64 bytes, an upper-casing loop), so these figures measure the cost of the serving machinery itself: waking a thread, a virtual thread or a task per request, and for processes the kernel spreading connections over JVMs that each warm up their own JIT. With CPython, threads share one GIL and processes are its way past it; here a thread per connection already uses every core.",
                "每个回答都是请求的大写形式。每次往返的工作很小（64字节，一个转大写的循环），因此这些数字衡量的是服务机制本身的开销：每个请求唤醒一个线程、虚拟线程或任务；对进程来说，还有内核把连接分给各个JVM、每个JVM各自预热JIT。在CPython中线程共用一个GIL，进程是绕过它的办法；在这里每连接一个线程就已经能用上所有的核。"));
        return b.toString();
    }
}
