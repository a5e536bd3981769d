package io.bingfa.lab.examples;

import io.bingfa.threading.Lock;
import java.util.ArrayList;
import java.util.List;

/**
 * 100 {@code AddMoneyThread}s each deposit 1 yuan into one {@code Account}, which takes 0.01 s
 * between computing the new balance and storing it. With the account's {@link Lock} the balance is
 * exactly 100; with {@code --no-lock} it is far less. Course notes 002 (Python中的多线程).
 */
public final class BankAccount extends BaseExample {
    private static final int THREADS = 100;

    public BankAccount() {
        super("bank-account", Topic.LOCKS,
                "100 threads deposit 1 yuan each into one Account: exactly 100 with its Lock",
                "100个线程各向同一个账户存入1元：账户加锁后余额正好100元",
                "002 Python中的多线程 (Account, AddMoneyThread)",
                ExampleOption.flag("no-lock",
                        "the first version, without the lock: the balance comes out far below 100",
                        "第一个版本，不加锁：余额远远小于100元"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx, !ctx.flag("no-lock")).main();
    }

    private static final class Program {
        private final ExampleContext ctx;
        private final boolean locked;

        Program(ExampleContext ctx, boolean locked) {
            this.ctx = ctx;
            this.locked = locked;
        }

        final class Account {
            /** Volatile, as a Python attribute: each read sees the last write. */
            private volatile int balance;
            private final Lock lock = new Lock("account");

            void deposit(int money) throws InterruptedException {
                if (!locked) {
                    int newBalance = balance + money;     // 计算存款后的余额
                    ctx.sleep(0.01);                      // 模拟受理存款业务需要0.01秒的时间
                    balance = newBalance;                 // 修改账户余额
                    return;
                }
                lock.acquire();                           // 先获取锁才能执行后续的代码
                try {
                    int newBalance = balance + money;
                    ctx.sleep(0.01);
                    balance = newBalance;
                } finally {
                    lock.release();                       // 在finally中执行释放锁的操作保证正常异常锁都能释放
                }
            }

            int balance() {
                return balance;
            }
        }

        final class AddMoneyThread extends Thread {
            private final Account account;
            private final int money;

            AddMoneyThread(Account account, int money) {
                this.account = account;
                this.money = money;
            }

            @Override
            public void run() {
                try {
                    account.deposit(money);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        void main() throws InterruptedException {
            Account account = new Account();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {          // 创建100个存款的线程向同一个账户中存钱
                Thread t = new AddMoneyThread(account, 1);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {                    // 等所有存款的线程都执行完毕
                t.join();
            }
            ctx.say("Account balance: ￥%d", "账户余额为: ￥%d元", account.balance());
            ctx.result("balance = %d (expected %d)%s", "余额 = %d（期望为%d）%s", account.balance(), THREADS,
                    account.balance() == THREADS
                            ? ""
                            : ctx.text(": deposits made on a stale balance overwrote each other",
                                    "：基于旧余额计算的存款互相覆盖了"));
        }
    }
}
