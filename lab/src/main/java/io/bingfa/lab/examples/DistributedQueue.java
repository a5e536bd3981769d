package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.JvmProcess;
import io.bingfa.multiprocessing.Manager;
import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.multiprocessing.ProcessQueue;
import io.bingfa.queue.Queue;
import io.bingfa.queue.QueueEmptyException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Distributed processes, as the course's notes describe them (002, after the parallel sum): one
 * process shares a task queue and a result queue on the network through a manager
 * ({@code BaseManager.register} + {@code serve_forever}); workers on other machines connect with
 * the address and the auth key, take tasks and put results. Here the workers are child JVMs that
 * connect over TCP exactly as a program on another machine would (they are handed only the
 * address and the key); {@code --bind 0.0.0.0} serves beyond this machine.
 */
public final class DistributedQueue extends BaseExample {
    /** The master's queues (Python's module-level {@code task_queue}, {@code result_queue}). */
    private static final Queue<Integer> TASKS = new Queue<>();
    private static final Queue<String> RESULTS = new Queue<>();

    public DistributedQueue() {
        super("distributed-queue", Topic.PROCESSES,
                "a master serves a task queue and a result queue through a Manager on TCP; workers connect with the address and an auth key, square the numbers and send them back",
                "主进程通过Manager在TCP上共享任务队列和结果队列；工作进程凭地址和认证密钥连接，计算平方后送回结果",
                "002 分布式进程 (multiprocessing.managers, BaseManager.register)",
                ExampleOption.count("tasks", 10, "how many numbers the master puts into the task queue", "主进程放入任务队列的数字个数"),
                ExampleOption.count("workers", 2, "how many worker processes connect", "连接的工作进程数"),
                ExampleOption.choice("bind", List.of("127.0.0.1", "0.0.0.0"),
                        "where the master listens: this machine only, or every interface (use a long random key)",
                        "主进程监听的地址：仅本机，或所有网卡（请使用足够长的随机密钥）"));
    }

    // worker: m = BaseManager(address=(host, port), authkey=key); m.connect();
    //         task = m.get_task_queue(); result = m.get_result_queue(); ...
    static void worker(ChildOutput.Printer out, String host, int port, byte[] key) throws Exception {
        try (Manager m = Manager.connect(new InetSocketAddress(host, port), key)) {
            ProcessQueue<Integer> tasks = m.get("tasks");
            ProcessQueue<String> results = m.get("results");
            String me = Multiprocessing.currentProcess().name();
            while (true) {
                int n;
                try {
                    n = tasks.get(Duration.ofSeconds(1));
                } catch (QueueEmptyException empty) {
                    out.say("%s: task queue is empty, done", "%s：任务队列已空，结束", me);
                    return;
                }
                out.say("%s: run task %d * %d", "%s：执行任务 %d * %d", me, n, n);
                results.put(n + " * " + n + " = " + (n * n) + " (" + me + ")");
                out.sleep(0.1);
            }
        }
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        int count = ctx.count("tasks");
        int workers = ctx.count("workers");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        TASKS.clear();
        RESULTS.clear();
        List<String> results = new ArrayList<>();
        try (Manager server = Manager.serve(new InetSocketAddress(ctx.option("bind"), 0), key)) {
            server.register("tasks", () -> TASKS);
            server.register("results", () -> RESULTS);
            InetSocketAddress address = server.address();
            ctx.say("master: serving the task and result queues on %s:%d", "主进程：在%s:%d上共享任务队列和结果队列",
                    address.getHostString(), address.getPort());
            for (int i = 1; i <= count; i++) {
                ctx.say("master: put task %d", "主进程：放入任务 %d", i);
                TASKS.put(i);
            }
            String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
            int port = address.getPort();
            List<JvmProcess> started = new ArrayList<>();
            try (ChildOutput output = ChildOutput.open(ctx)) {
                ChildOutput.Printer out = output.printer();
                try {
                    for (int w = 0; w < workers; w++) {
                        JvmProcess p = JvmProcess.builder().name("worker-" + (w + 1))
                                .target(() -> worker(out, host, port, key)).build();
                        p.start();
                        started.add(p);
                    }
                    ctx.say("master: waiting for %d results", "主进程：等待%d个结果", count);
                    for (int i = 0; i < count; i++) {
                        String r = RESULTS.get(Duration.ofSeconds(60));
                        results.add(r);
                        ctx.say("master: result: %s", "主进程：结果：%s", r);
                    }
                    for (JvmProcess p : started) {
                        p.join();
                    }
                } finally {
                    Processes.stop(started);
                }
                output.drain(Duration.ofSeconds(10));
            }
        }
        TreeMap<String, Integer> byWorker = new TreeMap<>();
        for (String r : results) {
            byWorker.merge(r.substring(r.lastIndexOf('(') + 1, r.length() - 1), 1, Integer::sum);
        }
        ctx.result("the master received %d results (every square checked by the test) from workers that knew only the address and the key: %s",
                "主进程收到了%d个结果；工作进程只知道地址和密钥：%s", results.size(), byWorker);
    }
}
