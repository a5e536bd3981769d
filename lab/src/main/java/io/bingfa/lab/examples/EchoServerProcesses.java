package io.bingfa.lab.examples;

import io.bingfa.lab.echo.EchoHandler;
import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.SharedArray;
import io.bingfa.multiprocessing.SharedValue;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The course's TCP server that serves each connection in a process ({@code Process(target=talk,
 * args=(conn,))}) and answers in upper case. A socket cannot be handed to a child JVM, so the
 * server processes are started first and each binds the same port with {@code SO_REUSEPORT}: the
 * kernel spreads the connections over them (a pre-forked server). The parent reserves a free
 * loopback port (bound, not listening) and passes it on; a bounded client then sends a few
 * messages over several connections, each server prints what it received with its pid, and the
 * servers are terminated at the end. Course notes 000 §二 TCP服务端实现并发的效果.
 */
public final class EchoServerProcesses extends BaseExample {
    public EchoServerProcesses() {
        super("echo-server-processes", Topic.PROCESSES,
                "the TCP server that answers in upper case, in server processes sharing one port (SO_REUSEPORT): a client's connections are served by several pids",
                "TCP服务端将收到的数据转为大写返回：多个服务进程通过SO_REUSEPORT共享同一端口，客户端的多个连接由不同的进程（pid）服务",
                "000 §二 TCP服务端实现并发的效果 (talk, Process(target=talk, args=(conn,)))",
                ExampleOption.count("servers", 3, "how many server processes", "服务进程个数"),
                ExampleOption.count("connections", 6, "how many connections the client opens, one after the other",
                        "客户端依次建立的连接数"),
                ExampleOption.count("messages", 3, "how many messages the client sends on each connection",
                        "客户端在每个连接上发送的消息数"));
    }

    /** One server process: binds the shared port, then the link loop (链接循环). */
    static void serve(ChildOutput.Printer out, int port, SharedValue ready, SharedArray served, int slot)
            throws IOException {
        long pid = ProcessHandle.current().pid();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5);  // listen(5)
            ready.incrementAndGet();
            while (true) {
                SocketChannel conn = server.accept();    // 接客
                served.getAndAdd(slot, 1);
                talk(out, conn, pid);
            }
        }
    }

    /** The communication loop (通信循环): {@link EchoHandler}'s, printing each chunk with the pid. */
    static void talk(ChildOutput.Printer out, SocketChannel conn, long pid) {
        try (conn) {
            EchoHandler.talk(conn.socket().getInputStream(), conn.socket().getOutputStream(),
                    data -> out.print("[pid %d] %s", pid, data));
        } catch (IOException reset) {                    // ConnectionResetError
            out.print("[pid %d] %s", pid, reset);
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        int servers = ctx.count("servers");
        int connections = ctx.count("connections");
        int messages = ctx.count("messages");
        try (ServerSocketChannel probe = ServerSocketChannel.open()) {
            if (!probe.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                ctx.say("SO_REUSEPORT is not supported here (%s): server processes cannot share a port, and Java"
                                + " cannot hand an accepted socket to another JVM, so this example cannot run here.",
                        "此平台（%s）不支持SO_REUSEPORT：多个服务进程无法共享端口，而Java也无法把已接受的连接交给另一个JVM，所以本例无法在此运行。",
                        System.getProperty("os.name"));
                ctx.result("not run: SO_REUSEPORT unsupported", "未运行：不支持SO_REUSEPORT");
                return;
            }
        }
        SharedValue ready = SharedValue.ofLong(0);
        SharedArray served = SharedArray.ofLongs(servers);
        List<JvmProcess> started = new ArrayList<>();
        List<String> replies = new ArrayList<>();
        int echoed = 0;
        try (ChildOutput output = ChildOutput.open(ctx);
                Socket reservation = new Socket()) {
            // port 0 would give each server its own port: pick one here, bound but not listening
            reservation.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            reservation.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = reservation.getLocalPort();
            ChildOutput.Printer out = output.printer();
            try {
                for (int i = 0; i < servers; i++) {
                    int slot = i;
                    JvmProcess p = JvmProcess.builder().name("Server-" + (i + 1))
                            .target(() -> serve(out, port, ready, served, slot)).build();
                    p.start();
                    started.add(p);
                }
                awaitReady(ready, servers, started);
                ctx.say("%d server processes listen on 127.0.0.1:%d: %s", "%d个服务进程监听127.0.0.1:%d：%s",
                        servers, port, started.stream().map(p -> p.name() + " pid " + p.pid()).toList());
                InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
                for (int c = 1; c <= connections; c++) {
                    try (SocketChannel client = SocketChannel.open(address)) {   // client.connect
                        for (int m = 1; m <= messages; m++) {
                            String message = "hello world " + c + "." + m;
                            client.write(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
                            String reply = readReply(client, message.length());
                            ctx.say("client, connection %d: %s", "客户端，第%d个连接：%s", c, reply);
                            replies.add(reply);
                            if (reply.equals(message.toUpperCase(Locale.ROOT))) {
                                echoed++;
                            }
                        }
                    }
                }
                for (JvmProcess p : started) {
                    p.terminate();        // the servers' loops never end: stop them
                }
                for (JvmProcess p : started) {
                    p.join();
                }
            } finally {
                Processes.stop(started);
            }
            output.drain(Duration.ofSeconds(10));
        }
        List<String> byPid = new ArrayList<>();
        int serving = 0;
        for (int i = 0; i < servers; i++) {
            long n = served.get(i);
            byPid.add("pid " + started.get(i).pid() + ": " + n);
            serving += n > 0 ? 1 : 0;
        }
        List<Integer> codes = started.stream().map(JvmProcess::exitCode).toList();
        ctx.result("%d of %d messages echoed in upper case over %d connections, served by %d of %d server processes (%s);"
                        + " servers terminated: exit codes %s",
                "%d/%d条消息以大写返回，共%d个连接，由%d/%d个服务进程服务（%s）；服务进程已终止：退出码%s",
                echoed, connections * messages, connections, serving, servers, String.join(", ", byPid), codes);
    }

    /** Waits until every server listens; fails if one exits first (it could not bind) or after 30 s. */
    private static void awaitReady(SharedValue ready, int servers, List<JvmProcess> started)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ready.get() < servers) {
            for (JvmProcess p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(p.name() + " exited with code " + p.exitCode()
                            + " before it listened (see its error above)");
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the servers did not listen within 30 s");
            }
            Thread.sleep(5);
        }
    }

    /** Reads exactly {@code length} bytes: the upper-case copy of an ASCII message. */
    private static String readReply(SocketChannel client, int length) throws IOException {
        ByteBuffer reply = ByteBuffer.allocate(length);
        while (reply.hasRemaining()) {
            if (client.read(reply) < 0) {
                break;
            }
        }
        return new String(reply.array(), 0, reply.position(), StandardCharsets.UTF_8);
    }
}
