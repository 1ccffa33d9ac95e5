package org.dlioparquet.core.format.parquet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;

/** Writing and reading small Parquet files in tests. */
final class ParquetTestSupport {
    static final ParquetFormatProvider PROVIDER = new ParquetFormatProvider();

    private ParquetTestSupport() {
    }

    static FileSpec spec(List<Integer> shape, int samples, long seed) {
        return new FileSpec("train/img_0_of_1.parquet", Split.TRAIN, 0, 0, shape, samples, seed);
    }

    static Path write(DatasetConfig dataset, FileSpec spec, Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            PROVIDER.newGenerator(dataset).write(spec, out);
        }
        return file;
    }

    /** Reads every sample of {@code file} with {@code settings}. */
    static CollectingSink readAll(Path file, ReaderSettings settings) throws IOException {
        CollectingSink sink = new CollectingSink();
        try (SampleFile f = PROVIDER.newReader(settings).open(file)) {
            f.read(0, f.sampleCount(), sink);
        }
        return sink;
    }

    static CollectingSink readAll(Path file) throws IOException {
        return readAll(file, ReaderSettings.defaults());
    }
}
