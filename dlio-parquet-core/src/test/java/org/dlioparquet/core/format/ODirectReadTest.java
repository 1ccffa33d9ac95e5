package org.dlioparquet.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.dataset.DatasetPlan;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.FormatProvider;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.AtomicFiles;
import org.dlioparquet.core.testing.DirectIo;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code reader.odirect} reads the same samples as the page-cache path, for every built-in format. */
class ODirectReadTest {
    @TempDir
    Path dir;

    /** Files of a few MiB, so that a read-ahead ({@code reader.odirect_read_ahead}) has a next MiB to read. */
    @ParameterizedTest
    @CsvSource({"npz,NONE,70000,false", "npz,ZIP,70000,false", "npy,NONE,70000,false", "csv,NONE,70000,false",
            "csv,GZIP,70000,false", "npz,NONE,700000,true", "npz,ZIP,700000,true", "npy,NONE,700000,true",
            "parquet,NONE,700000,true", "parquet,NONE,700000,false"})
    void oDirectDeliversTheSameSamples(String format, Compression compression, int recordLength, boolean readAhead)
            throws IOException {
        FormatProvider provider = FormatRegistry.loadDefault().provider(FormatType.of(format));
        DatasetConfig ds = TestDatasets.of(FormatType.of(format)).samplesPerFile(5).recordLength(recordLength)
                .compression(compression).rowGroupSize(2).build();
        FileSpec spec = new DatasetPlan(ds, provider.fileExtension(ds)).spec(0);
        Path file = dir.resolve(spec.fileName());
        AtomicFiles.write(file, false, ch -> provider.newGenerator(ds).write(spec, ch));
        assumeTrue(DirectIo.works(file), "the test folder's file system refuses O_DIRECT");

        List<byte[]> plain = samples(provider, file, false, false);
        List<byte[]> direct = samples(provider, file, true, readAhead);

        assertThat(direct).hasSize(5);
        for (int k = 0; k < 5; k++) {
            assertThat(direct.get(k)).as("sample %d", k).isEqualTo(plain.get(k));
        }
    }

    private static List<byte[]> samples(FormatProvider provider, Path file, boolean odirect, boolean readAhead)
            throws IOException {
        ReaderSettings settings = new ReaderSettings(ElementType.UINT8, List.of(), odirect,
                ReaderSettings.DEFAULT_IO_BUFFER, ReaderSettings.DEFAULT_MAX_VALUE_BYTES).withOdirectReadAhead(readAhead);
        List<ByteArrayOutputStream> out = new ArrayList<>();
        try (SampleFile f = provider.newReader(settings).open(file)) {
            for (int k = 0; k < f.sampleCount(); k++) {
                out.add(new ByteArrayOutputStream());
            }
            f.read(0, f.sampleCount(), (sample, column, piece) -> {
                if (piece != null) {
                    ByteBuffer p = piece.duplicate();
                    byte[] b = new byte[p.remaining()];
                    p.get(b);
                    out.get(sample).writeBytes(b);
                }
            });
        }
        return out.stream().map(ByteArrayOutputStream::toByteArray).toList();
    }
}
