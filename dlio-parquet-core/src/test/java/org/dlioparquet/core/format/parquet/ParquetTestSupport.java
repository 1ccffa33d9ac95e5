package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;

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

    /**
     * Every piece of {@code file} as {@code "sample/column:hex"} ({@code "sample/column:null"}), read
     * in batches of 3 rows as the runner reads, ordered by sample and column (the SPI lets columns
     * interleave) and in delivery order within a value; checks which reader served it.
     *
     * @param streamed true: the page-streaming reader must serve every column; false: parquet-java
     */
    static List<String> pieces(Path file, ReaderSettings settings, boolean streamed) throws IOException {
        return pieces(file, settings, streamed, 3);
    }

    /** {@link #pieces(Path, ReaderSettings, boolean)} read in batches of {@code batch} rows. */
    static List<String> pieces(Path file, ReaderSettings settings, boolean streamed, int batch) throws IOException {
        return pieces(file, settings, streamed, batch, true);
    }

    /**
     * @param check whether to check that the page-streaming reader served every column ({@code
     *              streamed}) or none; false for files it reads in part
     */
    static List<String> pieces(Path file, ReaderSettings settings, boolean streamed, int batch, boolean check)
            throws IOException {
        List<String[]> pieces = new ArrayList<>();
        SampleSink sink = (sample, column, piece) -> pieces.add(new String[] {
            String.format("%09d/%04d", sample, column), sample + "/" + column + ":" + (piece == null ? "null" : hex(piece))});
        try (ParquetSampleFile f = (ParquetSampleFile) new ParquetFormatReader(settings, streamed).open(file)) {
            if (check) {
                assertThat(f.streamed()).as("%s read by the page-streaming reader", file).isEqualTo(streamed);
            }
            for (int k = 0; k < f.sampleCount(); k += batch) {
                f.read(k, Math.min(batch, f.sampleCount() - k), sink);
            }
        }
        // a stable sort: pieces of one value keep their order
        pieces.sort(Comparator.comparing(p -> p[0]));
        return pieces.stream().map(p -> p[1]).toList();
    }

    static String hex(ByteBuffer piece) {
        byte[] b = new byte[piece.remaining()];
        piece.duplicate().get(b);
        return HexFormat.of().formatHex(b);
    }

    /** Writes {@code spec} with today's parquet-java writer (never the raw one). */
    static Path writeWithParquetJava(DatasetConfig dataset, FileSpec spec, Path file) throws IOException {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            new ParquetFileGenerator(dataset, false).write(spec, out);
        }
        return file;
    }
}
