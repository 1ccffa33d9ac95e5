package org.dlioparquet.core.format.tfrecord;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.expectedSample;
import static org.dlioparquet.core.format.npy.ArrayTestSupport.read;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.Split;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.format.npy.ArrayTestSupport;
import org.dlioparquet.core.spi.CompanionFile;
import org.dlioparquet.core.spi.FileSpec;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TFRecord generator's framing, Example encoding and DALI index, and the reader's offsets, checks and byte counts. */
class TfRecordFormatTest {
    private final TfRecordFormatProvider provider = new TfRecordFormatProvider();
    private final DatasetConfig dataset = TestDatasets.of(FormatType.TFRECORD).build();

    @TempDir
    Path root;

    /** Writes {@code train/<name>} and its index as generation does; returns the data file. */
    private Path write(FileSpec spec, DatasetConfig ds) throws IOException {
        Path file = root.resolve(spec.relativePath());
        Files.createDirectories(file.getParent());
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            provider.newGenerator(ds).write(spec, out);
        }
        for (CompanionFile c : provider.companions(ds, spec)) {
            Path p = root.resolve(c.relativePath());
            Files.createDirectories(p.getParent());
            try (WritableByteChannel out = FileChannel.open(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                c.write(out);
            }
            assertThat(Files.size(p)).as("declared size of %s", c.relativePath()).isEqualTo(c.size());
        }
        return file;
    }

    private static FileSpec spec(int samples, int d1, int d2) {
        return new FileSpec("train/img_0_of_1.tfrecord", Split.TRAIN, 0, 0, List.of(d1, d2), samples, 77);
    }

    @Test
    void everyRecordIsFramedWithMaskedCrcsAndHoldsDliosExample() throws IOException {
        FileSpec spec = spec(3, 20, 15);
        Path file = write(spec, dataset);

        ByteBuffer all = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long record = TfRecordFormatProvider.recordBytes(300);
        // 300 image bytes + 38 bytes of Example + 16 of framing; resnet50's 114,660-byte images take 44 + 16
        assertThat(record).isEqualTo(300 + 38 + 16);
        assertThat(TfRecordFormatProvider.recordBytes(114_660)).isEqualTo(114_660 + 44 + 16);
        assertThat(all.capacity()).isEqualTo(3 * record);
        for (int k = 0; k < 3; k++) {
            int at = (int) (k * record);
            long payload = all.getLong(at);
            assertThat(payload).isEqualTo(record - 16);
            assertThat(all.getInt(at + 8)).isEqualTo(TfRecordFraming.maskedCrc(all.duplicate().position(at).limit(at + 8)));
            ByteBuffer body = all.duplicate().position(at + 12).limit(at + 12 + (int) payload);
            assertThat(all.getInt(at + 12 + (int) payload)).isEqualTo(TfRecordFraming.maskedCrc(body));
            ExampleCodec.Image image = assertDoesNotThrowImage(body);
            byte[] bytes = new byte[image.length()];
            all.get(image.offset(), bytes);
            assertThat(bytes).isEqualTo(expectedSample(spec, k, ElementType.UINT8));
            // the size feature follows the image: "size" -> int64_list [300] (varint 0xAC 0x02)
            byte[] tail = new byte[(int) (at + 12 + payload - image.offset() - image.length())];
            all.get(image.offset() + image.length(), tail);
            assertThat(new String(tail, StandardCharsets.ISO_8859_1)).contains("size").endsWith("\u00ac\u0002");
        }
    }

