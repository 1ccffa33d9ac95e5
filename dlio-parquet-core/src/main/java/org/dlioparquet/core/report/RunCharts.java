package org.dlioparquet.core.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The charts of one or more runs, each run a {@link Labelled}: alone its series are named by what
 * they show; compared, by run too, the second run's lines dashed.
 */
final class RunCharts {
    private static final double MIB = 1024.0 * 1024.0;
    private static final double GIB = MIB * 1024.0;
    private static final String SINCE_START = "seconds since the run began";

    /** A run and the label its series carry in a comparison ("" alone). */
    record Labelled(RunFolder run, Timelines timelines, String label, boolean dashed) {
        String name(String what) {
            return label.isEmpty() ? what : label + " " + what;
        }
    }

    private RunCharts() {
    }

    /** Per-epoch values of a metric list, at the epoch numbers it belongs to. */
    private static double[] atEpochs(double[] epochs, List<Integer> numbers, List<Double> values) {
        double[] y = new double[epochs.length];
        Arrays.fill(y, Double.NaN);
        for (int i = 0; i < numbers.size() && i < values.size(); i++) {
            for (int k = 0; k < epochs.length; k++) {
                if (epochs[k] == numbers.get(i)) {
                    y[k] = values.get(i);
                }
            }
        }
        return y;
    }

    private static double[] epochAxis(List<Labelled> runs) {
        TreeSet<Integer> all = new TreeSet<>();
        for (Labelled l : runs) {
            all.addAll(trainEpochs(l.run()));
            all.addAll(evalEpochs(l.run()));
        }
        return all.stream().mapToDouble(Integer::doubleValue).toArray();
    }

    static List<Integer> trainEpochs(RunFolder r) {
        return r.epochNumbers(false, r.metricList("train_au_percentage").size());
    }

    static List<Integer> evalEpochs(RunFolder r) {
        return r.epochNumbers(true, r.metricList("eval_au_percentage").size());
    }

    static Chart epochThroughput(List<Labelled> runs) {
        double[] x = epochAxis(runs);
        List<Chart.Series> series = new ArrayList<>();
        int c = 0;
        for (Labelled l : runs) {
            RunFolder r = l.run();
            List<Integer> te = trainEpochs(r);
            List<Integer> ve = evalEpochs(r);
            series.add(new Chart.Series(l.name("training, measured read"), Chart.color(c), atEpochs(x, te,
                    r.metricList("train_io_measured_MB_per_second")), l.dashed()));
            series.add(new Chart.Series(l.name("training, DLIO's nominal"), Chart.color(c + 1), atEpochs(x, te,
                    r.metricList("train_io_MB_per_second")), l.dashed()));
            if (r.hasEvaluation()) {
                series.add(new Chart.Series(l.name("evaluation, measured read"), Chart.color(c + 2), atEpochs(x, ve,
                        r.metricList("eval_io_measured_MB_per_second")), l.dashed()));
                series.add(new Chart.Series(l.name("evaluation, nominal"), Chart.color(c + 3), atEpochs(x, ve,
                        r.metricList("eval_io_MB_per_second")), l.dashed()));
            }
            c += runs.size() > 1 ? 4 : 0;
        }
        return new Chart("epoch-mbps", "Throughput per epoch (MB/s, DLIO's MB = MiB)", "epoch", "MB/s", false, true,
                Chart.Kind.LINE, x, drop(series));
    }

    static Chart epochSamples(List<Labelled> runs) {
        double[] x = epochAxis(runs);
        List<Chart.Series> series = new ArrayList<>();
        int c = 0;
        for (Labelled l : runs) {
            RunFolder r = l.run();
            series.add(new Chart.Series(l.name("training"), Chart.color(c), atEpochs(x, trainEpochs(r),
                    r.metricList("train_throughput_samples_per_second")), l.dashed()));
            if (r.hasEvaluation()) {
                series.add(new Chart.Series(l.name("evaluation"), Chart.color(c + 2), atEpochs(x, evalEpochs(r),
                        r.metricList("eval_throughput_samples_per_second")), l.dashed()));
            }
            c += runs.size() > 1 ? 1 : 0;
        }
        return new Chart("epoch-samples", "Samples per second per epoch (all accelerators)", "epoch", "samples/s",
                false, true, Chart.Kind.LINE, x, drop(series));
    }

    static Chart epochAu(List<Labelled> runs, double target) {
        double[] x = epochAxis(runs);
        List<Chart.Series> series = new ArrayList<>();
        int c = 0;
        for (Labelled l : runs) {
            RunFolder r = l.run();
            series.add(new Chart.Series(l.name("training AU"), Chart.color(c), atEpochs(x, trainEpochs(r),
                    r.metricList("train_au_percentage")), l.dashed()));
            if (r.hasEvaluation()) {
                series.add(new Chart.Series(l.name("evaluation AU"), Chart.color(c + 2), atEpochs(x, evalEpochs(r),
                        r.metricList("eval_au_percentage")), l.dashed()));
            }
            c += runs.size() > 1 ? 1 : 0;
        }
        if (Double.isFinite(target)) {
            double[] t = new double[x.length];
            Arrays.fill(t, target);
            series.add(new Chart.Series("target (metric.au)", Chart.color(4), t, true));
        }
        return new Chart("epoch-au", "Accelerator utilisation per epoch (%)", "epoch", "AU %", false, true,
                Chart.Kind.LINE, x, drop(series));
    }

