package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.io.LocalInputFile;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The raw page writer makes the files parquet-java's writer made: parquet-java's own reader finds
 * the same schema, key-value metadata, row groups, codecs and values in both.
 */
class ParquetRawWriterTest {
    private static final List<Compression> CODECS =
            List.of(Compression.NONE, Compression.SNAPPY, Compression.GZIP, Compression.ZSTD, Compression.LZ4);

    @TempDir
    Path dir;

    static Stream<Arguments> blobCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Compression codec : CODECS) {
            for (int rowGroupSize : new int[] {1, 3, 8, 100}) {
                cases.add(Arguments.of(codec, rowGroupSize));
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> columnCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Compression codec : CODECS) {
            for (int rowGroupSize : new int[] {1, 4, 100}) {
                cases.add(Arguments.of(codec, rowGroupSize));
            }
        }
        return cases.stream();
    }

    private static ParquetMetadata footer(Path file) throws Exception {
        try (ParquetSampleFile f = (ParquetSampleFile) ParquetTestSupport.PROVIDER.newReader(ReaderSettings.defaults())
                .open(file)) {
            return f.footer();
        }
    }

    /** Writes {@code spec} with both writers and checks parquet-java reads the same file from both. */
    private Path assertSameFileAsParquetJava(DatasetConfig dataset, FileSpec spec) throws Exception {
        Path raw = ParquetTestSupport.write(dataset, spec, dir.resolve("raw.parquet"));
        Path stock = ParquetTestSupport.writeWithParquetJava(dataset, spec, dir.resolve("stock.parquet"));
        ParquetMetadata rawFooter = footer(raw);
        ParquetMetadata stockFooter = footer(stock);

        assertThat(rawFooter.getFileMetaData().getCreatedBy()).isEqualTo(RawParquetWriter.CREATED_BY);
        assertThat(stockFooter.getFileMetaData().getCreatedBy()).startsWith("parquet-mr");
        assertThat(rawFooter.getFileMetaData().getSchema()).isEqualTo(stockFooter.getFileMetaData().getSchema());
        assertThat(rawFooter.getFileMetaData().getKeyValueMetaData())
                .isEqualTo(stockFooter.getFileMetaData().getKeyValueMetaData());
        assertThat(rawFooter.getBlocks()).extracting(BlockMetaData::getRowCount)
                .isEqualTo(stockFooter.getBlocks().stream().map(BlockMetaData::getRowCount).toList());
        for (int g = 0; g < rawFooter.getBlocks().size(); g++) {
            List<ColumnChunkMetaData> rawChunks = rawFooter.getBlocks().get(g).getColumns();
            List<ColumnChunkMetaData> stockChunks = stockFooter.getBlocks().get(g).getColumns();
            for (int c = 0; c < rawChunks.size(); c++) {
                ColumnChunkMetaData r = rawChunks.get(c);
                ColumnChunkMetaData s = stockChunks.get(c);
                assertThat(r.getPath()).isEqualTo(s.getPath());
                assertThat(r.getCodec()).isEqualTo(s.getCodec());
                assertThat(r.getValueCount()).isEqualTo(s.getValueCount());
                assertThat(r.hasDictionaryPage()).isFalse();
                assertThat(r.getEncodingStats().getDataEncodings()).containsExactly(Encoding.PLAIN);
                // statistics where parquet-java keeps them, with the same min and max
                assertThat(r.getStatistics().isEmpty()).as("no statistics on %s", r.getPath())
                        .isEqualTo(s.getStatistics().isEmpty());
                assertThat(r.getStatistics()).as("statistics of %s", r.getPath()).isEqualTo(s.getStatistics());
            }
        }
        // parquet-java's reader (the fallback path) decodes the same pieces from both files
        assertThat(ParquetTestSupport.pieces(raw, ReaderSettings.defaults(), false))
                .isNotEmpty().isEqualTo(ParquetTestSupport.pieces(stock, ReaderSettings.defaults(), false));
        return raw;
    }

    @ParameterizedTest(name = "{0}, row groups of {1}")
    @MethodSource("blobCases")
    void blobFilesMatchParquetJavasFiles(Compression codec, int rowGroupSize) throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(rowGroupSize)
                .elementType(ElementType.FLOAT16).build();
        assertSameFileAsParquetJava(dataset, ParquetTestSupport.spec(List.of(12, 10), 9, 31));
    }

    @ParameterizedTest(name = "{0}, row groups of {1}")
    @MethodSource("columnCases")
    void flatColumnLayoutFilesMatchParquetJavasFiles(Compression codec, int rowGroupSize) throws Exception {
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).compression(codec).rowGroupSize(rowGroupSize);
        ParquetColumnLayoutTest.COLUMNS.stream().filter(c -> !DlioSchemas.isList(c)).forEach(t::column);
        assertSameFileAsParquetJava(t.build(), ParquetTestSupport.spec(List.of(), 23, 5));
    }

    /** A file of {@code samples} uint8 samples of {@code shape} in row groups of 4, written by the raw writer. */
    private Path blobFile(List<Integer> shape, int samples, String name) throws Exception {
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).rowGroupSize(4).elementType(ElementType.UINT8)
                .build();
        return ParquetTestSupport.write(dataset, ParquetTestSupport.spec(shape, samples, 2), dir.resolve(name));
    }

    @Test
    void aSampleLargerThanAPageGetsAPageOfItsOwnAndSmallOnesShareOne() throws Exception {
        Path large = blobFile(List.of(1100, 1000), 3, "large.parquet");
        Path small = blobFile(List.of(64, 64), 3, "small.parquet");

        assertThat(footer(large).getBlocks().get(0).getColumns().get(0).getEncodingStats()
                .getNumDataPagesEncodedAs(Encoding.PLAIN)).isEqualTo(3);
        assertThat(footer(small).getBlocks().get(0).getColumns().get(0).getEncodingStats()
                .getNumDataPagesEncodedAs(Encoding.PLAIN)).isEqualTo(1);
    }

    @Test
    void eachChunksOffsetIndexLocatesItsPagesForParquetJavasReader() throws Exception {
        // samples a little over a page: a page each, as a page-streaming reader of 1 MiB samples meets them
        Path raw = blobFile(List.of(1030, 1020), 7, "raw.parquet");

        try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(raw))) {
            assertThat(r.getFooter().getBlocks()).hasSize(2);
            for (int g = 0; g < 2; g++) {
                ColumnChunkMetaData chunk = r.getFooter().getBlocks().get(g).getColumns().get(0);
                OffsetIndex index = r.readOffsetIndex(chunk);
                int pages = index.getPageCount();
                assertThat(pages).as("a page per sample of row group %d", g).isEqualTo(g == 0 ? 4 : 3);
                long at = chunk.getStartingPos();
                for (int p = 0; p < pages; p++) {
                    assertThat(index.getOffset(p)).as("page %d starts where the one before ends", p).isEqualTo(at);
                    assertThat(index.getFirstRowIndex(p)).isEqualTo(p);
                    at += index.getCompressedPageSize(p);
                }
                assertThat(at).as("the pages fill the chunk").isEqualTo(chunk.getStartingPos() + chunk.getTotalSize());
            }
        }
    }

    @Test
    void listColumnsAreStillWrittenByParquetJava() throws Exception {
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).rowGroupSize(4);
        ParquetColumnLayoutTest.COLUMNS.forEach(t::column);
        Path file = ParquetTestSupport.write(t.build(), ParquetTestSupport.spec(List.of(), 5, 1),
                dir.resolve("lists.parquet"));

        assertThat(footer(file).getFileMetaData().getCreatedBy()).startsWith("parquet-mr");
    }

    @Test
    void theRawWriterIsDeterministic() throws Exception {
        TestDatasets t = TestDatasets.of(FormatType.PARQUET).compression(Compression.SNAPPY).rowGroupSize(3);
        ParquetColumnLayoutTest.COLUMNS.stream().filter(c -> !DlioSchemas.isList(c)).forEach(t::column);
        FileSpec spec = ParquetTestSupport.spec(List.of(), 10, 8);
        Path a = ParquetTestSupport.write(t.build(), spec, dir.resolve("a.parquet"));
        Path b = ParquetTestSupport.write(t.build(), spec, dir.resolve("b.parquet"));

        assertThat(footer(a).getFileMetaData().getCreatedBy()).isEqualTo(RawParquetWriter.CREATED_BY);
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    }
}
