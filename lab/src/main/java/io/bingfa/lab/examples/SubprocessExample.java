package io.bingfa.lab.examples;

import io.bingfa.subprocess.CalledProcessException;
import io.bingfa.subprocess.CompletedProcess;
import io.bingfa.subprocess.Popen;
import io.bingfa.subprocess.Redirect;
import io.bingfa.subprocess.RunOptions;
import io.bingfa.subprocess.Subprocess;
import io.bingfa.subprocess.TimeoutExpiredException;
import java.time.Duration;
import java.util.List;

/**
 * The course's last word on processes (002): "we can also use the subprocess module to create
 * and start child processes and talk to them through pipes". Four things a user does with it:
 * run a program and capture its output, feed a program input through a pipe, see a failing
 * program raise {@code CalledProcessError}, and stop a program that runs too long with a timeout.
 * The programs are the system's own ({@code sh}, {@code sort}, {@code sleep}).
 */
public final class SubprocessExample extends BaseExample {
    public SubprocessExample() {
        super("subprocess", Topic.PROCESSES,
                "subprocess.run and Popen: capture a program's output, pipe input to sort, a non-zero exit raises, a timeout kills",
                "subprocess.run与Popen：获取程序输出、通过管道把输入交给sort、非零退出码抛出异常、超时则结束子进程",
                "002 subprocess模块 (创建子进程并通过管道通信)");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        // r = subprocess.run(['sh', '-c', 'echo hello from $0'], capture_output=True)
        CompletedProcess hello = Subprocess.run(List.of("sh", "-c", "echo hello from pid $$"),
                RunOptions.builder().captureOutput(true).build());
        ctx.say("run: return code %d, stdout %s", "run：返回码%d，标准输出%s",
                hello.returnCode(), Py.repr(hello.stdoutText().strip()));

        // p = Popen(['sort'], stdin=PIPE, stdout=PIPE); out, _ = p.communicate(b'...')
        try (Popen sort = new Popen(List.of("sort"), RunOptions.builder()
                .stdin(Redirect.PIPE).stdout(Redirect.PIPE).build())) {
            CompletedProcess sorted = sort.communicate("pear\napple\nfig\n".getBytes());
            ctx.say("Popen + communicate: sort returned %s", "Popen与communicate：sort返回%s",
                    Py.repr(List.of(sorted.stdoutText().strip().split("\n"))));
        }

        // subprocess.run(['sh', '-c', 'exit 3'], check=True) -> CalledProcessError
        try {
            Subprocess.run(List.of("sh", "-c", "exit 3"), RunOptions.builder().check(true).build());
        } catch (CalledProcessException e) {
            ctx.say("check=True: %s", "check=True：%s", e.getMessage());
        }

        // subprocess.run(['sleep', '30'], timeout=0.5) -> TimeoutExpired, the child is killed
        long start = System.nanoTime();
        try {
            Subprocess.run(List.of("sleep", "30"), RunOptions.builder()
                    .timeout(Duration.ofMillis(Math.max(50, Math.round(500 * ctx.timeScale())))).build());
        } catch (TimeoutExpiredException e) {
            ctx.say("timeout: %s (the child was killed after %.1f s)", "超时：%s（子进程在%.1f秒后被结束）",
                    e.getMessage(), (System.nanoTime() - start) / 1e9);
        }
        ctx.result("four subprocess calls: output captured, input piped, a failure raised, a timeout enforced",
                "四次subprocess调用：获取输出、管道输入、失败抛出异常、超时被执行");
    }
}
