package io.bingfa.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bingfa.lab.examples.DownloadController;
import io.bingfa.lab.examples.Lang;
import java.awt.GraphicsEnvironment;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The download window: its controller without any window, the scripted session headless and under Xvfb. */
class DownloadWindowTest {
    private static final String RESULT = "^mode (single|threaded), (in a window|without a window \\(no display\\)): "
            + "\"about\" was handled (\\d+\\.\\d+) s after its click, (before|after) the download ended "
            + "\\(download 10\\.0 s, about clicked at (\\d+\\.\\d+) s\\): (.*)$";

    /** A window that records what the controller does; the test thread plays the UI thread. */
    static final class FakeUi implements DownloadController.Ui {
        final BlockingQueue<Runnable> queued = new LinkedBlockingQueue<>();
        final List<String> shown = new ArrayList<>();
        boolean downloadEnabled = true;

        @Override
        public void later(Runnable action) {
            queued.add(action);
        }

        @Override
        public void setDownloadEnabled(boolean enabled) {
            downloadEnabled = enabled;
        }

        @Override
        public void showInfo(String title, String message) {
            shown.add(title + ": " + message);
        }
    }

    @Test
    void singleModeDownloadsInTheCommandSoAboutComesAfterIt() {
        FakeUi ui = new FakeUi();
        DownloadController c = new DownloadController(ui, DownloadController.Mode.SINGLE, Duration.ofMillis(20), Lang.ZH);
        c.download();   // returns only when the download is over
        c.about();
        assertEquals(List.of("提示: 下载完成!", "关于: 作者: 骆昊(v1.0)"), ui.shown);
        assertTrue(ui.downloadEnabled);
        assertNull(c.handler());
        assertTrue(ui.queued.isEmpty());
    }

    @Test
    void threadedModeDisablesTheButtonAndHandsTheEndBackToTheUiThread() throws Exception {
        FakeUi ui = new FakeUi();
        DownloadController c = new DownloadController(ui, DownloadController.Mode.THREADED, Duration.ZERO, Lang.EN);
        c.download();
        assertFalse(ui.downloadEnabled);
        c.about();
        assertEquals(List.of("About: Author: Luo Hao (v1.0)"), ui.shown);
        Thread handler = c.handler();
        assertNotNull(handler);
        assertTrue(handler.isDaemon());
        handler.join();
        assertEquals(List.of("About: Author: Luo Hao (v1.0)"), ui.shown, "the thread does not touch the window itself");
        Runnable end = ui.queued.poll(10, TimeUnit.SECONDS);
        assertNotNull(end);
        end.run();
        assertEquals(List.of("About: Author: Luo Hao (v1.0)", "Info: Download finished!"), ui.shown);
        assertTrue(ui.downloadEnabled);
    }

    @Test
    void threadedModeKeepsTheWindowResponsiveDuringALongDownload() throws Exception {
        FakeUi ui = new FakeUi();
        DownloadController c = new DownloadController(ui, DownloadController.Mode.THREADED, Duration.ofMinutes(1), Lang.EN);
        c.download();
        c.about();   // handled at once, the download still running
        assertEquals(List.of("About: Author: Luo Hao (v1.0)"), ui.shown);
        assertFalse(ui.downloadEnabled);
        Thread handler = c.handler();
        assertTrue(handler.isAlive());
        handler.interrupt();   // the process ending: a daemon thread dies without finishing
        handler.join();
        assertTrue(ui.queued.isEmpty());
    }

