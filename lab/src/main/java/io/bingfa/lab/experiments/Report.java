package io.bingfa.lab.experiments;

import io.bingfa.lab.examples.Lang;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;

/**
 * Writes {@code index.html} and one PNG chart per section into a folder: a self-contained page (inline
 * CSS, no scripts, no network) with the machine, a table of contents, and a section per experiment.
 */
public final class Report {
    private Report() {}

    /** The machine line: cores, JDK, OS. */
    static String machine(Lang lang) {
        return lang.pick("%d cores · Java %s (%s) · %s %s %s", "%d 核 · Java %s（%s）· %s %s %s").formatted(
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"));
    }

    /**
     * Writes the report.
     *
     * @return the index.html written
     */
    static Path write(Path dir, Lang lang, boolean quick, String python, List<Section> sections) throws IOException {
        Files.createDirectories(dir);
        for (Section s : sections) {
            if (s.chart() != null) {
                String file = s.name() + ".png";
                BitmapEncoder.saveBitmapWithDPI(s.chart(), dir.resolve(file).toString(),
                        BitmapEncoder.BitmapFormat.PNG, 144);
                s.chartFile(file);
            }
        }
        StringBuilder h = new StringBuilder();
        String title = lang.pick("bingfa lab report", "bingfa 实验报告");
        h.append("<!DOCTYPE html>\n<html lang=\"").append(lang == Lang.ZH ? "zh-CN" : "en").append("\">\n<head>\n")
                .append("<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<header><h1>").append(esc(title)).append("</h1>\n<p class=\"lead\">")
                .append(esc(lang.pick(
                        "Python's concurrency lessons, measured on this machine with bingfa (Java). Every number below was measured in this run; every conclusion was computed from them.",
                        "用 bingfa（Java）在本机上重现 Python 并发课程：下面每个数字都是本次运行测得的，每条结论都由这些数字得出。")))
                .append("</p>\n<dl class=\"machine\">");
        dl(h, lang.pick("Machine", "机器"), machine(lang));
        dl(h, lang.pick("Date", "日期"), ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        dl(h, lang.pick("Workloads", "工作量"), quick
                ? lang.pick("--quick: shrunk for CI, the figures are smaller than the course's", "--quick：为CI缩小，数字小于课程中的")
                : lang.pick("full size, as in the course", "完整规模，与课程相同"));
        double load = LabContext.loadAverage();
        if (load >= 0) {
            dl(h, lang.pick("Load average at the end", "结束时的系统负载"), String.format("%.2f", load)
                    + (load > Runtime.getRuntime().availableProcessors()
                            ? lang.pick(" (busy: other programs shared the CPUs)", "（繁忙：其他程序也在占用CPU）") : ""));
        }
        dl(h, "CPython", python == null ? lang.pick("not run (add --python)", "未运行（加 --python）") : python);
        if (lang == Lang.ZH && !Charts.canDrawChinese()) {
            dl(h, "图表字体", "本机没有中文字体，图表中的中文会显示为方框；请安装：" + Charts.CJK_FONT_HINT);
        }
        h.append("</dl>\n</header>\n");
        h.append("<nav><h2>").append(esc(lang.pick("Contents", "目录"))).append("</h2><ol>\n");
        for (Section s : sections) {
            h.append("<li><a href=\"#").append(s.name()).append("\">").append(esc(s.title())).append("</a>");
            if (s.conclusion() != null) {
                h.append("<span class=\"toc-c\">").append(esc(firstSentence(s.conclusion()))).append("</span>");
            }
            h.append("</li>\n");
        }
        h.append("</ol></nav>\n<main>\n");
        int n = 0;
        for (Section s : sections) {
            n++;
            h.append("<section id=\"").append(s.name()).append("\">\n<h2><span class=\"num\">").append(n)
                    .append("</span>").append(esc(s.title())).append("</h2>\n");
            h.append("<p class=\"q\"><b>").append(esc(lang.pick("Question: ", "问题：")))
                    .append("</b>").append(esc(s.question())).append("</p>\n");
            if (s.failure() != null) {
                h.append("<p class=\"fail\">").append(esc(lang.pick("This experiment failed: ", "实验失败："))).append(esc(s.failure())).append("</p>\n");
            }
            if (s.conclusion() != null) {
                h.append("<div class=\"conclusion\"><b>").append(esc(lang.pick("Conclusion", "结论")))
                        .append("</b><p>").append(esc(s.conclusion())).append("</p></div>\n");
            }
            if (s.chartFile() != null) {
                h.append("<figure><img src=\"").append(s.chartFile()).append("\" alt=\"")
                        .append(esc(s.title())).append("\"></figure>\n");
            }
            if (!s.rows().isEmpty()) {
                h.append("<h3>").append(esc(lang.pick("Figures", "数据"))).append("</h3>\n<div class=\"scroll\"><table>\n<thead><tr>");
                for (int i = 0; i < s.headers().size(); i++) {
                    h.append(i == 0 ? "<th>" : "<th class=\"n\">").append(esc(s.headers().get(i))).append("</th>");
                }
                h.append("</tr></thead>\n<tbody>\n");
                for (List<String> row : s.rows()) {
                    h.append("<tr>");
                    for (int i = 0; i < row.size(); i++) {
                        h.append(i == 0 ? "<td>" : "<td class=\"n\">").append(esc(row.get(i))).append("</td>");
                    }
                    h.append("</tr>\n");
                }
                h.append("</tbody></table></div>\n");
            }
            if (s.excerpt() != null) {
                h.append("<h3>").append(esc(lang.pick("What the program printed", "程序的输出"))).append("</h3>\n<pre>")
                        .append(esc(s.excerpt())).append("</pre>\n");
            }
            h.append("<details><summary>").append(esc(lang.pick("What was run", "运行了什么"))).append("</summary>\n<dl class=\"params\">");
            for (String[] p : s.parameters()) {
                dl(h, p[0], p[1]);
            }
            dl(h, lang.pick("Course notes", "课程笔记"), s.origin());
            dl(h, lang.pick("Time taken", "耗时"), String.format("%.1f s", s.seconds()));
            h.append("</dl>\n");
            for (String note : s.notes()) {
                h.append("<p class=\"note\">").append(esc(note)).append("</p>\n");
            }
            h.append("</details>\n</section>\n");
        }
        h.append("</main>\n<footer>").append(esc(lang.pick(
                "Written by ./bingfa lab. Run it again to measure again: numbers vary from run to run and machine to machine.",
                "由 ./bingfa lab 生成。再次运行即可重新测量：数字随每次运行和每台机器而不同。")))
                .append("</footer>\n</body>\n</html>\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, h, StandardCharsets.UTF_8);
        return index;
    }

    /** The conclusion up to its first full stop or semicolon, for the table of contents. */
    static String firstSentence(String text) {
        int end = text.length();
        for (String stop : new String[] {". ", "; ", "。", "；"}) {
            int i = text.indexOf(stop);
            if (i > 0 && i < end) {
                end = i + (stop.startsWith("。") ? 1 : stop.startsWith("；") ? 0 : stop.startsWith(".") ? 1 : 0);
            }
        }
        String first = text.substring(0, end).strip();
        return first.length() < text.strip().length() && !first.endsWith(".") && !first.endsWith("。")
                ? first + " …" : first;
    }

    private static void dl(StringBuilder h, String term, String value) {
        h.append("<dt>").append(esc(term)).append("</dt><dd>").append(esc(value)).append("</dd>");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String CSS = """
            :root { --fg:#1f2937; --muted:#6b7280; --line:#e5e7eb; --accent:#2563eb; --bg:#f8fafc; }
            * { box-sizing: border-box; }
            body { margin:0; font: 16px/1.55 -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; color:var(--fg); background:var(--bg); }
            header, nav, main, footer { max-width: 900px; margin: 0 auto; padding: 0 16px; }
            header { padding-top: 28px; }
            h1 { font-size: 1.9rem; margin: 0 0 6px; }
            .lead { color: var(--muted); margin-top: 0; }
            dl.machine, dl.params { display:grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 12px 0; font-size: .92rem; }
            dt { color: var(--muted); } dd { margin: 0; }
            nav { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 6px 20px 10px; margin-top: 12px; }
            nav h2 { font-size: 1.05rem; margin: 10px 0 4px; }
            nav ol { margin: 0; padding-left: 22px; } nav li { margin: 6px 0; }
            nav a { color: var(--accent); text-decoration: none; font-weight: 600; }
            .toc-c { display:block; color: var(--muted); font-size: .85rem; }
            section { background:#fff; border:1px solid var(--line); border-radius:10px; padding: 4px 20px 14px; margin: 18px 0; }
            section h2 { font-size: 1.35rem; margin: 16px 0 8px; display:flex; align-items:center; gap:10px; }
            .num { display:inline-flex; align-items:center; justify-content:center; width:1.7em; height:1.7em; border-radius:50%; background:var(--accent); color:#fff; font-size:.85rem; flex:none; }
            h3 { font-size: 1rem; margin: 16px 0 6px; }
            .q { margin: 4px 0 10px; }
            .conclusion { border-left: 4px solid #10b981; background:#ecfdf5; padding: 8px 14px; border-radius: 0 8px 8px 0; }
            .conclusion p { margin: 4px 0; }
            .fail { border-left: 4px solid #ef4444; background:#fef2f2; padding: 8px 14px; }
            figure { margin: 14px 0; } figure img { width: 100%; height: auto; border:1px solid var(--line); border-radius: 8px; }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; font-size: .92rem; }
            th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; white-space: nowrap; }
            th { background: #f1f5f9; font-weight: 600; }
            td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            pre { background:#0f172a; color:#e2e8f0; padding: 12px; border-radius: 8px; overflow-x:auto; font-size: .82rem; line-height:1.4; }
            details { margin-top: 12px; } summary { cursor: pointer; color: var(--accent); }
            .note { color: var(--muted); font-size: .9rem; }
            footer { color: var(--muted); font-size: .85rem; padding-bottom: 30px; }
            @media (max-width: 600px) { body { font-size: 15px; } section { padding: 2px 12px 10px; } h1 { font-size: 1.5rem; } }
            """;
}
