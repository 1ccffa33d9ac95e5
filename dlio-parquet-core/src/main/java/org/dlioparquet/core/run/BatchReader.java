package org.dlioparquet.core.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.BitSet;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.config.OnError;
import org.dlioparquet.core.config.ReadType;
import org.dlioparquet.core.metrics.ReadLatencies;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

/**
 * Loads batches on one reader thread. With {@code read_type: memory} it keeps every file it opened
 * until the phase (training or evaluation of one epoch) ends, as DLIO's memory mode keeps them, so
 * a file's samples cost one read of its bytes in whatever order they come; past the thread's
 * {@link ReaderBudget} the least recently used file is closed, and a file opened again in the same
 * phase is counted. With {@code on_demand} it opens, reads and closes the file for every sample as
 * DLIO's default does. Consecutive rows of one file are read with one call. With O_DIRECT
 * read-ahead the file of a batch's next run is opened ahead ({@link FilesAhead}) before a run is
 * read, so that its first reads overlap this one's. Not thread-safe: one per reader thread.
 */
final class BatchReader implements AutoCloseable {
    private final FormatReader reader;
    private final FileLocator files;
    private final int samplesPerFile;
    private final ReadType readType;
    private final ComputeEmulator preprocess;
    private final OnError onError;
    private final SkippedFiles skipped;
    private final ReadLatencies latencies = ReadLatencies.empty();
    private final PayloadCounter payload = new PayloadCounter();
    private final OpenFiles open;
    /** Files opened in this phase ({@code read_type: memory}): opening one again is a read again. */
    private final BitSet opened = new BitSet();
    /** Made once: a method reference per batch would be an allocation per batch. */
    private final EpochSampleOrder.RunVisitor<IOException> runReader = this::readRun;
    private final EpochSampleOrder.RunVisitor<IOException> aheadReader = this::readRunAfterNext;
    /** Opens the next run's file ahead (O_DIRECT read-ahead on local files), or {@link FilesAhead#NONE}. */
    private final FilesAhead ahead;
    /** Off from the first file opened ahead that the format's open did not take (it opens its files another way). */
    private boolean opensAhead;
    /** The run held back until the next one is known: its file index, or -1 for none. */
    private long heldFile = -1;
    private int heldRow;
    private int heldRun;
    /** The file last opened ahead, released if it was not read after all; or null. */
    private Path openedAhead;
    private RankProbe probeOwner = RankProbe.NONE;
    private ReaderProbe probe = ReaderProbe.NONE;
    // what the batch being read has cost so far
    private long batchStorage;
    private int batchDelivered;
    private int batchSkipped;
    private int batchReopened;

    /** Maps a file index of the split being read to its path. */
    interface FileLocator {
        Path path(long fileIndex);
    }

    BatchReader(FormatReader reader, FileLocator files, int samplesPerFile, ReadType readType,
                ComputeEmulator preprocess, OnError onError, SkippedFiles skipped, ReaderBudget budget) {
        this(reader, files, samplesPerFile, readType, preprocess, onError, skipped, budget, FilesAhead.NONE);
    }

    /** @param ahead opens the file of each batch's next run ahead */
    BatchReader(FormatReader reader, FileLocator files, int samplesPerFile, ReadType readType,
                ComputeEmulator preprocess, OnError onError, SkippedFiles skipped, ReaderBudget budget,
                FilesAhead ahead) {
        this.ahead = ahead;
        this.opensAhead = ahead != FilesAhead.NONE;
        this.reader = reader;
        this.open = new OpenFiles(budget.bytesPerThread(), budget.filesPerThread());
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
        batchReopened = 0;
        probe.batchStarted((int) (first / order.batchSize()) + 1);
        try {
            order.forEachRun(first, count, readType == ReadType.MEMORY,
                    opensAhead ? aheadReader : runReader);
            if (heldFile >= 0) {
                readHeld(opensAhead && ahead.acrossBatches() ? openNextBatchAhead(order, first + count) : null);
            }
        } finally {
            heldFile = -1;
            probe.batchFinished();
        }
        latencies.perBatch().record(System.nanoTime() - batchStart);
        return new BatchResult(batchStorage, payload.bytes - payloadBefore, batchDelivered, batchSkipped,
                batchReopened);
    }

    /**
     * Ends a phase: closes every file, so that nothing read in this epoch serves the next (DLIO
     * opens every file again each epoch). Called when no batch of the phase is being read.
     */
    void endPhase() throws IOException {
        releaseOpenedAhead(false);
        opened.clear();
        open.close();
    }

    /** Holds a run back until the next is known, whose file is opened ahead before the held run is read. */
    private void readRunAfterNext(long fileIndex, int row, int run) throws IOException {
        if (heldFile >= 0) {
            Path next = opensAhead && heldFile != fileIndex && !open.holds(fileIndex) ? openAhead(files.path(fileIndex))
                    : null;
            readHeld(next);
        }
        heldFile = fileIndex;
        heldRow = row;
        heldRun = run;
    }

    /**
     * Reads the run held back; then what was opened ahead for it is released (its read took it,
     * unless the file was open already or given up on) and {@code nextAhead} becomes the file opened
     * ahead for the next one.
     */
    private void readHeld(Path nextAhead) throws IOException {
        long file = heldFile;
        heldFile = -1;
        try {
            readRun(file, heldRow, heldRun);
        } finally {
            releaseOpenedAhead(true);
            openedAhead = nextAhead;
        }
    }

    /**
     * Opens ahead the file of sample {@code next} of the epoch order, the first of the batch this
     * thread reads next, unless the epoch ends first or the file is the held run's or open already.
     */
    private Path openNextBatchAhead(EpochSampleOrder order, long next) {
        if (next >= order.steps() * order.batchSize()) {
            return null;
        }
        long file = order.fileOf(next);
        return file == heldFile || open.holds(file) ? null : openAhead(files.path(file));
    }

    /** Opens {@code path} ahead, unless it was given up on; returns it, or null. */
    private Path openAhead(Path path) {
        if (skipped.contains(path)) {
            return null;
        }
        ahead.open(path);
        return path;
    }

    /**
     * Lets go of the file last opened ahead; {@code read} says whether its run was read meanwhile:
     * then a file left there tells that the format's open does not take it.
     */
    private void releaseOpenedAhead(boolean read) {
        if (openedAhead != null) {
            if (ahead.release(openedAhead) && read && !skipped.contains(openedAhead)) {
                opensAhead = false;
            }
            openedAhead = null;
        }
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
            } else {
                open.settle(f);
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
        latencies.perSample().record((read - start) / run, run);
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
        SampleFile file = reader.open(path);
        if (file.sampleCount() < samplesPerFile) {
            int held = file.sampleCount();
            file.close();
            throw new DataFileException(path, "holds " + held + " samples, the workload expects " + samplesPerFile
                    + " (dataset.num_samples_per_file)");
        }
        if (readType == ReadType.MEMORY) {
            if (opened.get((int) fileIndex)) {
                batchReopened++;
            } else {
                opened.set((int) fileIndex);
            }
        }
        return open.add(fileIndex, file);
    }

    ReadLatencies latencies() {
        return latencies;
    }

    @Override
    public void close() throws IOException {
        releaseOpenedAhead(false);
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

        @Override
        public boolean readsBytes() {
            return false;
        }
    }
}
