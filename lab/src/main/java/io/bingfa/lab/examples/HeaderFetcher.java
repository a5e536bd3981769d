package io.bingfa.lab.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.bingfa.asyncio.Asyncio;
import io.bingfa.asyncio.EventLoop;
import io.bingfa.asyncio.StreamReader;
import io.bingfa.asyncio.StreamWriter;
import io.bingfa.asyncio.Streams;
import io.bingfa.asyncio.Task;
import io.bingfa.futures.ReturnWhen;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The course's {@code async_wget.py}: three {@code wget(host)} coroutines on one event loop each
 * connect to a web server, send {@code GET / HTTP/1.0}, print the response's header lines and
 * close. Course note 002 §6 (asyncio案例实战).
 *
 * <p>There may be no internet, so by default the example first starts three HTTP servers of its own
 * on 127.0.0.1 ({@code com.sun.net.httpserver}), standing in for the course's sina, sohu and 163;
 * each answers after its own short delay, so the answers come back in another order than the
 * requests went out, and all three fetches together take about the slowest delay, not the sum.
 * {@code --host NAME[,NAME...]} fetches from real sites on port 80 instead (the course used
 * {@code www.sina.com.cn,www.sohu.com,www.163.com}; it needs the internet).
 */
/*
 * Each local server runs its handler on its own dispatcher thread (the server's default executor):
 * one request each, so a handler's sleep delays only its own server. The servers are stopped on
 * every path, and their dispatcher and idle-timer threads joined, so the example leaves no thread
 * behind.
 */
public final class HeaderFetcher extends BaseExample {
    /** The course's three hosts. */
    static final List<String> COURSE_HOSTS = List.of("www.sina.com.cn", "www.sohu.com", "www.163.com");

    /** The local stand-ins: name (sent as Host) and answer delay in seconds (before --time-scale). */
    private static final List<String> LOCAL_NAMES = List.of("sina.local", "sohu.local", "163.local");
    private static final double[] LOCAL_DELAYS = {0.6, 0.2, 0.4};

