package org.dlioparquet.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.ElementType;
import org.dlioparquet.core.FormatType;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.RunResult;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.dlioparquet.core.spi.FormatRegistry;
import org.dlioparquet.core.spi.ReaderSettings;
import org.dlioparquet.core.spi.SampleFile;
import org.dlioparquet.core.storage.ReadChannels;
import org.dlioparquet.core.storage.StorageTraffic;
import org.dlioparquet.core.testing.DirectIo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An epoch with {@code reader.odirect} fetches each byte of the dataset once, in as few device
 * requests as the 1 MiB transfers allow, and {@code summary.json} says so under
 * {@code dlio_parquet.storage}: with and without read-ahead (which opens each reader thread's next
 * file ahead), a one-sample NPZ of a little over 1 MiB costs one request (its last 498 bytes ride
 * with the transfer), where a plain loop of 1 MiB O_DIRECT reads of the whole file makes two.
 */
class ODirectRunTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private WorkloadConfig config(String format, int files, int perFile, String... extra) {
        List<String> o = new ArrayList<>(List.of("dataset.format=" + format,
                "dataset.data_folder='" + dir.resolve("data") + "'", "dataset.num_files_train=" + files,
                "dataset.num_samples_per_file=" + perFile, "dataset.record_length_bytes=" + MIB,
                "dataset.compression=none", "dataset.parquet.row_group_size=" + perFile, "reader.batch_size=4",
                "reader.odirect=True", "reader.transfer_size=" + MIB, "train.epochs=1", "train.computation_time=0",
                "workflow.generate_data=False", "workflow.train=True", "output.folder='" + dir.resolve("out") + "'"));
        o.addAll(List.of(extra));
        return new WorkloadLoader().fromOverrides(o);
    }

    @ParameterizedTest
    @CsvSource({"npz,12,1,False,1", "npz,12,1,True,1", "npz,12,1,True,2", "parquet,2,6,False,1",
            "parquet,2,6,True,1", "parquet,2,16,True,2", "parquet,2,16,False,2"})
    void anEpochFetchesEveryByteOnceAndTheSummarySaysWhatItCost(String format, int files, int perFile,
                                                                 String readAhead, int threads) throws IOException {
        Dlio.generate(config(format, files, perFile));
        List<Path> data;
        try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
            data = all.filter(p -> p.toString().endsWith("." + format)).toList();
        }
        assumeTrue(DirectIo.works(data.get(0)), "the test folder's file system refuses O_DIRECT");
        long fileBytes = 0;
        long transfers = 0;
        for (Path p : data) {
            fileBytes += Files.size(p);
            transfers += (Files.size(p) + MIB - 1) / MIB;
        }

        RunResult run = Dlio.run(config(format, files, perFile, "reader.odirect_read_ahead=" + readAhead,
                "reader.read_threads=" + threads), RunOptions.defaults());

        assertThat(run.summary().epochs().get(0).train().samples()).isEqualTo((long) files * perFile);
        Map<?, ?> summary = new ObjectMapper().readValue(run.outputFolder().resolve("summary.json").toFile(),
                Map.class);
        Map<?, ?> storage = (Map<?, ?>) ((Map<?, ?>) summary.get("dlio_parquet")).get("storage");
        assertThat(storage.get("name")).isEqualTo(dir.resolve("data").toString());
        long opened = format.equals("npz") ? files : (long) files * threads; // each thread reads rows of each file
        assertThat(((Number) storage.get("objects_opened")).longValue()).as("each file opened once per reader")
                .isEqualTo(opened);
        long fetched = ((Number) storage.get("bytes_fetched")).longValue();
        long requests = ((Number) storage.get("requests")).longValue();
        if (format.equals("npz")) {
            assertThat(fetched).as("each byte fetched once").isEqualTo(fileBytes);
            assertThat(transfers).as("1 MiB transfers a plain loop makes").isEqualTo(2L * files);
            assertThat(requests).as("each whole file in one request").isEqualTo(files);
        } else if (threads == 1) {
            // each range of the row group fetched once; the footer's block apart, and again when its range was replaced
            assertThat(fetched).as("each byte once, the footer's block at most twice more")
                    .isBetween(fileBytes, fileBytes + 2L * files * (64 << 10));
            assertThat(requests).as("1 MiB transfers and the footer's block").isBetween(transfers, transfers + 3L * files);
        } else {
            // batches of 4 rows dealt to the two threads in turn: neither reads (ahead) into the other's rows; each
            // thread reads a file's footer, and the first range for its leading magic
            assertThat(fetched).as("each byte once, and each file's first range and footer once more")
                    .isBetween(fileBytes, fileBytes + files * (MIB + 2L * (64 << 10)));
        }
        assertThat(run.summary().epochs().get(0).train().storageBytes()).as("the bytes the readers took")
                .isBetween(fileBytes * 9 / 10, fileBytes + (threads - 1L) * files * (64 << 10)); // each its footer
    }

    @Test
    void rowsPastAParquetRowGroupsStartAreFoundThroughTheOffsetIndexNotByFetchingThePagesBefore()
            throws IOException {
        // what a second reader thread does with DLIO's order: file 0's rows 8-11 while another reads rows 0-7
        Dlio.generate(config("parquet", 1, 16));
        Path file;
        try (Stream<Path> all = Files.walk(dir.resolve("data"))) {
            file = all.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        assumeTrue(DirectIo.works(file), "the test folder's file system refuses O_DIRECT");
        ReaderSettings settings = new ReaderSettings(ElementType.UINT8, List.of(), true, MIB,
                ReaderSettings.DEFAULT_MAX_VALUE_BYTES);
        StorageTraffic.Snapshot before = ReadChannels.directTraffic().snapshot();
        long[] delivered = new long[1];
        try (SampleFile f = FormatRegistry.loadDefault().provider(FormatType.of("parquet")).newReader(settings)
                .open(file)) {
            f.read(8, 4, (sample, column, piece) -> delivered[0] += piece == null ? 0 : piece.remaining());
        }
        StorageTraffic.Snapshot read = ReadChannels.directTraffic().snapshot().minus(before);

        assertThat(delivered[0]).as("4 samples of 1 MiB and their labels").isGreaterThanOrEqualTo(4L * MIB);
        // the first range (the magic), the footer's block, the four pages and the next page's header: not
        // the eight pages before them
        assertThat(read.bytesFetched()).isLessThan(7L * MIB);
        // the first range, the footer and the chunk's offset index, the five ranges that hold the four
        // pages: not a block for each of the eight page headers before them as well
        assertThat(read.requests()).isLessThanOrEqualTo(8);
    }
}
