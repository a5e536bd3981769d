package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs experiments one after another and writes the report. An experiment that fails gets a section
 * saying so, and the run goes on; the exit code is then 1.
 */
public final class LabRunner {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private LabRunner() {}

    /**
     * Runs {@code experiments} and writes {@code out/index.html}.
     *
     * @return 0 if every experiment ran, 1 if one failed
     */
    public static int run(List<Experiment> experiments, Lang lang, boolean quick, boolean python, Path dir,
            PrintStream out, PrintStream err) {
        PythonTwin twin = null;
        String pythonVersion = null;
        if (python) {
            List<String> why = new ArrayList<>();
            twin = PythonTwin.find(why);
            if (twin == null) {
                err.println(lang.pick("lab: --python: no CPython twin (" + String.join("; ", why) + "); going on without it",
                        "lab：--python：无法运行CPython版本（" + String.join("; ", why) + "），继续只运行Java版本"));
            } else {
                pythonVersion = twin.version();
            }
        }
        if (lang == Lang.ZH && !Charts.canDrawChinese()) {
            err.println("lab: no Chinese font for the charts here: their Chinese labels will show as boxes"
                    + " (the report's text is fine). Install one: " + Charts.CJK_FONT_HINT);
        }
        LabContext ctx = new LabContext(lang, quick, twin, out, err);
        out.println(lang.pick("bingfa lab", "bingfa 实验") + " — " + Report.machine(lang)
                + (quick ? " — --quick" : ""));
        List<Section> sections = new ArrayList<>();
        int code = 0;
        for (Experiment e : experiments) {
            Section s = new Section(e.name(), e.title(lang), e.question(lang), e.origin(), out);
            long start = System.nanoTime();
            try {
                e.run(ctx, s);
            } catch (Exception | Error failure) {
                code = 1;
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                err.println("lab: " + e.name() + " failed:");
                err.print(trace);
                s.failed(String.valueOf(failure));
            }
            s.seconds((System.nanoTime() - start) / 1e9);
            sections.add(s);
        }
        try {
            Path index = Report.write(dir, lang, quick, pythonVersion, sections);
            out.println();
            out.println(lang.pick("report: ", "报告：") + index.toAbsolutePath().normalize());
        } catch (Exception failure) {
            err.println("lab: could not write the report in " + dir + ": " + failure);
            return 1;
        }
        return code;
    }
}
