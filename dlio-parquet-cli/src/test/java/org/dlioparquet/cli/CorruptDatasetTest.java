package org.dlioparquet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dlioparquet.cli.CliTestSupport.fixture;
import static org.dlioparquet.cli.CliTestSupport.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.dlioparquet.cli.CliTestSupport.Result;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A dataset with one broken file (from {@code fixtures/bad} and parquet-testing's {@code bad_data})
 * in place of a generated one: {@code validate --deep} and {@code run} stop with exit 3 and one
 * line naming the file, without a stack trace or a hang; {@code reader.on_error: skip} runs on and
 * counts it.
 */
class CorruptDatasetTest {
    @TempDir
    Path dir;

    private Path datasetWith(String fixture, String format, String compression) throws IOException {
        Path yaml = dir.resolve("w.yaml");
        Files.writeString(yaml, """
                model: {name: corrupt}
                workflow: {generate_data: False, train: True}
                dataset: {format: %s, compression: %s, data_folder: %s, num_files_train: 2, num_samples_per_file: 2,
                          record_length_bytes: 64}
                reader: {batch_size: 2}
                """.formatted(format, compression, dir.resolve("data")));
        assertThat(run("datagen", yaml.toString()).code()).isZero();
        String ext = Path.of(fixture).getFileName().toString().substring(Path.of(fixture).getFileName().toString()
                .indexOf('.') + 1);
        Path victim = dir.resolve("data/train/img_0_of_2." + ext);
        Files.copy(fixture(fixture), victim, StandardCopyOption.REPLACE_EXISTING);
        return yaml;
    }

    @ParameterizedTest
    @CsvSource({
            "bad/empty.npz,npz,none", "bad/npz_bad_central_dir_offset.npz,npz,none",
            "bad/npz_bad_central_dir_signature.npz,npz,none", "bad/npz_missing_x.npz,npz,none",
            "bad/npz_trunc_50pct.npz,npz,none", "bad/npz_trunc_before_central_dir.npz,npz,none",
            "bad/npz_x_shape_too_big.npz,npz,none",
            "bad/empty.npy,npy,none", "bad/npy_complex128.npy,npy,none",
            "bad/empty.csv,csv,none", "bad/csv_non_numeric.csv,csv,none", "bad/csv_ragged.csv,csv,none",
            "bad/csv_trunc_50pct.csv,csv,none", "bad/csv_trunc_tail.csv,csv,none", "bad/empty.csv.gz,csv,gzip",
            "bad/empty.parquet,parquet,none", "bad/parquet_bad_magic_both.parquet,parquet,none",
            "bad/parquet_bad_magic_head.parquet,parquet,none", "bad/parquet_bad_magic_tail.parquet,parquet,none",
            "bad/parquet_footer_len_huge.parquet,parquet,none", "bad/parquet_footer_len_negative.parquet,parquet,none",
            "bad/parquet_trunc_50pct.parquet,parquet,none", "bad/parquet_trunc_before_footer.parquet,parquet,none",
            "parquet-testing/bad_data/PARQUET-1481.parquet,parquet,none",
            "parquet-testing/bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet,parquet,none",
            "parquet-testing/bad_data/ARROW-RS-GH-6229-LEVELS.parquet,parquet,none",
            "parquet-testing/bad_data/ARROW-GH-41321.parquet,parquet,none",
            "parquet-testing/bad_data/ARROW-GH-41317.parquet,parquet,none",
            "parquet-testing/bad_data/ARROW-GH-45185.parquet,parquet,none",
            "parquet-testing/bad_data/ARROW-GH-47662.parquet,parquet,none"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aBrokenFileIsADataErrorNamingItAndSkipCountsIt(String fixture, String format, String compression)
            throws IOException {
        Path yaml = datasetWith(fixture, format, compression);
        String victim = dir.resolve("data/train").toString();

        Result deep = run("validate", yaml.toString(), "--data", "--deep");
        assertThat(deep.code()).as(deep.err()).isEqualTo(ExitCodes.DATA);
        assertThat(deep.err()).contains(victim + "/img_0_of_2.").doesNotContain("\tat ").doesNotContain("Exception");

        Result failed = run("run", yaml.toString(), "-o", dir.resolve("out1").toString());
        assertThat(failed.code()).as(failed.err()).isEqualTo(ExitCodes.DATA);
        assertThat(failed.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("dlio-parquet: " + victim + "/img_0_of_2.");
        assertThat(failed.err()).doesNotContain("\tat ").doesNotContain("Exception");

        Result skipped = run("run", yaml.toString(), "++workload.reader.on_error=skip", "--json",
                "-o", dir.resolve("out2").toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(skipped.out());
        assertThat(summary.get("dlio_parquet").get("skipped_files").fieldNames()).toIterable()
                .singleElement().asString().startsWith("train/img_0_of_2.");
        assertThat(summary.get("dlio_parquet").get("skipped_samples").asLong()).isEqualTo(2);
    }

    /**
     * Truncated and bit-flipped files of the formats that came with DLIO's other workloads: a flip is
     * placed where the format can notice it (a TFRecord or PNG CRC, HDF5 metadata checksums, a JPEG
     * marker, an indexed-binary offset); raw sample bytes without a checksum (HDF5 contiguous data,
     * indexed binary, JPEG's scan) cannot tell a flipped bit from data.
     */
    @ParameterizedTest
    @CsvSource({"tfrecord,truncate", "tfrecord,flip-middle", "hdf5,truncate", "hdf5,flip-start",
            "png,truncate", "png,flip-middle", "jpeg,truncate", "jpeg,flip-start", "indexed_binary,truncate",
            "indexed_binary,flip-offsets", "mmap_indexed_binary,truncate", "mmap_indexed_binary,flip-offsets"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aDamagedFileOfTheOtherDlioFormatsIsADataErrorAndSkipCountsIt(String format, String damage)
            throws IOException {
        boolean image = format.equals("png") || format.equals("jpeg");
        Path yaml = dir.resolve("w.yaml");
        Files.writeString(yaml, """
                model: {name: damaged}
                workflow: {generate_data: False, train: True}
                dataset: {format: %s, data_folder: %s, num_files_train: 2, num_samples_per_file: %d,
                          record_length_bytes: 4096}
                reader: {batch_size: 1}
                """.formatted(format, dir.resolve("data"), image ? 1 : 2));
        assertThat(run("datagen", yaml.toString()).code()).isZero();
        Path victim = dir.resolve("data/train/img_0_of_2." + format);
        Path damaged = damage.equals("flip-offsets") ? Path.of(victim + ".off.idx") : victim;
        byte[] bytes = Files.readAllBytes(damaged);
        switch (damage) {
            case "truncate" -> bytes = Arrays.copyOf(bytes, bytes.length / 2);
            case "flip-middle" -> bytes[bytes.length / 2] ^= 0x10;
            case "flip-start" -> bytes[format.equals("jpeg") ? 2 : 12] ^= 0x10;
            case "flip-offsets" -> bytes[8 + 6] ^= 0x10; // sample 1's offset moves far past the file
            default -> throw new IllegalArgumentException(damage);
        }
        Files.write(damaged, bytes);

        Result failed = run("run", yaml.toString(), "-o", dir.resolve("out1").toString());
        assertThat(failed.code()).as(failed.err()).isEqualTo(ExitCodes.DATA);
        assertThat(failed.err().lines().toList()).hasSize(1).first().asString()
                .startsWith("dlio-parquet: " + victim);
        assertThat(failed.err()).doesNotContain("\tat ").doesNotContain("Exception");

        Result skipped = run("run", yaml.toString(), "++workload.reader.on_error=skip", "--json",
                "-o", dir.resolve("out2").toString());
        assertThat(skipped.code()).as(skipped.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(skipped.out());
        assertThat(summary.get("dlio_parquet").get("skipped_files").fieldNames()).toIterable()
                .singleElement().asString().startsWith("train/img_0_of_2.");
        assertThat(summary.get("dlio_parquet").get("skipped_samples").asLong()).isPositive();
    }
}
