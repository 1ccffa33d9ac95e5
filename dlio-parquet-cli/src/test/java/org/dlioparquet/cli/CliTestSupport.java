package org.dlioparquet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs the command line in-process and captures what it prints. */
final class CliTestSupport {
    private CliTestSupport() {
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DlioParquetCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Result(code, out.toString(), err.toString());
    }

    /** The shared fixtures next to the checkout. */
    static Path fixture(String relative) {
        String prop = System.getProperty("dlio.fixtures");
        Path root = prop != null ? Path.of(prop) : Path.of("../../shared/fixtures");
        Path p = root.resolve(relative).toAbsolutePath().normalize();
        if (!Files.exists(p)) {
            throw new IllegalStateException("missing fixture " + p);
        }
        return p;
    }

    /** A small Parquet workload in {@code dir}, data under {@code dir/data}. */
    static Path smallWorkload(Path dir, String extraYaml) throws IOException {
        Path yaml = dir.resolve("small.yaml");
        Files.writeString(yaml, """
                model: {name: small}
                workflow: {generate_data: True, train: True}
                dataset:
                  data_folder: %s
                  format: parquet
                  num_files_train: 4
                  num_samples_per_file: 8
                  record_length_bytes: 4096
                  parquet: {row_group_size: 4}
                reader: {batch_size: 4, read_threads: 1}
                train: {epochs: 2}
                %s
                """.formatted(dir.resolve("data"), extraYaml));
        return yaml;
    }
}