    @Test
    void headlessSingleModeHandlesAboutOnlyAfterTheDownload() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present: the example would open a window");
        LabRun.Result r = LabRun.example("download-window", "--mode", "single", "--time-scale", "0.1");
        Matcher m = r.result(RESULT);
        assertEquals("without a window (no display)", m.group(2), r.both());
        assertEquals("after", m.group(4), r.both());
        double delay = Double.parseDouble(m.group(3));
        assertTrue(delay >= 0.7 * 10, "about waited " + delay + " s\n" + r.both());
        assertEquals("the window froze until the download was done", m.group(6), r.both());
        List<String> lines = r.lines();
        assertTrue(lines.indexOf("click: about") < lines.indexOf("showinfo('Info', 'Download finished!')"), r.both());
        assertTrue(lines.indexOf("showinfo('Info', 'Download finished!')")
                < lines.indexOf("showinfo('About', 'Author: Luo Hao (v1.0)')"), r.both());
        assertEquals(0, r.count("[download button disabled]"), r.both());
    }

    @Test
    void headlessThreadedModeHandlesAboutAtOnce() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present: the example would open a window");
        LabRun.Result r = LabRun.example("download-window", "--time-scale", "0.05");
        Matcher m = r.result(RESULT);
        assertEquals("threaded", m.group(1), r.both());
        assertEquals("before", m.group(4), r.both());
        double delay = Double.parseDouble(m.group(3));
        assertTrue(delay < 5, "about waited " + delay + " s\n" + r.both());
        assertEquals("the window stayed responsive during the download", m.group(6), r.both());
        List<String> lines = r.lines();
        assertTrue(lines.indexOf("[download button disabled]") < lines.indexOf("click: about"), r.both());
        assertTrue(lines.indexOf("showinfo('About', 'Author: Luo Hao (v1.0)')")
                < lines.indexOf("showinfo('Info', 'Download finished!')"), r.both());
        assertTrue(lines.indexOf("showinfo('Info', 'Download finished!')")
                < lines.indexOf("[download button enabled]"), r.both());
    }

    @Test
    void headlessInChinese() {
        assumeTrue(GraphicsEnvironment.isHeadless(), "a display is present: the example would open a window");
        LabRun.Result r = LabRun.example("download-window", "--time-scale", "0.01", "--lang", "zh");
        assertEquals(1, r.count("点击: 关于"), r.both());
        assertEquals(1, r.count("showinfo('关于', '作者: 骆昊(v1.0)')"), r.both());
        r.result("^模式threaded，不显示窗口（没有显示器）：点击“关于”");
    }

    @ParameterizedTest(name = "--mode {0}")
    @ValueSource(strings = {"threaded", "single"})
    void underXvfbTheWindowIsShownClickedAndClosed(String mode) throws Exception {
        String xvfb = onPath("Xvfb");
        assumeTrue(xvfb != null, "Xvfb is not installed");
        // -displayfd 1: Xvfb takes the first free display number and prints it once it accepts clients
        Process server = new ProcessBuilder(xvfb, "-displayfd", "1", "-screen", "0", "640x480x24", "-nolisten", "tcp")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String display;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                display = in.readLine();
            }
            assumeTrue(display != null && display.matches("\\d+"), "Xvfb did not start");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "io.bingfa.lab.Main", "example", "download-window", "--mode", mode, "--time-scale", "0.1")
                    .redirectErrorStream(true);
            pb.environment().put("DISPLAY", ":" + display);
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            Process child = pb.start();
            String out;
            try {
                out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not end\n" + out);
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            assertEquals(0, child.exitValue(), out);
            List<String> lines = out.lines().toList();
            assertEquals("window shown; the clicks are scripted", lines.get(0), out);
            assertTrue(lines.contains("window closed"), out);
            String last = lines.get(lines.size() - 1);
            assertTrue(last.startsWith("result: "), out);
            Matcher m = Pattern.compile(RESULT).matcher(last.substring("result: ".length()));
            assertTrue(m.find(), out);
            assertEquals(mode, m.group(1), out);
            assertEquals("in a window", m.group(2), out);
            double delay = Double.parseDouble(m.group(3));
            if (mode.equals("single")) {
                assertEquals("after", m.group(4), out);
                assertTrue(delay >= 0.7 * 10, out);
            } else {
                assertEquals("before", m.group(4), out);
                assertTrue(delay < 5, out);
            }
        } finally {
            server.destroy();
            if (!server.waitFor(10, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor();
            }
        }
    }

    private static String onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
