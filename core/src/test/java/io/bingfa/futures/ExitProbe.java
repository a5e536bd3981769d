package io.bingfa.futures;

import java.util.concurrent.RejectedExecutionException;

/**
 * A child-JVM program for {@link JvmExitTest}: {@code apple} leaves a pool with a pending task and
 * returns from main; {@code atexit} submits from a shutdown hook until the pool refuses.
 */
public final class ExitProbe {
    private ExitProbe() {}

    public static void main(String[] args) throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1);
        switch (args[0]) {
            case "apple" -> pool.submit(() -> {
                Thread.sleep(200);
                System.out.println("apple");
                return null;
            });
            case "atexit" -> {
                pool.submit(() -> null).result();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    while (System.nanoTime() < deadline) {
                        try {
                            pool.submit(() -> null);
                            Thread.sleep(1);
                        } catch (RejectedExecutionException e) {
                            System.out.println(e.getMessage());
                            return;
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    System.out.println("never rejected");
                }));
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
