package org.dlioparquet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.dlioparquet.core.report.HtmlPage.Cell;
import org.dlioparquet.core.report.RunCharts.Labelled;

/**
 * Two runs side by side, B against A: their results with the ratio B/A and whether B is better,
 * the workload and machine keys that differ, and their charts overlaid (B dashed).
 */
final class ComparePage {
    /** A result compared: its key in summary.json's metric object, and whether more is better. */
    private record Row(String label, String key, int decimals, boolean moreIsBetter) {
    }

    private static final List<Row> RESULTS = List.of(
            new Row("Training AU (%)", "train_au_mean_percentage", 2, true),
            new Row("Training throughput (samples/s)", "train_throughput_mean_samples_per_second", 2, true),
            new Row("Training I/O, DLIO's nominal (MB/s)", "train_io_mean_MB_per_second", 2, true),
            new Row("Training I/O, measured read (MB/s)", "train_io_measured_mean_MB_per_second", 2, true),
            new Row("Evaluation AU (%)", "eval_au_mean_percentage", 2, true),
            new Row("Evaluation throughput (samples/s)", "eval_throughput_mean_samples_per_second", 2, true),
            new Row("Evaluation I/O, DLIO's nominal (MB/s)", "eval_io_mean_MB_per_second", 2, true));

    private static final List<String> LATENCIES = List.of("train_sample_latency_ms", "train_batch_latency_ms",
            "eval_sample_latency_ms", "eval_batch_latency_ms");

    private ComparePage() {
    }

    static String render(RunFolder a, RunFolder b) {
        HtmlPage page = new HtmlPage();
        ArrayNode runs = page.data().putArray("runs");
        runs.addObject().put("folder", a.folder.toString()).set("summary", a.summary);
        runs.addObject().put("folder", b.folder.toString()).set("summary", b.summary);
        Labelled la = new Labelled(a, new Timelines(a.timelines), "A", false);
        Labelled lb = new Labelled(b, new Timelines(b.timelines), "B", true);
        List<Labelled> both = List.of(la, lb);
        results(page, a, b);
        differences(page, a, b);
        page.section("epochs", "Per epoch");
        epochs(page, a, b);
        page.chart(RunCharts.epochThroughput(both));
        page.chart(RunCharts.epochSamples(both));
        page.chart(RunCharts.epochAu(both, RunCharts.target(a)));
        page.section("steps", "Where the step time goes");
        steps(page, la, lb);
        page.section("latency", "Read latency");
        latency(page, a, b);
        page.chart(RunCharts.latency(both, "latency-sample", "Sample read latency: how many samples took how long",
                "train_sample", "eval_sample"));
        page.chart(RunCharts.latency(both, "latency-batch", "Batch load latency: how many batches took how long",
                "train_batch", "eval_batch"));
        page.section("over-time", "Bytes read over time");
        if (la.timelines().isEmpty() && lb.timelines().isEmpty()) {
            page.note("Neither folder has <rank>_timeline.json: no time series.");
        } else {
            page.chart(RunCharts.bytesOverTime(both));
        }
        return page.render("dlio-parquet comparison: B (" + b.name() + ") against A (" + a.name() + ")",
                "A: " + a.folder + " (" + a.text("start") + "); B: " + b.folder + " (" + b.text("start") + ")");
    }

    private static void results(HtmlPage page, RunFolder a, RunFolder b) {
        page.section("results", "Results");
        HtmlPage.Table t = page.table("", "A", "B", "B / A", "change");
        for (Row r : RESULTS) {
            double va = a.metric(r.key());
            double vb = b.metric(r.key());
            if (!Double.isFinite(va) && !Double.isFinite(vb)) {
                continue;
            }
            t.row(Cell.head(r.label()), Cell.value("A:metric." + r.key(), va, Fmt.fixed(va, r.decimals())),
                    Cell.value("B:metric." + r.key(), vb, Fmt.fixed(vb, r.decimals())),
                    verdict(va, vb, r.moreIsBetter(), Fmt.ratio(va, vb)), Cell.num(Fmt.change(va, vb)));
        }
        t.end();
        page.note("B / A above 1 is better for AU and throughput, below 1 for latency. A change within the epochs' "
                + "stdev (see Per epoch) may be noise.");
    }

    /** The ratio in green when B is better, red when worse (beyond 1 %), plain otherwise. */
    private static Cell verdict(double a, double b, boolean moreIsBetter, String shown) {
        if (!Double.isFinite(a) || !Double.isFinite(b) || a == 0) {
            return Cell.num(shown);
        }
        double r = b / a;
        if (Math.abs(r - 1) < 0.01) {
            return Cell.num(shown);
        }
        boolean better = moreIsBetter == (r > 1);
        return Cell.styled(better ? "good" : "bad", shown);
    }

