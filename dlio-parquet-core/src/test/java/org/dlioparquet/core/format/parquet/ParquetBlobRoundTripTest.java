package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.spi.SeededContent;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
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

    private static DatasetConfig dataset(Compression codec, int rowGroupSize) {
        return TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(rowGroupSize)
                .elementType(ElementType.FLOAT32).build();
    }

    private static ParquetMetadata footer(Path file) throws Exception {
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            return ((ParquetSampleFile) f).layout().footer();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"NONE", "SNAPPY", "GZIP", "ZSTD", "LZ4"})
    void samplesComeBackAsWrittenWithEveryCodec(Compression codec) throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(8, 10), 7, 42);
        Path file = ParquetTestSupport.write(dataset(codec, 3), spec, dir.resolve("f.parquet"));

        CollectingSink sink = ParquetTestSupport.readAll(file);

        for (int k = 0; k < 7; k++) {
            assertThat(sink.value(k, 0)).as("sample %d", k).isEqualTo(expectedSample(spec, k, ElementType.FLOAT32));
            assertThat(sink.value(k, 1)).as("label %d", k).isEqualTo(new byte[8]);
        }
        CompressionCodecName expected = codec == Compression.NONE ? CompressionCodecName.UNCOMPRESSED
                : codec == Compression.LZ4 ? CompressionCodecName.LZ4_RAW : CompressionCodecName.valueOf(codec.name());
        for (BlockMetaData block : footer(file).getBlocks()) {
            assertThat(block.getColumns()).allSatisfy(c -> assertThat(c.getCodec()).isEqualTo(expected));
        }
    }

    @Test
    void rowGroupsHoldExactlyRowGroupSizeRows() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(16, 16), 7, 1);
        Path file = ParquetTestSupport.write(dataset(Compression.NONE, 3), spec, dir.resolve("f.parquet"));

        assertThat(footer(file).getBlocks()).extracting(BlockMetaData::getRowCount).containsExactly(3L, 3L, 1L);
    }

    @Test
    void footerCarriesTheSchemaAndTheSampleDescription() throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).elementType(ElementType.UINT8).build();
        FileSpec spec = ParquetTestSupport.spec(List.of(64, 64), 2, 5);
        Path file = ParquetTestSupport.write(dataset, spec, dir.resolve("f.parquet"));

        ParquetMetadata footer = footer(file);
        assertThat(footer.getFileMetaData().getSchema().toString()).isEqualTo(
                "message dlio {\n  required binary data;\n  required int64 label;\n}\n");
        assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsAllEntriesOf(Map.of(
                "dlio.sample_shape", "64,64", "dlio.element_type", "uint8", "dlio.generator", "dlio-parquet"));
        // min/max of 4 KiB blobs would only cost time: statistics are off for the data column
        assertThat(footer.getBlocks().get(0).getColumns().get(0).getStatistics().isEmpty()).isTrue();
        assertThat(footer.getBlocks().get(0).getColumns().get(0).hasDictionaryPage()).isFalse();
    }

    @Test
    void theSameSpecGivesTheSameBytesAndAnotherSeedOthers() throws Exception {
        DatasetConfig dataset = dataset(Compression.ZSTD, 2);
        FileSpec spec = ParquetTestSupport.spec(List.of(32, 32), 5, 99);
        Path a = ParquetTestSupport.write(dataset, spec, dir.resolve("a.parquet"));
        Path b = ParquetTestSupport.write(dataset, spec, dir.resolve("b.parquet"));
        Path c = ParquetTestSupport.write(dataset, ParquetTestSupport.spec(List.of(32, 32), 5, 100),
                dir.resolve("c.parquet"));

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void samplesCanBeReadOneByOneInAnyOrder() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(8, 8), 9, 3);
        Path file = ParquetTestSupport.write(dataset(Compression.SNAPPY, 4), spec, dir.resolve("f.parquet"));

        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            for (int k : new int[] {8, 0, 5, 4, 3, 7, 1}) {
                CollectingSink sink = new CollectingSink();
                f.read(k, sink);
                assertThat(sink.pieces).allSatisfy(p -> assertThat(p.sample()).isEqualTo(k));
                assertThat(sink.value(k, 0)).isEqualTo(expectedSample(spec, k, ElementType.FLOAT32));
            }
            assertThatThrownBy(() -> f.read(8, 2, SampleSink()))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> f.read(-1, 1, SampleSink())).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void readingEveryRowInOrderReadsEachChunkOnce() throws Exception {
        FileSpec spec = ParquetTestSupport.spec(List.of(64, 64), 12, 3);
        Path file = ParquetTestSupport.write(dataset(Compression.NONE, 4), spec, dir.resolve("f.parquet"));

        long chunkBytes = footer(file).getBlocks().stream()
                .flatMap(b -> b.getColumns().stream()).mapToLong(c -> c.getTotalSize()).sum();
        try (SampleFile f = ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults()).open(file)) {
            for (int k = 0; k < f.sampleCount(); k++) {
                f.read(k, SampleSink());
            }
            long afterOnePass = f.bytesRead();
            // every chunk once, at most the whole file plus the 12 bytes of the frame check and
            // parquet-java's own 8-byte tail read
            assertThat(afterOnePass).isBetween(chunkBytes, Files.size(file) + 20);
            f.read(11, SampleSink());
            assertThat(f.bytesRead()).as("a row of the loaded row group costs no I/O").isEqualTo(afterOnePass);
        }
    }

    private static SampleSink SampleSink() {
        return SampleSink.discard();
    }
}
