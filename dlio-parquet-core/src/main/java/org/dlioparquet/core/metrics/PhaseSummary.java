package org.dlioparquet.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A training block or evaluation of one epoch over all emulated accelerators, aggregated as DLIO
 * aggregates ranks: AU is the mean, throughput the sum.
 *
 * @param au                 accelerator utilisation, percent
 * @param samplesPerSecond   samples/s of all accelerators together
 * @param nominalMiBps       DLIO's {@code *_io_*_MB_per_second}: samples/s × record_length_bytes / 2^20
 * @param storageMiBps       measured: bytes read from storage / wall time / 2^20
 * @param payloadMiBps       decoded sample bytes / wall time / 2^20
 * @param steps              steps per accelerator
 * @param samples            samples delivered by all accelerators
 * @param storageBytes       bytes read from storage by all accelerators
 * @param skipped            samples skipped because their file was corrupt
 * @param seconds            wall time of the phase (earliest start to latest end)
 */
public record PhaseSummary(Instant start, Instant end, double au, double samplesPerSecond, double nominalMiBps,
                           double storageMiBps, double payloadMiBps, int steps, long samples, long storageBytes,
                           long skipped, double seconds) {

    static final double MIB = 1024.0 * 1024.0;

    public static PhaseSummary of(List<PhaseRecord> ranks, double nominalRecordBytes) {
        Instant start = ranks.stream().map(PhaseRecord::start).min(Instant::compareTo).orElseThrow();
        Instant end = ranks.stream().map(PhaseRecord::end).max(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(start, end).toNanos() / 1e9;
        double au = ranks.stream().mapToDouble(r -> r.metrics().au()).average().orElse(0);
        double throughput = ranks.stream().mapToDouble(r -> r.metrics().samplesPerSecond()).sum();
        long storage = ranks.stream().mapToLong(PhaseRecord::storageBytes).sum();
        long payload = ranks.stream().mapToLong(PhaseRecord::payloadBytes).sum();
        long samples = ranks.stream().mapToLong(PhaseRecord::samples).sum();
        long skipped = ranks.stream().mapToLong(PhaseRecord::skipped).sum();
        int steps = ranks.get(0).steps().steps();
        return new PhaseSummary(start, end, au, throughput, throughput * nominalRecordBytes / MIB,
                seconds > 0 ? storage / seconds / MIB : 0, seconds > 0 ? payload / seconds / MIB : 0, steps,
                samples, storage, skipped, seconds);
    }
}
