package org.dlioparquet.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The O_DIRECT baseline runs the real fio (installed by .ci/run). */
class FioReadsTest {
    @TempDir
    Path dir;

    @Test
    void fioReadsEveryByteOfTheFilesSplitOverItsJobs() throws IOException {
        assertThat(FioReads.missing()).as("fio must be installed for the bench's O_DIRECT rows").isNull();
        Path data = Files.createDirectories(dir.resolve("data"));
        List<Path> files = List.of(Files.write(data.resolve("a"), new byte[3 << 20]),
                Files.write(data.resolve("b"), new byte[2 << 20]), Files.write(data.resolve("c"), new byte[1 << 20]));

        for (int threads : new int[] {1, 2, 5}) {
            // one scratch folder for every case, as the bench uses it: no case reads another's files
            RepMeasure m = new FioReads(files, threads, 1 << 20, dir.resolve("scratch")).rep();

            assertThat(m.get(RepMeasure.BYTES)).as("%d jobs", threads).isEqualTo(6.0 * (1 << 20));
            assertThat(m.get(EpochWork.REQUESTS)).as("one request per 1 MiB").isEqualTo(6.0);
            assertThat(m.get(RepMeasure.MIBPS)).isPositive();
        }
        assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isPositive());
    }

    @Test
    void fioLeavesOutAFilesLastPartialBlock() throws IOException {
        // as a one-sample NPZ of 1 MiB is: the ZIP's records make it 498 bytes longer
        Path data = Files.createDirectories(dir.resolve("data"));
        List<Path> files = List.of(Files.write(data.resolve("a"), new byte[(1 << 20) + 498]),
                Files.write(data.resolve("b"), new byte[(1 << 20) + 498]));

        RepMeasure m = new FioReads(files, 1, 1 << 20, dir.resolve("scratch")).rep();

        assertThat(m.get(RepMeasure.BYTES)).isEqualTo(2.0 * (1 << 20));
        assertThat(m.get(EpochWork.REQUESTS)).isEqualTo(2.0);
    }

    @Test
    void theRateIsAllJobsBytesOverTheSlowestJobsTimeAndAFailedJobIsAnError() throws IOException {
        ObjectMapper json = new ObjectMapper();
        RepMeasure m = FioReads.measure(json.readTree("""
                {"jobs": [{"jobname": "reader0", "error": 0,
                           "read": {"io_bytes": 3145728, "runtime": 1500, "total_ios": 3}},
                          {"jobname": "reader1", "error": 0,
                           "read": {"io_bytes": 1048576, "runtime": 2000, "total_ios": 1}}]}"""));

        assertThat(m.get(RepMeasure.BYTES)).isEqualTo(4194304.0);
        assertThat(m.get(EpochWork.REQUESTS)).isEqualTo(4.0);
        assertThat(m.get(RepMeasure.SECONDS)).isEqualTo(2.0);
        assertThat(m.get(RepMeasure.MIBPS)).isEqualTo(2.0);
        assertThatThrownBy(() -> FioReads.measure(json.readTree("""
                {"jobs": [{"jobname": "reader0", "error": 22, "read": {"io_bytes": 0, "runtime": 0}}]}""")))
                .isInstanceOf(IOException.class).hasMessage("fio job reader0 failed with error 22");
    }
}
