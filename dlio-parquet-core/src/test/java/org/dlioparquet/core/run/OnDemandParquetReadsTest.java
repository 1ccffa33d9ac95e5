package org.dlioparquet.core.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.metrics.PhaseSummary;
import org.dlioparquet.core.spi.FormatRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code read_type: on_demand} over Parquet (a file opened, one sample read, the file closed, for
 * every sample) reads only the pages that hold each sample, and the summary's measured bytes and
 * MB/s are bytes the process really read. The bounds are worked out here from the files' own
 * footers and page headers, parsed with parquet-format, not by the reader under test.
 */
class OnDemandParquetReadsTest {
    private static final List<String> DLRM27 = Stream.concat(Stream.of("label"), Stream.concat(
            IntStream.range(0, 13).mapToObj(i -> "dense_" + i), IntStream.range(0, 13).mapToObj(i -> "cat_" + i)))
            .toList();

    @TempDir
    Path dir;

    private WorkloadConfig workload(String yaml, String... overrides) {
        return new WorkloadLoader(FormatRegistry.loadDefault()).baseDirectory(dir).load(yaml, "w.yaml",
                List.of(overrides));
    }

    private static String blobs(int samples, long bytes, String compression) {
        return """
                model: {name: blobs}
                workflow: {generate_data: True, train: True}
                dataset: {format: parquet, data_folder: data/blobs, num_files_train: 3, num_samples_per_file: %d,
                          record_length_bytes: %d, compression: %s, parquet: {row_group_size: 8}}
                reader: {batch_size: 4, read_threads: 1, read_type: on_demand, sample_shuffle: seed}
                train: {epochs: 2}
                """.formatted(samples, bytes, compression);
    }

    private RunResult run(WorkloadConfig c) throws IOException {
        return Dlio.run(c, RunOptions.defaults().withOutputFolder(dir.resolve("out")));
    }

    @ParameterizedTest(name = "{0} samples of {1} bytes")
    @CsvSource({"32, 65536", "12, 262144", "8, 1048576"})
    void anUncompressedBlobEpochReadsAtMostTwiceItsNominalBytes(int samples, long bytes) throws Exception {
        RunResult r = run(workload(blobs(samples, bytes, "none")));

        long nominal = 3L * samples * bytes;
        for (var e : r.summary().epochs()) {
            PhaseSummary t = e.train();
            assertThat(t.samples()).isEqualTo(3L * samples);
            // the first sample of a page reads the page; later ones read their value alone. Nothing
            // learned serves the next epoch: each one finds the pages again
            assertThat(t.storageBytes()).as("epoch %d", e.epoch()).isBetween(nominal, 2 * nominal);
        }
    }

    @Test
    void aCompressedBlobEpochReadsThePagesHoldingItsSamples() throws Exception {
        WorkloadConfig c = workload(blobs(16, 131072, "snappy"));
        RunResult r = run(c);

        long most = 0;
        for (Path file : files(dir.resolve("data/blobs/train"))) {
            // the pages of every row, and what finding them costs: the footer and the page headers
            most += costOfEveryRow(file, List.of("data", "label")) + footerBytes(file)
                    + headerBytes(file, List.of("data", "label"));
        }
        for (var e : r.summary().epochs()) {
            assertThat(e.train().storageBytes()).as("epoch %d", e.epoch()).isPositive().isLessThanOrEqualTo(most);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dlrm_pyarrow_v1_snappy.parquet", "dlrm_pyarrow_v2_zstd.parquet",
        "dlrm_pyarrow_v1_none.parquet"})
    void aColumnSchemaEpochReadsAtMostTheProjectedPagesOfEachSample(String name) throws Exception {
        // a pyarrow DLRM-like file (dictionaries, nulls, several pages per chunk) as a two-file dataset
        Path train = Files.createDirectories(dir.resolve("data/dlrm/train"));
        Path fixture = Path.of(OnDemandParquetReadsTest.class.getResource(
                "/org/dlioparquet/core/format/parquet/realworld/" + name).toURI());
        Files.copy(fixture, train.resolve("img_0_of_2.parquet"));
        Files.copy(fixture, train.resolve("img_1_of_2.parquet"));
        WorkloadConfig c = workload("""
                model: {name: dlrm}
                workflow: {generate_data: False, train: True}
                dataset: {format: parquet, data_folder: data/dlrm, num_files_train: 2, num_samples_per_file: 600,
                          record_length_bytes: 200}
                reader: {batch_size: 8, read_threads: 1, read_type: on_demand, sample_shuffle: seed}
                train: {epochs: 2}
                """, "++workload.reader.columns=[" + String.join(",", DLRM27) + "]");
        RunResult r = run(c);

        long pages = 2 * costOfEveryRow(fixture, DLRM27);
        long footers = 2 * footerBytes(fixture);
        for (var e : r.summary().epochs()) {
            PhaseSummary t = e.train();
            assertThat(t.samples()).isEqualTo(1200);
            // every epoch finds the pages again: footers and page headers
            assertThat(t.storageBytes()).as("epoch %d", e.epoch()).isPositive()
                    .isLessThanOrEqualTo(pages + footers + 2 * headerBytes(fixture, DLRM27));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"memory", "on_demand"})
    void theMeasuredBytesAreNeverMoreThanTheProcessRead(String readType) throws Exception {
        Dlio.generate(workload(blobs(16, 65536, "none")));
        WorkloadConfig c = workload(blobs(16, 65536, "none"), "++workload.workflow.generate_data=False",
                "++workload.reader.read_type=" + readType);

        long before = processReadBytes();
        RunResult r = run(c);
        long read = processReadBytes() - before;

        long measured = 0;
        for (var e : r.summary().epochs()) {
            PhaseSummary t = e.train();
            measured += t.storageBytes();
            assertThat(t.storageBytes()).isPositive();
        }
        assertThat(measured).isLessThanOrEqualTo(read);
    }

