/**
 * The measurements of a run. API: the result records a {@code RunResult} holds ({@code RunSummary},
 * {@code EpochSummary}, {@code PhaseSummary}, {@code HostInfo}, {@code LatencyRecorder.Percentiles}).
 * Internal (public for the runner and the command line only): step timing ({@code StepTimes},
 * {@code BlockMetrics}, {@code PhaseRecord}, {@code EpochSpan}, {@code ReadLatencies}, {@code LatencyRecorder},
 * {@code Stats}) and the writers of DLIO's output ({@code SummaryJson}, {@code RankOutputJson},
 * {@code MetricReport}).
 */
package org.dlioparquet.core.metrics;
