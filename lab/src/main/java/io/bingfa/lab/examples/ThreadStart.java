package io.bingfa.lab.examples;

import io.bingfa.threading.Threads;

/**
 * The two ways to start a thread: a target function ({@code Thread(target=task, args=('egon',))})
 * and a subclass that overrides {@code run()}. Course notes 000 §一 and 001's music/movie.
 */
public final class ThreadStart extends BaseExample {
    public ThreadStart() {
        super("thread-start", Topic.THREADS,
                "the two ways to start a thread: a target function, and a Thread subclass with run()",
                "开启线程的两种方式：传入目标函数，或继承Thread类重写run()",
                "000 §一 开启线程的两种方式; 001 线程的创建 (music/movie)",
                ExampleOption.count("times", 10,
                        "how many times music and movie print (the course: 10)",
                        "听音乐、看电影各打印几次（课程中为10）"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Program(ctx).main();
    }

    /** The course's module: its functions are methods, its globals fields. */
    private static final class Program {
        private final ExampleContext ctx;
        private int started;

        Program(ExampleContext ctx) {
            this.ctx = ctx;
        }

        // def task(name): ...
        void task(String name) throws InterruptedException {
            ctx.print("%s is running", name);
            ctx.sleep(1);
            ctx.print("%s is over", name);
        }

        // class MyThead(Thread): ... def run(self): ...
        final class MyThread extends Thread {
            MyThread(String name) {
                super(name);                              // super().__init__(); self.name = name
            }

            @Override
            public void run() {
                ctx.print("%s is running", getName());
                try {
                    ctx.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
                ctx.print("egon DSB");
            }
        }

        void music(String name, int n) {
            for (int i = 0; i < n; i++) {
                ctx.say("listening to %s, time %s", "听音乐%s第%s次", name, i);
            }
        }

        void movie(String name, int n) {
            for (int i = 0; i < n; i++) {
                ctx.say("watching %s, time %s", "看电影%s第%s次", name, i);
            }
        }

        final class Music extends Thread {
            private final int n;

            Music(String name, int n) {
                super(name);
                this.n = n;
            }

            @Override
            public void run() {
                for (int i = 0; i < n; i++) {
                    ctx.say("listening to %s, time %s", "听音乐%s第%s次", getName(), i);
                }
            }
        }

        final class Movie extends Thread {
            private final int n;

            Movie(String name, int n) {
                super(name);
                this.n = n;
            }

            @Override
            public void run() {
                for (int i = 0; i < n; i++) {
                    ctx.say("watching %s, time %s", "看电影%s第%s次", getName(), i);
                }
            }
        }

        void main() throws InterruptedException {
            String main = ctx.text("main", "主");
            String song = ctx.text("Wild Wolf Disco", "野狼Disco");
            String film = ctx.text("Ne Zha", "哪吒");
            int n = ctx.count("times");

            ctx.say("--- 1. a target function: Thread(target=task, args=('egon',))",
                    "--- 1. 传入目标函数：Thread(target=task, args=('egon',))");
            Thread t = Threads.start(() -> task("egon"));
            started++;
            ctx.print(main);
            // Python's main would end here and the interpreter would wait for t; we wait now so that
            // the next part starts on its own.
            t.join();

            ctx.say("--- 2. a subclass of Thread that overrides run(): MyThead('egon')",
                    "--- 2. 继承Thread类，重写run()：MyThead('egon')");
            Thread t2 = new MyThread("egon");
            t2.start();
            started++;
            ctx.print(main);
            t2.join();

            ctx.say("--- 3. music and movie as target functions",
                    "--- 3. 听音乐、看电影：传入目标函数");
            Thread t1 = Threads.start(() -> music(song, n));
            Thread t3 = Threads.start(() -> movie(film, n));
            started += 2;
            t1.join();
            t3.join();

            ctx.say("--- 4. Music and Movie as subclasses of Thread",
                    "--- 4. Music、Movie：继承Thread类");
            Thread music = new Music(song, n);
            Thread movie = new Movie(film, n);
            music.start();
            movie.start();
            started += 2;
            music.join();
            movie.join();

            ctx.result("%d threads started, 3 from target functions and 3 from Thread subclasses; all ran to the end",
                    "共启动%d个线程：3个传入目标函数，3个继承Thread类；全部运行结束", started);
        }
    }
}