    /** Bytes read by every read and pread of this process so far ({@code rchar} of {@code /proc/self/io}). */
    private static long processReadBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("rchar:")) {
                return Long.parseLong(line.substring(6).trim());
            }
        }
        throw new IllegalStateException("no rchar in /proc/self/io");
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private static FileMetaData footer(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int length = ByteBuffer.wrap(bytes, bytes.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return Util.readFileMetaData(new ByteArrayInputStream(bytes, bytes.length - 8 - length, length));
    }

    private static long footerBytes(Path file) throws IOException {
        byte[] tail = new byte[8];
        try (FileChannel in = FileChannel.open(file)) {
            in.read(ByteBuffer.wrap(tail), in.size() - 8);
        }
        return ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt(0) + 12L;
    }

    /** The chunks of {@code columns} (top-level names) in every row group. */
    private static Stream<ColumnMetaData> chunks(FileMetaData footer, List<String> columns, RowGroup g) {
        return g.getColumns().stream().map(ColumnChunk::getMeta_data)
                .filter(m -> columns.contains(m.getPath_in_schema().get(0)));
    }

    /**
     * For every row, the bytes of the pages (header and data) that hold it in each of {@code columns},
     * plus the chunk's dictionary page: the most an on-demand read of the row may fetch.
     */
    private static long costOfEveryRow(Path file, List<String> columns) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        FileMetaData footer = footer(file);
        long total = 0;
        for (RowGroup g : footer.getRow_groups()) {
            for (ColumnMetaData m : chunks(footer, columns, g).toList()) {
                long at = m.isSetDictionary_page_offset() && m.getDictionary_page_offset() > 0
                        ? Math.min(m.getDictionary_page_offset(), m.getData_page_offset()) : m.getData_page_offset();
                long end = at + m.getTotal_compressed_size();
                long dictionary = 0;
                while (at < end) {
                    InputStream in = new ByteArrayInputStream(bytes, (int) at, (int) (end - at));
                    int before = in.available();
                    PageHeader h = Util.readPageHeader(in);
                    long size = before - in.available() + h.getCompressed_page_size();
                    if (h.getType() == PageType.DICTIONARY_PAGE) {
                        dictionary = size;
                    } else {
                        int rows = h.getType() == PageType.DATA_PAGE ? h.getData_page_header().getNum_values()
                                : h.getData_page_header_v2().getNum_rows();
                        total += rows * (size + dictionary);
                    }
                    at += size;
                }
            }
        }
        return total;
    }

    /** Bytes of every page header of {@code columns}, as probes of up to 256 bytes read them. */
    private static long headerBytes(Path file, List<String> columns) throws IOException {
        FileMetaData footer = footer(file);
        long pages = 0;
        for (RowGroup g : footer.getRow_groups()) {
            pages += chunks(footer, columns, g).count() * 16;
        }
        return pages * 256;
    }

}
