package io.bingfa.lab.experiments;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One experiment's part of the report: what was run, the figures (printed to the console as they
 * come), the chart, the conclusion computed from the figures, and an optional verbatim excerpt.
 */
public final class Section {
    private final String name;
    private final String title;
    private final String question;
    private final String origin;
    private final PrintStream out;
    private final List<String[]> parameters = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private List<String> headers = List.of();
    private final List<List<String>> rows = new ArrayList<>();
    private Chart<?, ?> chart;
    private String chartFile;
    private String conclusion;
    private String excerpt;
    private String failure;
    private double seconds;

    Section(String name, String title, String question, String origin, PrintStream out) {
        this.name = name;
        this.title = title;
        this.question = question;
        this.origin = origin;
        this.out = out;
    }

    /** Records a parameter of the run: "tasks" = "4000". */
    public void parameter(String label, Object value) {
        parameters.add(new String[] {label, String.valueOf(value)});
    }

    /** A note on method (how memory was measured, what was scaled). */
    public void note(String text) {
        notes.add(text);
    }

    /** Sets the table's columns and prints them. */
    public void headers(String... columns) {
        headers = List.of(columns);
        out.println();
        out.println("== " + title + " ==");
        printRow(headers);
        out.println(dashes());
    }

    /** Adds a row of figures and prints it at once. */
    public void row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(String.valueOf(cell));
        }
        rows.add(row);
        printRow(row);
    }

    private String dashes() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < headers.size(); i++) {
            b.append(i == 0 ? "" : "-+-").append("-".repeat(width(i)));
        }
        return b.toString();
    }

    private int width(int column) {
        int header = column < headers.size() ? displayWidth(headers.get(column)) : 0;
        return Math.max(header, column == 0 ? 34 : 12);
    }

    private void printRow(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            int pad = Math.max(0, width(i) - displayWidth(cell));
            b.append(i == 0 ? "" : " | ");
            if (i == 0) {
                b.append(cell).append(" ".repeat(pad));
            } else {
                b.append(" ".repeat(pad)).append(cell);
            }
        }
        out.println(b);
    }

    /** Columns a string takes in a terminal: CJK characters take two. */
    private static int displayWidth(String s) {
        int w = 0;
        for (int i = 0; i < s.length(); i++) {
            w += s.charAt(i) >= 0x2E80 ? 2 : 1;
        }
        return w;
    }

    public void chart(Chart<?, ?> chart) {
        this.chart = chart;
    }

    /** The conclusion drawn from the figures; printed at once. */
    public void conclusion(String text) {
        this.conclusion = text;
        out.println("=> " + text);
    }

    /** Verbatim program output shown in the report (the deadlock report). */
    public void excerpt(String text) {
        this.excerpt = text;
    }

    void failed(String failure) {
        this.failure = failure;
    }

    void chartFile(String file) {
        this.chartFile = file;
    }

    void seconds(double seconds) {
        this.seconds = seconds;
    }

    public String name() { return name; }
    public String title() { return title; }
    public String question() { return question; }
    public String origin() { return origin; }
    public List<String[]> parameters() { return Collections.unmodifiableList(parameters); }
    public List<String> notes() { return Collections.unmodifiableList(notes); }
    public List<String> headers() { return headers; }
    public List<List<String>> rows() { return Collections.unmodifiableList(rows); }
    public Chart<?, ?> chart() { return chart; }
    public String chartFile() { return chartFile; }
    public String conclusion() { return conclusion; }
    public String excerpt() { return excerpt; }
    public String failure() { return failure; }
    public double seconds() { return seconds; }
}
