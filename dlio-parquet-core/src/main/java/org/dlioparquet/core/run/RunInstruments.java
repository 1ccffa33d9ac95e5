package org.dlioparquet.core.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.dlioparquet.core.GenerationResult;
import org.dlioparquet.core.RunMonitoring;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.ProfilingConfig;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.metrics.HostInfo;
import org.dlioparquet.core.metrics.RunClock;
import org.dlioparquet.core.metrics.SummaryJson;
import org.dlioparquet.core.metrics.trace.TraceWriter;
import org.dlioparquet.core.report.RunReport;

/**
 * Everything that watches a run on this process, wired in one place: per local accelerator a
 * {@link RankProbe} (step timeline, trace when {@code workflow.profiling}, progress state), the
 * monitor thread (progress line, stall reports), and at the end the files they leave:
 * {@code <rank>_timeline.json}, {@code trace-<rank>-of-<size>.pfw.gz} and, on the process with
 * rank 0, {@code report.html}.
 *
 * <p>How a run uses it:
 * <pre>{@code
 * try (RunInstruments instruments = RunInstruments.open(config, options, outputFolder)) {
 *     GenerationResult g = ...;                  // when the workflow generates data
 *     instruments.generated(g);
 *     new Accelerator(rank, ..., instruments.rank(rank));   // for every local accelerator
 *     ...                                        // the epochs, loaders closed, summary.json written
 *     instruments.finish().forEach(log);         // timelines, traces, report.html
 * }
 * }</pre>
 * {@link #finish()} must come after every reader thread has stopped (the loaders are closed): it
 * writes what their trace buffers still hold.
 */
public final class RunInstruments implements AutoCloseable {
    /** Step buckets one accelerator's timeline keeps over the whole run (about 100 bytes each). */
    static final int TIMELINE_POINTS = 2000;
    /** Fewest buckets a block keeps, however many blocks the run has. */
    static final int MIN_POINTS_PER_PHASE = 16;

    private final WorkloadConfig config;
    private final RunOptions options;
    private final Path output;
    private final RunClock clock = RunClock.start();
    private final Map<Integer, RankProbe> probes = new LinkedHashMap<>();
    private final List<TraceWriter> traces = new ArrayList<>();
    private final ProgressMonitor monitor;
    private GenerationResult generation;
    private Instant generationEnd;
    private boolean finished;

    private RunInstruments(WorkloadConfig config, RunOptions options, Path output) throws IOException {
        this.config = config;
        this.options = options;
        this.output = output;
        ProfilingConfig profiling = config.profiling();
        int phases = Math.max(1, config.train().epochs() * (config.workflow().evaluation() ? 2 : 1));
        int points = Math.max(MIN_POINTS_PER_PHASE, TIMELINE_POINTS / phases);
        String host = profiling.enabled() ? HostInfo.current().hostname() : null;
        try {
            for (int i = 0; i < options.accelerators(); i++) {
                int rank = options.rankOffset() + i;
                TraceWriter trace = null;
                if (profiling.enabled()) {
                    trace = TraceWriter.open(output, rank, options.worldSize(), profiling.traceLevel(), clock, host);
                    traces.add(trace);
                }
                probes.put(rank, new RankProbe(rank, clock, points, trace, config.dataset().numSamplesPerFile()));
            }
        } catch (IOException | RuntimeException e) {
            closeTraces();
            throw e;
        }
        RunMonitoring m = options.monitoring();
        if (m.progressInterval().isZero() && m.stallTimeout().isZero()) {
            monitor = null;
        } else {
            monitor = new ProgressMonitor(List.copyOf(probes.values()), config.train().epochs(), m.progressInterval(),
                    m.stallTimeout(), options.listener(), config.dataFolderPath());
            monitor.start();
        }
    }

    /**
     * Starts watching the run of this process's accelerators ({@code options.accelerators()} from
     * {@code options.rankOffset()}), whose result files go to {@code outputFolder} (which must
     * exist). Opens the traces when the workload profiles.
     */
    public static RunInstruments open(WorkloadConfig config, RunOptions options, Path outputFolder) throws IOException {
        return new RunInstruments(config, options, outputFolder);
    }

    /** The workflow generated data before training: the report shows it as a phase. */
    public void generated(GenerationResult result) {
        this.generation = result;
        this.generationEnd = Instant.now();
    }

    /** The probe to give the accelerator of {@code rank} (one of this process's). */
    RankProbe rank(int rank) {
        RankProbe p = probes.get(rank);
        if (p == null) {
            throw new IllegalArgumentException("rank " + rank + " does not run in this process");
        }
        return p;
    }

    /**
     * Once every accelerator is done and {@code summary.json} is written: stops the monitor, writes
     * each accelerator's {@code <rank>_timeline.json}, closes the traces and, on the process with
     * rank 0 unless {@link RunMonitoring#report()} is off, writes {@code report.html}. A report that
     * cannot be written is a warning, not a failed run: the results are already saved.
     *
     * @return lines for the run's log (files written, warnings)
     */
    public List<String> finish() throws IOException {
        List<String> lines = new ArrayList<>();
        stopMonitor();
        finished = true;
        boolean first = true;
        for (RankProbe p : probes.values()) {
            if (p.ran() || (first && generation != null)) {
                Map<String, Object> json = p.timelineJson();
                if (first && generation != null) {
                    json.put("generation", generationJson());
                }
                SummaryJson.write(output.resolve(p.rank + "_timeline.json"), json);
            }
            first = false;
        }
        for (TraceWriter t : traces) {
            lines.add(traceLine(t.close()));
        }
        traces.clear();
        if (options.monitoring().report() && options.rankOffset() == 0
                && Files.isRegularFile(output.resolve(RunReport.SUMMARY))) {
            try {
                lines.add("Report: " + RunReport.write(output));
            } catch (IOException | RuntimeException e) {
                lines.add("Warning: report.html not written: " + e.getMessage());
            }
        }
        return lines;
    }

    private Map<String, Object> generationJson() {
        Map<String, Object> g = new LinkedHashMap<>();
        Instant start = generationEnd.minus(generation.elapsed());
        g.put("start_ms", start.toEpochMilli());
        g.put("end_ms", generationEnd.toEpochMilli());
        g.put("seconds", generation.elapsed().toNanos() / 1e9);
        g.put("files", generation.files());
        g.put("bytes", generation.bytes());
        g.put("already_complete", generation.alreadyComplete());
        g.put("threads", generation.threads());
        g.put("rank", generation.rank());
        g.put("ranks", generation.ranks());
        return g;
    }

    private static String traceLine(TraceWriter.Summary s) {
        if (s.failure() != null) {
            return "Warning: trace " + s.file().getFileName() + " is incomplete: " + s.failure();
        }
        String line = String.format(Locale.ROOT, "Trace: %s (%d events, %.1f KiB, level %s)", s.file().getFileName(),
                s.events(), s.bytes() / 1024.0, s.level().name().toLowerCase(Locale.ROOT));
        if (s.waitNanos() > 0) {
            line += String.format(Locale.ROOT, "; recording waited %.1f ms for the trace writer", s.waitNanos() / 1e6);
        }
        return line;
    }

    private void stopMonitor() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private void closeTraces() {
        for (TraceWriter t : traces) {
            try {
                t.close();
            } catch (IOException e) {
                // the run failed already; its error is the one reported
            }
        }
        traces.clear();
    }

    /** Stops the monitor and closes the traces if {@link #finish()} did not (a failed run). */
    @Override
    public void close() {
        if (!finished) {
            stopMonitor();
            closeTraces();
            finished = true;
        }
    }
}
