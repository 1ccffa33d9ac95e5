package org.dlioparquet.core.format.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dlioparquet.core.DataFileException;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.config.Compression;
import org.dlioparquet.core.config.DatasetConfig;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.spi.SampleSink;
import org.dlioparquet.core.testing.Fixtures;
import org.dlioparquet.core.testing.TestDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Broken CSV files fail with one-line messages naming the file, the line and the column; never with garbage. */
class CsvBadFilesTest {
    @TempDir
    Path dir;

    @Test
    void raggedRowsNameTheFirstShortLine() {
        Path file = Fixtures.file("bad/csv_ragged.csv");
        assertOpenFails(file, ElementType.UINT8, "line 2 has 15 values, expected 16");
    }

    @Test
    void fileCutInsideALineIsTruncated() {
        Path file = Fixtures.file("bad/csv_trunc_50pct.csv");
        DataFileException e = assertOpenFails(file, ElementType.UINT8, "line 2 has 8 values, expected 16");
        assertThat(e.reason()).contains("truncated");
    }

    @Test
    void shortFinalRowIsRefused() {
        Path file = Fixtures.file("bad/csv_trunc_tail.csv");
        DataFileException e = assertOpenFails(file, ElementType.UINT8, "line 3 has 15 values, expected 16");
        assertThat(e.reason()).contains("truncated");
    }

    @Test
    void nonNumericValueNamesLineAndColumnWhenItsSampleIsRead() throws IOException {
        Path file = Fixtures.file("bad/csv_non_numeric.csv");
        try (SampleFile f = CsvTesting.open(file, ElementType.UINT8)) {
            assertThat(f.sampleCount()).isEqualTo(3);
            assertThat(CsvTesting.read(f, 0, 1).get(0)).hasSize(16); // the good line before it reads fine
            DataFileException e = catchThrowableOfType(() -> f.read(1, SampleSink.discard()), DataFileException.class);
            assertOneLineNaming(e, file, "line 2, column 5: 'abc' is not a number");
            assertThat(CsvTesting.read(f, 2, 1).get(0)).hasSize(16); // and the one after it too
        }
    }

    @Test
    void emptyFilesAreReportedAsEmpty() {
        assertOpenFails(Fixtures.file("bad/empty.csv"), ElementType.UINT8, "empty file (0 bytes)");
        DataFileException gz = assertOpenFails(Fixtures.file("bad/empty.csv.gz"), ElementType.UINT8,
                "empty file (0 bytes)");
        assertThat(gz.reason()).contains("csv.gz");
    }

    @Test
    void valuesOutOfRangeOfTheElementTypeAreRefused() throws IOException {
        assertReadFails("1,2,3\n4,300,6\n", ElementType.UINT8, "line 2, column 2: '300' is out of range for uint8 (0..255)");
        assertReadFails("1,-1\n", ElementType.UINT16, "line 1, column 2: '-1' is out of range for uint16 (0..65535)");
        assertReadFails("-32769\n", ElementType.INT16, "'-32769' is out of range for int16 (-32768..32767)");
        assertReadFails("18446744073709551616\n", ElementType.UINT64, "out of range for uint64 (0..18446744073709551615)");
        assertReadFails("9223372036854775808\n", ElementType.INT64, "out of range for int64");
        assertReadFails("2\n", ElementType.BOOL, "'2' is not a bool");
        assertReadFails("1e39\n", ElementType.FLOAT32, "'1e39' is out of range for float32");
        assertReadFails("65520\n", ElementType.FLOAT16, "'65520' is out of range for float16");
        assertReadFails("1e309\n", ElementType.FLOAT64, "'1e309' is out of range for float64");
    }

    @Test
    void fractionsAndJunkAreNotIntegers() throws IOException {
        assertReadFails("1,2.5\n", ElementType.UINT8, "line 1, column 2: '2.5' is not an integer (element type uint8)");
        assertReadFails("1,,3\n", ElementType.INT32, "line 1, column 2: empty value, expected int32");
        assertReadFails("0x10\n", ElementType.INT32, "'0x10' is not a number");
        assertReadFails("1.5f\n", ElementType.FLOAT32, "'1.5f' is not a number"); // Java syntax, not Python's
        assertReadFails("1\u0000\u00ff\n", ElementType.FLOAT64, "'1\\x00\\xff' is not a number");
    }

    @Test
    void emptyLineIsRefused() throws IOException {
        Path file = text("e.csv", "1,2\n\n3,4\n");
        assertOpenFails(file, ElementType.UINT8, "line 2 is empty, expected 2 values");
    }

