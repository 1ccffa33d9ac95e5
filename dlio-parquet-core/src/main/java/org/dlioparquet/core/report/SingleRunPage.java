package org.dlioparquet.core.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dlioparquet.core.report.HtmlPage.Cell;
import org.dlioparquet.core.report.RunCharts.Labelled;

/** The report of one run: what ran where, its results, where its time went, and how it read over time. */
final class SingleRunPage {
    /** Workload keys the report names, in this order, when {@code config.yaml} has them. */
    static final List<String> WORKLOAD_KEYS = List.of("model.name", "framework", "dataset.format",
            "dataset.num_files_train", "dataset.num_files_eval", "dataset.num_samples_per_file",
            "dataset.record_length_bytes", "dataset.record_length_bytes_stdev", "dataset.data_folder",
            "reader.batch_size", "reader.batch_size_eval", "reader.read_threads", "reader.prefetch_size",
            "reader.read_type", "reader.file_shuffle", "reader.sample_shuffle", "reader.odirect", "train.epochs",
            "train.computation_time", "evaluation.eval_time", "metric.au", "workflow.generate_data", "workflow.train",
            "workflow.evaluation", "workflow.profiling");

    private SingleRunPage() {
    }

    static String render(RunFolder run) {
        HtmlPage page = new HtmlPage();
        page.data().putArray("runs").addObject().put("folder", run.folder.toString()).set("summary", run.summary);
        Labelled l = new Labelled(run, new Timelines(run.timelines), "", false);
        List<Labelled> one = List.of(l);
        results(page, run);
        workload(page, run);
        epochs(page, run, one);
        steps(page, l, one);
        latency(page, run, one);
        overTime(page, l, one);
        phases(page, l);
        ranks(page, l);
        String model = run.config.getOrDefault("model.name", "");
        String format = run.additions().path("format").asText(run.config.getOrDefault("dataset.format", ""));
        return page.render("dlio-parquet report: " + model + (format.isEmpty() ? "" : " (" + format + ")"),
                run.text("start") + " to " + run.text("end") + " on " + run.text("hostname") + ", "
                        + run.text("num_accelerators") + " accelerator(s); " + run.folder);
    }

    static void results(HtmlPage page, RunFolder run) {
        page.section("results", "Results");
        HtmlPage.Table t = page.table("", "mean", "stdev", "verdict");
        if (run.hasTraining()) {
            boolean met = "success".equals(run.metric().path("train_au_meet_expectation").asText());
            t.row(Cell.head("Training AU (%)"), value(run, "train_au_mean_percentage", 2),
                    value(run, "train_au_stdev_percentage", 2), Cell.styled(met ? "good" : "bad",
                            (met ? "met" : "missed") + " target " + Fmt.fixed(RunCharts.target(run), 0) + " %"));
            t.row(Cell.head("Training throughput (samples/s)"),
                    value(run, "train_throughput_mean_samples_per_second", 2),
                    value(run, "train_throughput_stdev_samples_per_second", 2), Cell.text(""));
            t.row(Cell.head("Training I/O, DLIO's nominal (MB/s)"), value(run, "train_io_mean_MB_per_second", 2),
                    value(run, "train_io_stdev_MB_per_second", 2), Cell.text(""));
            t.row(Cell.head("Training I/O, measured read (MB/s)"),
                    value(run, "train_io_measured_mean_MB_per_second", 2),
                    value(run, "train_io_measured_stdev_MB_per_second", 2), Cell.text(""));
        }
        if (run.hasEvaluation()) {
            boolean met = "success".equals(run.metric().path("eval_au_meet_expectation").asText());
            t.row(Cell.head("Evaluation AU (%)"), value(run, "eval_au_mean_percentage", 2),
                    value(run, "eval_au_stdev_percentage", 2),
                    Cell.styled(met ? "good" : "bad", met ? "met" : "missed"));
            t.row(Cell.head("Evaluation throughput (samples/s)"),
                    value(run, "eval_throughput_mean_samples_per_second", 2),
                    value(run, "eval_throughput_stdev_samples_per_second", 2), Cell.text(""));
            t.row(Cell.head("Evaluation I/O, DLIO's nominal (MB/s)"), value(run, "eval_io_mean_MB_per_second", 2),
                    value(run, "eval_io_stdev_MB_per_second", 2), Cell.text(""));
        }
        t.end();
        JsonNode add = run.additions();
        if (add.isObject()) {
            page.table("", "value")
                    .row(Cell.head("Bytes read from storage, training"), additionBytes(run, "train_storage_bytes"))
                    .row(Cell.head("Bytes read from storage, evaluation"), additionBytes(run, "eval_storage_bytes"))
                    .row(Cell.head("Wall time of the epochs (s)"), addition(run, "wall_seconds", 2))
                    .row(Cell.head("Harness CPU (% of all cores)"), addition(run, "harness_cpu_percent", 1))
                    .row(Cell.head("Samples skipped (corrupt files)"),
                            Cell.num(add.path("skipped_samples").asText("0")))
                    .end();
        }
    }