    private static void differences(HtmlPage page, RunFolder a, RunFolder b) {
        page.section("differences", "What differs");
        Set<String> keys = new LinkedHashSet<>(a.config.keySet());
        keys.addAll(b.config.keySet());
        HtmlPage.Table t = page.table("key", "A", "B");
        int n = 0;
        for (String k : keys) {
            String va = a.config.get(k);
            String vb = b.config.get(k);
            if (!Objects.equals(va, vb)) {
                t.row(Cell.text(k), Cell.text(va == null ? "(not set)" : va), Cell.text(vb == null ? "(not set)" : vb));
                n++;
            }
        }
        for (String k : List.of("hostname", "num_accelerators", "num_hosts", "host_cpu_count", "host_memory_GB",
                "host_processor_name")) {
            if (!a.text(k).equals(b.text(k))) {
                t.row(Cell.text(k), Cell.text(a.text(k)), Cell.text(b.text(k)));
                n++;
            }
        }
        t.end();
        if (n == 0) {
            page.note("The workloads (config.yaml) and machines are the same.");
        }
    }

    private static void epochs(HtmlPage page, RunFolder a, RunFolder b) {
        List<Double> ta = a.metricList("train_throughput_samples_per_second");
        List<Double> tb = b.metricList("train_throughput_samples_per_second");
        List<Double> ua = a.metricList("train_au_percentage");
        List<Double> ub = b.metricList("train_au_percentage");
        int n = Math.max(ta.size(), tb.size());
        if (n == 0) {
            return;
        }
        HtmlPage.Table t = page.table("training epoch", "A samples/s", "B samples/s", "B / A", "A AU %", "B AU %");
        for (int i = 0; i < n; i++) {
            double xa = i < ta.size() ? ta.get(i) : Double.NaN;
            double xb = i < tb.size() ? tb.get(i) : Double.NaN;
            double aa = i < ua.size() ? ua.get(i) : Double.NaN;
            double ab = i < ub.size() ? ub.get(i) : Double.NaN;
            t.row(Cell.num(Integer.toString(i + 1)),
                    Cell.value("A:metric.train_throughput_samples_per_second[" + i + "]", xa, Fmt.fixed(xa, 2)),
                    Cell.value("B:metric.train_throughput_samples_per_second[" + i + "]", xb, Fmt.fixed(xb, 2)),
                    verdict(xa, xb, true, Fmt.ratio(xa, xb)),
                    Cell.value("A:metric.train_au_percentage[" + i + "]", aa, Fmt.fixed(aa, 2)),
                    Cell.value("B:metric.train_au_percentage[" + i + "]", ab, Fmt.fixed(ab, 2)));
        }
        t.end();
    }

    private static void steps(HtmlPage page, Labelled a, Labelled b) {
        if (a.timelines().isEmpty() || b.timelines().isEmpty()) {
            page.note("Both folders need <rank>_timeline.json to compare step times.");
            return;
        }
        double[] sa = meanSplit(a.timelines());
        double[] sb = meanSplit(b.timelines());
        HtmlPage.Table t = page.table("training, mean per accelerator", "A (s)", "B (s)", "B / A");
        String[] names = {"waiting for data", "compute", "barrier"};
        for (int i = 0; i < 3; i++) {
            if (i == 2 && !RunCharts.hasBarrier(a) && !RunCharts.hasBarrier(b)) {
                continue;
            }
            t.row(Cell.head(names[i]), Cell.num(Fmt.fixed(sa[i], 3)), Cell.num(Fmt.fixed(sb[i], 3)),
                    verdict(sa[i], sb[i], false, Fmt.ratio(sa[i], sb[i])));
        }
        t.end();
        page.chart(RunCharts.stepSplit(List.of(a, b)));
    }

    private static double[] meanSplit(Timelines t) {
        double[] sum = new double[3];
        for (int rank : t.byRank.keySet()) {
            double[] s = t.split(rank, "train");
            for (int i = 0; i < 3; i++) {
                sum[i] += s[i] / t.ranks();
            }
        }
        return sum;
    }

    private static void latency(HtmlPage page, RunFolder a, RunFolder b) {
        HtmlPage.Table t = page.table("", "A p50", "B p50", "B / A", "A p99", "B p99", "B / A");
        boolean any = false;
        for (String k : LATENCIES) {
            JsonNode na = a.metric().path(k);
            JsonNode nb = b.metric().path(k);
            if (!na.isObject() && !nb.isObject()) {
                continue;
            }
            any = true;
            double a50 = na.path("p50").asDouble(Double.NaN);
            double b50 = nb.path("p50").asDouble(Double.NaN);
            double a99 = na.path("p99").asDouble(Double.NaN);
            double b99 = nb.path("p99").asDouble(Double.NaN);
            t.row(Cell.head(k.replace("_latency_ms", "").replace('_', ' ') + " (ms)"),
                    Cell.value("A:metric." + k + ".p50", a50, Fmt.fixed(a50, 3)),
                    Cell.value("B:metric." + k + ".p50", b50, Fmt.fixed(b50, 3)),
                    verdict(a50, b50, false, Fmt.ratio(a50, b50)),
                    Cell.value("A:metric." + k + ".p99", a99, Fmt.fixed(a99, 3)),
                    Cell.value("B:metric." + k + ".p99", b99, Fmt.fixed(b99, 3)),
                    verdict(a99, b99, false, Fmt.ratio(a99, b99)));
        }
        t.end();
        if (!any) {
            page.note("Neither summary.json has latency percentiles.");
        }
    }
}
