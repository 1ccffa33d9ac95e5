package org.dlioparquet.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.dlioparquet.core.config.ConfigException;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage credentials in a workload never reach an output: {@code config.yaml}, {@code summary.json},
 * the log, an error message.
 */
class StorageCredentialsTest {
    private static final String ACCESS = "AKIAOUTPUTTESTACCESS";
    private static final String SECRET = "outputs-never-show-THIS/secret+value";

    @TempDir
    Path dir;

    private WorkloadConfig workload(String storage, String... overrides) {
        return new WorkloadLoader().baseDirectory(dir).load("""
                workflow: {generate_data: True, train: True}
                dataset: {format: npz, num_files_train: 2, num_samples_per_file: 2, record_length_bytes: 1024,
                          data_folder: data}
                reader: {batch_size: 2, read_threads: 1}
                train: {epochs: 1}
                """ + storage, "w.yaml", List.of(overrides));
    }

    @Test
    void credentialsAreMaskedInEveryOutputOfARun() throws IOException {
        WorkloadConfig c = workload("storage: {storage_type: local_fs, storage_options: {access_key_id: " + ACCESS
                + ", secret_access_key: '" + SECRET + "', endpoint_url: 'http://127.0.0.1:9000'}}\n");
        assertThat(c.storage().toString()).doesNotContain(ACCESS).doesNotContain(SECRET).contains("****");
        Path out = dir.resolve("out");
        Dlio.run(c, RunOptions.defaults().withOutputFolder(out));
        String yaml = Files.readString(out.resolve("config.yaml"));
        assertThat(yaml).contains("access_key_id: '****'").contains("secret_access_key: '****'")
                .contains("endpoint_url: http://127.0.0.1:9000");
        try (Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain(ACCESS).doesNotContain(SECRET);
            }
        }
        assertThat(out.resolve("summary.json")).exists();
    }

    @Test
    void anUnreachableS3EndpointFailsInOneLineNamingTheObjectWithoutItsSecret() {
        WorkloadConfig s3 = workload("storage: {storage_type: s3, storage_root: bucket, storage_options: "
                + "{endpoint_url: 'http://127.0.0.1:9', access_key_id: " + ACCESS + ", secret_access_key: '" + SECRET
                + "', s3_max_attempts: 1}}\n");
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> Dlio.generate(s3), () -> Dlio.validate(s3, false),
                () -> Dlio.run(s3, RunOptions.defaults().withOutputFolder(dir.resolve("out"))))) {
            assertThatThrownBy(call).isInstanceOf(IOException.class).hasMessageContaining("s3://bucket/data")
                    .hasMessageContaining("cannot reach http://127.0.0.1:9")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotContain(SECRET)
                            .doesNotContain(ACCESS));
        }
        assertThat(dir.resolve("data")).as("nothing written locally instead").doesNotExist();
    }

    @Test
    void s3OptionsAreCheckedWhenTheWorkloadLoads() {
        assertThatThrownBy(() -> workload("storage: {storage_type: s3, storage_root: b, storage_options: "
                + "{s3_max_attempts: zero, endpoint_url: 'ftp://x', access_key_id: " + ACCESS + "}}\n"))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(
                        "storage.storage_options.endpoint_url: 'ftp://x' is not an http:// or https:// URL",
                        "storage.storage_options.secret_access_key: is missing while access_key_id is set",
                        "storage.storage_options.s3_max_attempts: must be a whole number, got 'zero'")
                        .doesNotContain(ACCESS));
    }
}
