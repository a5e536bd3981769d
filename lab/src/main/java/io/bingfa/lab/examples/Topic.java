package io.bingfa.lab.examples;

/** The groups {@code example list} and {@code lab} show the examples in, in the course's order. */
public enum Topic {
    /** Starting, joining and naming threads; daemon threads. */
    THREADS("Threads: starting, joining, naming, daemons", "线程：开启、join、属性、守护线程"),
    /** Shared data and the locks that protect it. */
    LOCKS("Shared data and locks", "共享数据与互斥锁"),
    /** Queues between producers, consumers and workers. */
    QUEUES("Queues: producers, consumers, workers", "队列：生产者、消费者与工作线程"),
    /** Threads that wait for each other: conditions and events. */
    SIGNALS("Waiting for each other: Condition and Event", "线程同步：条件变量与事件"),
    /** Deadlocks, found and avoided. */
    DEADLOCKS("Deadlocks", "死锁"),
    /** concurrent.futures' thread pools: submit, done callbacks, map. */
    THREAD_POOLS("Thread pools: concurrent.futures", "线程池：concurrent.futures"),
    /** multiprocessing: processes, their queues, pipes, pools and shared memory. */
    PROCESSES("Processes: multiprocessing", "进程：multiprocessing"),
    /** asyncio: coroutines sharing one event loop. */
    COROUTINES("Coroutines: asyncio", "协程：asyncio");

    private final String en;
    private final String zh;

    Topic(String en, String zh) {
        this.en = en;
        this.zh = zh;
    }

    /** The topic's heading in {@code lang}. */
    public String title(Lang lang) {
        return lang.pick(en, zh);
    }
}
