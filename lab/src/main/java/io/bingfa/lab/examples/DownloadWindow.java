package io.bingfa.lab.examples;

import java.awt.AWTError;
import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.HeadlessException;
import java.awt.Window;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JFrame;
import javax.swing.JOptionPane;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;

/**
 * The notes' desktop program, in Swing: a window with a "download" button (a simulated download of
 * 10 s) and an "about" button. {@code --mode single} downloads in the button's command, on the
 * Event Dispatch Thread, which then handles no other event: the window freezes and an "about" click
 * waits for the download. {@code --mode threaded} (the default) disables the button and downloads on
 * a daemon thread: "about" is handled at once. The logic is {@link DownloadController}. Course notes
 * 002 应用案例 例子1.
 *
 * <p>The clicks are scripted: "download", then "about" a quarter of the way through the download;
 * the result is how long the "about" click waited to be handled. With a display the window is shown
 * and the script clicks its buttons ({@code doClick}) and closes it at the end; without one
 * ({@link GraphicsEnvironment#isHeadless()}) the same session runs without a window, the commands
 * still dispatched on the Event Dispatch Thread, and what the window would show is printed.
 */
public final class DownloadWindow extends BaseExample {
    /** The notes' download time, in seconds. */
    private static final double DOWNLOAD_SECONDS = 10;

    public DownloadWindow() {
        super("download-window", Topic.THREADS,
                "a window's download: on the Event Dispatch Thread the window freezes, on a daemon thread it stays responsive",
                "窗口程序中的下载：在事件分发线程中下载会让窗口卡住，放到守护线程中下载窗口仍能响应",
                "002 应用案例 例子1 (tkinter download / show_about, DownloadTaskHandler)",
                ExampleOption.choice("mode", List.of("threaded", "single"),
                        "threaded: download on a daemon thread, button disabled meanwhile; single: download on the Event Dispatch Thread",
                        "threaded：在守护线程中下载，下载期间禁用按钮；single：在事件分发线程中下载"));
    }

    @Override
    public void run(ExampleContext ctx) throws Exception {
        new Session(ctx).main();
    }

    private static final class Session {
        private final ExampleContext ctx;
        private final DownloadController.Mode mode;
        private final DownloadController controller;
        private final CompletableFuture<Long> downloadStarted = new CompletableFuture<>();
        private final CompletableFuture<Long> aboutHandled = new CompletableFuture<>();
        private final CompletableFuture<Long> downloadDone = new CompletableFuture<>();
        // the window, touched on the Event Dispatch Thread only; null without a display
        private JFrame frame;
        private JButton button1;
        private JButton button2;
        private final List<Window> dialogs = new ArrayList<>();

        Session(ExampleContext ctx) {
            this.ctx = ctx;
            this.mode = ctx.option("mode").equals("single") ? DownloadController.Mode.SINGLE : DownloadController.Mode.THREADED;
            this.controller = new DownloadController(new WindowUi(), mode, ctx.scaled(DOWNLOAD_SECONDS), ctx.lang());
        }

        /** The buttons' commands, which also note when they ran. */
        void downloadCommand() {
            downloadStarted.complete(System.nanoTime());
            controller.download();
        }

        void aboutCommand() {
            controller.about();
            aboutHandled.complete(System.nanoTime());
        }

        /** What the controller does to the window: printed, and done to the window if there is one. */
        final class WindowUi implements DownloadController.Ui {
            @Override
            public void later(Runnable action) {
                SwingUtilities.invokeLater(action);
            }

            @Override
            public void setDownloadEnabled(boolean enabled) {
                ctx.print(enabled ? ctx.text("[download button enabled]", "[下载按钮已启用]")
                        : ctx.text("[download button disabled]", "[下载按钮已禁用]"));
                if (button1 != null) {
                    button1.setEnabled(enabled);
                }
            }

            @Override
            public void showInfo(String title, String message) {
                if (title.equals(ctx.text("Info", "提示"))) {
                    downloadDone.complete(System.nanoTime());
                }
                ctx.print("showinfo(%s, %s)", Py.repr(title), Py.repr(message));
                if (frame != null) {
                    // not modal, unlike tkinter's messagebox: the scripted session need not close it
                    JDialog dialog = new JOptionPane(message, JOptionPane.INFORMATION_MESSAGE).createDialog(frame, title);
                    dialog.setModal(false);
                    dialog.setVisible(true);
                    dialogs.add(dialog);
                }
            }
        }

