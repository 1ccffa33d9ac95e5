package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ParquetBlobRoundTripTest {
    @TempDir
    Path dir;

    static byte[] expectedSample(FileSpec spec, int k, ElementType type) {
        byte[] b = new byte[(int) spec.sampleBytes(type)];
        new SeededContent(spec.sampleSeed(k)).fill(b, 0, b.length, type);
        return b;
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4"})
    void samplesComeBackAsWrittenWithEveryCodec(Compression codec) throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(3)
                .elementType(ElementType.FLOAT32).build();
        FileSpec spec = ParquetTestSupport.spec(List.of(8, 10), 7, 42);
        Path file = ParquetTestSupport.write(dataset, spec, dir.resolve("f.parquet"));

        CollectingSink sink = ParquetTestSupport.readAll(file);

        for (int k = 0; k < 7; k++) {
            assertThat(sink.value(k, 0)).as("sample %d", k).isEqualTo(expectedSample(spec, k, ElementType.FLOAT32));
            assertThat(sink.value(k, 1)).as("label %d", k).isEqualTo(new byte[8]);
        }
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(org.dlioparquet.core.spi.ReaderSettings.defaults())
                .open(file)) {
            assertThat(f.sampleCount()).isEqualTo(7);
            assertThat(f.columns()).containsExactly("data", "label");
        }
    }
}
