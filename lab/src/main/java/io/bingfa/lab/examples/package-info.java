/**
 * The course's Python threading and queue programs written with bingfa, one class each, so that a
 * Python user recognises them: module globals become fields of a {@code Program} class, functions its
 * methods, {@code Thread} subclasses stay subclasses of {@link java.lang.Thread}, and
 * {@code with lock:} becomes {@code try (var held = lock.hold())}. Every example prints what the
 * Python version prints, in English or (with {@code --lang zh}) the course's Chinese, and ends with a
 * {@code result:} line; {@link io.bingfa.lab.examples.ExampleContext} scales its sleeps and seeds its
 * random numbers, and {@link io.bingfa.lab.examples.ExampleRunner} waits for the threads it leaves
 * running, as Python's interpreter does at exit.
 */
package io.bingfa.lab.examples;
