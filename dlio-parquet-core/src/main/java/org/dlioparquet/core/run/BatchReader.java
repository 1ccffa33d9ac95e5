package org.dlioparquet.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final LinkedHashMap<Long, OpenFile> open = new LinkedHashMap<>(8, 0.75f, true);

    /** An open file and how many of its bytes read have been counted (opening reads headers too). */
    private static final class OpenFile {
        final SampleFile file;
        long counted;

        OpenFile(SampleFile file) {
            this.file = file;
        }

        long uncounted() {
            long now = file.bytesRead();
            long delta = now - counted;
            counted = now;
            return delta;
        }
    }

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
        long batchStart = System.nanoTime();
        long storage = 0;
        long payloadBefore = payload.bytes;
        int delivered = 0;
        int skippedSamples = 0;
        long end = first + count;
        for (long k = first; k < end; ) {
            long file = order.fileOf(k);
            int row = order.rowOf(k);
            int run = 1;
            if (readType == ReadType.MEMORY) {
                while (k + run < end && order.fileOf(k + run) == file && order.rowOf(k + run) == row + run) {
                    run++;
                }
            }
            Path path = files.path(file);
            if (skipped.contains(path)) {
                skippedSamples += run;
                k += run;
                continue;
            }
            try {
                storage += readRun(file, path, row, run);
                delivered += run;
            } catch (DataFileException e) {
                close(file);
                if (onError == OnError.FAIL) {
                    throw e;
                }
                skipped.add(e);
                skippedSamples += run;
            }
            for (int i = 0; i < run; i++) {
                preprocess.step();
            }
            k += run;
        }
        batchLatency.record(System.nanoTime() - batchStart);
        return new BatchResult(storage, payload.bytes - payloadBefore, delivered, skippedSamples);
    }

    private long readRun(long fileIndex, Path path, int row, int run) throws IOException {
        long start = System.nanoTime();
        OpenFile f = open(fileIndex, path);
        f.file.read(row, run, payload);
        long bytes = f.uncounted();
        if (readType == ReadType.ON_DEMAND) {
            close(fileIndex);
        }
        long perSample = (System.nanoTime() - start) / run;
        for (int i = 0; i < run; i++) {
            sampleLatency.record(perSample);
        }
        return bytes;
    }

    private OpenFile open(long fileIndex, Path path) throws IOException {
        OpenFile f = open.get(fileIndex);
        if (f != null) {
            return f;
        }
        SampleFile opened = reader.open(path);
        if (opened.sampleCount() < samplesPerFile) {
            int held = opened.sampleCount();
            opened.close();
            throw new DataFileException(path, "holds " + held + " samples, the workload expects " + samplesPerFile
                    + " (dataset.num_samples_per_file)");
        }
        f = new OpenFile(opened);
        open.put(fileIndex, f);
        if (open.size() > OPEN_FILES) {
            Iterator<Map.Entry<Long, OpenFile>> eldest = open.entrySet().iterator();
            OpenFile old = eldest.next().getValue();
            eldest.remove();
            old.file.close();
        }
        return f;
    }

    private void close(long fileIndex) throws IOException {
        OpenFile f = open.remove(fileIndex);
        if (f != null) {
            f.file.close();
        }
    }

    LatencyRecorder sampleLatency() {
        return sampleLatency;
    }

    LatencyRecorder batchLatency() {
        return batchLatency;
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OpenFile f : open.values()) {
            try {
                f.file.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        open.clear();
        if (first != null) {
            throw first;
        }
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
