package io.sedet.report;

import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Line charts of the report, drawn by XChart and encoded as standalone SVG documents. */
final class Charts {
    static final int WIDTH = 560;
    static final int HEIGHT = 340;

    /** The report's palette, one colour per run in the order the runs are given. */
    private static final Color[] RUN_COLORS = {
        new Color(31, 119, 180), new Color(214, 39, 40), new Color(44, 160, 44), new Color(148, 103, 189),
        new Color(255, 127, 14), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127)};

    /** One line: points {@code (x[i], y[i])}, drawn in the colour of run {@code run}, solid or dashed. */
    record Line(String name, int run, double[] x, double[] y, boolean dashed) {
        Line(String name, int run, double[] x, double[] y) {
            this(name, run, x, y, false);
        }
    }

    /** Axis bounds; NaN leaves a bound to the data. */
    record Bounds(double xMin, double xMax, double yMin, double yMax) {
        static final Bounds DATA = new Bounds(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        static final Bounds UNIT = new Bounds(0, 1, 0, 1.02);
    }

    private Charts() {
    }

    private static double[][] positive(double[] x, double[] y) {
        int n = 0;
        for (double v : y) {
            n += v > 0 ? 1 : 0;
        }
        double[][] out = new double[2][n];
        for (int i = 0, j = 0; i < y.length; i++) {
            if (y[i] > 0) {
                out[0][j] = x[i];
                out[1][j++] = y[i];
            }
        }
        return out;
    }

    static Color color(int run) {
        return RUN_COLORS[run % RUN_COLORS.length];
    }

    /** The colour of run {@code run} as CSS ("#1f77b4"). */
    static String css(int run) {
        Color c = color(run);
        return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Lines with at most this many points are drawn with a dot at each. */
    private static final int SPARSE = 12;

    /**
     * An SVG document of the lines; lines without points are left out.
     *
     * @param logY a logarithmic y axis (points with y ≤ 0 are left out)
     */
    static String svg(String title, String xTitle, String yTitle, List<Line> lines, Bounds bounds, boolean logY) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        Styler s = chart.getStyler();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setMarkerSize(6);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(false);
        s.setLegendPosition(Styler.LegendPosition.InsideNE);
        s.setLegendVisible(lines.size() > 1);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        for (Line l : lines) {
            double[][] xy = logY ? positive(l.x(), l.y()) : new double[][] {l.x(), l.y()};
            if (xy[0].length == 0) {
                continue;
            }
            XYSeries series = chart.addSeries(l.name(), xy[0], xy[1]);
            // a few points (evaluations) as dots, so that a single one shows; a curve as a line
            series.setMarker(xy[0].length <= SPARSE ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
            series.setMarkerColor(color(l.run()));
            series.setLineColor(color(l.run()));
            if (l.dashed()) {
                series.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.DASH_DASH);
            }
        }
        if (logY && !chart.getSeriesMap().isEmpty()) {
            chart.getStyler().setYAxisLogarithmic(true);
        }
        if (!Double.isNaN(bounds.xMin())) {
            chart.getStyler().setXAxisMin(bounds.xMin());
        }
        if (!Double.isNaN(bounds.xMax())) {
            chart.getStyler().setXAxisMax(bounds.xMax());
        }
        if (!Double.isNaN(bounds.yMin())) {
            chart.getStyler().setYAxisMin(bounds.yMin());
        }
        if (!Double.isNaN(bounds.yMax())) {
            chart.getStyler().setYAxisMax(bounds.yMax());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