    @Test
    void moreValuesThanTheFirstLineIsRefused() throws IOException {
        assertOpenFails(text("m.csv", "1,2\n3,4,5\n"), ElementType.UINT8, "line 2 has 3 values, expected 2");
    }

    @Test
    void lineLongerThanTheValueLimitIsRefusedOnOpen() throws IOException {
        Path file = text("long.csv", "1,2,3,4,5,6,7,8,9,10\n");
        DataFileException e = catchThrowableOfType(
                () -> CsvTesting.PROVIDER.newReader(ReaderSettings.defaults().withMaxValueBytes(10)).open(file),
                DataFileException.class);
        assertOneLineNaming(e, file, "line 1 is longer than 10 bytes");
    }

    @Test
    void fullLastLineWithoutNewlineAndCrLfAreAccepted() throws IOException {
        try (SampleFile f = CsvTesting.open(text("crlf.csv", "1,2\r\n3,4\r\n5,6"), ElementType.UINT8)) {
            assertThat(CsvTesting.readAll(f)).containsExactly(new byte[] {1, 2}, new byte[] {3, 4}, new byte[] {5, 6});
        }
    }

    @Test
    void compressedNameWithoutMagicIsRefused() throws IOException {
        Path file = text("plain.csv.gz", "1,2\n");
        assertOpenFails(file, ElementType.UINT8, "the name says gzip but the file does not start with its magic bytes 1f 8b (found 31 2c 32 0a)");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "BZ2", "XZ", "ZSTD"})
    void truncatedCompressedFileIsCorrupt(Compression compression) throws IOException {
        Path good = generated(compression, "t");
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut_" + good.getFileName()), Arrays.copyOf(bytes, bytes.length * 2 / 3));
        assertOpenFails(cut, ElementType.UINT8, "corrupt or truncated " + compression.yamlName() + " data");
    }

    @ParameterizedTest
    @EnumSource(value = Compression.class, names = {"GZIP", "BZ2", "XZ", "ZSTD"})
    void damagedCompressedFileIsCorrupt(Compression compression) throws IOException {
        Path good = generated(compression, "d");
        byte[] bytes = Files.readAllBytes(good);
        for (int i = bytes.length / 3; i < bytes.length * 2 / 3; i++) {
            bytes[i] ^= 0x5A;
        }
        Path bad = Files.write(dir.resolve("bad_" + good.getFileName()), bytes);
        // the codec's own check (CRC, checksum, structure) finds it; never data that merely looks different
        assertOpenFails(bad, ElementType.UINT8, "corrupt or truncated " + compression.yamlName() + " data");
    }

    @Test
    void gzipWithGarbageAfterTheStreamIsCorrupt() throws IOException {
        Path good = generated(Compression.GZIP, "g");
        Path bad = Files.write(dir.resolve("garbage.csv.gz"), concat(Files.readAllBytes(good), "1,2,3\n".getBytes(StandardCharsets.US_ASCII)));
        assertOpenFails(bad, ElementType.UINT8, "corrupt or truncated gzip data");
    }

    private Path generated(Compression compression, String name) throws IOException {
        DatasetConfig dataset = TestDatasets.of(FormatType.CSV).compression(compression).compressionLevel(1).build();
        return CsvTesting.write(dir, dataset, CsvTesting.spec(name, List.of(64, 64), 8, 3));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private Path text(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    }

    private void assertReadFails(String content, ElementType type, String reason) throws IOException {
        Path file = text("v" + System.nanoTime() + ".csv", content);
        try (SampleFile f = CsvTesting.open(file, type)) {
            DataFileException e = catchThrowableOfType(() -> CsvTesting.readAll(f), DataFileException.class);
            assertOneLineNaming(e, file, reason);
        }
    }

    private static DataFileException assertOpenFails(Path file, ElementType type, String reason) {
        DataFileException e = catchThrowableOfType(() -> CsvTesting.open(file, type).close(), DataFileException.class);
        assertOneLineNaming(e, file, reason);
        return e;
    }

    private static void assertOneLineNaming(DataFileException e, Path file, String reason) {
        assertThat(e).as("expected a DataFileException containing \"%s\"", reason).isNotNull();
        assertThat(e.getMessage()).startsWith(file + ": ").contains(reason).doesNotContain("\n");
        assertThat(e.file()).isEqualTo(file);
    }
}
