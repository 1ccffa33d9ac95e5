package org.dlioparquet.core.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A training block or evaluation of one epoch over all emulated accelerators, aggregated as DLIO
 * aggregates ranks: AU is the mean, throughput the sum.
 *
 * Every rate is taken over DLIO's window ({@link BlockMetrics}: without the first
 * {@code exclude_start_steps} and last {@code exclude_end_steps} steps for training, the whole block
 * for evaluation), summed over accelerators as DLIO sums samples/s. MB are MiB (2^20 bytes), as in DLIO.
 *
 * @param au                 accelerator utilisation, percent
 * @param samplesPerSecond   samples/s of all accelerators together
 * @param nominalMiBps       DLIO's {@code *_io_*_MB_per_second}: samples/s × record_length_bytes / 2^20
 * @param storageMiBps       measured: bytes read from storage for the measured steps / T / 2^20
 * @param payloadMiBps       decoded sample bytes of the measured steps / T / 2^20
 * @param steps              steps per accelerator
 * @param samples            samples delivered by all accelerators
 * @param storageBytes       bytes read from storage by all accelerators, every step
 * @param skipped            samples skipped because their file was corrupt
 * @param seconds            wall time of the phase (earliest start to latest end)
 * @param readAmplification  storage bytes / the on-disk bytes of the samples delivered (1 when
 *                           every file was read once; more when reader threads read the same
 *                           bytes, or files were read again)
 * @param filesReadAgain     files opened again within the phase because the reader's memory budget
 *                           closed them ({@code reader.memory_budget_bytes})
 */
public record PhaseSummary(Instant start, Instant end, double au, double samplesPerSecond, double nominalMiBps,
                           double storageMiBps, double payloadMiBps, int steps, long samples, long storageBytes,
                           long skipped, double seconds, double readAmplification, long filesReadAgain) {

    static final double MIB = 1024.0 * 1024.0;

    /**
     * @param nominalRecordBytes DLIO's record size
     * @param diskBytesPerSample bytes of the split's files on disk per sample they hold
     */
    public static PhaseSummary of(List<PhaseRecord> ranks, double nominalRecordBytes, double diskBytesPerSample) {
        Instant start = ranks.stream().map(PhaseRecord::start).min(Instant::compareTo).orElseThrow();
        Instant end = ranks.stream().map(PhaseRecord::end).max(Instant::compareTo).orElseThrow();
        double seconds = Duration.between(start, end).toNanos() / 1e9;
        double au = ranks.stream().mapToDouble(r -> r.metrics().au()).average().orElse(0);
        double throughput = ranks.stream().mapToDouble(r -> r.metrics().samplesPerSecond()).sum();
        double storageRate = ranks.stream().mapToDouble(r -> r.metrics().storageBytesPerSecond()).sum();
        double payloadRate = ranks.stream().mapToDouble(r -> r.metrics().payloadBytesPerSecond()).sum();
        long storage = ranks.stream().mapToLong(PhaseRecord::storageBytes).sum();
        long samples = ranks.stream().mapToLong(PhaseRecord::samples).sum();
        long skipped = ranks.stream().mapToLong(PhaseRecord::skipped).sum();
        long again = ranks.stream().mapToLong(PhaseRecord::filesReadAgain).sum();
        int steps = ranks.get(0).steps().steps();
        double onDisk = samples * diskBytesPerSample;
        return new PhaseSummary(start, end, au, throughput, throughput * nominalRecordBytes / MIB, storageRate / MIB,
                payloadRate / MIB, steps, samples, storage, skipped, seconds, onDisk > 0 ? storage / onDisk : 0, again);
    }
}