        /** The notes' main(): the window and its two buttons. Runs on the Event Dispatch Thread. */
        void createWindow() {
            JFrame top = new JFrame(mode == DownloadController.Mode.SINGLE
                    ? ctx.text("single thread", "单线程") : ctx.text("multithreaded", "多线程"));
            top.setSize(200, 150);
            top.setAlwaysOnTop(true);
            top.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE);
            JPanel panel = new JPanel(new FlowLayout());
            button1 = new JButton(ctx.text("download", "下载"));
            button1.addActionListener(e -> downloadCommand());
            panel.add(button1);
            button2 = new JButton(ctx.text("about", "关于"));
            button2.addActionListener(e -> aboutCommand());
            panel.add(button2);
            top.add(panel, BorderLayout.SOUTH);
            top.setLocationRelativeTo(null);
            top.setVisible(true);
            frame = top;
        }

        void closeWindow() {
            dialogs.forEach(Window::dispose);
            if (frame != null) {
                frame.dispose();
            }
        }

        /** Clicks a button of the window, or runs its command on the Event Dispatch Thread without one. */
        void click(boolean download) {
            SwingUtilities.invokeLater(() -> {
                if (frame == null) {
                    if (download) {
                        downloadCommand();
                    } else {
                        aboutCommand();
                    }
                } else {
                    (download ? button1 : button2).doClick(0);
                }
            });
        }

        void main() throws Exception {
            boolean window = !GraphicsEnvironment.isHeadless();
            if (window) {
                try {
                    SwingUtilities.invokeAndWait(this::createWindow);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (!(e.getCause() instanceof AWTError || e.getCause() instanceof HeadlessException)) {
                        throw e;
                    }
                    ctx.say("cannot open a window (%s)", "无法打开窗口（%s）", e.getCause().getMessage());
                    window = false;
                }
            }
            if (window) {
                ctx.say("window shown; the clicks are scripted", "窗口已显示；点击由脚本完成");
            } else {
                ctx.say("no display: a scripted session without a window", "没有显示器：不显示窗口，按脚本点击");
            }
            Duration patience = ctx.scaled(DOWNLOAD_SECONDS).plusSeconds(30);
            ctx.say("click: download", "点击: 下载");
            click(true);
            long started = downloadStarted.get(patience.toNanos(), TimeUnit.NANOSECONDS);
            // a quarter of the way through the download
            ctx.sleep(Math.max(0, DOWNLOAD_SECONDS / 4 - ctx.unscaledSeconds(Duration.ofNanos(System.nanoTime() - started))));
            ctx.say("click: about", "点击: 关于");
            long clicked = System.nanoTime();
            click(false);
            long handled = aboutHandled.get(patience.toNanos(), TimeUnit.NANOSECONDS);
            long done = downloadDone.get(patience.toNanos(), TimeUnit.NANOSECONDS);
            CompletableFuture<Thread> handler = new CompletableFuture<>();
            SwingUtilities.invokeAndWait(() -> handler.complete(controller.handler()));
            if (handler.get() != null) {
                handler.get().join();
            }
            if (window) {
                SwingUtilities.invokeAndWait(this::closeWindow);
                ctx.say("window closed", "窗口已关闭");
            }
            boolean afterDownload = handled > done;
            ctx.result("mode %s, %s: \"about\" was handled %.2f s after its click, %s the download ended"
                            + " (download %.1f s, about clicked at %.2f s): %s",
                    "模式%s，%s：点击“关于”%.2f秒后才得到处理，此时下载%s（下载耗时%.1f秒，在第%.2f秒点击“关于”）：%s",
                    ctx.option("mode"),
                    window ? ctx.text("in a window", "显示窗口") : ctx.text("without a window (no display)", "不显示窗口（没有显示器）"),
                    ctx.unscaledSeconds(Duration.ofNanos(handled - clicked)),
                    afterDownload ? ctx.text("after", "已结束") : ctx.text("before", "尚未结束"),
                    DOWNLOAD_SECONDS,
                    ctx.unscaledSeconds(Duration.ofNanos(clicked - started)),
                    afterDownload ? ctx.text("the window froze until the download was done",
                            "窗口在下载完成之前一直卡住")
                            : ctx.text("the window stayed responsive during the download", "下载期间窗口仍能响应"));
        }
    }
}
