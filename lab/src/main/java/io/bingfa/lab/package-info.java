/**
 * The lab's command line ({@code ./bingfa example ...}, {@code ./bingfa lab}): {@link io.bingfa.lab.Main}
 * dispatches, {@code ExampleCommand} lists and runs the course's examples, {@code LabCommand} will run
 * the lab's experiments. Nothing outside the lab uses this package.
 */
package io.bingfa.lab;
