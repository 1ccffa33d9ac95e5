package org.dlioparquet.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.OnError;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.metrics.LatencyRecorder;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * Loads batches on one reader thread. Keeps the last few files open ({@code read_type: memory})
 * so a file's samples cost one pass over its bytes; with {@code on_demand} it opens, reads and
 * closes the file for every sample as DLIO's default does. Consecutive rows of one file are read
 * with one call. Not thread-safe: one per reader thread.
 */
final class BatchReader implements AutoCloseable {
    private static final int OPEN_FILES = 2;

    private final FormatReader reader;
    private final FileLocator files;
    private final int samplesPerFile;
    private final ReadType readType;
    private final ComputeEmulator preprocess;
    private final OnError onError;
    private final SkippedFiles skipped;
    private final LatencyRecorder sampleLatency = new LatencyRecorder();
    private final LatencyRecorder batchLatency = new LatencyRecorder();
    private final PayloadCounter payload = new PayloadCounter();
    private final OpenFiles open = new OpenFiles(OPEN_FILES);
    /** Made once: a method reference per batch would be an allocation per batch. */
    private final EpochSampleOrder.RunVisitor<IOException> runReader = this::readRun;
    private RankProbe probeOwner = RankProbe.NONE;
    private ReaderProbe probe = ReaderProbe.NONE;
    // what the batch being read has cost so far
    private long batchStorage;
    private int batchDelivered;
    private int batchSkipped;

    /** Maps a file index of the split being read to its path. */
    interface FileLocator {
        Path path(long fileIndex);
    }

    BatchReader(FormatReader reader, FileLocator files, int samplesPerFile, ReadType readType,
                ComputeEmulator preprocess, OnError onError, SkippedFiles skipped) {
        this.reader = reader;
        this.files = files;
        this.samplesPerFile = samplesPerFile;
        this.readType = readType;
        this.preprocess = preprocess;
        this.onError = onError;
        this.skipped = skipped;
    }

    /** Reads samples {@code first .. first+count-1} of the epoch order. */
    BatchResult read(EpochSampleOrder order, long first, int count) throws IOException {
        return read(order, first, count, RankProbe.NONE);
    }

    /** Reads samples {@code first .. first+count-1} of the epoch order for the accelerator {@code rank} observes. */
    BatchResult read(EpochSampleOrder order, long first, int count, RankProbe rank) throws IOException {
        if (rank != probeOwner) {
            probe = rank.reader(files);
            probeOwner = rank;
        }
        long batchStart = System.nanoTime();
        long payloadBefore = payload.bytes;
        batchStorage = 0;
        batchDelivered = 0;
        batchSkipped = 0;
        probe.batchStarted((int) (first / order.batchSize()) + 1);
        try {
            order.forEachRun(first, count, readType == ReadType.MEMORY, runReader);
        } finally {
            probe.batchFinished();
        }
        batchLatency.record(System.nanoTime() - batchStart);
        return new BatchResult(batchStorage, payload.bytes - payloadBefore, batchDelivered, batchSkipped);
    }

    /**
     * Reads {@code run} rows of one file, then preprocesses them. A file is looked up among the
     * open ones by index first: its path is only built to open it. A file open on this thread
     * opened fine and is read even if another thread has since given up on it; a file given up on
     * is not opened again, and its samples, not delivered, are not preprocessed.
     */
    private void readRun(long fileIndex, int row, int run) throws IOException {
        long start = System.nanoTime();
        long payloadBefore = payload.bytes;
        probe.runStarted(fileIndex, row, run, start);
        try {
            OpenFiles.OpenFile f = open.get(fileIndex);
            if (f == null) {
                Path path = files.path(fileIndex);
                if (skipped.contains(path)) {
                    batchSkipped += run;
                    probe.runEnded();
                    return;
                }
                f = open(fileIndex, path);
            }
            f.file.read(row, run, payload);
            batchStorage += f.uncounted();
            if (readType == ReadType.ON_DEMAND) {
                open.close(fileIndex);
            }
        } catch (DataFileException e) {
            open.close(fileIndex);
            if (onError == OnError.FAIL) {
                throw e;
            }
            skipped.add(e);
            batchSkipped += run;
            probe.runEnded();
            return;
        }
        long read = System.nanoTime();
        sampleLatency.record((read - start) / run, run);
        probe.runRead(fileIndex, row, run, start, read, payload.bytes - payloadBefore);
        batchDelivered += run;
        if (probe.timesPreprocess() && !preprocess.isZero()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < run; i++) {
                preprocess.step();
            }
            probe.preprocessed(fileIndex, row, run, t0, System.nanoTime());
        } else {
            for (int i = 0; i < run; i++) {
                preprocess.step();
            }
        }
    }

    private OpenFiles.OpenFile open(long fileIndex, Path path) throws IOException {
        SampleFile opened = reader.open(path);
        if (opened.sampleCount() < samplesPerFile) {
            int held = opened.sampleCount();
            opened.close();
            throw new DataFileException(path, "holds " + held + " samples, the workload expects " + samplesPerFile
                    + " (dataset.num_samples_per_file)");
        }
        return open.add(fileIndex, opened);
    }

    LatencyRecorder sampleLatency() {
        return sampleLatency;
    }

    LatencyRecorder batchLatency() {
        return batchLatency;
    }

    @Override
    public void close() throws IOException {
        open.close();
    }

    /** Counts the bytes of decoded values; the values themselves are dropped, as DLIO drops them. */
    private static final class PayloadCounter implements SampleSink {
        long bytes;

        @Override
        public void accept(int sample, int column, ByteBuffer piece) {
            if (piece != null) {
                bytes += piece.remaining();
            }
        }
    }
}