    /**
     * The file is exactly the concatenation of the framed records, whether a record fits the
     * generator's block many times over or spans several blocks and ends off a multiple of 8 bytes.
     */
    @Test
    void recordsAcrossTheWriteBlockAreByteForByteTheFramedExamples() throws IOException {
        DatasetConfig floats = TestDatasets.of(FormatType.TFRECORD).elementType(ElementType.FLOAT32).build();
        for (Object[] c : new Object[][] {{dataset, ElementType.UINT8, 3, 3}, {dataset, ElementType.UINT8, 1031, 1021},
                {floats, ElementType.FLOAT32, 521, 509}}) {
            FileSpec spec = spec(5, (int) c[2], (int) c[3]);
            ElementType type = (ElementType) c[1];
            Path file = write(spec, (DatasetConfig) c[0]);
            long image = spec.sampleBytes(type);
            ExampleCodec.Layout layout = ExampleCodec.layout(image, image);
            ByteBuffer expected = ByteBuffer.allocate((int) (5 * (layout.payloadLength() + 16)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < 5; k++) {
                expected.put(TfRecordFraming.header(layout.payloadLength()).array());
                int start = expected.position();
                expected.put(layout.prefix()).put(expectedSample(spec, k, type)).put(layout.suffix());
                expected.putInt(TfRecordFraming.maskedCrc(expected.duplicate().flip().position(start)));
            }
            assertThat(image).as("a sample larger than the block, ending off 8 bytes").satisfiesAnyOf(
                    b -> assertThat(b).isLessThan(64), b -> assertThat(b).isGreaterThan(TfRecordGenerator.BLOCK));
            assertThat(Files.readAllBytes(file)).as("%s %s", type, image).isEqualTo(expected.array());
            Files.delete(file);
            Files.delete(root.resolve("index/train/img_0_of_1.tfrecord.idx"));
        }
    }

    private static ExampleCodec.Image assertDoesNotThrowImage(ByteBuffer body) {
        try {
            return ExampleCodec.findImage(body);
        } catch (ExampleCodec.MalformedRecordException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theMaskMatchesTensorFlowsForAKnownValue() {
        // crc32c("") = 0: TensorFlow's masked value of an empty string
        assertThat(TfRecordFraming.maskedCrc(ByteBuffer.allocate(0))).isEqualTo(0xa282ead8);
        // crc32c of "123456789" is 0xe3069283, rotated right by 15 and offset
        int crc = 0xe3069283;
        assertThat(TfRecordFraming.mask(crc)).isEqualTo(((crc >>> 15) | (crc << 17)) + 0xa282ead8);
    }

    @Test
    void theDaliIndexListsOffsetAndFramedLengthOfEveryRecord() throws IOException {
        FileSpec spec = spec(4, 10, 10);
        write(spec, dataset);
        long record = TfRecordFormatProvider.recordBytes(100);

        List<String> lines = Files.readAllLines(root.resolve("index/train/img_0_of_1.tfrecord.idx"));
        assertThat(lines).containsExactly("0 " + record, record + " " + record, 2 * record + " " + record,
                3 * record + " " + record);
    }

    @Test
    void readsEverySampleAloneAndTogetherCountingTheIndexAndTheRecords() throws IOException {
        FileSpec spec = spec(5, 16, 16);
        Path file = write(spec, dataset);
        long record = TfRecordFormatProvider.recordBytes(256);
        long index = Files.size(root.resolve("index/train/img_0_of_1.tfrecord.idx"));

        TfRecordReader reader = new TfRecordReader(ReaderSettings.defaults());
        try (SampleFile f = reader.open(file)) {
            assertThat(f.sampleCount()).isEqualTo(5);
            assertThat(f.columns()).containsExactly("image");
            ArrayTestSupport.Collector one = read(f, 3, 1);
            assertThat(one.sample(3)).isEqualTo(expectedSample(spec, 3, ElementType.UINT8));
            assertThat(f.bytesRead()).as("the index, then one record: not the whole file").isEqualTo(index + record);
            ArrayTestSupport.Collector everything = read(f, 0, 5);
            for (int k = 0; k < 5; k++) {
                assertThat(everything.sample(k)).isEqualTo(expectedSample(spec, k, ElementType.UINT8));
            }
        }
        try (SampleFile again = reader.open(file)) {
            read(again, 1, 1);
            assertThat(again.bytesRead()).as("the table is remembered: a reopen reads one record").isEqualTo(record);
        }
    }

    @Test
    void withoutAnIndexTheFramesAreWalked() throws IOException {
        FileSpec spec = spec(4, 8, 8);
        Path file = write(spec, dataset);
        Files.delete(root.resolve("index/train/img_0_of_1.tfrecord.idx"));
        long record = TfRecordFormatProvider.recordBytes(64);

        try (SampleFile f = new TfRecordReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(4);
            assertThat(read(f, 2, 1).sample(2)).isEqualTo(expectedSample(spec, 2, ElementType.UINT8));
            assertThat(f.bytesRead()).isEqualTo(4 * 12 + record);
        }
    }

    @Test
    void floatSamplesKeepTheirBytes() throws IOException {
        DatasetConfig floats = TestDatasets.of(FormatType.TFRECORD).elementType(ElementType.FLOAT32).build();
        FileSpec spec = spec(2, 6, 7);
        Path file = write(spec, floats);
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(read(f, 0, 2).sample(1)).hasSize(6 * 7 * 4).isEqualTo(expectedSample(spec, 1, ElementType.FLOAT32));
        }
    }

    @Test
    void aFlippedPayloadByteIsACrcMismatchNamingTheRecord() throws IOException {
        Path file = write(spec(3, 10, 10), dataset);
        long record = TfRecordFormatProvider.recordBytes(100);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (record + 60)] ^= 0x10;
        Files.write(file, bytes);

        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            read(f, 0, 1);
            assertThatThrownBy(() -> read(f, 1, 1)).isInstanceOf(DataFileException.class)
                    .hasMessage(file + ": record 1 at byte " + record + ": payload CRC mismatch (corrupt data)");
        }
    }

