package io.bingfa.multiprocessing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;

/**
 * The child JVM of the shared-memory tests, started by {@link ShmChild}: attaches a value, array or
 * lock passed as a Base64-serialised argument, as a child handed it by a serialisable lambda would,
 * and runs one command. It talks to the parent by lines: it prints {@code ready} (or {@code held},
 * {@code waiting}) and waits for any line on standard input before going on, then prints
 * {@code done}. End of input (the parent is gone) ends it too.
 */
public final class ShmChildMain {
    private ShmChildMain() {}

    public static void main(String[] args) throws Exception {
        BufferedReader parent = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "add" -> { // 1 = SharedValue, 2 = times: getAndAdd(1) in a loop
                SharedValue value = (SharedValue) decode(args[1]);
                int times = Integer.parseInt(args[2]);
                say("ready");
                parent.readLine();
                for (int i = 0; i < times; i++) {
                    value.getAndAdd(1);
                }
            }
            case "lockedAdd" -> { // 1 = SharedValue, 2 = times: a non-atomic increment under value.lock()
                SharedValue value = (SharedValue) decode(args[1]);
                int times = Integer.parseInt(args[2]);
                ProcessLock lock = value.lock();
                say("ready");
                parent.readLine();
                for (int i = 0; i < times; i++) {
                    lock.acquire();
                    try {
                        value.set(value.get() + 1);
                    } finally {
                        lock.release();
                    }
                }
            }
            case "setLong" -> { // 1 = SharedValue, 2 = new value; prints the value it found
                SharedValue value = (SharedValue) decode(args[1]);
                say("was " + value.get());
                value.set(Long.parseLong(args[2]));
            }
            case "setDouble" -> {
                SharedValue value = (SharedValue) decode(args[1]);
                say("was " + value.getDouble());
                value.set(Double.parseDouble(args[2]));
            }
            case "prefixSums" -> { // 1 = SharedArray of longs: a[i] += a[i - 1], in place
                SharedArray array = (SharedArray) decode(args[1]);
                for (int i = 1; i < array.length(); i++) {
                    array.set(i, array.get(i) + array.get(i - 1));
                }
            }
            case "doubleAll" -> { // 1 = SharedArray of doubles: a[i] *= 2, in place
                SharedArray array = (SharedArray) decode(args[1]);
                for (int i = 0; i < array.length(); i++) {
                    array.set(i, array.getDouble(i) * 2);
                }
            }
            case "hold" -> { // 1 = ProcessLock: hold it until told to release
                ProcessLock lock = (ProcessLock) decode(args[1]);
                lock.acquire();
                say("held");
                parent.readLine();
                lock.release();
            }
            case "holdForever" -> { // 1 = ProcessLock: hold it until killed or told to exit
                ProcessLock lock = (ProcessLock) decode(args[1]);
                lock.acquire();
                say("held");
                parent.readLine();
            }
            case "acquire" -> { // 1 = ProcessLock: wait for it, then release it
                ProcessLock lock = (ProcessLock) decode(args[1]);
                say("waiting");
                lock.acquire();
                say("acquired");
                lock.release();
            }
            case "create" -> { // creates a long value 7, prints it serialised, waits, exits normally
                SharedValue value = SharedValue.ofLong(7);
                say(ShmChild.encode(value));
                parent.readLine();
                Reference.reachabilityFence(value); // its file must live until the JVM exits
            }
            default -> throw new IllegalArgumentException("command: " + args[0]);
        }
        say("done");
    }

    private static Object decode(String base64) throws IOException, ClassNotFoundException {
        return ShmChild.decode(base64);
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
