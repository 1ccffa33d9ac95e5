package org.dlioparquet.core.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link Chart} as static SVG: axes with ticks, grid, one path per series (broken at
 * gaps), a legend. What a reader without JavaScript sees; deterministic text for the same numbers.
 */
final class SvgChart {
    private static final int WIDTH = 720;
    private static final int HEIGHT = 300;
    private static final int LEFT = 70;
    private static final int RIGHT = 16;
    private static final int TOP = 12;
    private static final int BOTTOM = 80;

    private SvgChart() {
    }

    static String render(Chart c) {
        double[] xs = c.xLog() ? log10(c.x()) : c.x();
        double[] xr = range(xs, false);
        double[] yr = yRange(c);
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"static\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(Fmt.html(c.title())).append("\">");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        // y grid and ticks
        for (double t : ticks(yr[0], yr[1])) {
            double y = TOP + plotH - (t - yr[0]) / (yr[1] - yr[0]) * plotH;
            sb.append(line(LEFT, y, LEFT + plotW, y, "#e3e6eb"));
            sb.append(text(LEFT - 6, y + 4, "end", Fmt.tick(t, step(yr[0], yr[1]))));
        }
        // x ticks
        List<Double> xt = c.xLog() ? logTicks(xr[0], xr[1])
                : c.xWhole() ? wholeTicks(xr[0], xr[1]) : ticks(xr[0], xr[1]);
        for (double t : xt) {
            double x = LEFT + (t - xr[0]) / (xr[1] - xr[0]) * plotW;
            sb.append(line(x, TOP + plotH, x, TOP + plotH + 4, "#8a919c"));
            String label = c.xLog() ? Fmt.tick(Math.pow(10, t), Math.pow(10, t))
                    : Fmt.tick(t, c.xWhole() ? 1 : step(xr[0], xr[1]));
            sb.append(text(x, TOP + plotH + 16, "middle", label));
        }
        sb.append(line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#8a919c"));
        sb.append(line(LEFT, TOP, LEFT, TOP + plotH, "#8a919c"));
        sb.append(text(LEFT + plotW / 2.0, TOP + plotH + 32, "middle", c.xLabel()));
        String mid = fmt(TOP + plotH / 2.0);
        sb.append("<text x=\"14\" y=\"").append(mid).append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ")
                .append(mid).append(")\">").append(Fmt.html(c.yLabel())).append("</text>");
        // series
        for (Chart.Series s : c.series()) {
            String d = path(xs, s.y(), xr, yr, plotW, plotH, c.kind() == Chart.Kind.STEP);
            if (!d.isEmpty()) {
                sb.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(s.color())
                        .append("\" stroke-width=\"2\"").append(s.dash() ? " stroke-dasharray=\"6 4\"" : "")
                        .append("/>");
            }
            if (xs.length <= 40 && c.kind() == Chart.Kind.LINE) {
                for (int i = 0; i < xs.length && i < s.y().length; i++) {
                    if (Double.isFinite(xs[i]) && Double.isFinite(s.y()[i])) {
                        sb.append("<circle cx=\"").append(fmt(px(xs[i], xr, plotW))).append("\" cy=\"")
                                .append(fmt(py(s.y()[i], yr, plotH))).append("\" r=\"3\" fill=\"").append(s.color())
                                .append("\"/>");
                    }
                }
            }
        }
        // legend, in rows below the x axis label
        double lx = LEFT;
        double ly = TOP + plotH + 52;
        for (Chart.Series s : c.series()) {
            double w = 28 + 6.2 * s.label().length();
            if (lx > LEFT && lx + w > WIDTH - RIGHT) {
                lx = LEFT;
                ly += 15;
            }
            sb.append("<rect x=\"").append(fmt(lx)).append("\" y=\"").append(fmt(ly - 6))
                    .append("\" width=\"14\" height=\"").append(s.dash() ? "2" : "4").append("\" fill=\"")
                    .append(s.color()).append("\"/>");
            sb.append(text(lx + 18, ly, "start", s.label()));
            lx += w;
        }
        sb.append("</svg>");
        return sb.toString();
    }

