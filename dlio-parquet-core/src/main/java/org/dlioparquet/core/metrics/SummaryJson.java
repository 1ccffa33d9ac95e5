package org.dlioparquet.core.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.storage.AtomicFiles;

/**
 * DLIO's result files: {@code summary.json} with DLIO's keys and meanings ({@code reference/dlio.md}
 * §6.3) plus ours under {@code dlio_parquet}, and {@code <rank>_per_epoch_stats.json}
 * ({@code <rank>_output.json} is {@link RankOutputJson}'s). Rates are over DLIO's window of steps
 * (see {@link BlockMetrics}); MB are MiB, as DLIO's.
 */
public final class SummaryJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");

    private SummaryJson() {
    }

    public static void write(Path file, Object tree) throws IOException {
        AtomicFiles.writeBytes(file, JSON.writeValueAsBytes(tree));
    }

    /** DLIO's timestamp format (local time, microseconds). */
    static String time(Instant t) {
        return LocalDateTime.ofInstant(t, ZoneId.systemDefault()).format(TIME);
    }

    /**
     * DLIO's {@code duration}: seconds from {@code start} to {@code end} as their time stamps
     * read (microseconds), with 2 decimals, so that it is exactly {@code end - start}.
     */
    static String duration(Instant start, Instant end) {
        long micros = ChronoUnit.MICROS.between(start.truncatedTo(ChronoUnit.MICROS), end.truncatedTo(ChronoUnit.MICROS));
        return String.format(Locale.ROOT, "%.2f", micros / 1e6);
    }

    public static Map<String, Object> summary(RunSummary s, WorkloadConfig config, String version) {
        DatasetConfig ds = config.dataset();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", time(s.start()));
        m.put("num_accelerators", s.numAccelerators());
        m.put("num_hosts", Math.max(1, s.numAccelerators() / s.localAccelerators()));
        m.put("hostname", s.host().hostname());
        m.put("metric", metrics(s));
        m.put("num_files_train", ds.numFilesTrain());
        m.put("num_files_eval", ds.numFilesEval());
        m.put("num_samples_per_file", ds.numSamplesPerFile());
        m.put("host_cpu_count", List.of(s.host().cpuCount()));
        m.put("host_processor_name", s.host().processorName());
        m.put("potential_caching", List.of(s.potentialCaching() ? 1 : 0));
        if (!s.host().cpuinfo().isEmpty()) {
            m.put("host_cpuinfo", s.host().cpuinfo());
        }
        if (!s.host().meminfo().isEmpty()) {
            m.put("host_meminfo", s.host().meminfo());
        }
        m.put("host_memory_GB", List.of(round(s.host().memoryGiB(), 2)));
        m.put("data_size_per_host_GB", s.datasetBytesPerHost() / 1024.0 / 1024.0 / 1024.0);
        // epochs run, counting those without a step of their own (an evaluation every second epoch)
        m.put("epochs", s.epochs().isEmpty() ? 0 : s.epochs().get(s.epochs().size() - 1).epoch());
        m.put("end", time(s.end()));
        m.put("dlio_parquet", additions(s, config, version));
        return m;
    }

    private static Map<String, Object> metrics(RunSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (s.hasTraining()) {
            phase(m, "train", s.train(PhaseSummary::au), s.train(PhaseSummary::samplesPerSecond),
                    s.train(PhaseSummary::nominalMiBps), s.trainMeetsAu());
            m.put("train_io_MB_per_second", s.train(PhaseSummary::nominalMiBps));
            m.put("train_io_measured_MB_per_second", s.train(PhaseSummary::storageMiBps));
            m.put("train_io_measured_mean_MB_per_second", Stats.mean(s.train(PhaseSummary::storageMiBps)));
            m.put("train_io_measured_stdev_MB_per_second", Stats.populationStdev(s.train(PhaseSummary::storageMiBps)));
            m.put("train_payload_mean_MB_per_second", Stats.mean(s.train(PhaseSummary::payloadMiBps)));
            m.put("train_sample_latency_ms", latency(s.trainSampleLatency()));
            m.put("train_batch_latency_ms", latency(s.trainBatchLatency()));
        }
        if (s.hasEvaluation()) {
            phase(m, "eval", s.eval(PhaseSummary::au), s.eval(PhaseSummary::samplesPerSecond),
                    s.eval(PhaseSummary::nominalMiBps), s.evalMeetsAu());
            m.put("eval_io_MB_per_second", s.eval(PhaseSummary::nominalMiBps));
            m.put("eval_io_measured_MB_per_second", s.eval(PhaseSummary::storageMiBps));
            m.put("eval_io_measured_mean_MB_per_second", Stats.mean(s.eval(PhaseSummary::storageMiBps)));
            m.put("eval_sample_latency_ms", latency(s.evalSampleLatency()));
            m.put("eval_batch_latency_ms", latency(s.evalBatchLatency()));
        }
        return m;
    }

    private static void phase(Map<String, Object> m, String p, List<Double> au, List<Double> thr, List<Double> io,
                              boolean meets) {
        m.put(p + "_au_percentage", au);
        m.put(p + "_au_mean_percentage", Stats.mean(au));
        m.put(p + "_au_meet_expectation", meets ? "success" : "fail");
        m.put(p + "_au_stdev_percentage", Stats.populationStdev(au));
        m.put(p + "_throughput_samples_per_second", thr);
        m.put(p + "_throughput_mean_samples_per_second", Stats.mean(thr));
        m.put(p + "_throughput_stdev_samples_per_second", Stats.populationStdev(thr));
        m.put(p + "_io_mean_MB_per_second", Stats.mean(io));
        m.put(p + "_io_stdev_MB_per_second", Stats.populationStdev(io));
    }

    private static Map<String, Object> latency(LatencyRecorder.Percentiles p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", p.count());
        m.put("p50", p.p50());
        m.put("p90", p.p90());
        m.put("p99", p.p99());
        m.put("max", p.max());
        m.put("mean", p.mean());
        return m;
    }

    private static Map<String, Object> additions(RunSummary s, WorkloadConfig config, String version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("format", String.valueOf(config.dataset().format()));
        m.put("local_accelerators", s.localAccelerators());
        m.put("read_threads", config.reader().readThreads());
        m.put("read_type", config.reader().readType().name().toLowerCase(Locale.ROOT));
        m.put("loader", LoaderEmulation.of(config));
        m.put("interrupted", s.interrupted());
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("exclude_start_steps", config.output().excludeStartSteps());
        window.put("exclude_end_steps", config.output().excludeEndSteps());
        m.put("rate_window", window);
        m.put("reader_memory_budget_bytes_per_thread", s.readerMemoryPerThread());
        m.put("train_storage_bytes", s.epochs().stream().filter(e -> e.train() != null)
                .mapToLong(e -> e.train().storageBytes()).sum());
        m.put("train_read_amplification", s.train(PhaseSummary::readAmplification));
        m.put("train_files_read_again", s.epochs().stream().filter(e -> e.train() != null)
                .map(e -> e.train().filesReadAgain()).toList());
        m.put("eval_storage_bytes", s.epochs().stream().filter(e -> e.eval() != null)
                .mapToLong(e -> e.eval().storageBytes()).sum());
        m.put("eval_read_amplification", s.eval(PhaseSummary::readAmplification));
        m.put("eval_files_read_again", s.epochs().stream().filter(e -> e.eval() != null)
                .map(e -> e.eval().filesReadAgain()).toList());
        m.put("hosts", s.hosts());
        m.put("harness_cpu_seconds", s.harnessCpuSeconds());
        m.put("harness_cpu_percent", s.harnessCpuPercent());
        m.put("wall_seconds", s.wallSeconds());
        m.put("skipped_samples", s.skippedSamples());
        m.put("skipped_files", s.skippedFiles());
        m.put("exclusions_dropped", s.exclusionsDropped());
        return m;
    }

    /**
     * {@code <rank>_per_epoch_stats.json}: per epoch, DLIO's start/end/duration (the whole epoch,
     * training and evaluation; {@code duration} is exactly {@code end - start}), block1 and eval,
     * plus our numbers.
     */
    public static Map<String, Object> perEpochStats(List<EpochSpan> epochs, List<PhaseRecord> train,
                                                    List<PhaseRecord> eval) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (EpochSpan span : epochs) {
            Map<String, Object> e = epochEntry(m, span.epoch());
            e.put("start", time(span.start()));
            e.put("end", time(span.end()));
            e.put("duration", duration(span.start(), span.end()));
        }
        for (PhaseRecord t : train) {
            Map<String, Object> e = epochEntry(m, t.epoch());
            e.put("block1", span(t));
            e.put("au", t.metrics().au());
            e.put("throughput", t.metrics().samplesPerSecond());
            e.put("steps", t.steps().steps());
            e.put("storage_bytes", t.storageBytes());
            e.put("samples", t.samples());
        }
        for (PhaseRecord v : eval) {
            Map<String, Object> e = epochEntry(m, v.epoch());
            Map<String, Object> span = span(v);
            span.put("au", v.metrics().au());
            span.put("throughput", v.metrics().samplesPerSecond());
            span.put("storage_bytes", v.storageBytes());
            e.put("eval", span);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> epochEntry(Map<String, Object> m, int epoch) {
        return (Map<String, Object>) m.computeIfAbsent(Integer.toString(epoch), k -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, Object> span(PhaseRecord r) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("start", time(r.start()));
        b.put("end", time(r.end()));
        b.put("duration", duration(r.start(), r.end()));
        return b;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
