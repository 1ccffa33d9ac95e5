package org.dlioparquet.core.report;

import java.util.List;

/**
 * One chart of the report, drawn twice from the same numbers: as static SVG by {@link SvgChart}
 * and, in the browser, by uPlot. {@code NaN} in a series is a gap.
 *
 * @param id     unique in the page; the container is {@code chart-<id>}
 * @param xLog   logarithmic x axis (latency histograms)
 * @param xWhole the x values are whole numbers (epochs): ticks only at whole numbers
 * @param kind   lines through the points, or steps (a histogram: each value holds from the
 *               previous x up to its own)
 */
record Chart(String id, String title, String xLabel, String yLabel, boolean xLog, boolean xWhole, Kind kind,
             double[] x, List<Series> series) {

    enum Kind { LINE, STEP }

    /** @param dash drawn dashed (a target, or the second run of a comparison) */
    record Series(String label, String color, double[] y, boolean dash) {
    }

    /** Colours a series can take: all saturated, so that the page's self-check tells them from grey axes. */
    static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#e377c2",
            "#17becf", "#bcbd22", "#8c564b");

    static String color(int i) {
        return PALETTE.get(Math.floorMod(i, PALETTE.size()));
    }

    /** True when some series has a finite value to draw. */
    boolean hasPoints() {
        for (Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
