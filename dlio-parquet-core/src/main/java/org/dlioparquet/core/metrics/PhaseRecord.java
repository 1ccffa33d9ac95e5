package org.dlioparquet.core.metrics;

import java.time.Instant;

/**
 * One emulated accelerator's training block or evaluation in one epoch.
 *
 * @param storageBytes   bytes read from storage, as the format readers counted them
 * @param payloadBytes   bytes of decoded sample values delivered
 * @param samples        samples delivered
 * @param skipped        samples of corrupt files skipped ({@code reader.on_error: skip})
 * @param filesReadAgain files a reader thread opened again in this phase because the memory
 *                       budget ({@code reader.memory_budget_bytes}) or the open-file limit had
 *                       closed them
 */
public record PhaseRecord(int rank, int epoch, Instant start, Instant end, StepTimes steps, BlockMetrics metrics,
                          long storageBytes, long payloadBytes, long samples, long skipped, long filesReadAgain) {
}
