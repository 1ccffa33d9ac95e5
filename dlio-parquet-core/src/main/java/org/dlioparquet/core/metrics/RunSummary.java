package org.dlioparquet.core.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The results of a run with DLIO's meanings: per-epoch lists and their mean and population
 * standard deviation, the AU expectation verdict, plus what DLIO does not measure (bytes actually
 * read, latency percentiles, the harness's own CPU time).
 *
 * @param numAccelerators       accelerators over all hosts (DLIO's {@code num_accelerators})
 * @param localAccelerators     accelerators emulated by this process
 * @param epochs                the aggregate of every epoch in which training or evaluation ran
 * @param auExpectation         {@code metric.au} (fraction)
 * @param trainSampleLatency    per-sample read latency while training
 * @param trainBatchLatency     per-batch load latency while training
 * @param evalSampleLatency     per-sample read latency while evaluating
 * @param evalBatchLatency      per-batch load latency while evaluating
 * @param harnessCpuSeconds     CPU time of this process during the epochs
 * @param wallSeconds           wall time of the epochs
 * @param datasetBytesPerHost   bytes of training files this host reads (on disk)
 * @param skippedFiles          corrupt files skipped, with the reason
 * @param exclusionsDropped     true when an epoch had too few steps to exclude any
 * @param readerMemoryPerThread bytes each reader thread may fill with the files it keeps open
 *                              ({@code reader.memory_budget_bytes} shared by the reader threads)
 * @param interrupted           true when the run was stopped (Ctrl-C, SIGTERM, a thread interrupt)
 *                              before its last epoch: {@code epochs} holds the completed ones
 * @param hosts                 the distinct hosts of the job's processes, in rank order (this host
 *                              alone for a process that meets no other)
 * @param jobCpuCount           the cores of those hosts together; {@code harnessCpuSeconds} is the
 *                              CPU time of every process of the job
 */
public record RunSummary(Instant start, Instant end, int numAccelerators, int localAccelerators, HostInfo host,
                         List<EpochSummary> epochs, double auExpectation,
                         LatencyRecorder.Percentiles trainSampleLatency, LatencyRecorder.Percentiles trainBatchLatency,
                         LatencyRecorder.Percentiles evalSampleLatency, LatencyRecorder.Percentiles evalBatchLatency,
                         double harnessCpuSeconds, double wallSeconds, long datasetBytesPerHost,
                         Map<String, String> skippedFiles, boolean exclusionsDropped, long readerMemoryPerThread,
                         boolean interrupted, List<String> hosts, int jobCpuCount) {
    public RunSummary {
        hosts = List.copyOf(hosts);
    }

    public boolean hasTraining() {
        return epochs.stream().anyMatch(e -> e.train() != null);
    }

    public boolean hasEvaluation() {
        return epochs.stream().anyMatch(e -> e.eval() != null);
    }

    public List<Double> train(ToDoubleFunction<PhaseSummary> f) {
        return epochs.stream().filter(e -> e.train() != null).map(e -> f.applyAsDouble(e.train())).toList();
    }

    public List<Double> eval(ToDoubleFunction<PhaseSummary> f) {
        return epochs.stream().filter(e -> e.eval() != null).map(e -> f.applyAsDouble(e.eval())).toList();
    }

    public double trainAuMean() {
        return Stats.mean(train(PhaseSummary::au));
    }

    public double evalAuMean() {
        return Stats.mean(eval(PhaseSummary::au));
    }

    public double trainThroughputMean() {
        return Stats.mean(train(PhaseSummary::samplesPerSecond));
    }

    /** DLIO's verdict: mean AU (percent) at least {@code metric.au} × 100. */
    public boolean trainMeetsAu() {
        return trainAuMean() >= auExpectation * 100;
    }

    public boolean evalMeetsAu() {
        return evalAuMean() >= auExpectation * 100;
    }

    public long skippedSamples() {
        return epochs.stream().mapToLong(e -> (e.train() == null ? 0 : e.train().skipped())
                + (e.eval() == null ? 0 : e.eval().skipped())).sum();
    }

    /** DLIO's {@code potential_caching}: the dataset this host reads fits in its memory. */
    public boolean potentialCaching() {
        return host.fitsInMemory(datasetBytesPerHost);
    }

    /** Harness CPU as a share of all cores of the job's hosts over the run's wall time, percent. */
    public double harnessCpuPercent() {
        return wallSeconds > 0 ? 100.0 * harnessCpuSeconds / (wallSeconds * jobCpuCount) : 0;
    }
}
