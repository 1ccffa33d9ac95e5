package org.dlioparquet.core.testing;

import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileGenerator;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatReader;
import org.dlioparquet.core.spi.ReaderSettings;

/** A second provider claiming {@code rawbin}; only ever put on a class path to provoke the clash. */
public final class RawBinTwinProvider implements FormatProvider {
    @Override
    public FormatType format() {
        return RawBinFormatProvider.RAWBIN;
    }

    @Override
    public String fileExtension(DatasetConfig dataset) {
        return "rawbin";
    }

    @Override
    public FileGenerator newGenerator(DatasetConfig dataset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public FormatReader newReader(ReaderSettings settings) {
        throw new UnsupportedOperationException();
    }
}
