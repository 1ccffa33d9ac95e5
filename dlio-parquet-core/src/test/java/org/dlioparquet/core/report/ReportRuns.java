package org.dlioparquet.core.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dlioparquet.core.Dlio;
import org.dlioparquet.core.RunOptions;
import org.dlioparquet.core.config.WorkloadConfig;
import org.dlioparquet.core.config.WorkloadLoader;

/** Small real runs whose output folders the report tests read. */
final class ReportRuns {
    private ReportRuns() {
    }

    /** Two accelerators, training and evaluation over a small Parquet dataset in {@code dir}; returns the output folder. */
    static Path run(Path dir, String name, String... overrides) throws IOException {
        WorkloadConfig c = new WorkloadLoader().baseDirectory(dir).load("""
                model: {name: reported}
                workflow: {generate_data: True, train: True, evaluation: True}
                dataset: {format: parquet, num_files_train: 8, num_files_eval: 4, num_samples_per_file: 8,
                          record_length_bytes: 4096, parquet: {row_group_size: 4}}
                reader: {batch_size: 4, batch_size_eval: 4, read_threads: 1}
                train: {epochs: 3, computation_time: 0.002}
                evaluation: {eval_time: 0.001}
                """, "reported.yaml", List.of(overrides));
        Path out = dir.resolve(name);
        Dlio.run(c, RunOptions.defaults().withAccelerators(2).withOutputFolder(out));
        return out;
    }
}