    private static String path(double[] xs, double[] ys, double[] xr, double[] yr, int plotW, int plotH, boolean step) {
        StringBuilder d = new StringBuilder();
        boolean pen = false;
        double lastX = Double.NaN;
        for (int i = 0; i < xs.length && i < ys.length; i++) {
            if (!Double.isFinite(xs[i]) || !Double.isFinite(ys[i])) {
                pen = false;
                continue;
            }
            double x = px(xs[i], xr, plotW);
            double y = py(ys[i], yr, plotH);
            if (step) {
                // the value holds from the previous x (or a bucket's width before) up to this one
                double from = pen ? lastX : x - (i + 1 < xs.length && Double.isFinite(xs[i + 1])
                        ? px(xs[i + 1], xr, plotW) - x : 4);
                d.append(pen ? " L" : (d.length() > 0 ? " M" : "M")).append(fmt(from)).append(' ').append(fmt(y));
                d.append(" L").append(fmt(x)).append(' ').append(fmt(y));
            } else {
                d.append(pen ? " L" : (d.length() > 0 ? " M" : "M")).append(fmt(x)).append(' ').append(fmt(y));
            }
            pen = true;
            lastX = x;
        }
        return d.toString();
    }

    private static double px(double x, double[] xr, int plotW) {
        return LEFT + (x - xr[0]) / (xr[1] - xr[0]) * plotW;
    }

    private static double py(double y, double[] yr, int plotH) {
        return TOP + plotH - (y - yr[0]) / (yr[1] - yr[0]) * plotH;
    }

    private static double[] log10(double[] xs) {
        double[] out = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            out[i] = xs[i] > 0 ? Math.log10(xs[i]) : Double.NaN;
        }
        return out;
    }

    private static double[] range(double[] v, boolean fromZero) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double d : v) {
            if (Double.isFinite(d)) {
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
        }
        if (min > max) {
            return new double[] {0, 1};
        }
        if (fromZero) {
            min = Math.min(0, min);
        }
        if (max - min < 1e-12) {
            return new double[] {min - 0.5, max + 0.5};
        }
        return new double[] {min, max};
    }

    private static double[] yRange(Chart c) {
        List<Double> all = new ArrayList<>();
        for (Chart.Series s : c.series()) {
            for (double v : s.y()) {
                all.add(v);
            }
        }
        double[] v = all.stream().mapToDouble(Double::doubleValue).toArray();
        double[] r = range(v, true);
        return new double[] {r[0], r[1] > 0 ? r[1] * 1.08 : 1};
    }

    private static double step(double lo, double hi) {
        double raw = (hi - lo) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double n = raw / mag;
        return (n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10) * mag;
    }

    private static List<Double> ticks(double lo, double hi) {
        double s = step(lo, hi);
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / s) * s; t <= hi + s * 1e-9 && out.size() < 20; t += s) {
            out.add(Math.abs(t) < s * 1e-9 ? 0 : t);
        }
        return out;
    }

    /** Ticks at whole numbers only: every one when few, else a round step of at least 1. */
    private static List<Double> wholeTicks(double lo, double hi) {
        double s = Math.max(1, Math.round(step(lo, hi)));
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo / s) * s; t <= hi + 1e-9 && out.size() < 20; t += s) {
            out.add(t);
        }
        return out;
    }

    /** Powers of ten within a log10 range (at least the ends when the range spans less than one). */
    private static List<Double> logTicks(double lo, double hi) {
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(lo); t <= Math.floor(hi); t++) {
            out.add(t);
        }
        if (out.size() < 2) {
            out.clear();
            out.add(lo);
            out.add(hi);
        }
        return out;
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + color + "\"/>";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + Fmt.html(s)
                + "</text>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
