package org.dlioparquet.core.format.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.parquet.codec.ParquetCodecFactory;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file opened to read one row (DLIO's {@code read_type: on_demand}) reads the pages that hold
 * it; once an earlier open read those pages, an uncompressed page's value, or a dictionary entry,
 * is read alone. The values are those a whole read of the file gives.
 */
class ParquetOnDemandReadsTest {
    @TempDir
    Path dir;

    /** Per row, in a random order: the bytes an open for that row read; checks the pieces against a whole read. */
    private static long[] bytesPerRow(ParquetFormatReader reader, Path file, int pass) throws IOException {
        CollectingSink whole = ParquetTestSupport.readAll(file);
        int rows;
        try (SampleFile f = reader.open(file)) {
            rows = f.sampleCount();
        }
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            order.add(r);
        }
        Collections.shuffle(order, new Random(pass));
        long[] bytes = new long[rows];
        for (int row : order) {
            CollectingSink one = new CollectingSink();
            try (SampleFile f = reader.open(file)) {
                f.read(row, 1, one);
                bytes[row] = f.bytesRead();
            }
            for (int c = 0; c < 2; c++) {
                assertThat(one.pieces(row, c)).as("row %d column %d", row, c)
                        .usingElementComparator(Arrays::compare).isEqualTo(whole.pieces(row, c));
            }
        }
        return bytes;
    }

    @Test
    void ourUncompressedBlobsAreReadValueByValueOnceTheirPagesAreKnown() throws Exception {
        // 20 KiB samples: about 50 to a page of 1 MiB, 60 rows in row groups of 30
        DatasetConfig dataset = TestDatasets.of(FormatType.PARQUET).rowGroupSize(30).elementType(ElementType.UINT8)
                .build();
        FileSpec spec = ParquetTestSupport.spec(List.of(160, 128), 60, 3);
        Path file = ParquetTestSupport.write(dataset, spec, dir.resolve("f.parquet"));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());

        long[] first = bytesPerRow(reader, file, 1);
        long[] second = bytesPerRow(reader, file, 2);

        // the first open of a page reads it whole (and the footer once); then a row is its value and its label
        assertThat(Arrays.stream(first).max().orElseThrow()).isGreaterThan(30 * 20480L);
        assertThat(second).containsOnly(20480L + 8);
    }

    @Test
    void aDictionaryOfLargeValuesIsReadEntryByEntryOnceItsEntriesAreKnown() throws Exception {
        Path file = dictionaryOfBlobs(dir.resolve("d.parquet"));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());
        long dictionary;
        try (ParquetSampleFile f = (ParquetSampleFile) reader.open(file)) {
            assertThat(f.streamed()).isTrue();
            assertThat(f.layout().chunk(0, 0).getEncodingStats().hasDictionaryEncodedPages()).isTrue();
            dictionary = f.layout().chunk(0, 0).getTotalSize();
        }

        long[] first = bytesPerRow(reader, file, 1);
        long[] second = bytesPerRow(reader, file, 2);

        assertThat(Arrays.stream(first).max().orElseThrow()).isGreaterThan(dictionary / 2);
        // then: the data page of indices (a few hundred bytes), one 3000-byte entry, the 8-byte label
        assertThat(Arrays.stream(second).boxed()).allMatch(b -> b > 3000 && b < 3000 + 1024);
    }

    @Test
    void aFileAskedForOneRowAndThenForManyGivesTheSamePieces() throws Exception {
        Path file = dictionaryOfBlobs(dir.resolve("d.parquet"));
        ParquetFormatReader reader = new ParquetFormatReader(ReaderSettings.defaults());
        bytesPerRow(reader, file, 1);
        CollectingSink one = new CollectingSink();
        CollectingSink all = new CollectingSink();
        try (SampleFile f = reader.open(file)) {
            // one row leaves the dictionary in the file; the rows after it need it whole
            f.read(7, 1, one);
            f.read(0, f.sampleCount(), all);
        }
        CollectingSink whole = ParquetTestSupport.readAll(file);
        assertThat(Arrays.equals(one.value(7, 0), whole.value(7, 0))).isTrue();
        for (int row = 0; row < 40; row++) {
            assertThat(Arrays.equals(all.value(row, 0), whole.value(row, 0))).as("row %d", row).isTrue();
            assertThat(all.value(row, 1)).as("row %d", row).isEqualTo(whole.value(row, 1));
        }
    }

    /** 40 rows of 3000-byte values, 12 distinct, dictionary-encoded by parquet-java, uncompressed. */
    private static Path dictionaryOfBlobs(Path file) throws IOException {
        MessageType schema = MessageTypeParser.parseMessageType(
                "message m { required binary blob; required int64 label; }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        Random random = new Random(4);
        byte[][] blobs = new byte[12][3000];
        for (byte[] b : blobs) {
            random.nextBytes(b);
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ParquetWriter<Group> writer = ExampleParquetWriter.builder(new ChannelOutputFile(out, file.toString()))
                     .withConf(new PlainParquetConfiguration())
                     .withCodecFactory(ParquetCodecFactory.forWriting(3))
                     .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
                     .withType(schema)
                     .withDictionaryEncoding(true)
                     .withDictionaryPageSize(1 << 20)
                     .build()) {
            for (int i = 0; i < 40; i++) {
                writer.write(groups.newGroup().append("blob", Binary.fromConstantByteArray(blobs[(i * 7) % 12]))
                        .append("label", (long) i));
            }
        }
        return file;
    }
}
