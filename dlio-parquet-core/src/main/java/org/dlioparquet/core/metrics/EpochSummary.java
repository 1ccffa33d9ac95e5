package org.dlioparquet.core.metrics;

/** One epoch over all emulated accelerators; {@code eval} is null when no evaluation ran after it. */
public record EpochSummary(int epoch, PhaseSummary train, PhaseSummary eval) {
}
