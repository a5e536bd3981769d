package io.bingfa.lab.experiments;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.AxesChartStyler;

/** The report's charts, in one style: XChart bar and line charts, drawn headless. */
public final class Charts {
    static final int WIDTH = 800;
    static final int HEIGHT = 420;
    private static final Color[] PALETTE = {
        new Color(0x2563eb), new Color(0xf59e0b), new Color(0x10b981), new Color(0xef4444),
        new Color(0x8b5cf6), new Color(0x64748b)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /** The Debian package that gives Java a font for Chinese chart labels. */
    static final String CJK_FONT_HINT = "apt-get install fonts-noto-cjk";

    /**
     * Whether the charts' font can draw Chinese here. Java finds CJK glyphs through the system's
     * fonts; on a machine with none, Chinese labels come out as boxes.
     */
    static boolean canDrawChinese() {
        return new Font(Font.SANS_SERIF, Font.PLAIN, 12).canDisplayUpTo("中文图表") == -1;
    }

    /** A bar chart with categories on x and one bar per series. */
    public static CategoryChart bars(String title, String xTitle, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setOverlapped(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setLabelsFontColorAutomaticEnabled(true);
        chart.getStyler().setLabelsPosition(0.5);
        chart.getStyler().setLabelsRotation(0);
        chart.getStyler().setAvailableSpaceFill(0.7);
        return chart;
    }

    /** Adds a series to a bar chart. */
    public static CategorySeries series(CategoryChart chart, String name, List<String> categories, List<? extends Number> values) {
        return chart.addSeries(name, categories, values);
    }

    /** A line chart. */
    public static XYChart lines(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        style(chart.getStyler());
        chart.getStyler().setMarkerSize(7);
        return chart;
    }

    private static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(new Color(0xe5e7eb));
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendPosition(LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setSeriesColors(PALETTE);
        s.setAntiAlias(true);
        s.setDecimalPattern("#,##0.###");
        s.setChartPadding(12);
    }
}
