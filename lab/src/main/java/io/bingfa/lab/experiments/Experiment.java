package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;

/** One of the lab's experiments: asks a question, measures, and fills a {@link Section}. */
public interface Experiment {
    /** The name on the command line: {@code io-bound}. */
    String name();

    /** The section's title in {@code lang}. */
    String title(Lang lang);

    /** The question it answers, in {@code lang}. */
    String question(Lang lang);

    /** Where the programs come from in the course notes. */
    String origin();

    /**
     * Runs the experiment, printing each measurement as a table row as it is taken.
     *
     * @param ctx the run's settings and output
     * @param section where the parameters, rows, chart and conclusion go
     * @throws Exception if a measurement fails
     */
    void run(LabContext ctx, Section section) throws Exception;
}
