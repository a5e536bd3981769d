package io.bingfa.lab.examples;

import io.bingfa.threading.Threads;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code threading.local()} is {@link ThreadLocal} in Java: defined once, globally, but each thread
 * sees its own value (100 or 200), while a field of one shared object is overwritten by whichever
 * thread wrote last. Course notes 001 ThreadLocal对象.
 */
public final class ThreadLocalBalance extends BaseExample {
    public ThreadLocalBalance() {
        super("thread-local", Topic.LOCKS,
                "a ThreadLocal balance: each thread sees its own (100 or 200); a shared object's field is overwritten",
                "ThreadLocal线程绑定对象：每个线程看到自己的余额（100或200），共享对象的属性却被覆盖",
                "001 ThreadLocal对象---线程绑定对象");
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final ThreadLocal<Integer> local = new ThreadLocal<>();   // local = threading.local()

        static final class A {
            volatile int hehe;
        }

        private final A a = new A();
        /** What each thread read from {@code local} that was not its own money (should stay empty). */
        private final Map<String, Integer> foreignLocal = new ConcurrentHashMap<>();
        /** How often each thread read a {@code hehe} written by the other thread. */
        private final Map<String, Integer> foreignHehe = new ConcurrentHashMap<>();

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        void fun(int money) throws InterruptedException {
            local.set(money);                             // 在线程绑定对象中创建了一个实例属性
            a.hehe = money;
            String name = Threads.current().getName();
            for (int i = 0; i < 10; i++) {
                ctx.sleep(0.01);
                int mine = local.get();
                int hehe = a.hehe;
                ctx.say("balance is %s current thread: %s", "余额为%s 当前线程为：%s", mine, name);
                ctx.say("hehe is: %s", "hehe值为：%s", hehe);
                if (mine != money) {
                    foreignLocal.merge(name, 1, Integer::sum);
                }
                if (hehe != money) {
                    foreignHehe.merge(name, 1, Integer::sum);
                }
            }
        }

        void main() throws InterruptedException {
            Thread t1 = Threads.start(() -> fun(100));
            Thread t2 = Threads.start(() -> fun(200));
            t1.join();
            t2.join();
            int overwritten = foreignHehe.values().stream().mapToInt(Integer::intValue).sum();
            ctx.result("local.money: %s saw only 100 and %s only 200: %s; a.hehe showed the other thread's value %d of 20 times",
                    "local.money：%s只看到100，%s只看到200：%s；a.hehe在20次读取中有%d次是另一个线程写入的值",
                    t1.getName(), t2.getName(), Py.repr(foreignLocal.isEmpty()), overwritten);
        }
    }
}