    public HeaderFetcher() {
        super("header-fetcher", Topic.COROUTINES,
                "three wget() coroutines on one event loop fetch three web servers' HTTP headers at the same time",
                "三个wget()协程在一个事件循环上同时获取三个网站的HTTP头",
                "002 §6 asyncio案例实战 (async_wget.py)",
                ExampleOption.text("host", "NAME[,NAME...]", "",
                        "fetch these real hosts on port 80 (needs the internet; the course used " + String.join(",", COURSE_HOSTS)
                                + "); without it, three HTTP servers the example starts on 127.0.0.1",
                        "获取这些真实网站的80端口（需要联网；课程中用的是" + String.join(",", COURSE_HOSTS)
                                + "）；不给出时，使用示例自己在127.0.0.1上启动的三个HTTP服务器"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        String given = ctx.option("host");
        if (!given.isEmpty()) {
            List<Site> sites = new ArrayList<>();
            for (String host : given.split(",")) {
                if (!host.isBlank()) {
                    sites.add(new Site(host.strip(), host.strip(), 80));
                }
            }
            new Program(ctx, sites).main(-1, -1);
            return;
        }
        double slowest = 0;
        double sum = 0;
        for (double d : LOCAL_DELAYS) {
            slowest = Math.max(slowest, d);
            sum += d;
        }
        try (LocalSites local = LocalSites.start(ctx)) {
            new Program(ctx, local.sites()).main(slowest, sum);
        }
    }

    /** Where wget() connects: {@code host} goes in the Host header, {@code address}:{@code port} is dialled. */
    record Site(String host, String address, int port) {}

    /** The course's module: its functions are methods. */
    private static final class Program {
        private final ExampleContext ctx;
        private final List<Site> sites;
        private final List<String> events = new ArrayList<>(); // loop-confined: no lock needed
        private int answered;

        Program(ExampleContext ctx, List<Site> sites) {
            this.ctx = ctx;
            this.sites = sites;
        }

        // async def wget(host):
        Void wget(Site site) {
            String host = site.host();
            ctx.print("wget %s...", host);
            events.add("wget");
            try {
                Streams s = Asyncio.openConnection(site.address(), site.port());
                StreamReader reader = s.reader();
                StreamWriter writer = s.writer();
                writer.write("GET / HTTP/1.0\r\nHost: %s\r\n\r\n".formatted(host).getBytes(StandardCharsets.UTF_8));
                writer.drain();
                while (true) {
                    byte[] line = reader.readLine();
                    if (line.length == 0 || new String(line, StandardCharsets.UTF_8).equals("\r\n")) {
                        break; // the blank line ends the header (or the server closed early)
                    }
                    ctx.print("%s header > %s", host, new String(line, StandardCharsets.UTF_8).stripTrailing());
                    events.add("header");
                }
                // Ignore the body, close the socket
                writer.close();
                writer.waitClosed();
                answered++;
            } catch (IOException e) {
                ctx.say("wget %s failed: %s", "wget %s 失败：%s", host, e);
            }
            return null;
        }

        /** Runs the three fetches; {@code slowest} and {@code sum} are the servers' delays when known, else -1. */
        void main(double slowest, double sum) throws InterruptedException {
            long start = System.nanoTime();
            // loop = asyncio.get_event_loop(); tasks = [wget(host) for host in [...]]
            // loop.run_until_complete(asyncio.wait(tasks))
            EventLoop.run(() -> {
                List<Task<Void>> tasks = new ArrayList<>();
                for (Site site : sites) {
                    tasks.add(Asyncio.createTask(() -> wget(site)));
                }
                Asyncio.wait(tasks, null, ReturnWhen.ALL_COMPLETED);
                for (Task<Void> t : tasks) {
                    t.result(); // a failure other than a network error is a bug: let it show
                }
                return null;
            });
            double took = ctx.unscaledSeconds(Duration.ofNanos(System.nanoTime() - start));
            int firstHeader = events.indexOf("header");
            boolean overlapped = firstHeader >= 0 && events.subList(0, firstHeader).stream().filter("wget"::equals).count() == sites.size();
            String order = firstHeader < 0 ? ctx.text("no header came back", "没有收到任何头")
                    : overlapped
                    ? ctx.text("all %d requests went out before the first header came back", "第一个头回来之前%d个请求都已发出").formatted(sites.size())
                    : ctx.text("a header came back before all %d requests went out", "%d个请求还没全部发出就有头回来了").formatted(sites.size());
            if (slowest < 0) {
                ctx.result("%d of %d hosts answered; %s; %.2f s in all", "%d/%d个网站有应答；%s；总共%.2f秒",
                        answered, sites.size(), order, took);
                return;
            }
            ctx.result("%d of %d hosts answered; %s; %.2f s in all: close to %s (the slowest server's delay), not %s (the sum of the three)",
                    "%d/%d个网站有应答；%s；总共%.2f秒：接近%s（最慢服务器的延迟），而不是%s（三个延迟之和）",
                    answered, sites.size(), order, took,
                    Math.abs(took - slowest) < Math.abs(took - sum) ? seconds(slowest) : seconds(sum),
                    Math.abs(took - slowest) < Math.abs(took - sum) ? seconds(sum) : seconds(slowest));
        }

        private String seconds(double s) {
            return ctx.text("%.1f s", "%.1f秒").formatted(s);
        }
    }

    /** Three HTTP servers on 127.0.0.1 that answer after their own delay; closing stops them. */
    private static final class LocalSites implements AutoCloseable {
        private final Set<Thread> before;
        private final List<HttpServer> servers = new ArrayList<>();
        private final List<Site> sites = new ArrayList<>();

        private LocalSites() {
            before = Set.copyOf(Thread.getAllStackTraces().keySet());
        }

        static LocalSites start(ExampleContext ctx) throws IOException, InterruptedException {
            LocalSites local = new LocalSites();
            try {
                for (int i = 0; i < LOCAL_NAMES.size(); i++) {
                    local.add(ctx, LOCAL_NAMES.get(i), LOCAL_DELAYS[i]);
                }
            } catch (IOException | RuntimeException e) {
                local.close();
                throw e;
            }
            return local;
        }

        private void add(ExampleContext ctx, String name, double delay) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            servers.add(server);
            Duration wait = ctx.scaled(delay);
            server.createContext("/", exchange -> answer(exchange, name, delay, wait));
            server.start();
            int port = server.getAddress().getPort();
            sites.add(new Site(name, "127.0.0.1", port));
            ctx.say("(%s: a local HTTP server on 127.0.0.1:%d that answers after %.1f s)",
                    "（%s：本机127.0.0.1:%d上的HTTP服务器，%.1f秒后应答）", name, port, delay);
        }

        private static void answer(HttpExchange exchange, String name, double delay, Duration wait) throws IOException {
            try (exchange) {
                Thread.sleep(wait); // the server is slow: this is what the coroutines overlap
                byte[] body = ("<html><body>" + name + "</body></html>\n").getBytes(StandardCharsets.UTF_8);
                var headers = exchange.getResponseHeaders();
                headers.add("Content-Type", "text/html; charset=utf-8");
                headers.add("Server", "bingfa-lab " + name);
                headers.add("X-Host", String.valueOf(exchange.getRequestHeaders().getFirst("Host")));
                headers.add("X-Answered-After", "%.1f s".formatted(delay));
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        List<Site> sites() {
            return sites;
        }

        /** Stops the servers and waits for the threads they started to end. */
        @Override
        public void close() throws InterruptedException {
            for (HttpServer server : servers) {
                server.stop(0);
            }
            Set<Thread> started = new HashSet<>(Thread.getAllStackTraces().keySet());
            started.removeAll(before);
            for (Thread t : started) {
                if (t.getName().equals("HTTP-Dispatcher") || t.getName().equals("idle-timeout-task")) {
                    t.join(Duration.ofSeconds(10));
                }
            }
        }
    }
}
