package org.dlioparquet.core.config;

import java.util.List;
import java.util.Objects;
import org.dlioparquet.core.ElementType;

/**
 * The {@code reader} section (DLIO also accepts {@code data_reader}).
 *
 * @param dataLoader        DLIO's loader name; recorded only, the JVM runner is the loader
 * @param batchSize         samples per training step
 * @param batchSizeEval     samples per evaluation step
 * @param readThreads       reader threads; 0 = read on the main thread
 * @param prefetchSize      batches in flight
 * @param fileShuffle       file order per epoch
 * @param sampleShuffle     sample order per epoch
 * @param readType          on-demand (reopen per sample) or memory (keep files open)
 * @param transferSize      read size in bytes for formats that stream; 0 = format default
 * @param odirect           read with O_DIRECT
 * @param preprocessTime    emulated per-sample preprocessing
 * @param transformedRecordDims        shape of the dummy sample handed to the "model" (reported only)
 * @param transformedRecordElementType type of the dummy sample (reported only)
 * @param onError           what to do with corrupt files
 * @param columns           columns to read ({@code storage.storage_options.columns} in the DLIO fork);
 *                          empty = the columns marked {@code read: true}
 * @param memoryBudgetBytes memory the reader threads of this process may fill with the files they
 *                          keep open ({@code read_type: memory}); 0 = half the JVM's heap
 * @param odirectReadAhead  with {@code odirect}, keep a second read in flight: the next transfer of
 *                          a file read front to back is read while the last one is decoded
 * @param skipPayloadCrc    do not check the CRC of each TFRecord payload, as NVIDIA DALI's reader
 *                          does not (TensorFlow's does)
 */
public record ReaderConfig(String dataLoader, int batchSize, int batchSizeEval, int readThreads, int prefetchSize,
                           Shuffle fileShuffle, Shuffle sampleShuffle, ReadType readType, long transferSize,
                           boolean odirect, TimeDistribution preprocessTime, List<Integer> transformedRecordDims,
                           ElementType transformedRecordElementType, OnError onError, List<String> columns,
                           long memoryBudgetBytes, boolean odirectReadAhead, boolean skipPayloadCrc) {
    public ReaderConfig {
        Objects.requireNonNull(dataLoader, "dataLoader");
        Objects.requireNonNull(fileShuffle, "fileShuffle");
        Objects.requireNonNull(sampleShuffle, "sampleShuffle");
        Objects.requireNonNull(readType, "readType");
        Objects.requireNonNull(preprocessTime, "preprocessTime");
        transformedRecordDims = List.copyOf(transformedRecordDims);
        Objects.requireNonNull(transformedRecordElementType, "transformedRecordElementType");
        Objects.requireNonNull(onError, "onError");
        columns = List.copyOf(columns);
    }
}