    /** The first value of one of summary.json's per-host lists (this host's). */
    private static String first(RunFolder run, String key) {
        JsonNode n = run.summary.path(key);
        return n.isArray() ? n.path(0).asText() : n.asText();
    }

    /** A number of summary.json's metric object, shown with {@code decimals}. */
    static Cell value(RunFolder run, String key, int decimals) {
        double v = run.metric(key);
        return Cell.value("metric." + key, v, Fmt.fixed(v, decimals));
    }

    private static Cell addition(RunFolder run, String key, int decimals) {
        double v = run.additions().path(key).asDouble(Double.NaN);
        return Cell.value("dlio_parquet." + key, v, Fmt.fixed(v, decimals));
    }

    private static Cell additionBytes(RunFolder run, String key) {
        double v = run.additions().path(key).asDouble(Double.NaN);
        return Cell.value("dlio_parquet." + key, v, Fmt.bytes(v));
    }

    static void workload(HtmlPage page, RunFolder run) {
        page.section("workload", "Workload and machine");
        page.raw("<div class=\"grid\"><div>\n").h3("Workload");
        if (run.config.isEmpty()) {
            page.note("No config.yaml in the output folder.");
        } else {
            HtmlPage.Table t = page.table("key", "value");
            for (String k : WORKLOAD_KEYS) {
                if (run.config.containsKey(k)) {
                    t.row(Cell.text(k), Cell.text(run.config.get(k)));
                }
            }
            t.end();
        }
        page.raw("</div><div>\n").h3("Machine");
        HtmlPage.Table m = page.table("", "value")
                .row(Cell.head("Host"), Cell.text(run.text("hostname")))
                .row(Cell.head("Hosts"), Cell.num(run.text("num_hosts")))
                .row(Cell.head("Accelerators (ranks)"), Cell.num(run.text("num_accelerators")))
                .row(Cell.head("Processor"), Cell.text(run.text("host_processor_name")))
                .row(Cell.head("CPU cores"), Cell.num(first(run, "host_cpu_count")))
                .row(Cell.head("Memory (GiB)"), Cell.num(first(run, "host_memory_GB")))
                .row(Cell.head("Dataset per host (GiB)"), Cell.num(Fmt.fixed(run.summary.path("data_size_per_host_GB")
                        .asDouble(Double.NaN), 3)))
                .row(Cell.head("Fits in the page cache"),
                        Cell.text(run.summary.path("potential_caching").path(0).asInt(0) == 1
                                ? "yes: reads may come from memory, not storage" : "no"));
        if (run.additions().has("version")) {
            m.row(Cell.head("dlio-parquet"), Cell.text(run.additions().path("version").asText()));
        }
        m.end();
        page.raw("</div></div>\n");
        if (!run.config.isEmpty()) {
            page.raw("<details><summary>Every key of config.yaml</summary>\n");
            HtmlPage.Table all = page.table("key", "value");
            for (Map.Entry<String, String> e : run.config.entrySet()) {
                all.row(Cell.text(e.getKey()), Cell.text(e.getValue()));
            }
            all.end();
            page.raw("</details>\n");
        }
    }

    static void epochs(HtmlPage page, RunFolder run, List<Labelled> one) {
        page.section("epochs", "Per epoch");
        if (run.hasTraining()) {
            page.h3("Training");
            epochTable(page, run, "train", RunCharts.trainEpochs(run));
        }
        if (run.hasEvaluation()) {
            page.h3("Evaluation");
            epochTable(page, run, "eval", RunCharts.evalEpochs(run));
        }
        page.chart(RunCharts.epochThroughput(one));
        page.chart(RunCharts.epochSamples(one));
        page.chart(RunCharts.epochAu(one, RunCharts.target(run)));
    }

