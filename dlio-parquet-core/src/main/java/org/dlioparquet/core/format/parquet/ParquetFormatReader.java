package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.file.Path;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;

/** Opens Parquet files with one set of settings; shares checked footers between threads. */
final class ParquetFormatReader implements FormatReader {
    /** Footers kept; a footer of a DLIO file is a few KiB, so this is a few MiB at most. */
    static final int FOOTER_CACHE_CAPACITY = 1024;

    private final ReaderSettings settings;
    private final FooterCache footers = new FooterCache(FOOTER_CACHE_CAPACITY);

    ParquetFormatReader(ReaderSettings settings) {
        this.settings = settings;
    }

    @Override
    public SampleFile open(Path file) throws IOException {
        return ParquetSampleFile.open(file, settings, footers);
    }

    FooterCache footers() {
        return footers;
    }
}
