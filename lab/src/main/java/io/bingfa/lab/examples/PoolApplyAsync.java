package io.bingfa.lab.examples;

import io.bingfa.multiprocessing.AsyncResult;
import io.bingfa.multiprocessing.Multiprocessing;
import io.bingfa.multiprocessing.Pool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process pool: {@code Pool(3)} runs ten calls of {@code fun(n)} (print n, sleep 3 s) submitted
 * with {@code apply_async}, which does not wait; {@code close()} takes no more tasks and
 * {@code join()} waits for the ten to finish, then "end". Each task prints its worker's name and
 * pid: three processes serve all ten, in about four rounds of 3 s. Course notes 001 Pool进程池.
 */
public final class PoolApplyAsync extends BaseExample {
    private static final Pattern WORKER = Pattern.compile("^(\\d+) \\((.+), pid (\\d+)\\)$");

    public PoolApplyAsync() {
        super("pool-apply-async", Topic.PROCESSES,
                "Pool(3): apply_async of 10 calls of fun(n) (print, sleep 3 s), then close() and join(): three worker processes serve all ten",
                "进程池Pool(3)：用apply_async提交10个fun(n)任务（打印n，睡眠3秒），再close()、join()：三个工作进程完成全部十个任务",
                "001 Pool进程池 (apply_async, close, join)",
                ExampleOption.count("processes", 3, "how many worker processes (the course: 3)", "进程池中的进程数（课程中为3）"),
                ExampleOption.count("tasks", 10, "how many calls of fun (the course: 10)", "提交fun的次数（课程中为10）"));
    }

    // def fun(n): print(n); time.sleep(3)
    static Object fun(ChildOutput.Printer out, int n) throws InterruptedException {
        out.print("%d (%s, pid %d)", n, Multiprocessing.currentProcess().name(), ProcessHandle.current().pid());
        out.sleep(3);
        return null;
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        int processes = ctx.count("processes");
        int tasks = ctx.count("tasks");
        List<AsyncResult<Object>> results = new ArrayList<>();
        List<String> lines;
        long start = System.nanoTime();
        try (ChildOutput output = ChildOutput.open(ctx)) {
            ChildOutput.Printer out = output.printer();
            Pool pool = new Pool(processes);
            boolean joined = false;
            try {
                for (int i = 0; i < tasks; i++) {
                    results.add(pool.applyAsync((Integer n) -> fun(out, n), i));   // does not wait
                }
                pool.close();        // no more tasks; the workers finish the queued ones
                pool.join();         // waits for them
                joined = true;
            } finally {
                if (!joined) {
                    pool.terminate();    // something failed: stop the workers
                    pool.join();
                }
            }
            output.drain(Duration.ofSeconds(10));
            lines = output.received();
        }
        double took = ctx.unscaledSeconds(Duration.ofNanos(System.nanoTime() - start));
        ctx.print("end");
        Set<Integer> ran = new TreeSet<>();
        Set<String> pids = new TreeSet<>();
        for (String line : lines) {
            Matcher m = WORKER.matcher(line);
            if (m.matches()) {
                ran.add(Integer.parseInt(m.group(1)));
                pids.add(m.group(3));
            }
        }
        long successful = results.stream().filter(r -> r.isReady() && r.isSuccessful()).count();
        int rounds = (tasks + processes - 1) / processes;
        ctx.result("%d of %d tasks ran (%d successful) in %d worker processes of Pool(%d); %.1f s at time scale 1"
                        + " (%d rounds of 3 s, plus starting the workers)",
                "%1$d/%2$d个任务已运行（%3$d个成功），由Pool(%5$d)中的%4$d个工作进程完成；按时间比例1折算为%6$.1f秒（%7$d轮，每轮3秒，另加启动工作进程的时间）",
                ran.size(), tasks, successful, pids.size(), processes, took, rounds);
    }
}
