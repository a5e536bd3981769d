package io.bingfa.lab.examples;

import java.util.List;

/**
 * One of the course's Python programs, written with bingfa so that a Python user recognises it:
 * {@code ./bingfa example NAME} runs it. It prints what the Python version prints (in English, or the
 * course's Chinese with {@code --lang zh}) and ends with a {@code result:} line that says whether
 * the program showed what it is meant to show.
 */
public interface Example {
    /** The name on the command line, kebab-case: {@code mutex-countdown}. */
    String name();

    /** The group it is listed under. */
    Topic topic();

    /** One line saying what it shows, in {@code lang}. */
    String description(Lang lang);

    /** Where the Python original is in the course notes: {@code "000 §六 线程互斥锁"}. */
    String origin();

    /** The options this example takes besides the common ones. */
    List<ExampleOption> options();

    /**
     * Runs the program. Threads it starts and does not join are waited for afterwards, as Python's
     * interpreter waits for non-daemon threads at exit.
     *
     * @param ctx where to print, the language, the time scale, the random numbers and the options
     * @throws Exception if the program fails
     */
    void run(ExampleContext ctx) throws Exception;
}
