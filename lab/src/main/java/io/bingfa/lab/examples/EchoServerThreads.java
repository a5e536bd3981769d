package io.bingfa.lab.examples;

import io.bingfa.lab.echo.EchoHandler;
import io.bingfa.socketserver.ThreadingTcpServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The course's TCP server that serves each connection on a thread of its own
 * ({@code Thread(target=talk, args=(conn,))}) and answers in upper case, written with
 * {@link ThreadingTcpServer}: the link loop (链接循环) is the server's {@code serveForever}, the
 * communication loop (通信循环) is the handler's {@code handle}. Several bounded clients talk to it
 * at the same time, each sending a few messages; the server is shut down and closed at the end,
 * every thread joined. Course notes 000 §二 TCP服务端实现并发的效果.
 */
public final class EchoServerThreads extends BaseExample {
    public EchoServerThreads() {
        super("echo-server-threads", Topic.THREADS,
                "the TCP server that answers in upper case, a thread per connection (ThreadingTcpServer): several clients are served at the same time",
                "TCP服务端将收到的数据转为大写返回，每个连接由一个线程服务（ThreadingTcpServer）：多个客户端同时得到服务",
                "000 §二 TCP服务端实现并发的效果 (talk, Thread(target=talk, args=(conn,)))",
                ExampleOption.count("clients", 3, "how many clients talk to the server at the same time",
                        "同时与服务端通信的客户端个数"),
                ExampleOption.count("messages", 3, "how many messages each client sends", "每个客户端发送的消息数"),
                ExampleOption.flag("virtual", "serve each connection on a virtual thread", "每个连接由虚拟线程服务"));
    }

    /** The communication loop (通信循环): {@link EchoHandler}'s, printing each chunk with the thread's name. */
    static final class Talk extends EchoHandler {
        private final ExampleContext ctx;
        private final AtomicInteger served;

        Talk(ExampleContext ctx, AtomicInteger served) {
            super(data -> ctx.print("[%s] %s", Thread.currentThread().getName(), data));
            this.ctx = ctx;
            this.served = served;
        }

        @Override
        protected void handle() {
            served.incrementAndGet();
            super.handle();
        }

        @Override
        protected void connectionLost(IOException reset) {    // ConnectionResetError
            ctx.print("[%s] %s", Thread.currentThread().getName(), reset);
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        int clients = ctx.count("clients");
        int messages = ctx.count("messages");
        boolean virtual = ctx.flag("virtual");
        AtomicInteger served = new AtomicInteger();
        AtomicInteger echoed = new AtomicInteger();
        try (ThreadingTcpServer server = ThreadingTcpServer.builder(() -> new Talk(ctx, served))
                .virtualThreads(virtual).build()) {
            Thread serving = Thread.ofPlatform().name("serve_forever").start(() -> {
                try {
                    server.serveForever();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ctx.say("the server listens on 127.0.0.1:%d, a %s thread per connection",
                    "服务端监听127.0.0.1:%d，每个连接一个%s线程",
                    server.address().getPort(), virtual ? ctx.text("virtual", "虚拟") : ctx.text("platform", "平台"));
            List<Socket> connections = new ArrayList<>();
            try {
                for (int c = 1; c <= clients; c++) {            // every client connects first: served at once
                    Socket client = new Socket(server.address().getAddress(), server.address().getPort());
                    client.setSoTimeout(10_000);
                    connections.add(client);
                }
                List<Thread> talkers = new ArrayList<>();
                for (int c = 1; c <= clients; c++) {
                    Socket client = connections.get(c - 1);
                    int id = c;
                    talkers.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                        for (int m = 1; m <= messages; m++) {
                            String message = "hello world " + id + "." + m;
                            try {
                                client.getOutputStream().write(message.getBytes(StandardCharsets.UTF_8));
                                String reply = readReply(client, message.length());
                                ctx.say("client %d: %s", "客户端%d：%s", id, reply);
                                if (reply.equals(message.toUpperCase(Locale.ROOT))) {
                                    echoed.incrementAndGet();
                                }
                            } catch (IOException e) {
                                ctx.say("client %d: %s", "客户端%d：%s", id, e);
                                return;
                            }
                        }
                    }));
                }
                for (Thread t : talkers) {
                    t.join();
                }
            } finally {
                for (Socket s : connections) {
                    s.close();
                }
                server.shutdown();
                serving.join();
            }
        }
        ctx.result("%d of %d messages echoed in upper case; %d connections served, each on its own thread; server closed",
                "%d/%d条消息以大写返回；%d个连接，各由一个线程服务；服务端已关闭",
                echoed.get(), clients * messages, served.get());
    }

    /** Reads exactly {@code length} bytes: the upper-case copy of an ASCII message. */
    private static String readReply(Socket client, int length) throws IOException {
        byte[] reply = client.getInputStream().readNBytes(length);
        return new String(reply, StandardCharsets.UTF_8);
    }
}