    private static void epochTable(HtmlPage page, RunFolder run, String p, List<Integer> epochs) {
        HtmlPage.Table t = page.table("epoch", "AU %", "samples/s", "MB/s nominal", "MB/s measured read");
        String[] keys = {p + "_au_percentage", p + "_throughput_samples_per_second", p + "_io_MB_per_second",
                p + "_io_measured_MB_per_second"};
        for (int i = 0; i < epochs.size(); i++) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.num(Integer.toString(epochs.get(i))));
            for (String k : keys) {
                List<Double> list = run.metricList(k);
                double v = i < list.size() ? list.get(i) : Double.NaN;
                cells.add(Cell.value("metric." + k + "[" + i + "]", v, Fmt.fixed(v, 2)));
            }
            t.row(cells.toArray(Cell[]::new));
        }
        t.end();
    }

    static void steps(HtmlPage page, Labelled l, List<Labelled> one) {
        page.section("steps", "Where the step time goes");
        Timelines tl = l.timelines();
        if (tl.isEmpty()) {
            page.note("No <rank>_timeline.json in the output folder (a run by DLIO or an older dlio-parquet): "
                    + "no per-step data.");
            return;
        }
        boolean barrier = RunCharts.hasBarrier(l);
        List<String> head = new ArrayList<>(List.of("rank", "waiting for data (s)", "compute (s)"));
        if (barrier) {
            head.add("barrier (s)");
        }
        head.add("waiting, share of step time");
        HtmlPage.Table t = page.table(head.toArray(String[]::new));
        for (int rank : tl.byRank.keySet()) {
            double[] s = tl.split(rank, "train");
            double total = s[0] + s[1] + s[2];
            List<Cell> cells = new ArrayList<>(List.of(Cell.num(Integer.toString(rank)), Cell.num(Fmt.fixed(s[0], 3)),
                    Cell.num(Fmt.fixed(s[1], 3))));
            if (barrier) {
                cells.add(Cell.num(Fmt.fixed(s[2], 3)));
            }
            cells.add(Cell.num(total > 0 ? Fmt.fixed(100 * s[0] / total, 1) + " %" : "–"));
            t.row(cells.toArray(Cell[]::new));
        }
        t.end();
        page.note("Training steps only, every step. Waiting for data is the time the accelerator had no batch; AU "
                + "counts compute over the whole step time"
                + (barrier ? ", the barrier included (waiting for the other accelerators)" : "")
                + ", leaving out the first and last steps DLIO leaves out (output.metric.exclude_start_steps, "
                + "exclude_end_steps), so it can be higher than this split suggests when the first step waited long.");
        page.chart(RunCharts.stepSplit(one));
    }

    static void latency(HtmlPage page, RunFolder run, List<Labelled> one) {
        page.section("latency", "Read latency");
        HtmlPage.Table t = page.table("", "count", "p50 (ms)", "p90 (ms)", "p99 (ms)", "max (ms)", "mean (ms)");
        String[][] rows = {{"train_sample_latency_ms", "Training, per sample"},
                {"train_batch_latency_ms", "Training, per batch"}, {"eval_sample_latency_ms", "Evaluation, per sample"},
                {"eval_batch_latency_ms", "Evaluation, per batch"}};
        boolean any = false;
        for (String[] r : rows) {
            JsonNode n = run.metric().path(r[0]);
            if (!n.isObject()) {
                continue;
            }
            any = true;
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.head(r[1]));
            cells.add(Cell.value("metric." + r[0] + ".count", n.path("count").asDouble(), n.path("count").asText()));
            for (String p : List.of("p50", "p90", "p99", "max", "mean")) {
                double v = n.path(p).asDouble(Double.NaN);
                cells.add(Cell.value("metric." + r[0] + "." + p, v, Fmt.fixed(v, 3)));
            }
            t.row(cells.toArray(Cell[]::new));
        }
        t.end();
        if (!any) {
            page.note("summary.json has no latency percentiles (DLIO does not measure them).");
        }
        page.chart(RunCharts.latency(one, "latency-sample", "Sample read latency: how many samples took how long",
                "train_sample", "eval_sample"));
        page.chart(RunCharts.latency(one, "latency-batch", "Batch load latency: how many batches took how long",
                "train_batch", "eval_batch"));
    }

    static void overTime(HtmlPage page, Labelled l, List<Labelled> one) {
        page.section("over-time", "Bytes read over time");
        if (l.timelines().isEmpty()) {
            page.note("No <rank>_timeline.json in the output folder: no time series.");
            return;
        }
        page.chart(RunCharts.bytesOverTime(one));
        page.chart(RunCharts.rateOverTime(l, Timelines.Measure.BYTES));
    }

    static void phases(HtmlPage page, Labelled l) {
        page.section("phases", "Phases");
        Timelines tl = l.timelines();
        double origin = tl.originMs();
        HtmlPage.Table t = page.table("phase", "start (s)", "duration (s)", "steps", "bytes", "MB/s");
        boolean any = false;
        JsonNode g = tl.generation();
        if (g != null) {
            any = true;
            double seconds = g.path("seconds").asDouble();
            t.row(Cell.text("generation (" + g.path("files").asLong() + " files, " + g.path("threads").asInt()
                    + " threads)"), Cell.num(Fmt.fixed((g.path("start_ms").asDouble() - origin) / 1000, 2)),
                    Cell.num(Fmt.fixed(seconds, 2)), Cell.num("–"), Cell.num(Fmt.bytes(g.path("bytes").asDouble())),
                    Cell.num(seconds > 0 ? Fmt.fixed(g.path("bytes").asDouble() / seconds / 1048576.0, 1) : "–"));
        }
        if (!tl.isEmpty()) {
            int first = tl.byRank.firstKey();
            for (Timelines.Phase p : tl.byRank.get(first)) {
                any = true;
                long bytes = 0;
                for (List<Timelines.Phase> phases : tl.byRank.values()) {
                    for (Timelines.Phase q : phases) {
                        if (q.kind().equals(p.kind()) && q.epoch() == p.epoch()) {
                            bytes += q.totalBytes();
                        }
                    }
                }
                double seconds = (p.endMs() - p.startMs()) / 1000;
                t.row(Cell.text("epoch " + p.epoch() + (p.kind().equals("train") ? " training" : " evaluation")),
                        Cell.num(Fmt.fixed((p.startMs() - origin) / 1000, 2)), Cell.num(Fmt.fixed(seconds, 2)),
                        Cell.num(Long.toString(p.steps())), Cell.num(Fmt.bytes(bytes)),
                        Cell.num(seconds > 0 ? Fmt.fixed(bytes / seconds / 1048576.0, 1) : "–"));
            }
        }
        any |= checkpoints(t, l.run());
        t.end();
        if (!any) {
            page.note("No phase timings in the output folder.");
        }
    }

    /** DLIO's checkpoint entries of the per-epoch stats ({@code save_ckpt<k>}, {@code load_ckpt<k>}), if any. */
    private static boolean checkpoints(HtmlPage.Table t, RunFolder run) {
        boolean any = false;
        for (Map.Entry<Integer, JsonNode> e : run.epochStats.entrySet()) {
            JsonNode stats = e.getValue();
            for (String epoch : iterable(stats)) {
                JsonNode ep = stats.get(epoch);
                for (String k : iterable(ep)) {
                    if (k.startsWith("save_ckpt") || k.startsWith("load_ckpt")) {
                        JsonNode c = ep.get(k);
                        any = true;
                        t.row(Cell.text("rank " + e.getKey() + " epoch " + epoch + " checkpoint "
                                        + (k.startsWith("save") ? "save " : "load ") + k.replaceAll("\\D", "")),
                                Cell.text(c.path("start").asText()), Cell.num(c.path("duration").asText()),
                                Cell.num("–"), Cell.num("–"), Cell.num(c.has("throughput")
                                        ? Fmt.fixed(c.path("throughput").asDouble() * 1024, 1) : "–"));
                    }
                }
            }
        }
        return any;
    }

    private static Iterable<String> iterable(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static void ranks(HtmlPage page, Labelled l) {
        RunFolder run = l.run();
        int ranks = Math.max(run.epochStats.size(), l.timelines().ranks());
        if (ranks < 2) {
            return;
        }
        page.section("ranks", "Per accelerator");
        HtmlPage.Table t = page.table("rank", "epoch", "AU %", "samples/s", "steps", "bytes read");
        for (Map.Entry<Integer, JsonNode> e : run.epochStats.entrySet()) {
            for (String epoch : iterable(e.getValue())) {
                JsonNode ep = e.getValue().get(epoch);
                if (!ep.has("block1")) {
                    continue;
                }
                double au = ep.path("au").asDouble(Double.NaN);
                double thr = ep.path("throughput").asDouble(Double.NaN);
                t.row(Cell.num(Integer.toString(e.getKey())), Cell.num(epoch),
                        Cell.value(e.getKey() + "_per_epoch_stats." + epoch + ".au", au, Fmt.fixed(au, 2)),
                        Cell.value(e.getKey() + "_per_epoch_stats." + epoch + ".throughput", thr, Fmt.fixed(thr, 2)),
                        Cell.num(ep.path("steps").asText("–")), Cell.num(Fmt.bytes(ep.path("storage_bytes")
                                .asDouble(Double.NaN))));
            }
        }
        t.end();
        if (!l.timelines().isEmpty()) {
            page.chart(RunCharts.rateOverTime(l, Timelines.Measure.SAMPLES));
        }
    }
}
