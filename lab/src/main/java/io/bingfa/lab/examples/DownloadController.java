package io.bingfa.lab.examples;

import java.time.Duration;
import java.util.Objects;

/**
 * The logic behind the two buttons of the course's download window, apart from any window so that
 * it runs, and is tested, without a display. {@link #download()} and {@link #about()} are the
 * buttons' commands; they are called on the UI thread (Swing's Event Dispatch Thread, tkinter's
 * mainloop) and touch the window only through {@link Ui}.
 *
 * <p>{@link Mode#SINGLE} is the notes' first program: the download (a sleep) runs in the command
 * itself, so the UI thread handles no other event, an "about" click included, until it is over.
 * {@link Mode#THREADED} is the second: the command disables the download button and hands the
 * download to a daemon thread ({@code DownloadTaskHandler(daemon=True).start()}); that thread asks
 * the UI thread, through {@link Ui#later}, to show "download finished" and enable the button again.
 * (tkinter lets the notes' thread call the messagebox itself; Swing components may be touched on
 * the Event Dispatch Thread only.)
 */
public final class DownloadController {

    /** How the download runs. */
    public enum Mode {
        /** On the UI thread: the window freezes for the download's duration. */
        SINGLE,
        /** On a daemon thread: the window stays responsive. */
        THREADED
    }

    /**
     * What the controller does to the window. Every method but {@link #later} is called on the UI
     * thread.
     */
    public interface Ui {
        /** Runs {@code action} on the UI thread, after the events already queued. Any thread may call it. */
        void later(Runnable action);

        /** Enables or disables the download button ({@code button1.config(state=...)}). */
        void setDownloadEnabled(boolean enabled);

        /** Shows a message ({@code tkinter.messagebox.showinfo(title, message)}). */
        void showInfo(String title, String message);
    }

    private final Ui ui;
    private final Mode mode;
    private final Duration downloadTime;
    private final Lang lang;
    /** Written and read on the UI thread only. */
    private Thread handler;

    /**
     * Creates the controller.
     *
     * @param ui the window
     * @param mode where the download runs
     * @param downloadTime how long the simulated download takes (the notes: 10 s, times the time scale)
     * @param lang the language of the messages
     */
    public DownloadController(Ui ui, Mode mode, Duration downloadTime, Lang lang) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.downloadTime = Objects.requireNonNull(downloadTime, "downloadTime");
        this.lang = Objects.requireNonNull(lang, "lang");
    }

    /** The "download" button's command; call on the UI thread. */
    public void download() {
        if (mode == Mode.SINGLE) {
            // 模拟下载任务需要花费10秒钟时间: the UI thread sleeps, no other event is handled meanwhile
            if (simulateDownload()) {
                ui.showInfo(lang.pick("Info", "提示"), lang.pick("Download finished!", "下载完成!"));
            }
            return;
        }
        ui.setDownloadEnabled(false);                      // 禁用下载按钮
        Thread t = new Thread(this::downloadTaskHandler, "DownloadTaskHandler");
        t.setDaemon(true);                                 // 守护线程: the program's exit does not wait for it
        t.start();                                         // 在线程中处理耗时间的下载任务
        handler = t;
    }

    /** The "about" button's command; call on the UI thread. */
    public void about() {
        ui.showInfo(lang.pick("About", "关于"), lang.pick("Author: Luo Hao (v1.0)", "作者: 骆昊(v1.0)"));
    }

    /**
     * The thread the last threaded download runs in, {@code null} before one or in single mode; for
     * joining it. Call on the UI thread.
     */
    public Thread handler() {
        return handler;
    }

    /** The notes' {@code DownloadTaskHandler.run}. */
    private void downloadTaskHandler() {
        if (simulateDownload()) {
            ui.later(() -> {
                ui.showInfo(lang.pick("Info", "提示"), lang.pick("Download finished!", "下载完成!"));
                ui.setDownloadEnabled(true);               // 启用下载按钮
            });
        }
    }

    /** Sleeps for the download; false if interrupted (the process ending a daemon thread). */
    private boolean simulateDownload() {
        try {
            Thread.sleep(downloadTime);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
