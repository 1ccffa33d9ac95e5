package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.file.Path;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.DirectBufferPool;

/**
 * Opens Parquet files with one set of settings; shares checked footers and spare page buffers
 * between threads.
 */
final class ParquetFormatReader implements FormatReader {
    /** Footers kept; a footer of a DLIO file is a few KiB, so this is a few MiB at most. */
    static final int FOOTER_CACHE_CAPACITY = 1024;
    /**
     * Spare page buffers kept at least; the pool keeps as many as were in use at once, as a file
     * holds one or two per projected column (dlrm_small: 24 columns x 2 threads) and each file
     * closed hands them on to the next one opened.
     */
    static final int SPARE_BUFFERS = 16;

    private final ReaderSettings settings;
    private final boolean streaming;
    private final FooterCache footers = new FooterCache(FOOTER_CACHE_CAPACITY);
    private final DirectBufferPool buffers = DirectBufferPool.growingWithUse(SPARE_BUFFERS);

    ParquetFormatReader(ReaderSettings settings) {
        this(settings, true);
    }

    /** @param streaming false reads every file with parquet-java (to compare the two readers in tests) */
    ParquetFormatReader(ReaderSettings settings, boolean streaming) {
        this.settings = settings;
        this.streaming = streaming;
    }

    @Override
    public SampleFile open(Path file) throws IOException {
        return ParquetSampleFile.open(file, settings, footers, buffers, streaming);
    }

    /** Every column, unless the workload names some. */
    @Override
    public boolean readsWholeFiles() {
        return settings.columns().isEmpty();
    }

    /** Forgets the footers: the next epoch reads them from storage again. */
    @Override
    public void endEpoch() {
        footers.clear();
    }

    DirectBufferPool buffers() {
        return buffers;
    }
}