    @Test
    void skippingPayloadCrcsDeliversAFlippedImageByteButStillChecksTheLength() throws IOException {
        FileSpec spec = spec(3, 10, 10);
        Path file = write(spec, dataset);
        long record = TfRecordFormatProvider.recordBytes(100);
        int imageStart = (int) (record + TfRecordFraming.HEADER + ExampleCodec.layout(100, 100).prefix().length);
        byte[] bytes = Files.readAllBytes(file);
        bytes[imageStart + 7] ^= 0x10; // an image byte of record 1
        bytes[(int) (2 * record)] ^= 0x01; // the length of record 2
        Files.write(file, bytes);

        ReaderSettings asDali = ReaderSettings.defaults().withSkipPayloadCrc(true);
        try (SampleFile f = provider.newReader(asDali).open(file)) {
            byte[] expected = expectedSample(spec, 1, ElementType.UINT8);
            expected[7] ^= 0x10;
            assertThat(read(f, 1, 1).sample(1)).isEqualTo(expected);
            assertThatThrownBy(() -> read(f, 2, 1)).isInstanceOf(DataFileException.class)
                    .hasMessageContaining("record 2 at byte " + 2 * record + ": length field says");
        }
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThatThrownBy(() -> read(f, 1, 1)).isInstanceOf(DataFileException.class)
                    .hasMessageEndingWith("payload CRC mismatch (corrupt data)");
        }
    }

    @Test
    void aTruncatedFileIsRefusedByItsIndexAndByItsFraming() throws IOException {
        Path file = write(spec(3, 10, 10), dataset);
        long record = TfRecordFormatProvider.recordBytes(100);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(2 * record + 20);
        }
        Path index = root.resolve("index/train/img_0_of_1.tfrecord.idx");
        assertThatThrownBy(() -> provider.newReader(ReaderSettings.defaults()).open(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": its DALI index " + index + " line 3: record at byte " + 2 * record + " of "
                        + record + " bytes does not fit the file (" + (2 * record + 20) + " bytes)");
        Files.delete(index);
        assertThatThrownBy(() -> provider.newReader(ReaderSettings.defaults()).open(file))
                .isInstanceOf(DataFileException.class)
                .hasMessage(file + ": record 2 at byte " + 2 * record + " claims " + (record - 16)
                        + " payload bytes but the file has 4 left (truncated file?)");
    }

    /** DLIO's lines are read fast; spaces, CR LF and blank lines are read as before; other text is refused. */
    @Test
    void theIndexIsReadWhateverItsSpacingAndBadLinesAreNamed() throws IOException {
        Path file = write(spec(3, 10, 10), dataset);
        long record = TfRecordFormatProvider.recordBytes(100);
        Path index = root.resolve("index/train/img_0_of_1.tfrecord.idx");
        Files.writeString(index, "0 " + record + "\r\n\n  " + record + "   " + record + " \n" + 2 * record + " " + record);
        try (SampleFile f = provider.newReader(ReaderSettings.defaults()).open(file)) {
            assertThat(f.sampleCount()).isEqualTo(3);
            assertThat(read(f, 0, 3).sample(2)).isEqualTo(expectedSample(spec(3, 10, 10), 2, ElementType.UINT8));
        }
        for (String bad : new String[] {"0 " + record + " 7", "0x0 " + record, "0 99999999999999999999", "-0 1"}) {
            Files.writeString(index, "0 " + record + "\n" + bad + "\n");
            String shown = bad.trim();
            assertThatThrownBy(() -> provider.newReader(ReaderSettings.defaults()).open(file))
                    .as(bad).isInstanceOf(DataFileException.class)
                    .hasMessageContaining(" line 2: ").hasMessageContaining(shown.startsWith("-") ? "does not fit"
                            : "expected '<offset> <length>', got '" + shown + "'");
        }
    }

    /** The image of a record laid out as the last one is taken without walking it, and only then. */
    @Test
    void theImageFinderTakesALearntLayoutOnlyWhenTheBytesAroundTheImageMatch() throws Exception {
        ExampleCodec.Layout dlio = ExampleCodec.layout(100, 100);
        ByteBuffer first = example(dlio);
        ExampleCodec.ImageFinder finder = new ExampleCodec.ImageFinder();
        assertThat(finder.find(first.duplicate().position(3))).isEqualTo(new ExampleCodec.Image(3 + dlio.prefix().length,
                100));
        // same length, another size value: the suffix differs, so the record is walked (and its image found)
        ExampleCodec.Layout other = ExampleCodec.layout(100, 101);
        assertThat(other.payloadLength()).isEqualTo(dlio.payloadLength());
        ByteBuffer second = example(other);
        assertThat(finder.find(second.duplicate().position(3)))
                .isEqualTo(ExampleCodec.findImage(second.duplicate().position(3)));
        // a record whose image feature is renamed has no image: the learnt layout must not hide that
        ByteBuffer renamed = example(dlio);
        int at = 3 + new String(dlio.prefix(), StandardCharsets.ISO_8859_1).indexOf("image");
        renamed.put(at, (byte) 'I');
        assertThatThrownBy(() -> finder.find(renamed.duplicate().position(3)))
                .isInstanceOf(ExampleCodec.MalformedRecordException.class).hasMessageContaining("no 'image' feature");
    }

    /** The payload of {@code layout} with an image of 7s, after 3 bytes of something else. */
    private static ByteBuffer example(ExampleCodec.Layout layout) {
        ByteBuffer b = ByteBuffer.allocate(3 + (int) layout.payloadLength());
        b.position(3);
        b.put(layout.prefix());
        for (int i = 0; i < layout.imageBytes(); i++) {
            b.put((byte) 7);
        }
        return b.put(layout.suffix()).flip();
    }

    @Test
    void describeSaysWhereTheOffsetsCameFrom() throws IOException {
        Path file = write(spec(2, 4, 4), dataset);
        assertThat(provider.describe(file)).contains("records (samples): 2",
                "record 0: " + TfRecordFormatProvider.recordBytes(16) + " bytes framed, image 16 bytes")
                .anyMatch(l -> l.startsWith("record offsets from: DALI index "));
    }
}
