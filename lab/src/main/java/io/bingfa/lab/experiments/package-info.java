/**
 * The lab's experiments ({@code ./bingfa lab}): each measures what one of the course's programs
 * shows, prints a table as it goes, and hands back a {@link io.bingfa.lab.experiments.Section} that
 * {@link io.bingfa.lab.experiments.Report} writes into {@code lab-report/index.html} with its chart.
 */
package io.bingfa.lab.experiments;
