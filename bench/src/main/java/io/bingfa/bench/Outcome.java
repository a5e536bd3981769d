package io.bingfa.bench;

/**
 * The figures of one side-by-side run. A side's value is {@code null} when it was skipped or failed;
 * {@code failure} says what went wrong (a failed check or an error), {@code null} when nothing did.
 */
record Outcome(Benchmark benchmark, Double bingfa, Double jdk, Double cpython, String cpythonNote, String failure) {

    boolean failed() {
        return failure != null;
    }

    /** bingfa over CPython, above 1 meaning faster; {@code null} when a figure is missing. */
    Double vsCpython() {
        return ratio(cpython);
    }

    /** bingfa over the JDK peer, above 1 meaning faster; {@code null} when a figure is missing. */
    Double vsJdk() {
        return ratio(jdk);
    }

    private Double ratio(Double theirs) {
        return bingfa == null || theirs == null ? null : benchmark.unit().ratio(bingfa, theirs);
    }

    /**
     * {@code met}, {@code missed} or {@code n/a} for the goal against CPython, or for an absolute
     * goal ({@link Goal#isAbsolute()}) for the bingfa figure itself.
     */
    String cpythonStatus() {
        Goal goal = benchmark.goal();
        if (goal.isAbsolute()) {
            return bingfa == null ? "n/a" : goal.meets(bingfa) ? "met" : "missed";
        }
        if (goal.isEqualSemantics()) {
            return failed() ? "missed" : "met";
        }
        Double r = vsCpython();
        return r == null ? "n/a" : r >= goal.vsCpython() ? "met" : "missed";
    }

    /** {@code met}, {@code missed} or {@code n/a} for the floor against the JDK peer. */
    String jdkStatus() {
        Goal goal = benchmark.goal();
        if (goal.isAbsolute()) {
            return "n/a";
        }
        if (Double.isNaN(goal.jdkFloor())) {
            return failed() ? "missed" : "met";
        }
        Double r = vsJdk();
        return r == null ? "n/a" : r >= goal.jdkFloor() ? "met" : "missed";
    }
}