    /** Time per training step split into its parts; the barrier only when the run has more than one accelerator. */
    static Chart stepSplit(List<Labelled> runs) {
        if (runs.size() == 1) {
            Labelled l = runs.get(0);
            double[][] s = l.timelines().stepSeries();
            List<Chart.Series> series = new ArrayList<>();
            series.add(new Chart.Series("waiting for data", Chart.color(1), s[1], false));
            series.add(new Chart.Series("compute", Chart.color(2), s[2], false));
            if (hasBarrier(l)) {
                series.add(new Chart.Series("barrier", Chart.color(4), s[3], false));
            }
            series.add(new Chart.Series("slowest step", Chart.color(0), s[4], true));
            String over = l.timelines().ranks() > 1 ? ", mean over " + l.timelines().ranks() + " accelerators" : "";
            return new Chart("step-split", "Time per training step (ms" + over + ")", "step", "ms per step",
                    false, true, Chart.Kind.LINE, s[0], series);
        }
        // a comparison: the total and the wait of each run, over the step number
        TreeSet<Double> steps = new TreeSet<>();
        List<double[][]> all = new ArrayList<>();
        for (Labelled l : runs) {
            double[][] s = l.timelines().stepSeries();
            all.add(s);
            for (double v : s[0]) {
                steps.add(v);
            }
        }
        double[] x = steps.stream().mapToDouble(Double::doubleValue).toArray();
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            double[][] s = all.get(i);
            double[] total = new double[s[0].length];
            for (int k = 0; k < total.length; k++) {
                total[k] = s[1][k] + s[2][k] + s[3][k];
            }
            series.add(new Chart.Series(runs.get(i).name("step time"), Chart.color(i), onAxis(x, s[0], total),
                    runs.get(i).dashed()));
            series.add(new Chart.Series(runs.get(i).name("waiting for data"), Chart.color(i + 2), onAxis(x, s[0], s[1]),
                    runs.get(i).dashed()));
        }
        return new Chart("step-split", "Time per training step (ms, mean over accelerators)", "step", "ms per step",
                false, true, Chart.Kind.LINE, x, series);
    }

    static boolean hasBarrier(Labelled l) {
        if (l.run().summary.path("num_accelerators").asInt(1) < 2) {
            return false;
        }
        for (int rank : l.timelines().byRank.keySet()) {
            if (l.timelines().split(rank, "train")[2] > 0) {
                return true;
            }
        }
        return false;
    }

    static Chart latency(List<Labelled> runs, String id, String title, String... kinds) {
        TreeSet<Double> bounds = new TreeSet<>();
        List<double[][]> hists = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Boolean> dash = new ArrayList<>();
        for (Labelled l : runs) {
            for (String kind : kinds) {
                double[][] h = l.timelines().latency(kind);
                if (h[0].length == 0) {
                    continue;
                }
                hists.add(h);
                names.add(l.name(kind.startsWith("train") ? "training" : "evaluation"));
                dash.add(l.dashed());
                for (double b : h[0]) {
                    bounds.add(b);
                }
            }
        }
        double[] x = bounds.stream().mapToDouble(Double::doubleValue).toArray();
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < hists.size(); i++) {
            double[][] h = hists.get(i);
            double[] y = new double[x.length];
            double lo = h[0][0];
            double hi = h[0][h[0].length - 1];
            for (int k = 0; k < x.length; k++) {
                y[k] = x[k] < lo || x[k] > hi ? Double.NaN : 0;
                for (int j = 0; j < h[0].length; j++) {
                    if (h[0][j] == x[k]) {
                        y[k] = h[1][j];
                    }
                }
            }
            series.add(new Chart.Series(names.get(i), Chart.color(i), y, dash.get(i)));
        }
        return new Chart(id, title, "latency (ms, log scale)", "count", true, false, Chart.Kind.STEP, x, series);
    }

    /** Cumulative bytes read per rank over time (one run), or the total of each run (a comparison). */
    static Chart bytesOverTime(List<Labelled> runs) {
        if (runs.size() == 1) {
            Labelled l = runs.get(0);
            double[][] cols = l.timelines().overTime(l.timelines().originMs(), Timelines.Measure.BYTES, true);
            List<Chart.Series> series = new ArrayList<>();
            int i = 0;
            double[] total = new double[cols[0].length];
            double unit = unit(cols);
            for (int rank : l.timelines().byRank.keySet()) {
                double[] y = scale(cols[i + 1], unit);
                for (int k = 0; k < total.length; k++) {
                    total[k] += y[k];
                }
                series.add(new Chart.Series("rank " + rank, Chart.color(i), y, false));
                i++;
            }
            if (series.size() > 1) {
                series.add(new Chart.Series("all ranks", Chart.color(i), total, true));
            }
            String name = unit == GIB ? "GiB" : "MiB";
            return new Chart("bytes-time", "Bytes read from storage over time (" + name + ", cumulative)",
                    SINCE_START, name, false, false, Chart.Kind.LINE, cols[0], series);
        }
        List<double[][]> totals = new ArrayList<>();
        TreeSet<Double> times = new TreeSet<>();
        double most = 0;
        for (Labelled l : runs) {
            double[][] cols = l.timelines().overTime(l.timelines().originMs(), Timelines.Measure.BYTES, true);
            double[] sum = new double[cols[0].length];
            for (int r = 1; r < cols.length; r++) {
                for (int k = 0; k < sum.length; k++) {
                    sum[k] += cols[r][k];
                }
            }
            most = Math.max(most, sum.length == 0 ? 0 : sum[sum.length - 1]);
            totals.add(new double[][] {cols[0], sum});
            for (double t : cols[0]) {
                times.add(t);
            }
        }
        double unit = most >= GIB ? GIB : MIB;
        String name = unit == GIB ? "GiB" : "MiB";
        double[] x = Timelines.thinned(times.stream().mapToDouble(Double::doubleValue).toArray());
        List<Chart.Series> series = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            series.add(new Chart.Series(runs.get(i).name("all ranks"), Chart.color(i), scale(stepOnAxis(x,
                    totals.get(i)[0], totals.get(i)[1]), unit), runs.get(i).dashed()));
        }
        return new Chart("bytes-time", "Bytes read from storage over time (" + name + ", cumulative, all ranks)",
                SINCE_START, name, false, false, Chart.Kind.LINE, x, series);
    }

    /** Per rank: bytes (MB/s) or samples per second over time, one line per rank. */
    static Chart rateOverTime(Labelled l, Timelines.Measure measure) {
        double[][] cols = l.timelines().overTime(l.timelines().originMs(), measure, false);
        List<Chart.Series> series = new ArrayList<>();
        int i = 0;
        for (int rank : l.timelines().byRank.keySet()) {
            series.add(new Chart.Series("rank " + rank, Chart.color(i), measure == Timelines.Measure.BYTES
                    ? scale(cols[i + 1], MIB) : cols[i + 1], false));
            i++;
        }
        return measure == Timelines.Measure.BYTES
                ? new Chart("read-rate", "Read throughput over time per accelerator (MB/s)", SINCE_START, "MB/s",
                false, false, Chart.Kind.STEP, cols[0], series)
                : new Chart("rank-samples", "Samples per second over time per accelerator", SINCE_START, "samples/s",
                false, false, Chart.Kind.STEP, cols[0], series);
    }

    /** GiB when the run read at least one, else MiB: the axis of a small run stays readable. */
    private static double unit(double[][] cumulative) {
        double total = 0;
        for (int r = 1; r < cumulative.length; r++) {
            int last = cumulative[r].length - 1;
            total += last >= 0 ? cumulative[r][last] : 0;
        }
        return total >= GIB ? GIB : MIB;
    }

    private static double[] scale(double[] v, double divisor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] / divisor;
        }
        return out;
    }

    /** {@code y} given at {@code xs}, placed on {@code axis}; NaN where it has no value. */
    private static double[] onAxis(double[] axis, double[] xs, double[] y) {
        double[] out = new double[axis.length];
        Arrays.fill(out, Double.NaN);
        int j = 0;
        for (int i = 0; i < axis.length && j < xs.length; i++) {
            while (j < xs.length && xs[j] < axis[i]) {
                j++;
            }
            if (j < xs.length && xs[j] == axis[i]) {
                out[i] = y[j];
            }
        }
        return out;
    }

    /** A cumulative {@code y} at {@code xs} read on {@code axis}: the last value at or before each point. */
    private static double[] stepOnAxis(double[] axis, double[] xs, double[] y) {
        double[] out = new double[axis.length];
        int j = -1;
        for (int i = 0; i < axis.length; i++) {
            while (j + 1 < xs.length && xs[j + 1] <= axis[i]) {
                j++;
            }
            out[i] = j < 0 ? 0 : y[j];
            if (i > 0 && xs.length > 0 && axis[i] > xs[xs.length - 1]) {
                out[i] = Double.NaN; // this run had ended
            }
        }
        return out;
    }

    /** Series without a single value are left out (a run without evaluation, a key an older summary lacks). */
    private static List<Chart.Series> drop(List<Chart.Series> series) {
        List<Chart.Series> out = new ArrayList<>();
        for (Chart.Series s : series) {
            for (double v : s.y()) {
                if (Double.isFinite(v)) {
                    out.add(s);
                    break;
                }
            }
        }
        return out;
    }

    static double target(RunFolder r) {
        String au = r.config.get("metric.au");
        try {
            return au == null ? Double.NaN : 100 * Double.parseDouble(au);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
