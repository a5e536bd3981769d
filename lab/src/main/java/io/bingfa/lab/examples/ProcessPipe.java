package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.Connection;
import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.multiprocessing.Pipe;
import io.bingfa.multiprocessing.SharedValue;
import java.io.EOFException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-way pipe ({@code Pipe(duplex=False)}) between a sender process and a receiver process: the
 * second end sends A, B and C a second apart, the first end receives them in order; the main
 * process joins the sender and terminates the receiver, whose loop never ends (after it has
 * received all three: the course relies on the sender's last sleep). The course hands the whole
 * pipe to both processes and its main process keeps both ends open too, so the receiver's
 * {@code recv()} blocks until {@code terminate()}; here each end lives in the one process that
 * uses it, so when the sender exits its end closes, and the receiver may see {@code EOFError}
 * (and end, exit code 0) before the main process terminates it (exit code -15). Course notes 001
 * Pipe管道.
 */
public final class ProcessPipe extends BaseExample {
    private static final List<String> ITEMS = List.of("A", "B", "C");

    public ProcessPipe() {
        super("process-pipe", Topic.PROCESSES,
                "a one-way Pipe(duplex=False) from a sender process to a receiver process: A, B, C arrive in order; the receiver is terminated",
                "单向管道Pipe(duplex=False)：发送进程发出的A、B、C被接收进程依次收到；接收进程最后被terminate",
                "001 Pipe管道 (put, get, Pipe(duplex=False))");
    }

    // def put(p): for i in ['A','B','C']: p[1].send(i); print(...); time.sleep(1)
    static void put(ChildOutput.Printer out, Connection sendEnd) throws Exception {
        for (String i : ITEMS) {
            sendEnd.send(i);
            out.say("%s sent message %s", "%s发送了消息%s", Multiprocessing.currentProcess().name(), i);
            out.sleep(1);
        }
    }

    // def get(p): while 1: value = p[0].recv(); print(...)
    static void get(ChildOutput.Printer out, Connection receiveEnd, SharedValue received) throws Exception {
        while (true) {
            Object value;
            try {
                value = receiveEnd.recv();
            } catch (EOFException senderGone) {
                // the sending end is closed: its process has exited (in the course the main process
                // keeps a copy of both ends open, so recv() would block until terminate())
                out.say("%s: EOFError, the sending end is closed", "%s：EOFError，发送端已关闭",
                        Multiprocessing.currentProcess().name());
                return;
            }
            out.say("%s received message %s", "%s接收到了%s消息", Multiprocessing.currentProcess().name(), value);
            received.incrementAndGet();
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        Pipe pipe = Pipe.open(false);              // (conn1, conn2): conn1 receives, conn2 sends
        Connection receiveEnd = pipe.left();
        Connection sendEnd = pipe.right();
        SharedValue received = SharedValue.ofLong(0);
        List<JvmProcess> started = new ArrayList<>();
        List<String> lines;
        JvmProcess receiveMessage;
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            try {
                JvmProcess sendMessage = new JvmProcess(() -> put(out, sendEnd));
                receiveMessage = new JvmProcess(() -> get(out, receiveEnd, received));
                sendMessage.start();
                started.add(sendMessage);
                receiveMessage.start();
                started.add(receiveMessage);
                sendMessage.join();
                Processes.until(() -> received.get() >= ITEMS.size(), receiveMessage, Duration.ofSeconds(30));
                receiveMessage.terminate();
                receiveMessage.join();
            } finally {
                Processes.stop(started);
                receiveEnd.close();                // the main process's copies of the ends
                sendEnd.close();
            }
            output.drain(Duration.ofSeconds(10));
            lines = output.received();
        }
        ctx.say("Done", "执行结束");
        List<String> got = new ArrayList<>();
        for (String line : lines) {
            for (String item : ITEMS) {
                if (line.endsWith(ctx.text(" received message " + item, "接收到了" + item + "消息"))) {
                    got.add(item);
                }
            }
        }
        int code = receiveMessage.exitCode();
        ctx.result("the receiver process received %s in the order they were sent; then %s: exit code %d",
                "接收进程按发送的顺序收到了%s；随后%s：退出码%d", Py.repr(got),
                code == 0 ? ctx.text("it saw the sending end close (EOFError) before terminate()", "在terminate()之前发现发送端已关闭（EOFError）并结束")
                        : ctx.text("terminated", "被terminate"),
                code);
    }
}
